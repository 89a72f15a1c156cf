"""Headcounts: people counted at a meeting by group, without names, and the groups an admin keeps."""
import re
from datetime import date, datetime, time

import pytest

from coalition.db import db
from coalition.errors import DomainError
from coalition.headcounts import GroupDetails, create_group, headcount_totals, set_headcounts, update_group
from coalition.meetings import MeetingDetails, create_meeting
from coalition.models import HeadcountGroup, MeetingHeadcount, MeetingKind, Sector


@pytest.fixture
def make_group(app):
    # The migration adds Boende, Unga and Övriga; only the session's first test finds them still there.
    db.session.execute(db.delete(HeadcountGroup))

    def build(name_sv: str = "Boende", name_en: str = "Residents") -> HeadcountGroup:
        group = create_group(db.session, GroupDetails(name_sv, name_en))
        db.session.commit()
        return group

    return build


@pytest.fixture
def meeting(app):
    found = create_meeting(db.session, MeetingDetails(kind=MeetingKind.WORKSHOP, title="Dialog om parken",
                                                      starts_at=datetime(2026, 11, 3, 18)))
    db.session.commit()
    return found


def _counts(meeting) -> dict[int, int]:
    db.session.expire_all()
    return {h.group_id: h.count for h in db.session.scalars(
        db.select(MeetingHeadcount).where(MeetingHeadcount.meeting_id == meeting.id))}


def test_a_dialogue_with_sixty_residents_is_logged_without_names(meeting, make_group):
    residents, young = make_group(), make_group("Unga", "Young people")
    set_headcounts(db.session, meeting, {residents.id: 60, young.id: 12})
    db.session.commit()
    assert _counts(meeting) == {residents.id: 60, young.id: 12}
    assert headcount_totals(db.session, [meeting.id]) == {meeting.id: 72}


def test_a_count_changed_or_emptied_replaces_what_was_counted(meeting, make_group):
    residents, young = make_group(), make_group("Unga", "Young people")
    set_headcounts(db.session, meeting, {residents.id: 60, young.id: 12})
    set_headcounts(db.session, meeting, {residents.id: 58, young.id: None})
    db.session.commit()
    assert _counts(meeting) == {residents.id: 58}
    set_headcounts(db.session, meeting, {residents.id: 0})
    db.session.commit()
    assert _counts(meeting) == {}


@pytest.mark.parametrize("count", [-1, 100_001])
def test_a_negative_headcount_or_one_above_a_hundred_thousand_is_refused_and_nothing_is_written(
        meeting, make_group, count):
    residents, young = make_group(), make_group("Unga", "Young people")
    with pytest.raises(DomainError) as refusal:
        set_headcounts(db.session, meeting, {young.id: 5, residents.id: count})
    db.session.rollback()
    assert refusal.value.field == f"group_{residents.id}"
    assert _counts(meeting) == {}


def test_a_hundred_thousand_is_the_largest_headcount(meeting, make_group):
    residents = make_group()
    set_headcounts(db.session, meeting, {residents.id: 100_000})
    db.session.commit()
    assert _counts(meeting) == {residents.id: 100_000}


def test_an_archived_group_keeps_its_counts_but_is_not_counted_anew(meeting, make_group):
    residents, young = make_group(), make_group("Unga", "Young people")
    set_headcounts(db.session, meeting, {residents.id: 60})
    residents.archive()
    young.archive()
    db.session.commit()
    set_headcounts(db.session, meeting, {residents.id: 61})
    db.session.commit()
    assert _counts(meeting) == {residents.id: 61}
    with pytest.raises(DomainError):
        set_headcounts(db.session, meeting, {young.id: 3})


def test_a_group_needs_names_in_both_languages_and_no_namesake(make_group):
    make_group()
    with pytest.raises(DomainError) as refusal:
        create_group(db.session, GroupDetails("Pensionärer", " "))
    assert refusal.value.field == "name_en"
    with pytest.raises(DomainError) as refusal:
        create_group(db.session, GroupDetails("BOENDE", "Locals"))
    assert refusal.value.field == "name_sv"


def test_renaming_a_group_keeps_what_was_counted(meeting, make_group):
    residents = make_group()
    set_headcounts(db.session, meeting, {residents.id: 60})
    update_group(db.session, residents, GroupDetails("Invånare", "Residents"))
    db.session.commit()
    assert _counts(meeting) == {residents.id: 60}
    assert db.session.get(HeadcountGroup, residents.id).name_sv == "Invånare"


# On the meeting page, in the figures, and never in the network

def _workshop_with_people(make_organisation, make_person, *, on: datetime = datetime(2026, 11, 3, 18)):
    from coalition.attendance import add_participant

    meeting = create_meeting(db.session, MeetingDetails(kind=MeetingKind.WORKSHOP, title="Dialog om torget",
                                                        starts_at=on))
    for sector in (Sector.PUBLIC, Sector.CIVIL):
        organisation = make_organisation(sector=sector)
        for _ in range(2):
            add_participant(db.session, meeting, make_person(organisation=organisation), organisation=organisation)
    db.session.commit()
    return meeting


