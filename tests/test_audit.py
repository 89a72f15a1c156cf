"""Every change to domain data is attributable: who, when, what, before and after."""
from coalition.db import db
from coalition.models import AuditRecord, Organisation

from .conftest import log_in


def _records(entity: str, entity_id) -> list[AuditRecord]:
    return db.session.scalars(
        db.select(AuditRecord).where(AuditRecord.entity == entity, AuditRecord.entity_id == str(entity_id)).order_by(AuditRecord.id)
    ).all()


def test_creating_an_organisation_in_the_browser_records_who_did_it(client_as):
    staff = client_as("staff")
    staff.post("/organisations/new", data={"name": "Norrviks Fritidsgård", "sector": "public", "kind": "municipality"})
    organisation = db.session.scalar(db.select(Organisation).where(Organisation.name == "Norrviks Fritidsgård"))
    [record] = _records("Organisation", organisation.id)
    assert record.action == "insert"
    assert record.user_id == staff.user.id
    assert record.changes["name"] == [None, "Norrviks Fritidsgård"]
    assert record.changes["sector"] == [None, "public"]


def test_an_edit_records_each_changed_field_before_and_after(client_as, make_organisation):
    staff = client_as("staff")
    organisation = make_organisation("Gamla Namnet")
    staff.post(f"/organisations/{organisation.id}/edit", data={
        "version": organisation.version, "name": "Nya Namnet", "sector": "civil", "kind": "association",
    })
    update = _records("Organisation", organisation.id)[-1]
    assert update.action == "update"
    assert update.user_id == staff.user.id
    assert update.changes == {"name": ["Gamla Namnet", "Nya Namnet"]}


def test_changes_to_a_list_of_neighbourhoods_are_recorded_as_ids(client_as, make_organisation, make_neighbourhood):
    staff = client_as("staff")
    organisation = make_organisation("Föreningen Bron")
    rosengard = make_neighbourhood("Östra Backen")
    staff.post(f"/organisations/{organisation.id}/edit", data={
        "version": organisation.version, "name": "Föreningen Bron", "sector": "civil", "kind": "association",
        "neighbourhood_ids": [rosengard.id],
    })
    update = _records("Organisation", organisation.id)[-1]
    assert update.changes["neighbourhoods"] == [[], [rosengard.id]]


def test_a_deletion_is_recorded_with_what_was_there(app, make_organisation):
    organisation = make_organisation("Kortlivade AB")
    organisation_id = organisation.id
    db.session.delete(organisation)
    db.session.commit()
    deletion = _records("Organisation", organisation_id)[-1]
    assert deletion.action == "delete"
    assert deletion.changes["name"] == ["Kortlivade AB", None]


def test_a_password_never_reaches_the_audit_trail(make_user):
    user = make_user("staff")
    [record] = _records("User", user.id)
    assert "password_hash" not in record.changes
    assert "$argon2" not in str(record.changes)


def test_admin_filters_the_audit_trail_by_record_type_and_user(client_as, make_organisation):
    admin = client_as("admin")
    staff = client_as("staff")
    staff.post("/organisations/new", data={"name": "Spårbar Förening", "sector": "civil", "kind": "association"})
    make_organisation("Annan Förening")
    page = admin.get(f"/admin/audit?entity=Organisation&user_id={staff.user.id}").get_data(as_text=True)
    assert "Spårbar Förening" in page
    assert "Annan Förening" not in page


def test_a_viewer_cannot_read_the_audit_trail(client_as):
    assert client_as("viewer").get("/admin/audit").status_code == 403


def test_a_login_is_attributed_to_the_user_who_logged_in(client, make_user):
    user = make_user("viewer")
    log_in(client, user.email)
    login = _records("User", user.id)[-1]
    assert login.action == "update" and "last_login_at" in login.changes
    assert login.user_id == user.id
