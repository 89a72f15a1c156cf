"""Subscribing to the meetings from a calendar app: the .ics file, and the secret address."""
import hashlib
import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from coalition import meetings
from coalition.db import db
from coalition.models import MeetingKind, Participation, ParticipationStatus, User

OFFICE = ZoneInfo("Europe/Stockholm")
NEXT_YEAR = date.today().year + 1


@pytest.fixture
def make_meeting(make_meeting):
    """The shared builder, with meetings a fortnight ahead unless told otherwise: a feed is read for what comes."""

    def build(title: str, starts_at: datetime | None = None, **fields):
        return make_meeting(title, starts_at or datetime.combine(date.today() + timedelta(days=14), time(18, 0)),
                            **fields)

    return build


def _events(response) -> dict[str, object]:
    """Parse the feed as a calendar app would, and return its events by title."""
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    return {str(event["SUMMARY"]): event for event in calendar.events}


def _new_address(client, query: str = "") -> str:
    """Create the user's subscription address on the page and return it as shown."""
    page = client.post(f"/meetings/calendar/address{query}").get_data(as_text=True)
    found = re.search(r'value="(http://localhost/meetings/feed/[^"]+)"', page)
    assert found, "the new address should be shown"
    return found.group(1).replace("&amp;", "&")


def _path(url: str) -> str:
    return url.removeprefix("http://localhost")


def test_the_calendar_holds_exactly_the_filtered_meetings_with_their_times_places_and_uids(
        client_as, make_meeting, make_neighbourhood):
    backen = make_neighbourhood("Backen")
    ängen = make_neighbourhood("Ängen")
    starts = datetime(NEXT_YEAR, 3, 4, 18, 0)
    wanted = make_meeting("Framtidsverkstad Backen", starts, duration_minutes=90, place="Backens bibliotek",
                          neighbourhood_ids=[backen.id])
    make_meeting("Framtidsverkstad Ängen", starts, neighbourhood_ids=[ängen.id])
    make_meeting("Intervju Backen", starts, kind=MeetingKind.INTERVIEW, neighbourhood_ids=[backen.id])

    response = client_as("staff").get(f"/meetings/calendar.ics?kind=workshop&neighbourhood={backen.id}")

    events = _events(response)
    assert list(events) == ["Framtidsverkstad Backen"]
    event = events["Framtidsverkstad Backen"]
    assert str(event["UID"]) == f"meeting-{wanted.id}@localhost"
    assert event.start == datetime(NEXT_YEAR, 3, 4, 18, 0, tzinfo=OFFICE)
    assert event.end == datetime(NEXT_YEAR, 3, 4, 19, 30, tzinfo=OFFICE)
    assert str(event["LOCATION"]) == "Backens bibliotek"
    assert str(event["URL"]) == f"http://localhost/meetings/{wanted.id}"
    assert "Backen" in str(event["DESCRIPTION"])
    assert "X-WR-CALNAME:Coalition meetings" in response.get_data(as_text=True)


def test_times_are_office_wall_clock_in_summer_and_winter_and_an_hour_when_no_duration_is_given(
        client_as, make_meeting):
    make_meeting("Sommarmöte", datetime(NEXT_YEAR, 7, 1, 18, 0))
    make_meeting("Vintermöte", datetime(NEXT_YEAR, 1, 15, 18, 0))

    response = client_as("staff").get("/meetings/calendar.ics")

    events = _events(response)
    summer, winter = events["Sommarmöte"], events["Vintermöte"]
    assert summer.start.astimezone(UTC).hour == 16  # 18:00 CEST
    assert winter.start.astimezone(UTC).hour == 17  # 18:00 CET
    assert summer.end - summer.start == timedelta(hours=1)
    text = response.get_data(as_text=True)
    assert f"DTSTART;TZID=Europe/Stockholm:{NEXT_YEAR}0701T180000" in text
    assert "BEGIN:VTIMEZONE" in text


def test_a_changed_meeting_gets_a_higher_sequence_under_the_same_uid(client_as, make_meeting):
    meeting = make_meeting("Styrgrupp")
    staff = client_as("staff")
    before = _events(staff.get("/meetings/calendar.ics"))["Styrgrupp"]
    meetings.update_meeting(db.session, meeting, meetings.MeetingDetails(
        kind=MeetingKind.STEERING_GROUP, title="Styrgrupp", starts_at=meeting.starts_at, place="Stadshuset"))
    db.session.commit()

    after = _events(staff.get("/meetings/calendar.ics"))["Styrgrupp"]

    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert str(after["LOCATION"]) == "Stadshuset"


def test_the_calendar_starts_a_year_back_unless_the_filter_gives_a_from_date(client_as, make_meeting):
    long_ago = datetime.combine(date.today() - timedelta(days=800), time(9, 0))
    make_meeting("Gammalt möte", long_ago)
    make_meeting("Nytt möte")
    staff = client_as("staff")

    assert list(_events(staff.get("/meetings/calendar.ics"))) == ["Nytt möte"]
    from_then = staff.get(f"/meetings/calendar.ics?date_from={(long_ago.date() - timedelta(days=1)).isoformat()}")
    assert list(_events(from_then)) == ["Gammalt möte", "Nytt möte"]


def test_nonsense_in_the_filter_is_ignored_rather_than_failing(client_as, make_meeting):
    make_meeting("Workshop")
    response = client_as("staff").get("/meetings/calendar.ics?neighbourhood=abc&date_from=yesterday&kind=party")
    assert list(_events(response)) == ["Workshop"]


