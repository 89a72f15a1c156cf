"""Erasure by anonymisation (Art. 17), restriction (Art. 18) and withdrawal of consent (Art. 7)."""
import json
import pickle
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from coalition import meetings
from coalition.collaboration import ANONYMISED, network_view
from coalition.data_protection.anonymisation import TOKEN, anonymise_person
from coalition.db import db
from coalition.errors import DomainError
from coalition.meetings import attended_counts
from coalition.models import (
    AuditRecord,
    Commitment,
    CommitmentKind,
    FollowUpAction,
    LawfulBasis,
    Meeting,
    NetworkResult,
    Participation,
    Person,
    Sector,
)
from coalition.network import Level, NetworkFilter

NAME = "Åsa Öberg-Lind"
EMAIL = "asa.oberg-lind@example.se"


@pytest.fixture
def asa(client_as, make_organisation, make_person, make_meeting):
    """Åsa, registered and edited through the pages (so the audit trail holds her data), named in many texts."""
    staff = client_as("staff")
    club = make_organisation("Backens IF", sector=Sector.CIVIL)
    staff.post("/people/new", data={"name": "Åsa Öberg", "email": EMAIL, "phone": "070-111 22 33",
                                    "title": "Ordförande", "notes": "Nås på kvällar", "lawful_basis": "public_task"})
    person = db.session.scalar(sa.select(Person).where(Person.email == EMAIL))
    staff.post(f"/people/{person.id}/edit", data={"version": person.version, "name": NAME, "email": EMAIL,
                                                  "phone": "070-111 22 33", "title": "Ordförande",
                                                  "notes": "Nås på kvällar", "lawful_basis": "public_task"})
    staff.post(f"/people/{person.id}/memberships", data={"organisation_id": club.id, "title": "Kassör"})
    other = make_person("Olle Ek", organisation=club)
    meeting = make_meeting("Samråd med Åsa Öberg-Lind", datetime(2025, 3, 4, 18, 0),
                           agenda=f"Inbjudan skickas till {EMAIL}.",
                           minutes=f"{NAME} presenterade. ÅSA ÖBERG-LIND svarade på frågor; {NAME}s förslag antogs.",
                           attendees=[(person, club), (other, club)])
    meetings.add_action(db.session, meeting, f"{NAME} skickar underlaget", responsible_person_id=person.id)
    db.session.add(Commitment(kind=CommitmentKind.PREMISES, description=f"Lokal bokas av {NAME}", parties=[club],
                              meeting=meeting))
    db.session.commit()
    staff.post(f"/meetings/{meeting.id}/edit", data={
        "version": meeting.version, "kind": "workshop", "title": meeting.title, "starts_on": "2025-03-04",
        "starts_at_time": "18:00", "agenda": meeting.agenda, "minutes": meeting.minutes + f" Kontakt: {EMAIL}",
    })
    db.session.refresh(person)
    return person


def _dump(app) -> str:
    """Every value of every table, as text: SQLite's own dump, or every row PostgreSQL holds."""
    with db.engine.connect() as connection:
        if db.engine.dialect.name == "sqlite":
            return "\n".join(connection.connection.dbapi_connection.iterdump())
        parts = []
        for table in db.metadata.sorted_tables:
            for row in connection.execute(sa.select(table)):
                for value in row:
                    if isinstance(value, bytes):
                        parts.append(value.decode("utf-8", "replace"))
                    elif isinstance(value, (dict, list)):
                        parts.append(json.dumps(value))
                    else:
                        parts.append(str(value))
        return "\n".join(parts)


def _spellings(value: str) -> set[str]:
    """The value as text, and as JSON keeps it (Å written as \\u00c5)."""
    return {value.lower(), json.dumps(value)[1:-1].lower()}


def _found_in(dump: str, value: str) -> bool:
    return any(spelling in dump.lower() for spelling in _spellings(value))


def _snapshot_holding(label: str) -> None:
    """Store a whole-network result whose actors include the label, as the background job would."""
    db.session.execute(sa.insert(NetworkResult.__table__).values(
        computed_at=datetime(2025, 5, 1), seconds=1.0, data_version="", quarters=[],
        summary=pickle.dumps({"labels": [label, "Backens IF"]}), graph_with_ties=pickle.dumps({"ties": []})))
    db.session.commit()


def test_after_anonymisation_a_dump_of_the_database_holds_neither_name_nor_email(app, client_as, asa):
    _snapshot_holding(NAME)
    before = _dump(app)
    assert _found_in(before, NAME) and _found_in(before, EMAIL) and _found_in(before, "Åsa Öberg")
    response = client_as("admin").post(f"/people/{asa.id}/anonymise", data={
        "reason": f"Begäran från {NAME} 2026-05-04", "confirm": "y"}, follow_redirects=True)
    assert "identifying data was erased" in response.text
    after = _dump(app)
    assert not _found_in(after, NAME)
    assert not _found_in(after, EMAIL)
    assert not _found_in(after, "070-111 22 33")
    assert not _found_in(after, "Nås på kvällar") and not _found_in(after, "Kassör")


