"""Commitments: recording what organisations promise, and moving each through its statuses.

The statuses run proposed → agreed → in progress → delivered; a step may be skipped (a promise
agreed and kept on the same day goes straight to delivered), but never taken back while the
commitment is open. Withdrawn and lapsed close an open commitment at any point. A closed one
(delivered, withdrawn or lapsed) can be reopened, to agreed or in progress, with a comment that
says why: mistakes and revived promises happen, and the history keeps both changes, so the
register never pretends it was otherwise. Reopening a delivered commitment clears its delivery
date.
"""
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from . import dates
from .errors import DomainError, Refusals
from .i18n import lazy_gettext as _l
from .meeting_places import chosen_place
from .models import (
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    CommitmentStatusChange,
    Initiative,
    Meeting,
    MeetingPlace,
    Neighbourhood,
    Organisation,
    Unit,
    User,
)
from .models.base import utcnow
from .vocabulary import label

PROPOSED, AGREED, IN_PROGRESS, DELIVERED, WITHDRAWN, LAPSED = (
    CommitmentStatus.PROPOSED, CommitmentStatus.AGREED, CommitmentStatus.IN_PROGRESS,
    CommitmentStatus.DELIVERED, CommitmentStatus.WITHDRAWN, CommitmentStatus.LAPSED,
)
OPEN_STATUSES = (PROPOSED, AGREED, IN_PROGRESS)
CLOSED_STATUSES = (DELIVERED, WITHDRAWN, LAPSED)
# Where a status may go next; see the module docstring for why.
TRANSITIONS: dict[CommitmentStatus, tuple[CommitmentStatus, ...]] = {
    PROPOSED: (AGREED, IN_PROGRESS, DELIVERED, WITHDRAWN, LAPSED),
    AGREED: (IN_PROGRESS, DELIVERED, WITHDRAWN, LAPSED),
    IN_PROGRESS: (DELIVERED, WITHDRAWN, LAPSED),
    DELIVERED: (AGREED, IN_PROGRESS),
    WITHDRAWN: (AGREED, IN_PROGRESS),
    LAPSED: (AGREED, IN_PROGRESS),
}
# The step a follow-up list offers first, with one click.
_USUAL_NEXT = {PROPOSED: AGREED, AGREED: IN_PROGRESS, IN_PROGRESS: DELIVERED,
               DELIVERED: IN_PROGRESS, WITHDRAWN: AGREED, LAPSED: AGREED}
# Integer hundredths in a BIGINT hold far more, but no promise is larger than this.
LARGEST_AMOUNT = Decimal("999999999999.99")


@dataclass
class CommitmentDetails:
    """What staff type about a commitment, already in the right types."""

    kind: CommitmentKind
    description: str
    party_ids: list[int] = field(default_factory=list)
    amount: Decimal | None = None
    unit: Unit | None = None
    unit_label: str = ""
    neighbourhood_id: int | None = None
    initiative_id: int | None = None
    meeting_id: int | None = None
    made_on: date | None = None
    due_on: date | None = None
    place_id: int | None = None  # the meeting place it is an investment in


def usual_next_status(status: CommitmentStatus) -> CommitmentStatus:
    """Return the status a commitment usually moves to from this one."""
    return _USUAL_NEXT[status]


def is_overdue(commitment: Commitment, today: date) -> bool:
    """Say whether an open commitment is past its due date."""
    return commitment.status in OPEN_STATUSES and commitment.due_on is not None and commitment.due_on < today


def _checked_amount(amount: Decimal | None, unit: Unit | None, unit_label: str) -> tuple[Decimal | None, Unit | None, str]:
    if amount is None and unit is None:
        return None, None, ""
    if amount is None:
        raise DomainError(_l("Give the amount, or choose no unit."), field="amount")
    try:
        exact = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError(_l("An amount is a number, e.g. 250000 or 12,5."), field="amount") from None
    if not exact.is_finite() or exact <= 0:
        raise DomainError(_l("An amount must be more than zero."), field="amount")
    if exact > LARGEST_AMOUNT:
        raise DomainError(_l("This amount is too large to be a real promise."), field="amount")
    if exact != exact.quantize(Decimal("0.01")):
        raise DomainError(_l("An amount has at most two decimals."), field="amount")
    if unit is None:
        raise DomainError(_l("An amount needs a unit: SEK, hours, square metres or a count."), field="unit")
    unit_label = " ".join(unit_label.split())
    if unit is Unit.COUNT and not unit_label:
        raise DomainError(_l("Say what is counted, e.g. summer jobs."), field="unit_label")
    return exact, unit, unit_label if unit is Unit.COUNT else ""


