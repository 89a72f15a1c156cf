"""The priority votes (dots) proposals get at workshops."""
from collections.abc import Iterable, Mapping
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..errors import Refusals
from ..i18n import lazy_gettext as _l
from ..models import Meeting, Proposal, ProposalStatus, ProposalVote
from .drafting import records_by_id

# More dots than this for one proposal at one meeting is a slip of the keyboard, not a workshop.
MOST_VOTES = 1000


def _vote_refusal(proposal: Proposal, meeting: Meeting, votes: int | None, today: date):
    """Say why these votes cannot be recorded for the proposal at the meeting, or None."""
    if votes is not None and not 0 <= votes <= MOST_VOTES:
        return _l("Give a number of votes from 0 to %(most)d.", most=MOST_VOTES)
    held_on = meeting.starts_at.date()
    if held_on > today:
        return _l("The meeting has not been held yet: record its votes afterwards.")
    if held_on < proposal.proposed_on:
        return _l("The proposal was put forward on %(date)s, after this meeting.", date=proposal.proposed_on.isoformat())
    if proposal.status is ProposalStatus.MERGED and votes:
        return _l("The proposal is merged into %(title)s: record the votes there.", title=proposal.merged_into.title)
    return None


def record_votes(session: Session, meeting: Meeting, votes: Mapping[int, int | None], *,
                 field_name=lambda proposal_id: f"proposal_{proposal_id}", today: date | None = None) -> int:
    """Record the votes each proposal got at a meeting (None removes its votes there); return how many have votes.

    Every count is checked before any is kept; a refusal names the field `field_name(proposal_id)`.
    """
    today = today or date.today()
    proposals = {p.id: p for p in records_by_id(session, Proposal, votes)}
    existing = {vote.proposal_id: vote for vote in session.scalars(
        select(ProposalVote).where(ProposalVote.meeting_id == meeting.id, ProposalVote.proposal_id.in_(list(votes))))}
    refusals = Refusals()
    for proposal_id, count in votes.items():
        proposal = proposals.get(proposal_id)
        if proposal is None:
            refusals.add(_l("The proposal is not recorded."), field_name(proposal_id))
        elif (count is not None or proposal_id in existing) and (
                refusal := _vote_refusal(proposal, meeting, count, today)) is not None:
            refusals.add(refusal, field_name(proposal_id))
    refusals.refuse()
    for proposal_id, count in votes.items():
        vote = existing.get(proposal_id)
        if count is None:
            if vote is not None:
                session.delete(vote)
        elif vote is None:
            session.add(ProposalVote(proposal_id=proposal_id, meeting_id=meeting.id, votes=count))
        else:
            vote.votes = count
    session.flush()
    return sum(1 for count in votes.values() if count)


def votes_by_meeting(session: Session, proposal: Proposal) -> list[tuple[Meeting, int]]:
    """Return the meetings where the proposal got votes, latest first, with how many."""
    return [(meeting, votes) for meeting, votes in session.execute(
        select(Meeting, ProposalVote.votes).join(ProposalVote, ProposalVote.meeting_id == Meeting.id)
        .where(ProposalVote.proposal_id == proposal.id).order_by(Meeting.starts_at.desc()))]


def vote_totals(session: Session, proposal_ids: Iterable[int]) -> dict[int, int]:
    """Return the votes each of the given proposals got at every meeting together, in one query."""
    return dict(session.execute(select(ProposalVote.proposal_id, func.sum(ProposalVote.votes))
                                .where(ProposalVote.proposal_id.in_(list(proposal_ids)))
                                .group_by(ProposalVote.proposal_id)).all())


def votes_at(session: Session, meeting: Meeting) -> dict[int, int]:
    """Return the votes each proposal got at the meeting, by proposal id."""
    return dict(session.execute(select(ProposalVote.proposal_id, ProposalVote.votes)
                                .where(ProposalVote.meeting_id == meeting.id)).all())


def on_the_table(session: Session, meeting: Meeting) -> list[Proposal]:
    """The proposals a meeting's page shows: those put forward there, and those voted on there."""
    voted_there = select(ProposalVote.proposal_id).where(ProposalVote.meeting_id == meeting.id)
    return list(session.scalars(select(Proposal).where(or_(Proposal.meeting_id == meeting.id,
                                                           Proposal.id.in_(voted_there)))
                                .order_by(func.lower(Proposal.title), Proposal.id)))
