"""Proposal pages: what staff record at a workshop, what the steering group reads, and what is refused."""
from datetime import date, datetime

import pytest
import sqlalchemy as sa

from coalition import proposals
from coalition.db import db
from coalition.models import Initiative, Proposal, ProposalStatus, ProposalVote, Sector
from coalition.proposals import ProposalDetails

SWEDISH = {"Accept-Language": "sv"}


@pytest.fixture
def workshop(make_meeting):
    return make_meeting("Workshop om segregation", starts_at=datetime(2026, 3, 4, 18, 0))


@pytest.fixture
def make_proposal(app, make_organisation):
    def build(title: str, *, meeting=None, backers=None, **fields) -> Proposal:
        backers = backers or [make_organisation()]
        proposal = proposals.create_proposal(db.session, ProposalDetails(
            title=title, meeting_id=meeting.id if meeting else None, backer_ids=[o.id for o in backers], **fields))
        db.session.commit()
        return proposal

    return build


def test_staff_record_a_proposal_made_at_a_workshop_and_find_it_on_the_meeting_page(
        client_as, workshop, make_organisation, make_neighbourhood):
    staff = client_as("staff")
    backer = make_organisation("Hyresgästföreningen Kvarnby")
    area = make_neighbourhood("Kvarnby")
    form = staff.get(f"/proposals/new?meeting={workshop.id}").text
    assert f'<option selected value="{workshop.id}">' in form
    response = staff.post("/proposals/new", data={
        "title": "Läxhjälp på biblioteket", "kind": "activity", "description": "Unga hjälper unga.",
        "backer_ids": [backer.id], "neighbourhood_ids": [area.id], "meeting_id": workshop.id, "proposed_on": ""})
    assert response.status_code == 302
    proposal = db.session.scalar(sa.select(Proposal))
    assert proposal.proposed_on == date(2026, 3, 4)
    meeting_page = staff.get(f"/meetings/{workshop.id}").text
    assert "Läxhjälp på biblioteket" in meeting_page and 'id="votes-form"' in meeting_page
    assert "Läxhjälp på biblioteket" in staff.get(f"/organisations/{backer.id}").text


def test_a_proposal_without_title_or_backer_is_refused_beside_the_fields_with_the_text_kept(client_as, workshop):
    response = client_as("staff").post("/proposals/new", data={
        "title": "", "kind": "mission", "description": "Ett tryggare torg", "meeting_id": workshop.id,
        "proposed_on": "2026-03-01"})
    page = response.text
    assert response.status_code == 200
    assert "Ett tryggare torg" in page
    assert "Name at least one organisation that puts the proposal forward." in page
    assert "the proposal cannot be older than the meeting" in page
    assert db.session.scalar(sa.select(sa.func.count(Proposal.id))) == 0


def test_votes_from_the_sheet_of_dots_are_saved_and_sort_the_list(client_as, workshop, make_proposal):
    staff = client_as("staff")
    few = make_proposal("Få prickar", meeting=workshop)
    many = make_proposal("Många prickar", meeting=workshop)
    response = staff.post(f"/proposals/meetings/{workshop.id}/votes", data={
        f"votes-proposal_{few.id}": "4", f"votes-proposal_{many.id}": "19"})
    assert response.status_code == 302
    listed = staff.get("/proposals/").text
    assert listed.index("Många prickar") < listed.index("Få prickar")
    assert 'value="19"' in staff.get(f"/meetings/{workshop.id}").text


def test_negative_or_absurd_votes_are_refused_beside_the_proposal_and_nothing_is_kept(
        client_as, workshop, make_proposal):
    staff = client_as("staff")
    a, b = make_proposal("A-förslag", meeting=workshop), make_proposal("B-förslag", meeting=workshop)
    response = staff.post(f"/proposals/meetings/{workshop.id}/votes", data={
        f"votes-proposal_{a.id}": "-2", f"votes-proposal_{b.id}": "50000"}, headers=SWEDISH)
    page = response.text
    assert response.status_code == 200
    assert page.count("Ange ett antal röster från 0 till 1000.") == 2
    assert 'value="50000"' in page and 'value="-2"' in page
    assert db.session.scalar(sa.select(sa.func.count(ProposalVote.id))) == 0


def test_adopting_creates_the_initiative_which_links_back_and_a_second_adoption_is_refused(
        client_as, workshop, make_proposal):
    staff = client_as("staff")
    proposal = make_proposal("Sommarjobb för unga", meeting=workshop)
    response = staff.post(f"/proposals/{proposal.id}/adopt", data={
        "adopt-initiative_id": "", "adopt-name": "", "adopt-changed_on": "2026-03-10", "adopt-note": "Styrgruppen sa ja"})
    assert response.status_code == 302
    initiative = db.session.scalar(sa.select(Initiative))
    assert initiative.name == "Sommarjobb för unga"
    assert f"/proposals/{proposal.id}" in staff.get(f"/initiatives/{initiative.id}").text
    page = staff.get(f"/proposals/{proposal.id}").text
    assert f"/initiatives/{initiative.id}" in page and 'id="adopt-form"' not in page
    again = staff.post(f"/proposals/{proposal.id}/adopt", data={
        "adopt-initiative_id": initiative.id, "adopt-changed_on": "2026-03-11"})
    assert "The proposal is adopted already" in again.text


