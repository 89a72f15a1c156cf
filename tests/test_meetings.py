"""Recording meetings, finding them in the list, the month and the export, and following up."""
import csv
import io
from datetime import date, datetime

import pytest

from coalition import meetings
from coalition.db import db
from coalition.errors import DomainError
from coalition.markdown_text import render_markdown
from coalition.models import FollowUpAction, Meeting, MeetingKind, Participation, ParticipationStatus


def _meeting(title: str) -> Meeting | None:
    return db.session.scalar(db.select(Meeting).where(Meeting.title == title))


def _form(**fields) -> dict:
    data = {"kind": "workshop", "title": "Trygghetsvandring", "starts_on": "2026-03-04", "starts_at_time": "18:00",
            "duration_minutes": "90", "place": "Backens bibliotek"}
    data.update(fields)
    return data


def test_staff_creates_a_workshop_and_sees_it_in_the_list(client_as, make_neighbourhood, make_organisation):
    backen = make_neighbourhood("Backen")
    organiser = make_organisation("Norrvik stad")
    staff = client_as("staff")
    response = staff.post("/meetings/new", data=_form(title="  Framtidsverkstad   Backen ",
                                                      neighbourhood_ids=[backen.id], organiser_id=organiser.id))
    meeting = _meeting("Framtidsverkstad Backen")
    assert response.status_code == 302
    assert meeting.starts_at == datetime(2026, 3, 4, 18, 0)
    assert meeting.organiser_id == organiser.id
    assert [n.name for n in meeting.neighbourhoods] == ["Backen"]
    page = staff.get("/meetings/").get_data(as_text=True)
    assert "Framtidsverkstad Backen" in page
    assert "2026-03-04 18:00" in page
    assert "Workshop" in page


def test_the_list_counts_who_attended(client_as, make_meeting, make_person):
    meeting = make_meeting("Samråd")
    for status in (ParticipationStatus.ATTENDED, ParticipationStatus.ATTENDED, ParticipationStatus.NO_SHOW):
        db.session.add(Participation(meeting=meeting, person=make_person(), status=status))
    db.session.commit()
    page = client_as("viewer").get("/meetings/").get_data(as_text=True)
    assert '<td class="text-end">2</td>' in page


def test_filter_by_kind_narrows_the_list(client_as, make_meeting):
    make_meeting("Verkstaden", kind=MeetingKind.WORKSHOP)
    make_meeting("Intervjun", kind=MeetingKind.INTERVIEW)
    page = client_as("viewer").get("/meetings/?kind=interview").get_data(as_text=True)
    assert "Intervjun" in page and "Verkstaden" not in page


def test_filter_by_neighbourhood_narrows_the_list(client_as, make_meeting, make_neighbourhood):
    backen = make_neighbourhood("Backen")
    make_meeting("På Backen", neighbourhood_ids=[backen.id])
    make_meeting("Någon annanstans")
    page = client_as("viewer").get(f"/meetings/?neighbourhood={backen.id}").get_data(as_text=True)
    assert "På Backen" in page and "Någon annanstans" not in page


def test_filter_by_organisation_finds_what_it_organised_or_attended(client_as, make_meeting, make_organisation,
                                                                     make_person):
    forening = make_organisation("Läxhjälpen")
    make_meeting("Deras eget möte", organiser_id=forening.id)
    visited = make_meeting("Där de deltog")
    make_meeting("Utan dem")
    db.session.add(Participation(meeting=visited, person=make_person(), organisation=forening))
    db.session.commit()
    page = client_as("viewer").get(f"/meetings/?organisation={forening.id}").get_data(as_text=True)
    assert "Deras eget möte" in page and "Där de deltog" in page
    assert "Utan dem" not in page


def test_filter_by_date_range_includes_both_end_days(client_as, make_meeting):
    make_meeting("Februari", starts_at=datetime(2026, 2, 28, 9, 0))
    make_meeting("Första mars", starts_at=datetime(2026, 3, 1, 9, 0))
    make_meeting("Sista mars", starts_at=datetime(2026, 3, 31, 23, 30))
    make_meeting("April", starts_at=datetime(2026, 4, 1, 0, 0))
    page = client_as("viewer").get("/meetings/?date_from=2026-03-01&date_to=2026-03-31").get_data(as_text=True)
    assert "Första mars" in page and "Sista mars" in page
    assert "Februari" not in page and "April" not in page


def test_free_text_search_matches_title_and_place(client_as, make_meeting):
    make_meeting("Trygghetsvandring")
    make_meeting("Styrgruppsmöte", place="Trygghetsrummet")
    make_meeting("Något helt annat")
    page = client_as("viewer").get("/meetings/?q=trygghets").get_data(as_text=True)
    assert "Trygghetsvandring" in page and "Styrgruppsmöte" in page
    assert "Något helt annat" not in page


def test_the_list_sorts_by_title(client_as, make_meeting):
    make_meeting("Beta")
    make_meeting("Alfa")
    page = client_as("viewer").get("/meetings/?sort=title").get_data(as_text=True)
    assert page.index("Alfa") < page.index("Beta")