@dataclass
class CommitmentTerms:
    """What a commitment says once its details are checked, in the records it points to."""

    kind: CommitmentKind
    description: str
    parties: list[Organisation]  # by name
    amount: Decimal | None
    unit: Unit | None
    unit_label: str
    neighbourhood: Neighbourhood | None
    initiative: Initiative | None
    meeting: Meeting | None
    place: MeetingPlace | None
    made_on: date
    due_on: date | None


def checked_terms(session: Session, details: CommitmentDetails, *, commitment: Commitment | None = None,
                  parties: list[Organisation] | None = None) -> CommitmentTerms:
    """Check what staff or a file say about a commitment (a new one, or `commitment`); refuse it with every reason.

    `parties` are the organisations of `details.party_ids`, when the caller has them at hand: an
    import of thousands would otherwise ask for them row by row.
    """
    refusals = Refusals()
    description = details.description.strip()
    if not description:
        refusals.add(_l("Describe what is promised."), "description")
    party_ids = set(details.party_ids)
    if parties is None:
        parties = list(session.scalars(select(Organisation).where(Organisation.id.in_(party_ids)))) if party_ids else []
    else:
        parties = list({party.id: party for party in parties if party.id in party_ids}.values())
    if not parties:
        refusals.add(_l("Name the organisation that makes the promise (several for a joint one)."), "party_ids")
    elif len(parties) != len(party_ids):
        refusals.add(_l("A party is not a registered organisation."), "party_ids")
    try:
        amount, unit, unit_label = _checked_amount(details.amount, details.unit, details.unit_label)
    except DomainError as error:
        refusals.add_error(error)
    meeting = refusals.known(session, Meeting, details.meeting_id, _l("The meeting is not recorded."), "meeting_id")
    made_on = (details.made_on or (meeting.starts_at.date() if meeting else None)
               or (commitment.made_on if commitment is not None else None) or date.today())
    if made_on > date.today():
        refusals.add(_l("A promise cannot be made in the future."), "made_on")
    refusals.date(details.made_on, dates.PROGRAMME, "made_on")
    if refusals.date(details.due_on, dates.DUE, "due_on") and details.due_on is not None and details.due_on < made_on:
        refusals.add(_l("The due date cannot come before the day the promise was made."), "due_on")
    neighbourhood = refusals.known(session, Neighbourhood, details.neighbourhood_id,
                                   _l("The neighbourhood is not registered."), "neighbourhood_id")
    initiative = refusals.known(session, Initiative, details.initiative_id,
                                _l("The initiative is not registered."), "initiative_id")
    refusals.refuse()
    place = chosen_place(session, details.place_id, already=commitment.place_id if commitment is not None else None)
    if neighbourhood is None and place is not None:
        neighbourhood = place.neighbourhood  # an investment in a place is one in its neighbourhood
    return CommitmentTerms(
        kind=details.kind, description=description,
        parties=sorted(parties, key=lambda organisation: organisation.name_key),
        amount=amount, unit=unit, unit_label=unit_label, neighbourhood=neighbourhood, initiative=initiative,
        meeting=meeting, place=place, made_on=made_on, due_on=details.due_on)


def _apply(session: Session, commitment: Commitment, details: CommitmentDetails) -> None:
    terms = checked_terms(session, details, commitment=commitment)
    commitment.kind = terms.kind
    commitment.description = terms.description
    commitment.parties = terms.parties
    commitment.amount, commitment.unit, commitment.unit_label = terms.amount, terms.unit, terms.unit_label
    commitment.neighbourhood = terms.neighbourhood
    commitment.initiative = terms.initiative
    commitment.meeting = terms.meeting
    commitment.place = terms.place
    commitment.made_on = terms.made_on
    commitment.due_on = terms.due_on


def create_commitment(session: Session, details: CommitmentDetails, *, status: CommitmentStatus = PROPOSED,
                      comment: str = "", changed_by_id: int | None = None) -> Commitment:
    """Record a new commitment, open at the status given, dated the day it was made.

    A commitment is recorded while it is open; closing it is a status change of its own, with
    the rules that go with it. (An import of thousands checks them by the same rules,
    `checked_terms` and `check_status_change`, and writes them in bulk.)
    """
    if status not in OPEN_STATUSES:
        raise DomainError(_l("A new commitment is proposed, agreed or in progress; record its delivery, "
                             "withdrawal or lapse as a status change once it is saved."), field="status")
    commitment = Commitment(status=status)
    # _apply looks records up; the half-filled commitment must not be flushed meanwhile.
    with session.no_autoflush:
        _apply(session, commitment, details)
    commitment.status_changes.append(CommitmentStatusChange(
        status=status, changed_on=commitment.made_on, changed_by_id=changed_by_id, comment=comment.strip()))
    session.add(commitment)
    session.flush()
    return commitment