def test_after_anonymisation_neither_the_database_file_nor_its_write_ahead_log_holds_the_erased_values(
        app, client_as, asa):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's own files")
    database = Path(make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database)
    write_ahead_log = database.with_name(database.name + "-wal")
    assert NAME.encode() in database.read_bytes() + write_ahead_log.read_bytes()
    client_as("admin").post(f"/people/{asa.id}/anonymise", data={"reason": "Begäran", "confirm": "y"})
    for file in (database, write_ahead_log):
        held = file.read_bytes() if file.exists() else b""
        for value in (NAME, EMAIL, "070-111 22 33", "Nås på kvällar", "Kassör"):
            assert value.encode() not in held, f"{value} is still in {file.name}"


def test_free_texts_keep_their_sense_with_a_neutral_token(client_as, asa):
    anonymise_person(db.session, asa, "Begäran")
    db.session.commit()
    meeting = db.session.scalar(sa.select(Meeting))
    assert meeting.title == f"Samråd med {TOKEN}"
    assert meeting.minutes.startswith(f"{TOKEN} presenterade. {TOKEN} svarade på frågor; {TOKEN}s förslag")
    assert meeting.agenda == f"Inbjudan skickas till {TOKEN}."
    assert db.session.scalar(sa.select(Commitment.description)) == f"Lokal bokas av {TOKEN}"
    assert db.session.scalar(sa.select(FollowUpAction.description)) == f"{TOKEN} skickar underlaget"


def test_an_edit_form_opened_before_the_erasure_cannot_write_the_name_back(client_as, asa):
    meeting = db.session.scalar(sa.select(Meeting))
    stale_version = meeting.version
    anonymise_person(db.session, asa, "Begäran")
    db.session.commit()
    response = client_as("staff").post(f"/meetings/{meeting.id}/edit", data={
        "version": stale_version, "kind": "workshop", "title": "Samråd med Åsa Öberg-Lind", "starts_on": "2025-03-04",
        "starts_at_time": "18:00", "minutes": f"{NAME} presenterade."})
    assert response.status_code == 409
    assert NAME not in db.session.scalar(sa.select(Meeting.minutes))


def test_the_audit_trail_keeps_that_changes_happened_but_not_the_values(client_as, asa):
    records_before = db.session.scalar(sa.select(sa.func.count()).select_from(AuditRecord))
    anonymise_person(db.session, asa, "Begäran")
    db.session.commit()
    person_records = db.session.scalars(sa.select(AuditRecord).where(
        AuditRecord.entity == "Person", AuditRecord.entity_id == str(asa.id)).order_by(AuditRecord.id)).all()
    created, renamed = person_records[0], person_records[1]
    assert created.action == "insert" and created.changes["name"] == [None, "…"]
    assert renamed.changes["name"] == ["…", "…"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditRecord)) == records_before + 1


def test_the_anonymisation_is_logged_with_who_and_why_without_the_name(client_as, asa):
    admin = client_as("admin")
    admin.post(f"/people/{asa.id}/anonymise", data={"reason": f"Begäran från {NAME} per e-post", "confirm": "y"})
    record = db.session.scalar(sa.select(AuditRecord).where(AuditRecord.entity == "Person")
                               .order_by(AuditRecord.id.desc()).limit(1))
    assert record.user_id == admin.user.id
    assert record.changes["anonymisation_reason"] == [None, f"Begäran från {TOKEN} per e-post"]
    assert record.changes["anonymised_at"] == [None, date.today().isoformat()]


def test_network_figures_and_participant_counts_are_the_same_after_anonymisation(asa):
    persons_level = NetworkFilter(level=Level.PERSONS)
    before = network_view(db.session, persons_level).computed
    organisations_before = network_view(db.session, NetworkFilter()).computed
    meeting_ids = list(db.session.scalars(sa.select(Meeting.id)))
    counts_before = attended_counts(db.session, meeting_ids)
    anonymise_person(db.session, asa, "Begäran")
    db.session.commit()
    after = network_view(db.session, persons_level).computed
    assert after is not before  # computed again, not served from the cache
    assert sorted(after.graph.edges) == sorted(before.graph.edges)
    assert after.figures.network == before.figures.network
    assert after.graph.nodes[asa.id]["label"] == ANONYMISED
    assert network_view(db.session, NetworkFilter()).computed.figures.network == organisations_before.figures.network
    assert attended_counts(db.session, meeting_ids) == counts_before


def test_a_stored_network_result_that_holds_the_name_is_invalidated(asa):
    _snapshot_holding(NAME)
    erasure = anonymise_person(db.session, asa, "Begäran")
    db.session.commit()
    assert erasure.snapshots == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(NetworkResult)) == 0, \
        "the result goes with its downloads; the job computes it again without the name"


def test_anonymising_needs_a_reason_and_a_confirmation(client_as, asa):
    admin = client_as("admin")
    response = admin.post(f"/people/{asa.id}/anonymise", data={"reason": "  ", "confirm": "y"})
    assert response.status_code == 400 and "This field is required." in response.text
    response = admin.post(f"/people/{asa.id}/anonymise", data={"reason": "Begäran"})
    assert response.status_code == 400 and 'value="Begäran"' not in response.text
    assert "Begäran</textarea>" in response.text
    db.session.refresh(asa)
    assert asa.anonymised_at is None and asa.name == NAME


