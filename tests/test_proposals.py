"""Proposals: put forward, voted on, moved through their statuses, adopted into initiatives, merged."""
from datetime import date, datetime

import pytest
import sqlalchemy as sa

from coalition import proposals
from coalition.db import db
from coalition.errors import DomainError
from coalition.models import Initiative, InitiativeStatus, Proposal, ProposalStatus, ProposalVote, Sector
from coalition.proposals import ProposalDetails

TODAY = date(2026, 6, 1)


@pytest.fixture
def make_proposal(app, make_organisation, make_meeting):
    def build(title: str = "Läxhjälp på biblioteket", *, meeting=None, backers=None, **fields) -> Proposal:
        backers = backers or [make_organisation()]
        proposal = proposals.create_proposal(db.session, ProposalDetails(
            title=title, meeting_id=meeting.id if meeting else None, backer_ids=[o.id for o in backers], **fields),
            today=TODAY)
        db.session.commit()
        return proposal

    return build


def _refusals(operation) -> dict[str, str]:
    with pytest.raises(DomainError) as raised:
        operation()
    db.session.rollback()
    return {error.field: str(error.message) for error in raised.value.every}


def test_a_proposal_made_at_a_workshop_dates_from_the_workshop_and_starts_its_history(make_proposal, make_meeting):
    workshop = make_meeting("Workshop om trygghet", starts_at=datetime(2026, 3, 4, 18, 0))
    proposal = make_proposal(meeting=workshop)
    assert proposal.proposed_on == date(2026, 3, 4)
    assert [(c.status, c.changed_on) for c in proposal.status_changes] == [(ProposalStatus.PROPOSED, date(2026, 3, 4))]


def test_a_proposal_without_title_backer_or_with_a_wrong_date_is_refused_with_every_reason(app, make_meeting):
    workshop = make_meeting(starts_at=datetime(2026, 3, 4, 18, 0))
    found = _refusals(lambda: proposals.create_proposal(db.session, ProposalDetails(
        title="  ", meeting_id=workshop.id, proposed_on=date(2026, 3, 1)), today=TODAY))
    assert set(found) == {"title", "backer_ids", "proposed_on"}
    assert "2026-03-04" in found["proposed_on"]
    future = _refusals(lambda: proposals.create_proposal(db.session, ProposalDetails(
        title="X", proposed_on=date(2026, 7, 1)), today=TODAY))
    assert "future" in future["proposed_on"]
    typo = _refusals(lambda: proposals.create_proposal(db.session, ProposalDetails(
        title="X", proposed_on=date(206, 7, 1)), today=TODAY))
    assert "Give a date between" in typo["proposed_on"]


def test_a_proposal_moves_from_proposed_to_discussed_to_set_aside_and_back_only_with_a_reason(make_proposal):
    proposal = make_proposal(proposed_on=date(2026, 3, 4))
    proposals.change_status(db.session, proposal, ProposalStatus.DISCUSSED, changed_on=date(2026, 3, 10), today=TODAY)
    proposals.change_status(db.session, proposal, ProposalStatus.SET_ASIDE, changed_on=date(2026, 3, 12), today=TODAY)
    db.session.commit()
    found = _refusals(lambda: proposals.change_status(db.session, proposal, ProposalStatus.DISCUSSED,
                                                      changed_on=date(2026, 3, 9), today=TODAY))
    assert set(found) == {"note", "changed_on"}
    proposals.change_status(db.session, proposal, ProposalStatus.DISCUSSED, changed_on=date(2026, 4, 1),
                            note="Nya pengar från kommunen", today=TODAY)
    db.session.commit()
    assert [change.status for change, _by in proposals.status_history(db.session, proposal)] == [
        ProposalStatus.DISCUSSED, ProposalStatus.SET_ASIDE, ProposalStatus.DISCUSSED, ProposalStatus.PROPOSED]


def test_a_status_change_that_makes_no_sense_is_refused(make_proposal):
    proposal = make_proposal(proposed_on=date(2026, 3, 4))
    assert "status" in _refusals(lambda: proposals.change_status(
        db.session, proposal, ProposalStatus.PROPOSED, changed_on=date(2026, 3, 5), today=TODAY))
    assert "status" in _refusals(lambda: proposals.change_status(
        db.session, proposal, ProposalStatus.ADOPTED, changed_on=date(2026, 3, 5), today=TODAY))
    assert "future" in _refusals(lambda: proposals.change_status(
        db.session, proposal, ProposalStatus.DISCUSSED, changed_on=date(2026, 6, 2), today=TODAY))["changed_on"]
    assert "Give a date between" in _refusals(lambda: proposals.change_status(
        db.session, proposal, ProposalStatus.DISCUSSED, changed_on=date(1066, 1, 1), today=TODAY))["changed_on"]


