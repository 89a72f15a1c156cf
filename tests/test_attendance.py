"""Putting people on a meeting's list: type-ahead, a pasted sign-in list, and bulk changes."""
import re
from datetime import date, datetime, timedelta

import pytest

from coalition import meetings
from coalition.attendance import add_participant, participant_choices, participants_by_status
from coalition.db import db
from coalition.models import (
    Meeting,
    MeetingKind,
    Membership,
    Organisation,
    Participation,
    ParticipationRole,
    ParticipationStatus,
    Person,
    Sector,
)
from coalition.sign_in_list import Verdict, preview_sign_in_list


@pytest.fixture
def workshop(make_meeting) -> Meeting:
    return make_meeting("Framtidsverkstad", datetime(2026, 5, 12, 18, 0))


def _participations(meeting: Meeting) -> list[Participation]:
    return list(db.session.scalars(db.select(Participation).where(Participation.meeting_id == meeting.id)))


def _verdicts(meeting: Meeting, text: str) -> list[str]:
    return [row.verdict.value for row in preview_sign_in_list(db.session, meeting, text).rows]


def test_the_preview_matches_by_email_then_by_name_and_organisation(workshop, make_person, make_organisation):
    stad = make_organisation("Norrviks stad", sector=Sector.PUBLIC)
    make_person("Anna Berg", organisation=stad)
    make_person("Omar Haddad", email="omar@example.se")
    text = "\n".join([
        "  ANNA  berg ,  norrviks STAD ",  # case and spacing do not matter
        "O. Haddad <Omar@Example.se>, Backens IF",  # the e-mail decides, whatever the name
        "Lisa Ek, Norrviks stad",
        "",
        "Anna Berg, Norrviks stad",  # the same person again
    ])
    assert _verdicts(workshop, text) == ["matched", "matched", "new", "repeated"]


def test_accents_do_not_matter_when_matching(workshop, make_person, make_organisation):
    forening = make_organisation("Föreningen Gröna Gårdar")
    make_person("Åsa Öberg", organisation=forening)
    assert _verdicts(workshop, "Asa Oberg, Foreningen Grona Gardar") == ["matched"]


def test_namesakes_elsewhere_are_offered_not_guessed(workshop, make_person, make_organisation):
    make_person("Maria Svensson", organisation=make_organisation("Backens IF"))
    make_person("Maria Svensson", organisation=make_organisation("Hyresgästföreningen"))
    preview = preview_sign_in_list(db.session, workshop, "Maria Svensson, Norrvik Energi")
    row = preview.rows[0]
    assert row.verdict is Verdict.AMBIGUOUS
    assert len(row.candidates) == 2
    assert preview.new_organisations == {"norrvikenergi": "Norrvik Energi"}


def test_a_pasted_script_comes_back_as_text(client_as, workshop):
    page = client_as("staff").post(f"/meetings/{workshop.id}/participants/sign-in", data={
        "sign_in-text": "Eve <<script>alert(1)</script>>, X", "sign_in-role": "participant",
        "sign_in-status": "attended"}).get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;" in page


def test_unreadable_lines_say_why(workshop):
    preview = preview_sign_in_list(db.session, workshop, "Anna <not-an-address>, X\n<a@b.se>, Y")
    assert [row.verdict for row in preview.rows] == [Verdict.INVALID, Verdict.INVALID]
    assert "not an e-mail address" in str(preview.rows[0].line.problem)
    assert "no name" in str(preview.rows[1].line.problem)


