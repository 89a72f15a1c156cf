"""The proposals register: its list and filters, the pickers' choices, and the period's figures."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from ..models import (
    Meeting,
    Neighbourhood,
    Organisation,
    Proposal,
    ProposalStatus,
    ProposalStatusChange,
    ProposalVote,
    Sector,
)
from ..records import searched


def _total_votes():
    return (select(func.coalesce(func.sum(ProposalVote.votes), 0)).where(ProposalVote.proposal_id == Proposal.id)
            .correlate(Proposal).scalar_subquery())


SORTS = {
    "votes": _total_votes,
    "title": lambda: func.lower(Proposal.title),
    "status": lambda: Proposal.status,
    "proposed_on": lambda: Proposal.proposed_on,
}


def proposal_query(*, search: str = "", status: ProposalStatus | None = None, neighbourhood_id: int | None = None,
                   sector: Sector | None = None, meeting_id: int | None = None, organisation_id: int | None = None,
                   initiative_id: int | None = None, proposed_from: date | None = None,
                   proposed_to: date | None = None, sort: str = "-votes") -> Select:
    """Select the proposals a list's filters match, in the order asked for (by default, most votes first).

    `sector` keeps the proposals that an organisation of that sector backs.
    """
    query = select(Proposal)
    query = searched(query, search, texts=[Proposal.title, Proposal.description])
    if status:
        query = query.where(Proposal.status == status)
    if neighbourhood_id:
        query = query.where(Proposal.neighbourhoods.any(Neighbourhood.id == neighbourhood_id))
    if sector:
        query = query.where(Proposal.backers.any(Organisation.sector == sector))
    if meeting_id:
        voted_there = select(ProposalVote.proposal_id).where(ProposalVote.meeting_id == meeting_id)
        query = query.where(or_(Proposal.meeting_id == meeting_id, Proposal.id.in_(voted_there)))
    if organisation_id:
        query = query.where(Proposal.backers.any(Organisation.id == organisation_id))
    if initiative_id:
        query = query.where(Proposal.initiative_id == initiative_id)
    if proposed_from:
        query = query.where(Proposal.proposed_on >= proposed_from)
    if proposed_to:
        query = query.where(Proposal.proposed_on <= proposed_to)
    column = SORTS.get(sort.lstrip("-"), SORTS["votes"])()
    order = column.desc() if sort.startswith("-") else column.asc()
    return query.order_by(order.nulls_last(), Proposal.proposed_on.desc(), Proposal.id)


def meeting_choices(session: Session) -> list[tuple[int, str]]:
    """Return (id, "YYYY-MM-DD title") of the meetings where proposals were put forward or voted on, newest first."""
    with_proposals = select(Proposal.meeting_id).where(Proposal.meeting_id.is_not(None))
    voted = select(ProposalVote.meeting_id)
    rows = session.execute(select(Meeting.id, Meeting.title, Meeting.starts_at)
                           .where(or_(Meeting.id.in_(with_proposals), Meeting.id.in_(voted)))
                           .order_by(Meeting.starts_at.desc(), Meeting.id.desc()))
    return [(row.id, f"{row.starts_at:%Y-%m-%d} {row.title}") for row in rows]


def backing_sectors(proposal: Proposal) -> list[Sector]:
    """The sectors of the organisations that back a proposal, in the sectors' order."""
    present = {organisation.sector for organisation in proposal.backers}
    return [sector for sector in Sector if sector in present]


def proposal_choices(session: Session, *, leave_out: int | None = None) -> list[tuple[int, str]]:
    """Return (id, title) of the proposals a proposal can be merged into: those not merged or set aside."""
    query = (select(Proposal.id, Proposal.title)
             .where(Proposal.status.not_in([ProposalStatus.MERGED, ProposalStatus.SET_ASIDE]))
             .order_by(func.lower(Proposal.title), Proposal.id))
    if leave_out is not None:
        query = query.where(Proposal.id != leave_out)
    return [(row.id, row.title) for row in session.execute(query)]


@dataclass(frozen=True)
class ProposalFigures:
    """The coalition process in a period: proposals put forward, adopted and set aside."""

    made: int = 0
    adopted: int = 0
    set_aside: int = 0


def proposal_figures(session: Session, start: date, end: date, *, neighbourhood_id: int | None = None) -> ProposalFigures:
    """Count the proposals put forward, adopted and set aside from `start` to `end`, both included."""
    def narrowed(query):
        if neighbourhood_id:
            return query.where(Proposal.neighbourhoods.any(Neighbourhood.id == neighbourhood_id))
        return query

    made = session.scalar(narrowed(select(func.count(Proposal.id))
                                   .where(Proposal.proposed_on.between(start, end)))) or 0

    def reached(status: ProposalStatus) -> int:
        return session.scalar(narrowed(
            select(func.count(func.distinct(ProposalStatusChange.proposal_id)))
            .join(Proposal, Proposal.id == ProposalStatusChange.proposal_id)
            .where(ProposalStatusChange.status == status, ProposalStatusChange.changed_on.between(start, end)))) or 0

    return ProposalFigures(made, reached(ProposalStatus.ADOPTED), reached(ProposalStatus.SET_ASIDE))