def test_adopting_creates_an_initiative_that_carries_the_proposal_out_and_cannot_happen_twice(
        make_proposal, make_organisation, make_neighbourhood, make_meeting):
    backer = make_organisation("Hyresgästföreningen")
    area = make_neighbourhood("Kvarnby")
    workshop = make_meeting("Workshop", starts_at=datetime(2026, 3, 4, 18, 0))
    proposal = make_proposal("Sommarjobb för unga", meeting=workshop, backers=[backer],
                             neighbourhood_ids=[area.id], description="Trettio sommarjobb.")
    initiative = proposals.adopt_proposal(db.session, proposal, changed_on=date(2026, 4, 1),
                                          new_initiative=proposals.initiative_for(proposal), today=TODAY)
    db.session.commit()
    assert proposal.status is ProposalStatus.ADOPTED and proposal.initiative == initiative
    assert initiative.name == "Sommarjobb för unga"
    assert initiative.participants == [backer] and initiative.neighbourhoods == [area]
    assert initiative.origin_meeting == workshop and initiative.status is InitiativeStatus.ACTIVE
    found = _refusals(lambda: proposals.adopt_proposal(db.session, proposal, changed_on=date(2026, 4, 2),
                                                       initiative_id=initiative.id, today=TODAY))
    assert "adopted already" in found["initiative_id"]


def test_adopting_into_a_name_in_use_is_refused_beside_the_name_and_links_to_an_existing_one_instead(make_proposal):
    existing = Initiative(name="Trygga stråk")
    db.session.add(existing)
    db.session.commit()
    proposal = make_proposal("Trygga stråk", proposed_on=date(2026, 3, 4))
    found = _refusals(lambda: proposals.adopt_proposal(
        db.session, proposal, changed_on=date(2026, 3, 5), new_initiative=proposals.initiative_for(proposal),
        today=TODAY))
    assert "already an initiative" in found["name"]
    assert db.session.scalar(sa.select(sa.func.count(Initiative.id))) == 1
    proposal = db.session.get(Proposal, proposal.id)
    proposals.adopt_proposal(db.session, proposal, changed_on=date(2026, 3, 5), initiative_id=existing.id, today=TODAY)
    db.session.commit()
    assert proposal.initiative_id == existing.id


def test_a_set_aside_proposal_is_taken_up_again_before_it_is_adopted(make_proposal):
    proposal = make_proposal(proposed_on=date(2026, 3, 4))
    proposals.change_status(db.session, proposal, ProposalStatus.SET_ASIDE, changed_on=date(2026, 3, 5), today=TODAY)
    db.session.commit()
    found = _refusals(lambda: proposals.adopt_proposal(
        db.session, proposal, changed_on=date(2026, 3, 6), new_initiative=proposals.initiative_for(proposal),
        today=TODAY))
    assert "set aside" in found["initiative_id"]


def test_merging_brings_the_backers_along_and_refuses_itself_or_a_proposal_merged_already(
        make_proposal, make_organisation):
    first, second = make_organisation("Skolan", sector=Sector.PUBLIC), make_organisation("Bovärd", sector=Sector.PRIVATE)
    a = make_proposal("Läxhjälp", backers=[first], proposed_on=date(2026, 3, 4))
    b = make_proposal("Läxhjälp på biblioteket", backers=[second], proposed_on=date(2026, 3, 4))
    c = make_proposal("Läxcafé", proposed_on=date(2026, 3, 4))
    assert "itself" in _refusals(lambda: proposals.merge_proposal(
        db.session, a, a.id, changed_on=date(2026, 3, 5), today=TODAY))["merged_into_id"]
    proposals.merge_proposal(db.session, a, b.id, changed_on=date(2026, 3, 5), today=TODAY)
    db.session.commit()
    assert a.status is ProposalStatus.MERGED and a.merged_into == b
    assert b.backers == [second, first] or set(b.backers) == {first, second}
    assert proposals.backing_sectors(b) == [Sector.PRIVATE, Sector.PUBLIC]
    assert "merge into that one" in _refusals(lambda: proposals.merge_proposal(
        db.session, c, a.id, changed_on=date(2026, 3, 5), today=TODAY))["merged_into_id"]
    assert "merged into" in _refusals(lambda: proposals.merge_proposal(
        db.session, a, c.id, changed_on=date(2026, 3, 6), today=TODAY))["merged_into_id"]