def test_only_an_admin_anonymises_restricts_or_exports(client_as, make_person):
    person = make_person("Skyddad Person")
    for role in ("viewer", "staff"):
        client = client_as(role)
        assert client.post(f"/people/{person.id}/anonymise", data={"reason": "x", "confirm": "y"}).status_code == 403
        assert client.post(f"/people/{person.id}/restrict", data={"reason": "x"}).status_code == 403
        assert client.get(f"/people/{person.id}/data.json").status_code == 403
    db.session.refresh(person)
    assert person.anonymised_at is None and person.restricted_at is None


def test_an_anonymised_person_cannot_be_anonymised_twice(asa):
    anonymise_person(db.session, asa, "Begäran")
    with pytest.raises(DomainError):
        anonymise_person(db.session, asa, "Igen")


def test_an_admin_restricts_a_person_who_then_drops_out_of_lists_pickers_and_meetings(client_as, make_person,
                                                                                    make_meeting):
    person = make_person("Begränsad Person")
    admin = client_as("admin")
    refused = admin.post(f"/people/{person.id}/restrict", data={"reason": ""})
    assert refused.status_code == 400 and "This field is required." in refused.text
    admin.post(f"/people/{person.id}/restrict", data={"reason": "Arkivlagen: handlingen ska bevaras"})
    db.session.refresh(person)
    assert person.restricted_at == date.today() and person.restriction_reason.startswith("Arkivlagen")
    staff = client_as("staff")
    assert "Begränsad Person" not in staff.get("/people/?q=begransad").text
    assert staff.get("/api/people/suggestions?q=begransad").get_json()["results"] == []
    assert "Arkivlagen" in staff.get(f"/people/{person.id}").text
    meeting = make_meeting()
    added = staff.post(f"/meetings/{meeting.id}/participants", data={"add-person_ids": str(person.id)},
                       follow_redirects=True)
    assert "asked that their data is not processed further" in added.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Participation)) == 0
    admin.post(f"/people/{person.id}/restriction/lift")
    assert "Begränsad Person" in staff.get("/people/?q=begransad").text
    assert [r["name"] for r in staff.get("/api/people/suggestions?q=begransad").get_json()["results"]] == [
        "Begränsad Person"]


def test_staff_record_a_withdrawal_of_consent_in_one_click_and_processing_stops(client_as, make_person,
                                                                              make_organisation):
    person = make_person("Samtyckande Person", lawful_basis=LawfulBasis.CONSENT, consent_given_on=date(2024, 2, 1))
    staff = client_as("staff")
    page = staff.get(f"/people/{person.id}").text
    assert "Record withdrawal of consent" in page
    response = staff.post(f"/people/{person.id}/consent/withdraw", data={"withdrawn_on": date.today().isoformat()},
                          follow_redirects=True)
    assert "The withdrawal of consent was recorded." in response.text
    db.session.refresh(person)
    assert person.consent_withdrawn_on == date.today() and person.restricted_at == date.today()
    assert "Record withdrawal of consent" not in response.text and "Consent withdrawn on" in response.text
    assert "Samtyckande Person" not in staff.get("/people/").text
    refused = staff.post(f"/people/{person.id}/memberships", data={"organisation_id": make_organisation().id})
    assert "nothing new can be recorded" in refused.text
    admin = client_as("admin")
    assert "Samtyckande Person" in admin.get("/admin/data-protection").text  # flagged for a decision
    lift = admin.post(f"/people/{person.id}/restriction/lift", follow_redirects=True)
    assert "record new consent or another lawful basis" in lift.text


def test_a_withdrawal_cannot_be_dated_before_the_consent_or_in_the_future(client_as, make_person):
    person = make_person("Datum Person", lawful_basis=LawfulBasis.CONSENT, consent_given_on=date(2024, 2, 1))
    staff = client_as("staff")
    early = staff.post(f"/people/{person.id}/consent/withdraw", data={"withdrawn_on": "2024-01-01"},
                       follow_redirects=True)
    assert "Consent cannot be withdrawn before it was given." in early.text
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    late = staff.post(f"/people/{person.id}/consent/withdraw", data={"withdrawn_on": tomorrow}, follow_redirects=True)
    assert "Consent cannot be withdrawn in the future." in late.text
    db.session.refresh(person)
    assert person.consent_withdrawn_on is None and person.restricted_at is None


def test_only_consent_can_be_withdrawn(client_as, make_person):
    person = make_person("Tjänsteperson", lawful_basis=LawfulBasis.PUBLIC_TASK)
    staff = client_as("staff")
    assert "Record withdrawal of consent" not in staff.get(f"/people/{person.id}").text
    response = staff.post(f"/people/{person.id}/consent/withdraw", data={"withdrawn_on": "2025-01-01"},
                          follow_redirects=True)
    assert "another basis than consent" in response.text
    assert client_as("viewer").post(f"/people/{person.id}/consent/withdraw",
                                    data={"withdrawn_on": "2025-01-01"}).status_code == 403