def test_the_feed_carries_no_participant_names_nor_minutes(client_as, make_meeting, make_person, make_organisation):
    organiser = make_organisation("Norrvik stad")
    meeting = make_meeting("Trygghetsvandring", organiser_id=organiser.id, minutes="Greta berättade om sin granne.")
    guest_org = make_organisation("Hemliga föreningen")
    guest = make_person("Greta Hemlig", organisation=guest_org)
    db.session.add(Participation(meeting=meeting, person=guest, organisation=guest_org,
                                 status=ParticipationStatus.ATTENDED))
    db.session.commit()

    text = client_as("staff").get("/meetings/calendar.ics").get_data(as_text=True)

    assert "Trygghetsvandring" in text and "Norrvik stad" in text
    assert "Greta" not in text
    assert "Hemliga" not in text


def test_a_new_address_works_without_login_and_keeps_the_filter(app, client_as, make_meeting):
    make_meeting("Workshop i parken")
    make_meeting("Intervju med skolan", kind=MeetingKind.INTERVIEW)
    url = _new_address(client_as("staff"), "?kind=workshop&sort=title")

    assert "kind=workshop" in url and "sort=" not in url
    response = app.test_client().get(_path(url))  # a calendar app: no login cookie

    assert list(_events(response)) == ["Workshop i parken"]
    assert "private" in response.headers["Cache-Control"]


def test_the_address_is_shown_once_and_stored_only_as_a_hash(client_as):
    staff = client_as("staff")
    url = _new_address(staff)
    token = re.search(r"/feed/([^/?]+)\.ics", url).group(1)

    stored = db.session.get(User, staff.user.id).calendar_feed_token_hash
    assert stored == hashlib.sha256(token.encode()).hexdigest()
    with db.engine.connect() as connection:
        row = connection.execute(sa.text("SELECT * FROM users WHERE id = :id"), {"id": staff.user.id}).one()
    assert not any(token in str(value) for value in row)
    later = staff.get("/meetings/calendar").get_data(as_text=True)
    assert token not in later
    assert "You have a subscription address" in later


def test_a_regenerated_address_replaces_the_old_one(app, client_as):
    staff = client_as("staff")
    old = _new_address(staff)
    new = _new_address(staff)
    calendar_app = app.test_client()

    assert calendar_app.get(_path(old)).status_code == 404
    assert calendar_app.get(_path(new)).status_code == 200


def test_a_revoked_address_stops_working(app, client_as):
    staff = client_as("staff")
    url = _new_address(staff)

    response = staff.post("/meetings/calendar/address/revoke")

    assert response.status_code == 302
    assert app.test_client().get(_path(url)).status_code == 404
    assert db.session.get(User, staff.user.id).calendar_feed_token_hash is None
    assert "You have no subscription address yet." in staff.get("/meetings/calendar").get_data(as_text=True)


def test_a_deactivated_users_address_stops_working(app, client_as):
    staff = client_as("staff")
    url = _new_address(staff)
    user = db.session.get(User, staff.user.id)
    user.active = False
    db.session.commit()

    assert app.test_client().get(_path(url)).status_code == 404


def test_an_unknown_address_is_not_found(client):
    assert client.get("/meetings/feed/made-up-token.ics").status_code == 404
    assert client.get(f"/meetings/feed/{'x' * 5000}.ics").status_code == 404


def test_a_viewer_may_subscribe_too(app, client_as, make_meeting):
    make_meeting("Informationsmöte")
    url = _new_address(client_as("viewer"))
    assert list(_events(app.test_client().get(_path(url)))) == ["Informationsmöte"]


def test_the_subscription_address_gives_the_words_in_the_users_language(app, client_as, make_meeting):
    make_meeting("Besök i Backen", kind=MeetingKind.SITE_VISIT)
    staff = client_as("staff")
    staff.post("/language", data={"language": "sv"})
    url = _new_address(staff)

    event = _events(app.test_client().get(_path(url)))["Besök i Backen"]

    assert "Platsbesök" in str(event["DESCRIPTION"])


def test_a_calendar_app_that_polls_an_unchanged_feed_gets_not_modified(app, client_as, make_meeting):
    make_meeting("Samordning")
    url = _path(_new_address(client_as("staff")))
    calendar_app = app.test_client()
    first = calendar_app.get(url)

    again = calendar_app.get(url, headers={"If-None-Match": first.headers["ETag"]})

    assert again.status_code == 304


def test_the_meetings_list_links_to_subscribing_with_its_filter(client_as):
    page = client_as("viewer").get("/meetings/?kind=workshop").get_data(as_text=True)
    assert "Subscribe (iCalendar)" in page
    assert "/meetings/calendar?kind=workshop" in page


def test_the_calendar_page_says_what_the_filter_holds(client_as, make_neighbourhood):
    backen = make_neighbourhood("Backen")
    page = client_as("staff").get(f"/meetings/calendar?neighbourhood={backen.id}&q=+++").get_data(as_text=True)
    assert "Neighbourhood: Backen" in page
    assert "Search:" not in page


@pytest.mark.parametrize("search", ["a%0Ab", "a%0D%0AX-Injected:1", "a%09b%0Bc"])
def test_a_line_break_in_the_search_gives_a_calendar_not_a_server_error(app, client_as, make_meeting, search):
    make_meeting("Workshop")
    staff = client_as("staff")
    download = staff.get(f"/meetings/calendar.ics?q={search}")
    assert download.status_code in (200, 400)
    assert "X-Injected" not in download.headers
    feed = app.test_client().get(_path(_new_address(staff)) + f"?q={search}")
    assert feed.status_code in (200, 400)
    if feed.status_code == 200:
        Calendar.from_ical(feed.data)  # a calendar app can still read it
