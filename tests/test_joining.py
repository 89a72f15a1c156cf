"""When an actor joined the programme: by default its first meeting, commitment or relationship,
set by staff where they know better, and what "new actors" are counted by everywhere."""
import re
from collections import Counter
from datetime import date, datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa
from flask_migrate import upgrade

from coalition import create_app, meetings
from coalition.commitments import CommitmentDetails, create_commitment
from coalition.db import db
from coalition.imports.attendance import import_attendance
from coalition.models import (
    CommitmentKind,
    JoinedBecause,
    Meeting,
    MeetingKind,
    Organisation,
    Participation,
    ParticipationStatus,
    Sector,
    Unit,
)
from coalition.relationships import RelationshipDetails, create_relationship
from coalition.reporting.dashboard import programme_dashboard
from coalition.reporting.period_figures import Period

today = date.today  # called each time: a run of the suite may pass midnight


def _joined(organisation: Organisation) -> tuple[date | None, JoinedBecause]:
    db.session.expire_all()
    found = db.session.get(Organisation, organisation.id)
    return found.joined_on, found.joined_because


def _attend(organisation, person, day: date, status=ParticipationStatus.ATTENDED) -> Meeting:
    meeting = meetings.create_meeting(db.session, meetings.MeetingDetails(
        kind=MeetingKind.WORKSHOP, title=f"Workshop {day}", starts_at=datetime.combine(day, datetime.min.time())))
    meeting.participations.append(Participation(person=person, organisation=organisation, status=status))
    db.session.commit()
    return meeting


def test_an_actor_typed_in_today_joined_at_the_first_meeting_it_attended(app, make_organisation, make_person):
    forening = make_organisation("Kvarnängens IF")
    assert _joined(forening) == (today(), JoinedBecause.REGISTERED)
    anna = make_person("Anna Berg", organisation=forening)
    _attend(forening, anna, date(2025, 3, 4))
    _attend(forening, anna, date(2025, 1, 20), status=ParticipationStatus.NO_SHOW)  # did not come: not joined
    assert _joined(forening) == (date(2025, 3, 4), JoinedBecause.MEETING)


def test_an_earlier_commitment_or_relationship_is_the_day_it_joined(app, make_organisation):
    bolag, stad = make_organisation("Norrviks Bostäder"), make_organisation("Norrvik stad")
    create_commitment(db.session, CommitmentDetails(kind=CommitmentKind.FUNDING, description="Driftbidrag",
                                                    party_ids=[bolag.id], amount=Decimal(1000), unit=Unit.SEK,
                                                    made_on=date(2025, 5, 2)))
    create_relationship(db.session, RelationshipDetails(from_organisation_id=bolag.id, to_organisation_id=stad.id,
                                                        kind="contract", from_date=date(2025, 2, 1)))
    db.session.commit()
    assert _joined(bolag) == (date(2025, 2, 1), JoinedBecause.RELATIONSHIP)
    assert _joined(stad) == (date(2025, 2, 1), JoinedBecause.RELATIONSHIP)


def test_moving_or_taking_away_the_first_meeting_moves_the_day(app, make_organisation, make_person):
    forening = make_organisation("Kvarnängens IF")
    anna = make_person("Anna Berg", organisation=forening)
    first = _attend(forening, anna, date(2025, 3, 4))
    _attend(forening, anna, date(2025, 9, 1))
    first.starts_at = datetime(2025, 4, 1, 18)
    db.session.commit()
    assert _joined(forening) == (date(2025, 4, 1), JoinedBecause.MEETING)
    db.session.delete(db.session.scalars(sa.select(Participation).where(Participation.meeting_id == first.id)).one())
    db.session.commit()
    assert _joined(forening) == (date(2025, 9, 1), JoinedBecause.MEETING)


def test_staff_set_the_day_an_actor_joined_and_it_stays_until_they_clear_it(client_as, make_organisation,
                                                                             make_person):
    forening = make_organisation("Kvarnängens IF")
    _attend(forening, make_person(organisation=forening), date(2025, 3, 4))
    staff = client_as("staff")
    form = {"name": "Kvarnängens IF", "sector": "civil", "kind": "association", "joined_on": "2024-11-15",
            "version": forening.version}
    assert staff.post(f"/organisations/{forening.id}/edit", data=form).status_code == 302
    assert _joined(forening) == (date(2024, 11, 15), JoinedBecause.STAFF)
    _attend(forening, make_person(organisation=forening), date(2024, 6, 1))  # staff know better
    assert _joined(forening)[0] == date(2024, 11, 15)
    page = staff.get(f"/organisations/{forening.id}").text
    assert re.search(r'data-figure="joined-on">2024-11-15 <span[^>]*>\(set by staff\)', page)
    edit = staff.get(f"/organisations/{forening.id}/edit").text
    assert re.search(r'id="joined_on"[^>]*value="2024-11-15"', edit)
    form.update(joined_on="", version=db.session.get(Organisation, forening.id).version)
    assert staff.post(f"/organisations/{forening.id}/edit", data=form).status_code == 302
    assert _joined(forening) == (date(2024, 6, 1), JoinedBecause.MEETING)
    edit = staff.get(f"/organisations/{forening.id}/edit").text
    assert not re.search(r'id="joined_on"[^>]*value="2024', edit), "the worked-out day is not typed in for staff"


def test_a_joining_day_in_the_future_or_before_1990_is_refused(client_as, make_organisation):
    forening = make_organisation("Kvarnängens IF")
    staff = client_as("staff")
    for typed, message in (((today() + timedelta(days=3)).isoformat(), "An organisation cannot join in the future."),
                           ("1989-12-31", "Give a date between 1990-01-01 and")):
        response = staff.post(f"/organisations/{forening.id}/edit", data={
            "name": "Kvarnängens IF", "sector": "civil", "kind": "association", "joined_on": typed,
            "version": forening.version})
        assert response.status_code == 200 and message in response.text
    assert _joined(forening)[1] is JoinedBecause.REGISTERED


