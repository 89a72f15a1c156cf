"""The steering group (viewers) sees organisations and aggregates, never people by name.

DESIGN.md: a viewer "sees no more personal data than needed". The decision: people's list and
pages, the type-ahead of names and the persons level of the network are staff's; on meeting
and organisation pages a viewer sees counts and organisations instead of names.
"""
from datetime import datetime

import pytest

from coalition.db import db
from coalition.models import FollowUpAction, Meeting, MeetingKind, Participation, Sector

NAME = "Hemlig Deltagare"


@pytest.fixture
def meeting_with_people(make_person, make_organisation):
    club = make_organisation("Backens IF", sector=Sector.CIVIL)
    city = make_organisation("Norrviks kommun", sector=Sector.PUBLIC)
    secret, other = make_person(NAME, organisation=club), make_person("Annan Deltagare", organisation=city)
    meeting = Meeting(kind=MeetingKind.WORKSHOP, title="Trygghetsvandring", starts_at=datetime(2025, 4, 2, 18, 0))
    meeting.participations += [Participation(person=secret, organisation=club),
                               Participation(person=other, organisation=city)]
    meeting.actions.append(FollowUpAction(description="Skicka kartan", responsible_person=secret))
    db.session.add(meeting)
    db.session.commit()
    return {"meeting": meeting, "person": secret, "club": club}


def test_a_viewer_is_refused_the_people_list_and_pages(client_as, meeting_with_people):
    viewer = client_as("viewer")
    person = meeting_with_people["person"]
    assert viewer.get("/people/").status_code == 403
    assert viewer.get(f"/people/{person.id}").status_code == 403
    assert viewer.get("/api/people/suggestions?q=hemlig").status_code == 403


def test_a_viewer_refused_the_people_list_is_told_what_the_role_does_not_see(client_as):
    page = client_as("viewer").get("/people/").text
    assert "read everything" not in page
    assert "It does not see people’s names and contact details, sign-in lists or the data-protection pages." in page


def test_the_role_choice_says_a_viewer_sees_no_personal_details(client_as):
    page = client_as("admin").get("/admin/users/new").text
    assert "read everything" not in page
    assert "change nothing and see no one’s personal details" in page


def test_a_viewer_has_no_people_link_but_staff_do(client_as):
    assert 'href="/people/"' not in client_as("viewer").get("/meetings/").text
    assert 'href="/people/"' in client_as("staff").get("/meetings/").text


def test_a_viewer_sees_who_came_to_a_meeting_by_organisation_not_by_name(client_as, meeting_with_people):
    meeting = meeting_with_people["meeting"]
    page = client_as("viewer").get(f"/meetings/{meeting.id}").text
    assert NAME not in page and "Annan Deltagare" not in page
    assert "Backens IF" in page and "Norrviks kommun" in page and "<strong>2</strong> attended" in page
    assert "Skicka kartan" in page
    staff_page = client_as("staff").get(f"/meetings/{meeting.id}").text
    assert NAME in staff_page


def test_a_viewer_sees_how_many_people_an_organisation_has_not_who(client_as, meeting_with_people):
    club = meeting_with_people["club"]
    page = client_as("viewer").get(f"/organisations/{club.id}").text
    assert NAME not in page and "1 person is registered for this organisation." in page
    assert NAME in client_as("staff").get(f"/organisations/{club.id}").text


@pytest.mark.parametrize("url", ["/network/?level=persons", "/api/network?level=persons",
                                 "/network/export.graphml?level=persons", "/network/export.nodes.csv?level=persons"])
def test_a_viewer_is_refused_the_persons_level_of_the_network(client_as, meeting_with_people, url):
    assert client_as("viewer").get(url).status_code == 403
    assert client_as("staff").get(url).status_code == 200


def test_a_viewer_network_names_organisations_only(client_as, meeting_with_people):
    viewer = client_as("viewer")
    page = viewer.get("/network/").text
    assert "Backens IF" in page and NAME not in page
    assert '<option value="persons"' not in page
    assert NAME not in viewer.get("/network/export.graphml").get_data(as_text=True)
    assert '<option value="persons"' in client_as("staff").get("/network/").text