def test_staff_paste_preview_resolve_and_add(client_as, workshop, make_person, make_organisation):
    stad = make_organisation("Norrviks stad", sector=Sector.PUBLIC)
    anna = make_person("Anna Berg", organisation=stad)
    make_person("Maria Svensson", organisation=make_organisation("Backens IF"))
    twin = make_person("Maria Svensson", organisation=make_organisation("Hyresgästföreningen"))
    staff = client_as("staff")
    text = "Anna Berg, Norrviks stad\nMaria Svensson\nNils Nord <nils@example.se>, Norrvik Energi\nPer Lind, Norrvik Energi"
    form = {"sign_in-text": text, "sign_in-role": "participant", "sign_in-status": "attended"}

    preview = staff.post(f"/meetings/{workshop.id}/participants/sign-in", data=form).get_data(as_text=True)
    assert "1 registered, 2 new, 1 to choose, 0 already on the list." in preview
    assert "Norrvik Energi" in preview and "Choose the sector" in preview

    unresolved = staff.post(f"/meetings/{workshop.id}/participants/sign-in", data=form | {"confirm": "1"})
    assert unresolved.status_code == 422
    assert "Choose who this is, or add them as a new person." in unresolved.get_data(as_text=True)
    assert _participations(workshop) == []

    done = staff.post(f"/meetings/{workshop.id}/participants/sign-in", data=form | {
        "confirm": "1", "person-2": str(twin.id), "sector-norrvikenergi": "private"})
    assert done.status_code == 302
    taken = {p.person.name: p for p in _participations(workshop)}
    assert sorted(taken) == ["Anna Berg", "Maria Svensson", "Nils Nord", "Per Lind"]
    assert taken["Anna Berg"].person_id == anna.id and taken["Anna Berg"].organisation_id == stad.id
    assert taken["Maria Svensson"].person_id == twin.id
    energi = db.session.scalar(db.select(Organisation).where(Organisation.name == "Norrvik Energi"))
    assert energi.sector is Sector.PRIVATE
    assert taken["Nils Nord"].organisation_id == energi.id and taken["Per Lind"].organisation_id == energi.id
    assert taken["Nils Nord"].person.email == "nils@example.se"
    assert [m.organisation_id for m in taken["Per Lind"].person.memberships] == [energi.id]
    assert all(p.status is ParticipationStatus.ATTENDED for p in taken.values())


@pytest.mark.parametrize(("days_ahead", "offered"), [(7, "registered"), (0, "attended"), (-7, "attended")])
def test_people_added_to_a_meeting_still_to_come_are_registered_not_attended(client_as, make_person, days_ahead,
                                                                            offered):
    day = date.today() + timedelta(days=days_ahead)
    meeting = meetings.create_meeting(db.session, meetings.MeetingDetails(
        kind=MeetingKind.WORKSHOP, title="Trygghetsvandring", starts_at=datetime(day.year, day.month, day.day, 18)))
    db.session.commit()
    staff = client_as("staff")
    page = staff.get(f"/meetings/{meeting.id}").text
    for form in ("add", "sign_in"):
        select = page[page.index(f'name="{form}-status"'):]
        chosen = re.findall(r'<option[^>]*\bselected\b[^>]*value="(\w+)"|<option[^>]*value="(\w+)"[^>]*\bselected\b',
                            select[:select.index("</select>")])
        assert ["".join(found) for found in chosen] == [offered], form

    # Added without choosing (as a form with the status left out sends it), they get the same.
    staff.post(f"/meetings/{meeting.id}/participants", data={"add-person_ids": [make_person().id], "add-role": "participant"})
    staff.post(f"/meetings/{meeting.id}/participants/sign-in", data={
        "sign_in-text": "Lisa Ek", "sign_in-role": "participant", "confirm": "1"})
    assert {p.status.value for p in _participations(meeting)} == {offered}
    assert len(_participations(meeting)) == 2


@pytest.mark.parametrize(("language", "said"), [
    ("en", "1 added to the list (1 new person, 1 new organisation)."),
    ("sv", "1 tillagd på listan (1 ny person, 1 ny organisation)."),
])
def test_one_person_from_a_new_organisation_is_counted_in_the_singular(client_as, workshop, language, said):
    form = {"sign_in-text": "Lisa Ek, Backens IF", "sign_in-role": "participant", "sign_in-status": "attended",
            "confirm": "1", "sector-backensif": "civil"}
    page = client_as("staff").post(f"/meetings/{workshop.id}/participants/sign-in", data=form,
                                   headers={"Accept-Language": language}, follow_redirects=True).text
    assert said in page


def test_pasting_the_same_list_again_adds_nobody(client_as, workshop, make_organisation):
    make_organisation("Backens IF")
    staff = client_as("staff")
    form = {"sign_in-text": "Lisa Ek, Backens IF\nJon Ek, Backens IF", "sign_in-role": "speaker",
            "sign_in-status": "registered", "confirm": "1"}
    staff.post(f"/meetings/{workshop.id}/participants/sign-in", data=form)
    again = staff.post(f"/meetings/{workshop.id}/participants/sign-in", data=form | {"confirm": None})
    assert "0 registered, 0 new, 0 to choose, 2 already on the list." in again.get_data(as_text=True)
    staff.post(f"/meetings/{workshop.id}/participants/sign-in", data=form)
    assert len(_participations(workshop)) == 2
    assert db.session.scalar(db.select(db.func.count()).select_from(Person)) == 2
    assert {p.role for p in _participations(workshop)} == {ParticipationRole.SPEAKER}