def test_the_month_view_shows_a_meeting_on_its_day_and_navigates_months(client_as, make_meeting):
    meeting = make_meeting("Marsverkstad", starts_at=datetime(2026, 3, 17, 18, 30))
    viewer = client_as("viewer")
    page = viewer.get("/meetings/month?year=2026&month=3").get_data(as_text=True)
    day_cell = page[page.index('datetime="2026-03-17"'):]
    assert day_cell.index(f"/meetings/{meeting.id}") < day_cell.index('datetime="2026-03-18"')
    assert "18:30 Marsverkstad" in page
    assert "/meetings/month?year=2026&amp;month=2" in page
    assert "/meetings/month?year=2026&amp;month=4" in page
    april = viewer.get("/meetings/month?year=2026&month=4").get_data(as_text=True)
    assert "Marsverkstad" not in april
    assert "/meetings/month?year=2026&amp;month=3" in april


def test_the_month_view_crosses_the_year_boundary(client_as):
    page = client_as("viewer").get("/meetings/month?year=2026&month=1").get_data(as_text=True)
    assert "/meetings/month?year=2025&amp;month=12" in page


def test_an_impossible_month_is_not_found(client_as):
    assert client_as("viewer").get("/meetings/month?year=2026&month=13").status_code == 404


def _csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def test_the_csv_export_has_exactly_the_filtered_rows(client_as, make_meeting):
    make_meeting("Verkstad ett", kind=MeetingKind.WORKSHOP)
    make_meeting("Verkstad två", kind=MeetingKind.WORKSHOP)
    make_meeting("Intervju", kind=MeetingKind.INTERVIEW)
    response = client_as("viewer").get("/meetings/export.csv?kind=workshop&sort=title")
    rows = _csv_rows(response)
    assert response.mimetype == "text/csv"
    assert [row[2] for row in rows[1:]] == ["Verkstad ett", "Verkstad två"]


def test_the_csv_export_neutralises_a_title_that_looks_like_a_formula(client_as, make_meeting):
    make_meeting('=HYPERLINK("http://evil.example","klicka")')
    rows = _csv_rows(client_as("viewer").get("/meetings/export.csv"))
    assert rows[1][2] == '\'=HYPERLINK("http://evil.example","klicka")'


def test_the_list_links_to_an_export_of_the_same_filter(client_as, make_meeting):
    page = client_as("viewer").get("/meetings/?kind=interview&q=x").get_data(as_text=True)
    assert "/meetings/export.csv?kind=interview&amp;q=x" in page


def test_a_stale_edit_gets_409_and_the_first_edit_stays(client_as, make_meeting):
    meeting = make_meeting("Original")
    version = meeting.version
    first, second = client_as("staff"), client_as("staff")
    assert first.post(f"/meetings/{meeting.id}/edit", data=_form(title="Först", version=version)).status_code == 302
    response = second.post(f"/meetings/{meeting.id}/edit", data=_form(title="Sist", version=version))
    assert response.status_code == 409
    assert "someone else changed this record" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).title == "Först"


def test_the_edit_form_shows_the_meeting_as_it_is(client_as, make_meeting):
    meeting = make_meeting("Vårmöte", starts_at=datetime(2026, 4, 2, 13, 15), duration_minutes=45)
    page = client_as("staff").get(f"/meetings/{meeting.id}/edit").get_data(as_text=True)
    assert 'value="2026-04-02"' in page and 'value="13:15"' in page and 'value="45"' in page


def test_a_viewer_cannot_create_edit_or_delete_but_can_read(client_as, make_meeting):
    meeting = make_meeting("Styrgrupp")
    viewer = client_as("viewer")
    assert viewer.get("/meetings/new").status_code == 403
    assert viewer.post("/meetings/new", data=_form()).status_code == 403
    assert viewer.post(f"/meetings/{meeting.id}/edit", data=_form(title="Ändrad", version=meeting.version)).status_code == 403
    assert viewer.post(f"/meetings/{meeting.id}/delete").status_code == 403
    assert viewer.post(f"/meetings/{meeting.id}/actions", data={"description": "x"}).status_code == 403
    page = viewer.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Styrgrupp" in page
    assert f"/meetings/{meeting.id}/edit" not in page
    assert _meeting("Styrgrupp") is not None


def test_staff_deletes_a_meeting_without_participants(client_as, make_meeting):
    meeting = make_meeting("Felregistrerat")
    response = client_as("staff").post(f"/meetings/{meeting.id}/delete")
    assert response.status_code == 302
    assert _meeting("Felregistrerat") is None


