"""Access and portability (Art. 15 and 20): an admin exports everything held about a person."""
import json
from datetime import datetime

import sqlalchemy as sa

from coalition.data_protection.subject_access import SECTIONS, person_links, subject_access_report
from coalition.db import db
from coalition.models import FollowUpAction, Meeting, MeetingKind, Participation, Person, Sector
from coalition.surveys import building


def test_every_table_that_refers_to_a_person_is_in_the_export(app):
    """A new table with a foreign key to persons must get a section in coalition/data_protection/subject_access.py."""
    assert person_links(db.metadata) == set(SECTIONS)


def _karin(client_as, make_organisation) -> Person:
    staff = client_as("staff")
    club = make_organisation("Backens IF", sector=Sector.CIVIL)
    staff.post("/people/new", data={"name": "Karin Holm", "email": "karin.holm@example.se", "phone": "070-222 33 44",
                                    "lawful_basis": "consent", "consent_given_on": "2025-01-10",
                                    "consent_method": "Blankett", "consent_text_version": "v2"})
    person = db.session.scalar(sa.select(Person).where(Person.name == "Karin Holm"))
    staff.post(f"/people/{person.id}/memberships", data={"organisation_id": club.id, "title": "Kassör"})
    staff.post("/interactions/new", data={"organisation_id": club.id, "person_id": person.id, "kind": "call",
                                          "happened_on": "2025-03-01", "text": "Ringde om lokalen."})
    meeting = Meeting(kind=MeetingKind.WORKSHOP, title="Framtidsverkstad", starts_at=datetime(2025, 3, 4, 18, 0),
                      minutes="Karin Holm lovade att boka lokalen.")
    meeting.participations.append(Participation(person=person, organisation=club))
    meeting.actions.append(FollowUpAction(description="Boka lokalen", responsible_person=person))
    db.session.add(meeting)
    survey = building.create_survey(db.session, building.SurveyDetails(title_sv="Föreningsenkät"))
    building.add_recipients(db.session, survey, [club], secret="test")  # addressed to Karin, the club's contact
    db.session.commit()
    return person


def test_the_export_has_something_in_every_section_for_a_person_who_did_everything(client_as, make_organisation):
    person = _karin(client_as, make_organisation)
    report = subject_access_report(db.session, person)
    assert [name for name, _entity, _reader in SECTIONS.values() if not report[name]] == []


def test_an_admin_downloads_everything_held_about_a_person_as_json(client_as, make_organisation):
    person = _karin(client_as, make_organisation)
    response = client_as("admin").get(f"/people/{person.id}/data.json")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith(f"attachment; filename=person-{person.id}-")
    data = json.loads(response.get_data(as_text=True))
    assert data["person"]["email"] == "karin.holm@example.se"
    assert data["person"]["consent_given_on"] == "2025-01-10" and data["person"]["consent_text_version"] == "v2"
    assert [(m["organisation"], m["title"]) for m in data["memberships"]] == [("Backens IF", "Kassör")]
    assert [(p["meeting"], p["organisation"], p["status"]) for p in data["participations"]] == [
        ("Framtidsverkstad", "Backens IF", "attended")]
    assert [a["description"] for a in data["follow_up_actions"]] == ["Boka lokalen"]
    assert [(m["table"], m["column"]) for m in data["mentions"]] == [("meetings", "minutes"),
                                                                    ("audit_records", "Meeting.minutes")]
    entities = {(record["entity"], record["action"]) for record in data["audit_trail"]}
    assert {("Person", "insert"), ("Membership", "insert"), ("Participation", "insert"),
            ("FollowUpAction", "insert")} <= entities
    created = next(r for r in data["audit_trail"] if r["entity"] == "Person")
    assert created["changes"]["name"] == [None, "Karin Holm"]


def test_the_export_keeps_the_audit_trail_of_a_membership_since_removed(client_as, make_organisation):
    person = _karin(client_as, make_organisation)
    staff = client_as("staff")
    membership = person.memberships[0]
    staff.post(f"/people/{person.id}/memberships/{membership.id}/remove")
    data = json.loads(client_as("admin").get(f"/people/{person.id}/data.json").get_data(as_text=True))
    assert data["memberships"] == []
    assert ("Membership", "insert") in {(record["entity"], record["action"]) for record in data["audit_trail"]}


def test_an_admin_reads_the_same_data_on_a_page(client_as, make_organisation):
    person = _karin(client_as, make_organisation)
    page = client_as("admin").get(f"/people/{person.id}/data").get_data(as_text=True)
    for shown in ("karin.holm@example.se", "Backens IF", "Kassör", "Framtidsverkstad", "Boka lokalen",
                  "meetings.minutes", "Audit trail"):
        assert shown in page, shown


def test_the_person_page_leads_an_admin_to_the_export_but_not_staff(client_as, make_person):
    person = make_person("Vanlig Kontakt")
    assert f"/people/{person.id}/data-protection" in client_as("admin").get(f"/people/{person.id}").text
    assert f"/people/{person.id}/data-protection" not in client_as("staff").get(f"/people/{person.id}").text
    page = client_as("admin").get(f"/people/{person.id}/data-protection").text
    assert f"/people/{person.id}/data.json" in page and "Anonymise this person" in page
