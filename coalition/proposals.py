"""Proposals: put forward in the coalition process, voted on at workshops, then adopted, set aside or merged."""
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from . import dates, initiatives
from .errors import DomainError, Refusals
from .i18n import lazy_gettext as _l
from .models import (
    Initiative,
    InitiativeStatus,
    Meeting,
    Neighbourhood,
    Organisation,
    Proposal,
    ProposalKind,
    ProposalStatus,
    ProposalStatusChange,
    ProposalVote,
    Sector,
    User,
)
from .text import tidy
from .vocabulary import label

__all__ = [
    "MOST_VOTES", "ProposalDetails", "ProposalFigures", "adopt_proposal", "change_status", "create_proposal",
    "merge_proposal", "proposal_figures", "proposal_query", "record_votes", "status_history", "update_proposal",
]

OPEN = (ProposalStatus.PROPOSED, ProposalStatus.DISCUSSED)
# The statuses a proposal may move to by a plain status change; adopting and merging have their own steps.
NEXT = {
    ProposalStatus.PROPOSED: (ProposalStatus.DISCUSSED, ProposalStatus.SET_ASIDE),
    ProposalStatus.DISCUSSED: (ProposalStatus.SET_ASIDE,),
    ProposalStatus.SET_ASIDE: (ProposalStatus.DISCUSSED,),
    ProposalStatus.ADOPTED: (),
    ProposalStatus.MERGED: (),
}
# More dots than this for one proposal at one meeting is a slip of the keyboard, not a workshop.
MOST_VOTES = 1000


@dataclass
class ProposalDetails:
    """What staff type about a proposal, already in the right types."""

    title: str
    kind: ProposalKind = ProposalKind.ACTIVITY
    description: str = ""
    meeting_id: int | None = None
    proposed_on: date | None = None  # None: the meeting's day, or today without a meeting
    backer_ids: list[int] = field(default_factory=list)
    neighbourhood_ids: list[int] = field(default_factory=list)


def _records(session: Session, model, ids: Iterable[int]) -> list:
    wanted = list(dict.fromkeys(ids))
    return list(session.scalars(select(model).where(model.id.in_(wanted)))) if wanted else []


def _apply(session: Session, proposal: Proposal, details: ProposalDetails, today: date) -> None:
    refusals = Refusals()
    title = tidy(details.title)
    if not title:
        refusals.add(_l("A proposal needs a title."), "title")
    meeting = None
    if details.meeting_id is not None:
        meeting = session.get(Meeting, details.meeting_id)
        if meeting is None:
            refusals.add(_l("The meeting is not recorded."), "meeting_id")
    proposed_on = details.proposed_on or (meeting.starts_at.date() if meeting else None) or proposal.proposed_on or today
    if refusals.date(details.proposed_on, dates.PROGRAMME, "proposed_on"):
        if proposed_on > today:
            refusals.add(_l("A proposal cannot be put forward in the future."), "proposed_on")
        elif meeting is not None and proposed_on < meeting.starts_at.date():
            refusals.add(_l("The meeting was on %(date)s: the proposal cannot be older than the meeting it was put "
                            "forward at.", date=meeting.starts_at.date().isoformat()), "proposed_on")
        later = [c.changed_on for c in proposal.status_changes if c.status is not ProposalStatus.PROPOSED]
        if later and proposed_on > min(later):
            refusals.add(_l("Its status changed on %(date)s: it cannot have been put forward after that.",
                            date=min(later).isoformat()), "proposed_on")
    backers = _records(session, Organisation, details.backer_ids)
    if not details.backer_ids:
        refusals.add(_l("Name at least one organisation that puts the proposal forward."), "backer_ids")
    elif len(backers) != len(set(details.backer_ids)):
        refusals.add(_l("Choose registered organisations."), "backer_ids")
    neighbourhoods = _records(session, Neighbourhood, details.neighbourhood_ids)
    if len(neighbourhoods) != len(set(details.neighbourhood_ids)):
        refusals.add(_l("Choose registered neighbourhoods."), "neighbourhood_ids")
    refusals.refuse()
    proposal.title = title
    proposal.kind = details.kind
    proposal.description = details.description.strip()
    proposal.meeting = meeting
    proposal.proposed_on = proposed_on
    proposal.backers = sorted(backers, key=lambda organisation: organisation.name_key)
    proposal.neighbourhoods = neighbourhoods
    for change in proposal.status_changes:
        if change.status is ProposalStatus.PROPOSED:
            change.changed_on = proposed_on