def test_deleting_a_meeting_with_participants_is_refused(client_as, make_meeting, make_person):
    meeting = make_meeting("Med deltagare")
    db.session.add(Participation(meeting=meeting, person=make_person("Amina Berg")))
    db.session.commit()
    response = client_as("staff").post(f"/meetings/{meeting.id}/delete", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "cannot be deleted" in page
    assert _meeting("Med deltagare") is not None


def test_the_meeting_page_lists_participants_by_status_with_their_organisation(client_as, make_meeting, make_person,
                                                                              make_organisation):
    meeting = make_meeting("Uppstartsmöte")
    forening = make_organisation("Läxhjälpen")
    amina, olle = make_person("Amina Berg"), make_person("Olle Ek")
    db.session.add_all([
        Participation(meeting=meeting, person=amina, organisation=forening),
        Participation(meeting=meeting, person=olle, status=ParticipationStatus.NO_SHOW),
    ])
    db.session.commit()
    page = client_as("staff").get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert page.index("Attended") < page.index("Amina Berg") < page.index("No-show") < page.index("Olle Ek")
    assert "Läxhjälpen" in page


def test_staff_adds_a_follow_up_action_marks_it_done_and_reopens_it(client_as, make_meeting, make_person):
    meeting = make_meeting("Arbetsutskott")
    person = make_person("Amina Berg")
    db.session.add(Participation(meeting=meeting, person=person))
    db.session.commit()
    staff = client_as("staff")
    response = staff.post(f"/meetings/{meeting.id}/actions", data={
        "description": "Boka lokal till hösten", "responsible_person_id": person.id, "due_on": "2026-04-01"})
    assert response.status_code == 302
    action = db.session.scalar(db.select(FollowUpAction).where(FollowUpAction.meeting_id == meeting.id))
    assert (action.description, action.responsible_person_id, action.due_on) == (
        "Boka lokal till hösten", person.id, date(2026, 4, 1))
    staff.post(f"/meetings/{meeting.id}/actions/{action.id}/done")
    db.session.expire_all()
    assert db.session.get(FollowUpAction, action.id).done_on == date.today()
    page = staff.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Reopen" in page
    staff.post(f"/meetings/{meeting.id}/actions/{action.id}/reopen")
    db.session.expire_all()
    assert db.session.get(FollowUpAction, action.id).done_on is None


def test_a_follow_up_action_without_a_description_is_refused_beside_the_field(client_as, make_meeting):
    meeting = make_meeting("Arbetsutskott")
    response = client_as("staff").post(f"/meetings/{meeting.id}/actions", data={"description": "", "due_on": "2026-04-01"})
    assert response.status_code == 200
    assert "This field is required." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(FollowUpAction)) == 0


def test_an_action_of_another_meeting_is_not_found(client_as, make_meeting):
    one, other = make_meeting("Ett"), make_meeting("Annat")
    action = meetings.add_action(db.session, one, "Ring kommunen")
    db.session.commit()
    assert client_as("staff").post(f"/meetings/{other.id}/actions/{action.id}/done").status_code == 404


def test_hostile_markdown_in_the_minutes_is_neutralised(client_as, make_meeting):
    meeting = make_meeting("Protokollfört", minutes=(
        "Vi beslutade **detta**.\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n"
        "[klicka](javascript:alert(1)) och [kommunen](https://norrvik.se)"
    ))
    page = client_as("viewer").get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "<strong>detta</strong>" in page
    assert "alert(1)" not in page
    assert "<img" not in page and "onerror" not in page
    assert "javascript:" not in page
    assert '<a href="https://norrvik.se" rel="noopener noreferrer">kommunen</a>' in page


def test_a_missing_title_is_shown_beside_the_field_with_the_input_kept(client_as):
    response = client_as("staff").post("/meetings/new", data=_form(title="", place="Folkets hus"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This field is required." in page
    assert 'value="Folkets hus"' in page
    assert db.session.scalar(db.select(db.func.count()).select_from(Meeting)) == 0


def test_a_title_of_only_spaces_is_refused_by_the_rule(app):
    with pytest.raises(DomainError) as refused:
        meetings.create_meeting(db.session, meetings.MeetingDetails(
            kind=MeetingKind.OTHER, title="   ", starts_at=datetime(2026, 1, 1, 10, 0)))
    assert refused.value.field == "title"


@pytest.mark.parametrize("minutes", ["0", "10081", "99999999999"])
def test_a_duration_must_be_positive_and_at_most_a_week(client_as, minutes):
    response = client_as("staff").post("/meetings/new", data=_form(duration_minutes=minutes))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "above zero, at most a week" in page
    assert f'value="{minutes}"' in page
    assert db.session.scalar(db.select(db.func.count()).select_from(Meeting)) == 0


def test_an_action_needs_a_description(app, make_meeting):
    meeting = make_meeting("Möte")
    with pytest.raises(DomainError) as refused:
        meetings.add_action(db.session, meeting, "   ")
    assert refused.value.field == "description"


def test_headings_in_the_minutes_sit_below_the_page_headings():
    assert str(render_markdown("# Beslut\n\n## Nästa steg")) == "<h3>Beslut</h3>\n<h4>Nästa steg</h4>"


def test_the_month_view_speaks_swedish(client_as, make_meeting):
    make_meeting("Marsverkstad", starts_at=datetime(2026, 3, 17, 18, 30))
    page = client_as("viewer").get("/meetings/month?year=2026&month=3",
                                   headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert "Mars 2026" in page
    assert "Föregående månad" in page and "Nästa månad" in page
    assert "mån" in page
