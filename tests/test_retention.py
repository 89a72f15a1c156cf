"""Retention review: people idle for longer than RETENTION_MONTHS are listed to anonymise or keep."""
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from coalition.data_protection.retention import cutoff, to_decide
from coalition.db import db
from coalition.models import LawfulBasis, Membership, Participation, Person

LONG_AGO = datetime(2020, 1, 15, 10, 0)


def _idle_since(person: Person, when: datetime = LONG_AGO) -> None:
    """Make it look as if nothing happened around the person since then."""
    db.session.execute(sa.update(Person.__table__).where(Person.__table__.c.id == person.id).values(updated_at=when))
    for table in (Membership.__table__, Participation.__table__):
        db.session.execute(sa.update(table).where(table.c.person_id == person.id).values(updated_at=when))
    db.session.commit()


@pytest.mark.parametrize(("today", "months", "expected"), [
    (date(2026, 11, 23), 36, date(2023, 11, 23)),
    (date(2026, 3, 31), 1, date(2026, 2, 28)),
    (date(2024, 3, 31), 1, date(2024, 2, 29)),
    (date(2026, 1, 15), 13, date(2024, 12, 15)),
])
def test_the_period_is_counted_back_in_calendar_months(today, months, expected):
    assert cutoff(today, months) == expected


def test_people_idle_longer_than_the_period_are_listed_for_review(client_as, make_person, make_organisation,
                                                                  make_meeting):
    idle = make_person("Gammal Kontakt", organisation=make_organisation())
    make_meeting(starts_at=datetime(2019, 5, 1, 18, 0), attendees=[idle])
    _idle_since(idle)
    recent_meeting = make_person("Nyss På Möte")
    make_meeting(starts_at=datetime.now() - timedelta(days=30), attendees=[recent_meeting])
    _idle_since(recent_meeting)
    just_edited = make_person("Nyss Ändrad")
    page = client_as("admin").get("/admin/data-protection").text
    review = page[page.index('id="retention"'):page.index('id="restricted"')]
    assert "Gammal Kontakt" in review
    assert "Nyss På Möte" not in review and just_edited.name not in review
    assert "2020-01-15" in review  # the last activity shown


def test_keeping_records_the_review_date_and_takes_them_off_the_list(client_as, make_person):
    kept, other = make_person("Behålls Kontakt"), make_person("Annan Kontakt")
    _idle_since(kept)
    _idle_since(other)
    admin = client_as("admin")
    response = admin.post("/admin/data-protection/review", data={"person_ids": [kept.id], "decision": "keep"},
                          follow_redirects=True)
    assert "1 person is kept" in response.text
    db.session.refresh(kept)
    assert kept.retention_reviewed_on == date.today() and kept.anonymised_at is None
    review = response.text[response.text.index('id="retention"'):response.text.index('id="restricted"')]
    assert "Behålls Kontakt" not in review and "Annan Kontakt" in review


def test_a_kept_person_returns_to_the_list_when_the_period_has_passed_again(client_as, make_person):
    kept = make_person("Återkommande Kontakt")
    _idle_since(kept)
    kept.retention_reviewed_on = date(2021, 6, 1)
    db.session.commit()
    _idle_since(kept)
    assert "Återkommande Kontakt" in client_as("admin").get("/admin/data-protection").text


def test_the_admin_anonymises_the_ticked_people_in_bulk(client_as, make_person):
    first, second, spared = make_person("Första Gamla"), make_person("Andra Gamla"), make_person("Sparad Gamla")
    for person in (first, second, spared):
        _idle_since(person)
    response = client_as("admin").post("/admin/data-protection/review", data={
        "person_ids": [first.id, second.id], "decision": "anonymise",
        "reason": "Gallring efter 36 månader utan aktivitet"}, follow_redirects=True)
    assert "2 people were anonymised" in response.text
    assert "Första Gamla" not in response.text and "Sparad Gamla" in response.text
    names = set(db.session.scalars(sa.select(Person.name).where(Person.anonymised_at.is_not(None))))
    assert names == {""}
    assert db.session.scalar(sa.select(sa.func.count()).where(Person.anonymised_at.is_not(None))) == 2


def test_a_review_decides_only_on_people_not_anonymised_yet(make_person):
    waiting, gone = make_person("Väntar Beslut"), make_person("Redan Borta", anonymised_at=date(2026, 1, 2))
    assert to_decide(db.session, [gone.id, waiting.id]) == [waiting]
    assert to_decide(db.session, []) == []


def test_bulk_anonymising_needs_a_reason_and_someone_ticked(client_as, make_person):
    person = make_person("Orörd Gammal")
    _idle_since(person)
    admin = client_as("admin")
    nobody = admin.post("/admin/data-protection/review", data={"decision": "anonymise", "reason": "Gallring"})
    assert nobody.status_code == 400 and "Tick the people to decide on." in nobody.text
    no_reason = admin.post("/admin/data-protection/review", data={"person_ids": [person.id], "decision": "anonymise",
                                                                  "reason": ""})
    assert no_reason.status_code == 400 and "Say why the personal data is erased." in no_reason.text
    db.session.refresh(person)
    assert person.anonymised_at is None


def test_the_period_is_a_setting(app, client_as, make_person):
    person = make_person("Halvårs Kontakt")
    _idle_since(person, datetime.now() - timedelta(days=200))
    admin = client_as("admin")
    assert "Halvårs Kontakt" not in admin.get("/admin/data-protection").text
    app.config["RETENTION_MONTHS"] = 6
    page = admin.get("/admin/data-protection").text
    assert "Halvårs Kontakt" in page and "6 months" in page


def test_people_whose_consent_was_withdrawn_await_a_decision(client_as, make_person):
    make_person("Återkallad Kontakt", lawful_basis=LawfulBasis.CONSENT, consent_given_on=date(2024, 1, 1),
                consent_withdrawn_on=date(2025, 1, 1), restricted_at=date(2025, 1, 1))
    make_person("Samtyckt Kontakt", lawful_basis=LawfulBasis.CONSENT, consent_given_on=date(2024, 1, 1))
    page = client_as("admin").get("/admin/data-protection").text
    awaiting = page[page.index('id="consent-withdrawn"'):page.index('id="retention"')]
    assert "Återkallad Kontakt" in awaiting and "Samtyckt Kontakt" not in awaiting


def test_only_an_admin_sees_the_review(client_as):
    for role in ("viewer", "staff"):
        client = client_as(role)
        assert client.get("/admin/data-protection").status_code == 403
        assert client.post("/admin/data-protection/review", data={"decision": "keep"}).status_code == 403
