"""What the coalition decides on a proposal: discussed, set aside, taken up again, adopted by an
initiative, or merged into another; and its history."""
from datetime import date

from sqlalchemy.orm import Session

from .. import dates, initiatives
from ..errors import DomainError, Refusals
from ..i18n import lazy_gettext as _l
from ..models import Initiative, InitiativeStatus, Proposal, ProposalStatus, ProposalStatusChange
from ..records import history
from ..vocabulary import label

# The statuses a proposal may move to by a plain status change; adopting and merging have their own steps.
NEXT = {
    ProposalStatus.PROPOSED: (ProposalStatus.DISCUSSED, ProposalStatus.SET_ASIDE),
    ProposalStatus.DISCUSSED: (ProposalStatus.SET_ASIDE,),
    ProposalStatus.SET_ASIDE: (ProposalStatus.DISCUSSED,),
    ProposalStatus.ADOPTED: (),
    ProposalStatus.MERGED: (),
}


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
        initiative = refusals.known(session, Initiative, initiative_id, _l("The initiative is not registered."),
                                    "initiative_id")
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


def status_history(session: Session, proposal: Proposal) -> list[tuple[ProposalStatusChange, str | None]]:
    """Return the proposal's status changes, latest first, each with who recorded it."""
    return history(session, ProposalStatusChange, of=ProposalStatusChange.proposal_id == proposal.id,
                   day=ProposalStatusChange.changed_on, recorded_by=ProposalStatusChange.changed_by_id)
