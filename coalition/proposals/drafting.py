"""Putting a proposal forward and changing what it says."""
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import dates
from ..errors import Refusals
from ..i18n import lazy_gettext as _l
from ..models import Meeting, Neighbourhood, Organisation, Proposal, ProposalKind, ProposalStatus, ProposalStatusChange
from ..records import add_record, change_record
from ..text import tidy


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


def records_by_id(session: Session, model, ids: Iterable[int]) -> list:
    """Return the records of `model` with these ids, each once; those not stored are left out."""
    wanted = list(dict.fromkeys(ids))
    return list(session.scalars(select(model).where(model.id.in_(wanted)))) if wanted else []


def _apply(session: Session, proposal: Proposal, details: ProposalDetails, today: date) -> None:
    refusals = Refusals()
    title = tidy(details.title)
    if not title:
        refusals.add(_l("A proposal needs a title."), "title")
    meeting = refusals.known(session, Meeting, details.meeting_id, _l("The meeting is not recorded."), "meeting_id")
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
    backers = records_by_id(session, Organisation, details.backer_ids)
    if not details.backer_ids:
        refusals.add(_l("Name at least one organisation that puts the proposal forward."), "backer_ids")
    elif len(backers) != len(set(details.backer_ids)):
        refusals.add(_l("Choose registered organisations."), "backer_ids")
    neighbourhoods = records_by_id(session, Neighbourhood, details.neighbourhood_ids)
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

    def fill() -> None:
        _apply(session, proposal, details, today or date.today())
        proposal.status_changes.append(ProposalStatusChange(
            status=ProposalStatus.PROPOSED, changed_on=proposal.proposed_on, changed_by_id=changed_by_id))
    return add_record(session, proposal, fill)


def update_proposal(session: Session, proposal: Proposal, details: ProposalDetails, *,
                    today: date | None = None) -> None:
    """Change what a proposal says, under the same rules as recording it."""
    change_record(session, lambda: _apply(session, proposal, details, today or date.today()))
