"""Calls, e-mails, visits and notes with actors outside meetings (issue 15, item 3)."""
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from coalition.audit_names import field_name, record_type_name
from coalition.collaboration import network_view
from coalition.data_protection.anonymisation import TOKEN, anonymise_person
from coalition.data_protection.subject_access import subject_access_report
from coalition.db import db
from coalition.errors import DomainError
from coalition.interactions import InteractionDetails, create_interaction
from coalition.models import AuditRecord, Interaction, InteractionKind, Membership, Organisation, Person, Sector


@pytest.fixture
def actors(make_organisation, make_person):
    """Two organisations; Lena works for the housing company, Omar for the football club."""
    housing = make_organisation("Norrviksbostäder", sector=Sector.PUBLIC)
    club = make_organisation("Kvarnängens IF", sector=Sector.CIVIL)
    lena = make_person("Lena Berg", housing)
    omar = make_person("Omar Said", club)
    return housing, club, lena, omar


def _log(client, **data):
    return client.post("/interactions/new", data={"kind": "call", "happened_on": "2026-02-03", **data})


def _interactions() -> list[Interaction]:
    return list(db.session.scalars(sa.select(Interaction).order_by(Interaction.id)))


def test_staff_log_a_call_from_the_organisation_page_and_see_it_among_its_meetings(client_as, actors, make_meeting):
    housing, _club, lena, _omar = actors
    make_meeting("Trygghetsvandring", attendees=[lena])
    staff = client_as("staff")
    page = staff.get(f"/organisations/{housing.id}").get_data(as_text=True)
    assert 'action="/interactions/new"' in page and "Lena Berg" in page  # her name is offered in the form
    response = _log(staff, organisation_id=housing.id, person_id=lena.id, text="Frågade om lokalen i källaren.")
    assert response.status_code == 302 and response.location.startswith(f"/organisations/{housing.id}")
    (call,) = _interactions()
    assert (call.kind, call.happened_on, call.person_id, call.recorded_by_id) == (
        InteractionKind.CALL, date(2026, 2, 3), lena.id, staff.user.id)
    page = staff.get(f"/organisations/{housing.id}").get_data(as_text=True)
    assert "Frågade om lokalen i källaren." in page and "Trygghetsvandring" in page
    assert page.index("Trygghetsvandring") < page.index("Frågade om lokalen"), "the meeting of March comes first"


def test_a_visit_logged_from_the_person_page_shows_on_theirs_and_goes_back_there(client_as, actors):
    _housing, club, _lena, omar = actors
    staff = client_as("staff")
    page = staff.get(f"/people/{omar.id}").get_data(as_text=True)
    assert "Log a call, e-mail, visit or note" in page
    response = _log(staff, organisation_id=club.id, person_id=omar.id, kind="visit", back="person",
                    text="Besök på kansliet.")
    assert response.location.startswith(f"/people/{omar.id}")
    page = staff.get(f"/people/{omar.id}").get_data(as_text=True)
    assert "Besök på kansliet." in page and "Visit" in page


def test_every_mistake_is_shown_beside_its_field_with_the_input_kept(client_as, actors):
    housing, _club, _lena, _omar = actors
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    response = _log(client_as("staff"), organisation_id=housing.id, kind="note", happened_on=tomorrow, text="")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "the day is in the future" in page and "Write the note." in page
    assert f'value="{tomorrow}"' in page
    assert _interactions() == []


def test_a_day_outside_the_programme_window_is_refused(app, actors):
    housing, *_ = actors
    with pytest.raises(DomainError) as refused:
        create_interaction(db.session, InteractionDetails(housing.id, InteractionKind.CALL, date(1980, 1, 1)))
    assert [e.field for e in refused.value.every] == ["happened_on"]


def test_a_restricted_person_cannot_be_named_in_a_new_interaction(app, actors):
    housing, _club, lena, _omar = actors
    lena.restricted_at = date.today()
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        create_interaction(db.session, InteractionDetails(housing.id, InteractionKind.EMAIL, date(2026, 1, 5),
                                                          person_id=lena.id))
    assert [e.field for e in refused.value.every] == ["person_id"]


def test_staff_edit_and_delete_an_interaction_and_the_audit_trail_names_it(client_as, actors):
    housing, _club, lena, _omar = actors
    staff = client_as("staff")
    _log(staff, organisation_id=housing.id, person_id=lena.id, text="Första samtalet")
    (call,) = _interactions()
    edit = staff.get(f"/interactions/{call.id}/edit").get_data(as_text=True)
    assert "Första samtalet" in edit
    response = staff.post(f"/interactions/{call.id}/edit", data={
        "version": call.version, "organisation_id": housing.id, "person_id": lena.id, "kind": "email",
        "happened_on": "2026-02-04", "text": "Mejl i stället"})
    assert response.status_code == 302
    db.session.expire_all()
    assert (call.kind, call.text) == (InteractionKind.EMAIL, "Mejl i stället")
    assert str(record_type_name("Interaction")) == "Interaction"
    assert str(field_name("Interaction", "happened_on")) == "Day"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditRecord)
                             .where(AuditRecord.entity == "Interaction")) >= 2
    assert "Delete this interaction" in staff.get(f"/interactions/{call.id}/edit").get_data(as_text=True)
    assert staff.post(f"/interactions/{call.id}/delete").status_code == 302
    assert _interactions() == []