def create_proposal(session: Session, details: ProposalDetails, *, changed_by_id: int | None = None,
                    today: date | None = None) -> Proposal:
    """Record a proposal put forward, its history starting with the day it was."""
    proposal = Proposal(status=ProposalStatus.PROPOSED)
    with session.no_autoflush:
        _apply(session, proposal, details, today or date.today())
    proposal.status_changes.append(ProposalStatusChange(
        status=ProposalStatus.PROPOSED, changed_on=proposal.proposed_on, changed_by_id=changed_by_id))
    session.add(proposal)
    session.flush()
    return proposal


def update_proposal(session: Session, proposal: Proposal, details: ProposalDetails, *,
                    today: date | None = None) -> None:
    """Change what a proposal says, under the same rules as recording it."""
    with session.no_autoflush:
        _apply(session, proposal, details, today or date.today())
    session.flush()


def _latest_change(proposal: Proposal) -> ProposalStatusChange | None:
    return max(proposal.status_changes, key=lambda c: (c.changed_on, c.id or 0), default=None)


def _check_change(refusals: Refusals, proposal: Proposal, changed_on: date | None, today: date) -> None:
    if changed_on is None:
        refusals.add(_l("Give the day of the change."), "changed_on")
    elif refusals.date(changed_on, dates.PROGRAMME, "changed_on"):
        latest = _latest_change(proposal)
        if changed_on > today:
            refusals.add(_l("A status cannot change in the future."), "changed_on")
        elif latest is not None and changed_on < latest.changed_on:
            refusals.add(_l("The previous status change was on %(date)s; a new one cannot come before it.",
                            date=latest.changed_on.isoformat()), "changed_on")


def _refuse_final(proposal: Proposal, field_name: str) -> None:
    if proposal.status is ProposalStatus.ADOPTED:
        raise DomainError(_l("The proposal is adopted already: its initiative carries it out."), field=field_name)
    if proposal.status is ProposalStatus.MERGED:
        raise DomainError(_l("The proposal is merged into %(title)s already.", title=proposal.merged_into.title),
                          field=field_name)


def _record_change(session: Session, proposal: Proposal, status: ProposalStatus, changed_on: date, note: str,
                   changed_by_id: int | None) -> ProposalStatusChange:
    change = ProposalStatusChange(status=status, changed_on=changed_on, note=note, changed_by_id=changed_by_id)
    proposal.status_changes.append(change)
    proposal.status = status
    session.flush()
    return change


def change_status(session: Session, proposal: Proposal, status: ProposalStatus, *, changed_on: date | None,
                  note: str = "", changed_by_id: int | None = None, today: date | None = None) -> ProposalStatusChange:
    """Move a proposal on: discussed, set aside, or taken up again (which needs a note saying why)."""
    today = today or date.today()
    note = note.strip()
    refusals = Refusals()
    _refuse_final(proposal, "status")
    if status in (ProposalStatus.ADOPTED, ProposalStatus.MERGED):
        refusals.add(_l("Adopt or merge a proposal with its own form on this page."), "status")
    elif status == proposal.status:
        refusals.add(_l("The proposal is %(status)s already.", status=label(status).lower()), "status")
    elif status not in NEXT[proposal.status]:
        refusals.add(_l("A proposal that is %(current)s cannot become %(status)s.",
                        current=label(proposal.status).lower(), status=label(status).lower()), "status")
    if proposal.status is ProposalStatus.SET_ASIDE and not note:
        refusals.add(_l("The proposal was set aside: write in the note why it is taken up again."), "note")
    _check_change(refusals, proposal, changed_on, today)
    refusals.refuse()
    return _record_change(session, proposal, status, changed_on, note, changed_by_id)


def adopt_proposal(session: Session, proposal: Proposal, *, changed_on: date | None, initiative_id: int | None = None,
                   new_initiative: "initiatives.InitiativeDetails | None" = None, note: str = "",
                   changed_by_id: int | None = None, today: date | None = None) -> Initiative:
    """Adopt a proposal: link it to the initiative that carries it out, an existing one or one made for it."""
    today = today or date.today()
    _refuse_final(proposal, "initiative_id")
    refusals = Refusals()
    if proposal.status is ProposalStatus.SET_ASIDE:
        refusals.add(_l("The proposal was set aside: take it up again before adopting it."), "initiative_id")
    _check_change(refusals, proposal, changed_on, today)
    initiative = None
    if initiative_id is not None:
        initiative = session.get(Initiative, initiative_id)
        if initiative is None:
            refusals.add(_l("The initiative is not registered."), "initiative_id")
    elif new_initiative is None:
        refusals.add(_l("Choose the initiative that carries the proposal out, or name a new one."), "initiative_id")
    else:
        try:  # a refusal further down rolls the new initiative back with the rest
            initiative = initiatives.create_initiative(session, new_initiative)
        except DomainError as error:
            refusals.add_error(error)
    refusals.refuse()
    proposal.initiative = initiative
    _record_change(session, proposal, ProposalStatus.ADOPTED, changed_on, note.strip(), changed_by_id)
    return initiative


