"""An organisation's, a person's and a neighbourhood's page show what they took part in."""
from datetime import datetime

from coalition.models import ParticipationStatus

ATTENDED, NO_SHOW = ParticipationStatus.ATTENDED, ParticipationStatus.NO_SHOW


def test_an_organisation_page_lists_the_meetings_its_people_attended_newest_first(
        client_as, make_meeting, make_organisation, make_person):
    library = make_organisation("Stadsbiblioteket")
    anna, ali = make_person("Anna"), make_person("Ali")
    make_meeting("Vårens workshop", datetime(2025, 4, 2, 9), attendees=[(anna, library, ATTENDED), (ali, library, ATTENDED)])
    make_meeting("Höstens möte", datetime(2026, 10, 1, 13), attendees=[(anna, library, ATTENDED)])
    make_meeting("Uteblev", datetime(2026, 11, 1, 13), attendees=[(ali, library, NO_SHOW)])
    page = client_as("viewer").get(f"/organisations/{library.id}").get_data(as_text=True)
    assert page.index("Höstens möte") < page.index("Vårens workshop")
    assert "Uteblev" not in page
    assert "2026: 1" in page and "2025: 1" in page


def test_the_organisation_a_person_came_for_is_the_one_credited_after_a_job_change(
        client_as, make_meeting, make_organisation, make_person):
    old_job, new_job = make_organisation("Gamla Jobbet"), make_organisation("Nya Jobbet")
    anna = make_person("Anna", organisation=new_job)
    make_meeting("Mötet i fjol", datetime(2025, 3, 3, 10), attendees=[(anna, old_job, ATTENDED)])
    viewer = client_as("viewer")
    assert "Mötet i fjol" in viewer.get(f"/organisations/{old_job.id}").get_data(as_text=True)
    assert "Mötet i fjol" not in viewer.get(f"/organisations/{new_job.id}").get_data(as_text=True)


def test_a_person_page_shows_each_meeting_with_their_status_and_counts_only_attended(
        client_as, make_meeting, make_person):
    anna = make_person("Anna")
    make_meeting("Var där", datetime(2026, 2, 1, 9), attendees=[(anna, None, ATTENDED)])
    make_meeting("Kom inte", datetime(2026, 3, 1, 9), attendees=[(anna, None, NO_SHOW)])
    page = client_as("staff").get(f"/people/{anna.id}").get_data(as_text=True)
    assert "Var där" in page and "Kom inte" in page and "No-show" in page
    assert "2026: 1" in page


def test_a_neighbourhood_page_lists_its_meetings_with_attendance(
        client_as, make_meeting, make_neighbourhood, make_person):
    backen, other = make_neighbourhood("Backen"), make_neighbourhood("Annanstans")
    anna, ali = make_person("Anna"), make_person("Ali")
    make_meeting("Trygghetsvandring", datetime(2026, 5, 5, 18), neighbourhood_ids=[backen.id],
                 attendees=[(anna, None, ATTENDED), (ali, None, NO_SHOW)])
    make_meeting("Annat möte", datetime(2026, 5, 6, 18), neighbourhood_ids=[other.id])
    page = client_as("viewer").get(f"/neighbourhoods/{backen.id}").get_data(as_text=True)
    assert "Trygghetsvandring" in page and "Annat möte" not in page
    row = page[page.index("Trygghetsvandring"):]
    assert '<td class="text-end">1</td>' in row[:400]