def test_votes_at_a_workshop_are_kept_per_meeting_and_sort_the_list(make_proposal, make_meeting):
    workshop = make_meeting(starts_at=datetime(2026, 3, 4, 18, 0))
    later = make_meeting(starts_at=datetime(2026, 4, 4, 18, 0))
    few = make_proposal("Få röster", meeting=workshop)
    many = make_proposal("Många röster", meeting=workshop)
    proposals.record_votes(db.session, workshop, {few.id: 3, many.id: 7}, today=TODAY)
    proposals.record_votes(db.session, later, {few.id: 2}, today=TODAY)
    db.session.commit()
    listed = db.session.scalars(proposals.proposal_query()).all()
    totals = proposals.vote_totals(db.session, [p.id for p in listed])
    assert [(p.title, totals[p.id]) for p in listed] == [("Många röster", 7), ("Få röster", 5)]
    proposals.record_votes(db.session, workshop, {many.id: None, few.id: 4}, today=TODAY)
    db.session.commit()
    assert proposals.votes_at(db.session, workshop) == {few.id: 4}
    assert [p.title for p in db.session.scalars(proposals.proposal_query())] == ["Få röster", "Många röster"]
    assert proposals.vote_totals(db.session, [few.id, many.id]) == {few.id: 6}


def test_votes_that_are_negative_absurd_too_early_or_for_a_merged_proposal_are_refused_and_none_kept(
        make_proposal, make_meeting):
    before = make_meeting(starts_at=datetime(2026, 1, 4, 18, 0))
    workshop = make_meeting(starts_at=datetime(2026, 3, 4, 18, 0))
    coming = make_meeting(starts_at=datetime(2026, 9, 4, 18, 0))
    a = make_proposal("A", meeting=workshop)
    b = make_proposal("B", meeting=workshop)
    c = make_proposal("C", meeting=workshop)
    proposals.merge_proposal(db.session, c, a.id, changed_on=date(2026, 3, 5), today=TODAY)
    db.session.commit()
    found = _refusals(lambda: proposals.record_votes(db.session, workshop, {a.id: -1, b.id: 100000, c.id: 2},
                                                     today=TODAY))
    assert set(found) == {f"proposal_{a.id}", f"proposal_{b.id}", f"proposal_{c.id}"}
    assert "merged into A" in found[f"proposal_{c.id}"]
    assert "after this meeting" in _refusals(lambda: proposals.record_votes(
        db.session, before, {a.id: 1}, today=TODAY))[f"proposal_{a.id}"]
    assert "not been held" in _refusals(lambda: proposals.record_votes(
        db.session, coming, {a.id: 1}, today=TODAY))[f"proposal_{a.id}"]
    assert db.session.scalar(sa.select(sa.func.count(ProposalVote.id))) == 0


def test_the_database_refuses_negative_votes_and_an_adopted_proposal_without_initiative(make_proposal, make_meeting):
    workshop = make_meeting(starts_at=datetime(2026, 3, 4, 18, 0))
    proposal = make_proposal(meeting=workshop)
    db.session.add(ProposalVote(proposal_id=proposal.id, meeting_id=workshop.id, votes=-3))
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
    db.session.rollback()
    proposal = db.session.get(Proposal, proposal.id)
    proposal.status = ProposalStatus.ADOPTED
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_the_period_counts_proposals_made_adopted_and_set_aside(make_proposal, make_neighbourhood):
    area = make_neighbourhood()
    a = make_proposal("A", proposed_on=date(2026, 2, 1), neighbourhood_ids=[area.id])
    b = make_proposal("B", proposed_on=date(2026, 3, 1))
    make_proposal("C", proposed_on=date(2025, 12, 1))
    proposals.adopt_proposal(db.session, a, changed_on=date(2026, 3, 2), new_initiative=proposals.initiative_for(a),
                             today=TODAY)
    proposals.change_status(db.session, b, ProposalStatus.SET_ASIDE, changed_on=date(2026, 3, 3), today=TODAY)
    db.session.commit()
    assert proposals.proposal_figures(db.session, date(2026, 1, 1), date(2026, 3, 31)) == \
        proposals.ProposalFigures(made=2, adopted=1, set_aside=1)
    assert proposals.proposal_figures(db.session, date(2026, 1, 1), date(2026, 3, 31), neighbourhood_id=area.id) == \
        proposals.ProposalFigures(made=1, adopted=1, set_aside=0)
