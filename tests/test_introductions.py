"""Suggested introductions a steering group can act on: a ranked table ten at a time, dismissed or made for good."""
import re
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from coalition import introductions
from coalition.db import db
from coalition.errors import DomainError
from coalition.models import IntroductionDecision, IntroductionOutcome, Meeting, MeetingKind, Participation, Sector


@pytest.fixture
def hub_and_spokes(make_organisation, make_person):
    """A municipality that has met each of twelve associations alone: 66 pairs share it as a partner."""
    hub = make_organisation("Norrvik kommun", Sector.PUBLIC)
    spokes = [make_organisation(f"Förening {n:02d}", Sector.CIVIL if n % 2 else Sector.PRIVATE) for n in range(12)]
    city_person = make_person(organisation=hub)
    for n, spoke in enumerate(spokes):
        meeting = Meeting(kind=MeetingKind.COORDINATION, title=f"Samråd {n}", starts_at=datetime(2026, 1, 1 + n, 10))
        meeting.participations += [Participation(person=city_person, organisation=hub),
                                   Participation(person=make_person(organisation=spoke), organisation=spoke)]
        db.session.add(meeting)
    db.session.commit()
    return {"hub": hub, "spokes": spokes}


def _pairs(page: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in re.findall(r'data-pair="(\d+)-(\d+)"', page)]


def test_the_table_shows_ten_pairs_a_page_with_their_shared_partner_in_words(client_as, hub_and_spokes):
    viewer = client_as("viewer")
    first = viewer.get("/network/").text
    assert len(_pairs(first)) == 10
    assert "Both work with Norrvik kommun; never met." in first
    assert "across sectors" in first
    assert 'action="/network/introductions/dismiss"' not in first, "the steering group reads, staff act"
    second = viewer.get("/network/?intro_page=2").text
    assert len(_pairs(second)) == 10 and not set(_pairs(first)) & set(_pairs(second))
    assert ">11</td>" in second, "ranks go on from the first page"
    last = viewer.get("/network/?intro_page=7").text
    assert len(_pairs(last)) == 6 and 'rel="next"' not in last


def test_staff_dismiss_a_pair_and_mark_another_introduced_and_neither_comes_back(client_as, hub_and_spokes):
    staff = client_as("staff")
    page = staff.get("/network/?sectors=civil&sectors=private&sectors=public").text
    dismissed, made = _pairs(page)[:2]
    response = staff.post("/network/introductions/dismiss", data={
        "first": dismissed[1], "second": dismissed[0], "back": "sectors=civil&sectors=private&sectors=public"})
    assert response.status_code == 302
    assert response.location.startswith("/network/?sectors=civil&sectors=private&sectors=public")
    assert response.location.endswith("#introductions")
    due = date.today() + timedelta(days=14)
    staff.post("/network/introductions/introduced", data={"first": made[0], "second": made[1],
                                                           "due_on": due.isoformat(), "back": ""})
    page = staff.get("/network/").text
    assert dismissed not in _pairs(page) and made not in _pairs(page) and len(_pairs(page)) == 10
    follow_up = page[page.index('id="introduction-follow-ups"'):]
    assert f"follow up by {due.isoformat()}" in follow_up
    decision = db.session.scalar(sa.select(IntroductionDecision).where(
        IntroductionDecision.outcome == IntroductionOutcome.INTRODUCED))
    staff.post(f"/network/introductions/{decision.id}/done", data={"back": ""})
    assert 'id="introduction-follow-ups"' not in staff.get("/network/").text
    db.session.refresh(decision)
    assert decision.done_on == date.today()


def test_a_viewer_cannot_dismiss_an_introduction(client_as, hub_and_spokes):
    first, second = (o.id for o in hub_and_spokes["spokes"][:2])
    response = client_as("viewer").post("/network/introductions/dismiss", data={"first": first, "second": second})
    assert response.status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(IntroductionDecision)) == 0


def test_a_pair_is_decided_once_and_a_follow_up_is_not_due_in_the_past(app, hub_and_spokes):
    first, second = (o.id for o in hub_and_spokes["spokes"][:2])
    today = date(2026, 12, 3)
    made = introductions.decide(db.session, second, first, IntroductionOutcome.INTRODUCED, today=today)
    assert (made.first_organisation_id, made.second_organisation_id) == (first, second)
    assert made.due_on == today + introductions.FOLLOW_UP_AFTER
    with pytest.raises(DomainError, match="already"):
        introductions.decide(db.session, first, second, IntroductionOutcome.DISMISSED, today=today)
    third = hub_and_spokes["spokes"][2].id
    with pytest.raises(DomainError, match="before today"):
        introductions.decide(db.session, first, third, IntroductionOutcome.INTRODUCED, today=today,
                             due_on=today - timedelta(days=1))
    assert introductions.decided_pairs(db.session) == {(first, second)}


def test_a_follow_up_date_in_the_past_is_refused_with_a_message(client_as, hub_and_spokes):
    first, second = (o.id for o in hub_and_spokes["spokes"][:2])
    staff = client_as("staff")
    response = staff.post("/network/introductions/introduced", follow_redirects=True, data={
        "first": first, "second": second, "due_on": "2020-01-01", "back": ""})
    assert response.status_code == 200
    assert "The follow-up cannot be due before today." in response.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(IntroductionDecision)) == 0