def test_staff_count_residents_on_the_meeting_page_in_seconds(client_as, meeting, headcount_groups):
    residents, young = headcount_groups["Residents"], headcount_groups["Young people"]
    staff = client_as("staff")
    page = staff.get(f"/meetings/{meeting.id}").text
    assert f'name="count-group_{residents.id}"' in page
    response = staff.post(f"/meetings/{meeting.id}/headcounts", data={
        f"count-group_{residents.id}": "35", f"count-group_{young.id}": "12"}, follow_redirects=True)
    assert "The headcounts were saved." in response.text
    assert "<strong>35</strong> residents" in response.text
    assert "0 registered and 47 counted without names, 47 in all" in response.text
    assert _counts(meeting) == {residents.id: 35, young.id: 12}


def test_a_negative_count_on_the_page_is_refused_beside_its_field_and_kept(client_as, meeting, headcount_groups):
    residents, young = headcount_groups["Residents"], headcount_groups["Young people"]
    response = client_as("staff").post(f"/meetings/{meeting.id}/headcounts", data={
        f"count-group_{residents.id}": "-4", f"count-group_{young.id}": "12"})
    assert response.status_code == 200
    assert "A headcount cannot be negative." in response.text
    assert 'value="-4"' in response.text and 'value="12"' in response.text
    assert _counts(meeting) == {}


def test_the_steering_group_reads_headcounts_but_cannot_change_them(client_as, meeting, headcount_groups):
    residents = headcount_groups["Residents"]
    set_headcounts(db.session, meeting, {residents.id: 35})
    db.session.commit()
    viewer = client_as("viewer")
    page = viewer.get(f"/meetings/{meeting.id}").text
    assert "<strong>35</strong> residents" in page and 'id="headcount-form"' not in page
    assert viewer.post(f"/meetings/{meeting.id}/headcounts",
                       data={f"count-group_{residents.id}": "40"}).status_code == 403
    assert _counts(meeting) == {residents.id: 35}


def test_headcounts_count_in_the_activity_figures_dashboard_and_report(client_as, make_organisation, make_person,
                                                                      headcount_groups):
    from coalition.reporting.period_figures import Period, activity

    today = date.today()
    meeting = _workshop_with_people(make_organisation, make_person, on=datetime.combine(today, time(10)))
    set_headcounts(db.session, meeting, {headcount_groups["Residents"].id: 35})
    db.session.commit()
    figures = activity(db.session, Period.quarter_containing(today))
    assert (figures.attendance_total, figures.counted_total, figures.people) == (39, 35, 4)
    viewer = client_as("viewer")
    dashboard = viewer.get("/").text
    assert re.search(r'data-figure="attendances"><span class="display-6">39<', dashboard)
    assert re.search(r'data-figure="counted">35<', dashboard)
    report = viewer.get("/reports/steering").text
    assert re.search(r'data-figure="counted-workshop">35<', report)
    assert re.search(r'data-figure="counted-total">35</td><td class="text-end">39<', report)
    listed = viewer.get("/meetings/").text
    assert re.search(r'<td class="text-end">39</td>', listed), "the meetings list counts everyone who came"


def test_a_neighbourhoods_quarters_count_the_headcounts(client_as, make_organisation, make_person, make_neighbourhood,
                                                       headcount_groups):
    neighbourhood = make_neighbourhood("Rosengård")
    meeting = _workshop_with_people(make_organisation, make_person)
    meeting.neighbourhoods = [neighbourhood]
    set_headcounts(db.session, meeting, {headcount_groups["Residents"].id: 35})
    db.session.commit()
    page = client_as("viewer").get(f"/neighbourhoods/{neighbourhood.id}").text
    row = re.search(r'<tr data-quarter="2026 Q4">(.*?)</tr>', page, re.DOTALL).group(1)
    assert re.search(r'data-figure="counted">35<', row)
    assert re.search(r'fw-semibold">39<', row)


def test_headcounts_never_change_the_network(client_as, make_organisation, make_person, headcount_groups):
    from coalition.collaboration import network_cache, network_view

    meeting = _workshop_with_people(make_organisation, make_person)

    def network():
        network_cache.clear()
        graph = network_view(db.session).graph
        return (sorted(graph.nodes(data=True), key=str), sorted(graph.edges(data=True), key=str))

    before = network()
    set_headcounts(db.session, meeting, {headcount_groups["Residents"].id: 60, headcount_groups["Young people"].id: 9})
    db.session.commit()
    assert network() == before
    assert (len(before[0]), len(before[1])) == (2, 1), "the two organisations that came, tied by the meeting"
    page = client_as("viewer").get("/network/").text
    assert "counted at meetings without their names are not in the network" in page


def test_an_admin_keeps_the_groups_in_both_languages(client_as, headcount_groups):
    admin = client_as("admin")
    response = admin.post("/admin/headcount-groups/new", data={"name_sv": "Pensionärer", "name_en": "Pensioners"},
                          follow_redirects=True)
    assert "The group Pensioners was added." in response.text
    young = headcount_groups["Young people"]
    response = admin.post(f"/admin/headcount-groups/{young.id}/edit",
                          data={"name_sv": "Ungdomar", "name_en": "Young people", "version": young.version},
                          follow_redirects=True)
    assert "Ungdomar" in response.text
    refused = admin.post("/admin/headcount-groups/new", data={"name_sv": "boende", "name_en": "Locals"})
    assert "There is already a group called boende." in refused.text
    admin.post(f"/admin/headcount-groups/{young.id}/archive")
    assert db.session.get(HeadcountGroup, young.id).archived_at is not None
    assert client_as("staff").get("/admin/headcount-groups/").status_code == 403