def test_a_left_out_line_is_not_added(client_as, workshop):
    staff = client_as("staff")
    staff.post(f"/meetings/{workshop.id}/participants/sign-in", data={
        "sign_in-text": "Lisa Ek\nJon Ek", "sign_in-role": "participant", "sign_in-status": "attended",
        "confirm": "1", "skip-2": "1"})
    assert [p.person.name for p in _participations(workshop)] == ["Lisa Ek"]


def test_an_empty_paste_is_refused_beside_the_box(client_as, workshop):
    page = client_as("staff").post(f"/meetings/{workshop.id}/participants/sign-in", data={
        "sign_in-text": "  ", "sign_in-role": "participant", "sign_in-status": "attended"})
    assert page.status_code == 200
    assert "Paste the names, one person a line." in page.get_data(as_text=True)


def test_the_organisation_on_the_day_is_kept_after_a_job_change(client_as, workshop, make_person, make_organisation):
    old_job, new_job = make_organisation("Gamla Bolaget"), make_organisation("Nya Bolaget")
    person = make_person("Eva Ström")
    person.memberships.append(Membership(organisation=old_job, from_date=date(2020, 1, 1), until_date=date(2026, 6, 30)))
    person.memberships.append(Membership(organisation=new_job, from_date=date(2026, 7, 1)))
    db.session.commit()
    client_as("staff").post(f"/meetings/{workshop.id}/participants", data={
        "add-person_ids": [person.id], "add-role": "participant", "add-status": "attended"})
    assert _participations(workshop)[0].organisation_id == old_job.id  # the meeting was in May


def test_typeahead_suggests_people_with_their_organisation(client_as, workshop, make_person, make_organisation):
    make_person("Karin Holm", organisation=make_organisation("Backens IF"))
    make_person("Holger Karlsson")
    make_person("Karin Gone", archived_at=datetime(2026, 1, 1))
    data = client_as("staff").get(f"/api/people/suggestions?meeting={workshop.id}&q=karin").get_json()
    assert [(r["name"], r["organisation"]) for r in data["results"]] == [("Karin Holm", "Backens IF")]
    data = client_as("staff").get(f"/api/people/suggestions?meeting={workshop.id}&q=hol").get_json()
    # A name that starts with the text comes before one that only contains it.
    assert [r["name"] for r in data["results"]] == ["Holger Karlsson", "Karin Holm"]


def test_staff_add_several_chosen_people_at_once(client_as, workshop, make_person):
    people = [make_person(f"Person {n}") for n in range(3)]
    staff = client_as("staff")
    response = staff.post(f"/meetings/{workshop.id}/participants", data={
        "add-person_ids": [p.id for p in people], "add-role": "facilitator", "add-status": "invited"})
    assert response.status_code == 302
    added = _participations(workshop)
    assert len(added) == 3
    assert {(p.role, p.status) for p in added} == {(ParticipationRole.FACILITATOR, ParticipationStatus.INVITED)}


def test_bulk_status_and_role_change_and_the_counts_follow(client_as, workshop, make_person):
    for n in range(5):
        add_participant(db.session, workshop, make_person(f"Deltagare {n}"))
    db.session.commit()
    ticked = [p.id for p in _participations(workshop)][:2]
    staff = client_as("staff")
    staff.post(f"/meetings/{workshop.id}/participants/change", data={
        "bulk-participation_ids": ticked, "bulk-status": "no_show", "bulk-role": ""})
    page = staff.get(f"/meetings/{workshop.id}").get_data(as_text=True)
    assert "<strong>3</strong> attended" in page and "<strong>2</strong> no-show" in page
    staff.post(f"/meetings/{workshop.id}/participants/change", data={
        "bulk-participation_ids": ticked[:1], "bulk-role": "speaker", "bulk-status": ""})
    changed = db.session.get(Participation, ticked[0])
    assert (changed.role, changed.status) == (ParticipationRole.SPEAKER, ParticipationStatus.NO_SHOW)