def test_an_imported_register_sets_the_day_from_the_files_dates(app):
    result = import_attendance(db.session, "meeting,date,name,organisation,sector\n"
                                           "Samråd om parken,2025-04-16,Anna Berg,Nya Föreningen,civil\n")
    db.session.commit()
    assert result.written
    organisation = db.session.scalar(sa.select(Organisation).where(Organisation.name == "Nya Föreningen"))
    assert _joined(organisation) == (date(2025, 4, 16), JoinedBecause.MEETING)


def test_new_actors_are_counted_by_the_day_they_joined_not_the_day_they_were_typed_in(client_as, make_organisation,
                                                                                      make_person):
    this_quarter = Period.quarter_containing(today())
    old_hand = make_organisation("Norrvik stad", Sector.PUBLIC)  # typed in today, active since long
    _attend(old_hand, make_person(organisation=old_hand), this_quarter.starts_on - timedelta(days=100))
    newcomer = make_organisation("Nya Föreningen")
    viewer = client_as("viewer")
    page = viewer.get("/").text
    assert re.search(r'data-figure="new-actors"><span class="display-6">1<', page)
    listed = viewer.get(f"/organisations/?joined_from={this_quarter.starts_on}&joined_to={this_quarter.ends_on}"
                        "&archived=y").text
    assert newcomer.name in listed and old_hand.name not in listed


def test_the_migration_gives_existing_organisations_the_day_of_their_first_activity(fresh_database):
    app = create_app({"SQLALCHEMY_DATABASE_URI": fresh_database, "TESTING": True})
    with app.app_context():
        upgrade(revision="88d1ff3ce68d")
        with db.engine.begin() as connection:
            registered = datetime(2026, 11, 30, 12)
            for number, name in ((1, "Norrvik stad"), (2, "Kvarnängens IF"), (3, "Nya Föreningen")):
                connection.execute(sa.text(
                    "INSERT INTO organisations (id, name, name_key, sector, kind, website, notes, version, created_at,"
                    " updated_at) VALUES (:id, :name, :key, 'civil', 'other', '', '', 1, :at, :at)"),
                    {"id": number, "name": name, "key": name.lower(), "at": registered})
            connection.execute(sa.text(
                "INSERT INTO meetings (id, kind, title, starts_at, place, agenda, minutes, version, created_at,"
                " updated_at, organiser_id) VALUES (1, 'workshop', 'Workshop', :day, '', '', '', 1, :at, :at, 1)"),
                {"day": datetime(2025, 2, 3, 18), "at": registered})
            connection.execute(sa.text(
                "INSERT INTO persons (id, name, name_key, email, phone, title, notes, lawful_basis, consent_method,"
                " consent_text_version, version, created_at, updated_at) VALUES (1, 'Anna Berg', 'anna berg', NULL,"
                " '', '', '', 'legitimate_interest', '', '', 1, :at, :at)"), {"at": registered})
            connection.execute(sa.text(
                "INSERT INTO participations (meeting_id, person_id, organisation_id, role, status, created_at,"
                " updated_at, version) VALUES (1, 1, 2, 'participant', 'attended', :at, :at, 1)"), {"at": registered})
        upgrade()
        joined = {name: (day, because) for name, day, because in db.session.execute(
            sa.select(Organisation.name, Organisation.joined_on, Organisation.joined_because))}
        assert joined == {"Norrvik stad": (date(2025, 2, 3), JoinedBecause.MEETING),
                          "Kvarnängens IF": (date(2025, 2, 3), JoinedBecause.MEETING),
                          "Nya Föreningen": (date(2026, 11, 30), JoinedBecause.REGISTERED)}
        db.session.remove()
        db.engine.dispose()


def _demo_quarters() -> list[Period]:
    """The two years the demo coalition's story spans."""
    quarters, quarter = [], Period.quarter_containing(date(2025, 1, 1))
    while quarter.starts_on <= date(2026, 12, 31):
        quarters.append(quarter)
        quarter = quarter.following()
    return quarters


def test_the_dashboards_new_actors_in_each_demo_quarter_are_those_that_joined_in_it(demo, demo_viewer):
    joined = Counter()
    for day in db.session.scalars(sa.select(Organisation.joined_on)):
        joined[Period.quarter_containing(day).starts_on] += 1
    for quarter in _demo_quarters():
        dashboard = programme_dashboard(db.session, today=quarter.ends_on, goal=100)
        assert dashboard.activity.new_actor_total == joined[quarter.starts_on], quarter
        report = demo_viewer.get(f"/reports/steering?from={quarter.starts_on}&to={quarter.ends_on}").text
        shown = re.search(r'data-figure="new-actors".*?figure-now[^>]*>(?:<a[^>]*>)?(\d+)', report, re.DOTALL)
        assert int(shown.group(1)) == joined[quarter.starts_on], quarter


def test_the_demo_shows_actors_joining_over_two_years_not_on_the_day_it_was_typed_in(demo):
    per_quarter = Counter(Period.quarter_containing(day).starts_on
                          for day in db.session.scalars(sa.select(Organisation.joined_on)))
    organisations = sum(per_quarter.values())
    quarters = [per_quarter[q.starts_on] for q in _demo_quarters()]
    assert all(count > 0 for count in quarters), quarters  # someone joins every quarter
    assert quarters[0] == max(quarters) <= 0.4 * organisations  # the start is the largest wave
    assert quarters[-1] <= 0.1 * organisations, "not everyone joins on the day the demo was seeded"