def test_a_viewer_can_neither_log_nor_read_interactions(client_as, actors):
    housing, _club, lena, _omar = actors
    _log(client_as("staff"), organisation_id=housing.id, person_id=lena.id, text="Lena berättade om flytten")
    viewer = client_as("viewer")
    assert _log(viewer, organisation_id=housing.id, text="Försök").status_code == 403
    page = viewer.get(f"/organisations/{housing.id}").get_data(as_text=True)
    assert "flytten" not in page and "Lena" not in page and "/interactions/new" not in page


def _tie(first: Organisation, second: Organisation) -> dict | None:
    graph = network_view(db.session).computed.graph
    return graph.edges[first.id, second.id] if graph.has_edge(first.id, second.id) else None


def test_a_contact_is_no_tie_but_joint_work_ties_the_organisation_to_the_persons(app, client_as, actors):
    housing, club, _lena, omar = actors
    staff = client_as("staff")
    _log(staff, organisation_id=housing.id, person_id=omar.id, kind="visit", text="Bara ett besök")
    assert _tie(housing, club) is None, "a contact alone ties no one"
    _log(staff, organisation_id=housing.id, person_id=omar.id, kind="visit", joint_work="y",
         text="Vi målade om klubbstugan tillsammans")
    tie = _tie(housing, club)  # the cached network was dropped when the interaction was saved
    assert tie is not None and tie["joint_interactions"] == 1 and tie["weight"] == 1


def test_joint_work_counts_the_organisation_the_person_worked_for_on_that_day(app, actors, make_organisation):
    housing, club, _lena, omar = actors
    school = make_organisation("Solbackaskolan", sector=Sector.PUBLIC)
    membership = db.session.scalar(sa.select(Membership).where(Membership.person_id == omar.id))
    membership.until_date = date(2025, 12, 31)
    db.session.add(Membership(person_id=omar.id, organisation_id=school.id, from_date=date(2026, 1, 1)))
    db.session.commit()
    create_interaction(db.session, InteractionDetails(housing.id, InteractionKind.VISIT, date(2026, 3, 1),
                                                      person_id=omar.id, joint_work=True))
    db.session.commit()
    assert _tie(housing, school) is not None and _tie(housing, club) is None


def test_joint_work_needs_a_person_of_another_organisation(app, actors):
    housing, _club, lena, _omar = actors
    with pytest.raises(DomainError) as without_person:
        create_interaction(db.session, InteractionDetails(housing.id, InteractionKind.VISIT, date(2026, 3, 1),
                                                          joint_work=True))
    with pytest.raises(DomainError) as own_staff:
        create_interaction(db.session, InteractionDetails(housing.id, InteractionKind.VISIT, date(2026, 3, 1),
                                                          person_id=lena.id, joint_work=True))
    assert [e.field for e in without_person.value.every] == ["person_id"]
    assert [e.field for e in own_staff.value.every] == ["joint_work"]


def test_the_subject_access_export_holds_the_interactions_with_the_person(client_as, actors):
    housing, _club, lena, _omar = actors
    _log(client_as("staff"), organisation_id=housing.id, person_id=lena.id, text="Hon vill starta en läxhjälp")
    report = subject_access_report(db.session, lena)
    assert [(i["organisation"], i["text"], i["kind"]) for i in report["interactions"]] == [
        ("Norrviksbostäder", "Hon vill starta en läxhjälp", "call")]
    assert any(entry["entity"] == "Interaction" for entry in report["audit_trail"])


def test_anonymisation_erases_what_was_written_about_the_person_and_keeps_the_contact(client_as, actors):
    housing, _club, lena, omar = actors
    staff = client_as("staff")
    _log(staff, organisation_id=housing.id, person_id=lena.id, text="Hon flyttar i vår, ring efter påsk")
    _log(staff, organisation_id=housing.id, person_id=omar.id, text="Omar nämnde att Lena Berg flyttar")
    anonymise_person(db.session, db.session.get(Person, lena.id), "Begäran om radering")
    db.session.commit()
    hers, his = _interactions()
    assert (hers.text, hers.person_id, hers.kind) == (TOKEN, lena.id, InteractionKind.CALL)
    assert his.text == f"Omar nämnde att {TOKEN} flyttar"
    trail = db.session.scalars(sa.select(AuditRecord.changes).where(AuditRecord.entity == "Interaction")).all()
    assert not any("påsk" in str(changes) or "Lena Berg" in str(changes) for changes in trail)
    page = staff.get(f"/organisations/{housing.id}").get_data(as_text=True)
    assert "Lena" not in page and "påsk" not in page