def test_merging_into_itself_or_a_proposal_merged_already_is_refused(client_as, workshop, make_proposal):
    staff = client_as("staff")
    a, b, c = (make_proposal(title, meeting=workshop) for title in ("Läxhjälp", "Läxcafé", "Läxhjälp i skolan"))
    assert staff.post(f"/proposals/{a.id}/merge", data={"merge-merged_into_id": b.id, "merge-changed_on": "2026-03-05"}
                      ).status_code == 302
    into_itself = staff.post(f"/proposals/{c.id}/merge", data={"merge-merged_into_id": c.id, "merge-changed_on": "2026-03-05"})
    assert into_itself.status_code == 200 and "Not a valid choice" in into_itself.text
    into_merged = staff.post(f"/proposals/{c.id}/merge", data={"merge-merged_into_id": a.id, "merge-changed_on": "2026-03-05"})
    assert into_merged.status_code == 200
    assert db.session.get(Proposal, c.id).status is ProposalStatus.PROPOSED


def test_a_status_change_in_the_future_or_out_of_the_window_is_refused_beside_the_date(
        client_as, workshop, make_proposal):
    staff = client_as("staff")
    proposal = make_proposal("Trygga stråk", meeting=workshop)
    future = staff.post(f"/proposals/{proposal.id}/status", data={"status-status": "discussed", "status-changed_on": "2099-01-01"})
    assert "Give a date between" in future.text
    assert 'value="2099-01-01"' in future.text
    tomorrow = date.fromordinal(date.today().toordinal() + 1).isoformat()
    assert "A status cannot change in the future." in staff.post(
        f"/proposals/{proposal.id}/status", data={"status-status": "discussed", "status-changed_on": tomorrow}).text
    assert staff.post(f"/proposals/{proposal.id}/status", data={
        "status-status": "discussed", "status-changed_on": "2026-03-06"}).status_code == 302
    history = staff.get(f"/proposals/{proposal.id}").text.partition('id="status-history"')[2]
    assert history.index("2026-03-06") < history.index("2026-03-04")


def test_the_steering_group_reads_proposals_but_changes_nothing(client_as, workshop, make_proposal):
    viewer = client_as("viewer")
    proposal = make_proposal("Mötesplats vid torget", meeting=workshop)
    page = viewer.get(f"/proposals/{proposal.id}").text
    assert "Mötesplats vid torget" in page
    assert 'id="adopt-form"' not in page and 'id="vote-form"' not in page
    assert 'id="votes-form"' not in viewer.get(f"/meetings/{workshop.id}").text
    for url, data in ((f"/proposals/{proposal.id}/adopt", {"adopt-changed_on": "2026-03-05"}),
                      (f"/proposals/meetings/{workshop.id}/votes", {f"votes-proposal_{proposal.id}": "3"}),
                      ("/proposals/new", {"title": "X"})):
        assert viewer.post(url, data=data).status_code == 403
    assert db.session.get(Proposal, proposal.id).status is ProposalStatus.PROPOSED


def test_the_list_filters_by_sector_and_exports_what_it_shows(client_as, workshop, make_proposal, make_organisation):
    staff = client_as("staff")
    make_proposal("Fastighetsägarnas förslag", meeting=workshop, backers=[make_organisation(sector=Sector.PRIVATE)])
    make_proposal("Föreningarnas förslag", meeting=workshop, backers=[make_organisation(sector=Sector.CIVIL)])
    page = staff.get("/proposals/?sector=private").text
    assert "Fastighetsägarnas förslag" in page and "Föreningarnas förslag" not in page
    exported = staff.get("/proposals/export.csv?sector=private")
    assert exported.status_code == 200
    text = exported.data.decode("utf-8-sig")
    assert "Fastighetsägarnas förslag" in text and "Föreningarnas förslag" not in text
    assert staff.get("/proposals/export.xlsx").status_code == 200
    assert "Förslag" in staff.get("/proposals/", headers=SWEDISH).text


def test_the_dashboard_and_the_steering_report_count_the_coalition_process_of_the_period(
        client_as, make_proposal, make_meeting):
    today = date.today()
    made = [make_proposal(f"Förslag {n}", proposed_on=today) for n in range(3)]
    make_proposal("Förra året", proposed_on=date(today.year - 1, 1, 15))
    proposals.adopt_proposal(db.session, made[0], changed_on=today, new_initiative=proposals.initiative_for(made[0]))
    proposals.change_status(db.session, made[1], ProposalStatus.SET_ASIDE, changed_on=today)
    db.session.commit()
    viewer = client_as("viewer")
    dashboard = viewer.get("/").text
    assert 'data-figure="proposals-made">3<' in dashboard
    assert 'data-figure="proposals-adopted">1<' in dashboard
    assert 'data-figure="proposals-set-aside">1<' in dashboard
    report = viewer.get("/reports/steering").text
    row = report.partition('data-figure="proposals-made"')[2].partition("</tr>")[0]
    assert ">3<" in row
    process = report.partition('id="coalition-process"')[2].partition("</section>")[0]
    assert 'data-figure="process-adopted"' in process and 'data-figure="process-set-aside"' in process
    assert "Förslag" in viewer.get("/reports/steering", headers=SWEDISH).text


def test_votes_at_a_later_workshop_are_recorded_from_the_proposal_page_but_not_at_a_meeting_before_it(
        client_as, workshop, make_proposal, make_meeting):
    staff = client_as("staff")
    proposal = make_proposal("Lovaktiviteter", meeting=workshop)
    before = make_meeting("Tidigare workshop", starts_at=datetime(2026, 1, 10, 18, 0))
    later = make_meeting("Senare workshop", starts_at=datetime(2026, 4, 10, 18, 0))
    refused = staff.post(f"/proposals/{proposal.id}/votes", data={"vote-meeting_id": before.id, "vote-votes": "5"})
    assert refused.status_code == 200 and "after this meeting" in refused.text
    assert staff.post(f"/proposals/{proposal.id}/votes", data={"vote-meeting_id": later.id, "vote-votes": "12"}
                      ).status_code == 302
    page = staff.get(f"/proposals/{proposal.id}").text
    assert "Senare workshop" in page and "12 votes" in page