def update_commitment(session: Session, commitment: Commitment, details: CommitmentDetails) -> None:
    """Change what a commitment says under the same rules as recording it; its status stays."""
    _apply(session, commitment, details)
    # A change of parties alone touches no column of the row, and only an UPDATE of the row
    # checks (and moves on) its version: this makes every edit one.
    commitment.updated_at = utcnow()
    first_change = min((change.changed_on for change in commitment.status_changes), default=None)
    if first_change is not None and commitment.made_on > first_change:
        raise DomainError(_l("The history has a status change on %(date)s, before this date.",
                             date=first_change.isoformat()), field="made_on")
    session.flush()


def record_status_change(session: Session, commitment: Commitment, status: CommitmentStatus, *,
                         changed_on: date | None, comment: str = "",
                         changed_by_id: int | None = None) -> CommitmentStatusChange:
    """Move a commitment to another status, keeping the statuses it had before.

    A delivered commitment is delivered on the day of the change; a withdrawal and a reopening
    need a comment that says why.
    """
    comment = comment.strip()
    latest = max((change.changed_on for change in commitment.status_changes), default=None)
    check_status_change(commitment.status, status, changed_on=changed_on, latest=latest, comment=comment)
    change = CommitmentStatusChange(status=status, changed_on=changed_on, comment=comment,
                                    changed_by_id=changed_by_id)
    commitment.status_changes.append(change)
    commitment.status = status
    commitment.delivered_on = changed_on if status is DELIVERED else None
    session.flush()
    return change


def check_status_change(current: CommitmentStatus, status: CommitmentStatus, *, changed_on: date | None,
                        latest: date | None, comment: str) -> None:
    """Refuse a move from the `current` status, whose last change was on `latest`, that breaks a rule."""
    refusals = Refusals()
    if status == current:
        refusals.add(_l("The commitment already has this status."), "status")
    elif status not in TRANSITIONS[current]:
        refusals.add(_l("A commitment cannot go from “%(current)s” to “%(new)s”.",
                        current=label(current), new=label(status)), "status")
    if changed_on is None:
        refusals.add(_l("A delivered commitment needs its delivery date.") if status is DELIVERED
                     else _l("Give the date of the change."), "changed_on")
    elif changed_on > date.today():
        refusals.add(_l("A status change cannot be recorded in the future."), "changed_on")
    elif latest is not None and changed_on < latest:
        refusals.add(_l("The previous status change was on %(date)s; a new one cannot come before it.",
                        date=latest.isoformat()), "changed_on")
    else:
        refusals.date(changed_on, dates.PROGRAMME, "changed_on")
    if status is WITHDRAWN and not comment:
        refusals.add(_l("Say why the commitment was withdrawn."), "comment")
    elif current in CLOSED_STATUSES and not comment:
        refusals.add(_l("Say why the commitment is reopened."), "comment")
    refusals.refuse()


def status_history(session: Session, commitment: Commitment) -> list[tuple[CommitmentStatusChange, str | None]]:
    """Return the commitment's status changes, latest first, each with who recorded it."""
    rows = session.execute(
        select(CommitmentStatusChange, func.coalesce(func.nullif(User.name, ""), User.email))
        .outerjoin(User, User.id == CommitmentStatusChange.changed_by_id)
        .where(CommitmentStatusChange.commitment_id == commitment.id)
        .order_by(CommitmentStatusChange.changed_on.desc(), CommitmentStatusChange.id.desc())
    )
    return [(change, recorded_by) for change, recorded_by in rows]


# A form offers the latest meetings, not all 10,000 of a programme's decade.
MEETINGS_OFFERED = 300


def meeting_choices(session: Session, keep: int | None = None) -> list[tuple[int, str]]:
    """Return (id, "YYYY-MM-DD title") of the latest meetings, newest first, for pickers.

    `keep` (a meeting already chosen) stays on offer however old it is.
    """
    latest = select(Meeting.id).order_by(Meeting.starts_at.desc(), Meeting.id.desc()).limit(MEETINGS_OFFERED)
    rows = session.execute(
        select(Meeting.id, Meeting.title, Meeting.starts_at)
        .where(or_(Meeting.id.in_(latest), Meeting.id == keep) if keep else Meeting.id.in_(latest))
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
    )
    return [(row.id, f"{row.starts_at:%Y-%m-%d} {row.title}") for row in rows]