def initiative_for(proposal: Proposal, *, name: str | None = None) -> "initiatives.InitiativeDetails":
    """Return the details of a new initiative that carries a proposal out, taken from the proposal: active, since
    the coalition has just decided to do it."""
    return initiatives.InitiativeDetails(
        name=proposal.title if name is None else name, description=proposal.description,
        status=InitiativeStatus.ACTIVE,
        participant_ids=[o.id for o in proposal.backers], neighbourhood_ids=[n.id for n in proposal.neighbourhoods],
        origin_meeting_id=proposal.meeting_id)


def merge_proposal(session: Session, proposal: Proposal, into_id: int | None, *, changed_on: date | None,
                   note: str = "", changed_by_id: int | None = None, today: date | None = None) -> Proposal:
    """Merge a proposal into another that says the same: its backers and neighbourhoods join that one."""
    today = today or date.today()
    _refuse_final(proposal, "merged_into_id")
    refusals = Refusals()
    target = session.get(Proposal, into_id) if into_id is not None else None
    if target is None:
        refusals.add(_l("Choose the proposal it is merged into."), "merged_into_id")
    elif target.id == proposal.id:
        refusals.add(_l("A proposal cannot be merged into itself."), "merged_into_id")
    elif target.status is ProposalStatus.MERGED:
        refusals.add(_l("%(title)s is merged into %(other)s already: merge into that one.",
                        title=target.title, other=target.merged_into.title), "merged_into_id")
    elif target.status is ProposalStatus.SET_ASIDE:
        refusals.add(_l("%(title)s was set aside: take it up again before merging into it.", title=target.title),
                     "merged_into_id")
    _check_change(refusals, proposal, changed_on, today)
    refusals.refuse()
    proposal.merged_into = target
    target.backers = sorted({*target.backers, *proposal.backers}, key=lambda organisation: organisation.name_key)
    target.neighbourhoods = list({*target.neighbourhoods, *proposal.neighbourhoods})
    _record_change(session, proposal, ProposalStatus.MERGED, changed_on, note.strip(), changed_by_id)
    return target


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
    proposals = {p.id: p for p in _records(session, Proposal, votes)}
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


def status_history(session: Session, proposal: Proposal) -> list[tuple[ProposalStatusChange, str | None]]:
    """Return the proposal's status changes, latest first, each with who recorded it."""
    rows = session.execute(
        select(ProposalStatusChange, func.coalesce(func.nullif(User.name, ""), User.email))
        .outerjoin(User, User.id == ProposalStatusChange.changed_by_id)
        .where(ProposalStatusChange.proposal_id == proposal.id)
        .order_by(ProposalStatusChange.changed_on.desc(), ProposalStatusChange.id.desc()))
    return [(change, recorded_by) for change, recorded_by in rows]


def votes_by_meeting(session: Session, proposal: Proposal) -> list[tuple[Meeting, int]]:
    """Return the meetings where the proposal got votes, latest first, with how many."""
    return [(meeting, votes) for meeting, votes in session.execute(
        select(Meeting, ProposalVote.votes).join(ProposalVote, ProposalVote.meeting_id == Meeting.id)
        .where(ProposalVote.proposal_id == proposal.id).order_by(Meeting.starts_at.desc()))]


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
    if search.strip():
        words = tidy(search)
        query = query.where(or_(Proposal.title.icontains(words, autoescape=True),
                                Proposal.description.icontains(words, autoescape=True)))
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


def vote_totals(session: Session, proposal_ids: Iterable[int]) -> dict[int, int]:
    """Return the votes each of the given proposals got at every meeting together, in one query."""
    return dict(session.execute(select(ProposalVote.proposal_id, func.sum(ProposalVote.votes))
                                .where(ProposalVote.proposal_id.in_(list(proposal_ids)))
                                .group_by(ProposalVote.proposal_id)).all())


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