def test_the_list_is_grouped_by_status_in_order_and_by_name_within_each(workshop, make_person):
    for name, status in [("Örjan Ek", ParticipationStatus.ATTENDED), ("Anna Berg", ParticipationStatus.NO_SHOW),
                         ("Bo Lind", ParticipationStatus.ATTENDED), ("Cilla Ås", ParticipationStatus.INVITED)]:
        add_participant(db.session, workshop, make_person(name), status=status)
    db.session.commit()
    groups = participants_by_status(db.session, workshop)
    assert [(status, [p.person.name for p in people]) for status, people in groups] == [
        (ParticipationStatus.INVITED, ["Cilla Ås"]),
        (ParticipationStatus.ATTENDED, ["Bo Lind", "Örjan Ek"]),
        (ParticipationStatus.NO_SHOW, ["Anna Berg"]),
    ]


def test_only_participants_whose_data_may_be_processed_can_be_named_to_follow_up(client_as, workshop, make_person):
    anna, bo, cilla = make_person("Anna Berg"), make_person("Bo Lind"), make_person("Cilla Ås")
    for person in (cilla, bo, anna):
        add_participant(db.session, workshop, person)
    bo.restricted_at = date.today()
    cilla.anonymised_at = date.today()
    db.session.commit()
    assert participant_choices(db.session, workshop) == [(anna.id, "Anna Berg")]
    page = client_as("staff").get(f"/meetings/{workshop.id}").text
    assert f'<option value="{anna.id}">Anna Berg</option>' in page
    assert f'<option value="{bo.id}">' not in page


def test_a_bulk_change_to_a_role_of_only_whitespace_is_refused_and_changes_nothing(client_as, workshop, make_person):
    add_participant(db.session, workshop, make_person())
    db.session.commit()
    ticked = [p.id for p in _participations(workshop)]
    response = client_as("staff").post(f"/meetings/{workshop.id}/participants/change", data={
        "bulk-participation_ids": ticked, "bulk-role": "\u2028", "bulk-status": ""})
    assert response.status_code in (200, 400, 422)
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert db.session.get(Participation, ticked[0]).role is ParticipationRole.PARTICIPANT


def test_a_bulk_change_with_nothing_ticked_says_so(client_as, workshop, make_person):
    add_participant(db.session, workshop, make_person())
    db.session.commit()
    page = client_as("staff").post(f"/meetings/{workshop.id}/participants/change", data={"bulk-status": "no_show"})
    assert "Tick the people to change first." in page.get_data(as_text=True)


def test_ticked_people_can_be_taken_off_the_list(client_as, workshop, make_person):
    add_participant(db.session, workshop, make_person())
    db.session.commit()
    ids = [p.id for p in _participations(workshop)]
    client_as("staff").post(f"/meetings/{workshop.id}/participants/change",
                            data={"bulk-participation_ids": ids, "remove": "1"})
    assert _participations(workshop) == []


def test_a_participant_of_another_meeting_cannot_be_changed_through_this_one(client_as, workshop, make_meeting,
                                                                              make_person):
    other = make_meeting("Annat", datetime(2026, 5, 1, 9, 0), MeetingKind.INTERVIEW)
    add_participant(db.session, other, make_person())
    db.session.commit()
    foreign = _participations(other)[0].id
    page = client_as("staff").post(f"/meetings/{workshop.id}/participants/change",
                                   data={"bulk-participation_ids": [foreign], "remove": "1"})
    assert "no longer on this meeting" in page.get_data(as_text=True)
    assert len(_participations(other)) == 1


def test_viewers_see_the_list_but_no_way_to_change_it(client_as, workshop, make_person):
    add_participant(db.session, workshop, make_person("Synlig Person"))
    db.session.commit()
    viewer = client_as("viewer")
    page = viewer.get(f"/meetings/{workshop.id}").get_data(as_text=True)
    assert "Synlig Person" not in page and "<strong>1</strong> attended" in page  # counts, not names
    assert "Preview the list" not in page and 'type="checkbox"' not in page
    refused = viewer.post(f"/meetings/{workshop.id}/participants/sign-in", data={"sign_in-text": "X"})
    assert refused.status_code == 403
