"""When each organisation joined the programme: the day "new actors" are counted by.

By default it is the earliest of the day it first attended or organised a meeting, became a
party to a commitment (the day the promise was made), or began a declared relationship, and
the day it was registered: an office that types in its long-standing actors in one afternoon,
then their meetings since January, sees them join in January, not that afternoon. An import
sets it from the file's dates the same way, as the meetings and commitments it records carry
them. Staff may set the day themselves (an actor that joined before the office kept records);
that day stays until staff clear it.

The day is stored (`Organisation.joined_on`, indexed), so that counting new actors in a period
is one indexed range, and kept current by a flush hook: whatever path changes a participation,
a meeting's date or organiser, a commitment's parties or date, or a relationship (forms,
imports, the seed, a merge), the organisations it touches are worked out again in the same
transaction, so the rule lives here only.
"""
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import bindparam, event, func, inspect, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from . import dates
from .errors import DomainError
from .i18n import lazy_gettext as _l
from .models import Commitment, JoinedBecause, Meeting, Organisation, Participation, ParticipationStatus, Relationship
from .models.commitments import commitment_parties

__all__ = ["first_days", "init_app", "set_joined_on", "work_out_again"]

_CHUNK = 500  # ids per IN (...): well below SQLite's and PostgreSQL's limits on parameters


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def first_days(connection: Connection, organisation_ids: Iterable[int]) -> dict[int, tuple[date, JoinedBecause]]:
    """Return the day each organisation joined by what it did, and why: its earliest activity or registration."""
    found: dict[int, tuple[date, JoinedBecause]] = {}

    def keep(organisation_id, day, because):
        if organisation_id is None or day is None:
            return
        day = _day(day)
        if organisation_id not in found or day < found[organisation_id][0]:
            found[organisation_id] = (day, because)

    ids = sorted(set(organisation_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        queries = [
            (select(Participation.organisation_id, func.min(Meeting.starts_at))
             .join(Meeting, Meeting.id == Participation.meeting_id)
             .where(Participation.organisation_id.in_(chunk), Participation.status == ParticipationStatus.ATTENDED)
             .group_by(Participation.organisation_id), JoinedBecause.MEETING),
            (select(Meeting.organiser_id, func.min(Meeting.starts_at)).where(Meeting.organiser_id.in_(chunk))
             .group_by(Meeting.organiser_id), JoinedBecause.MEETING),
            (select(commitment_parties.c.organisation_id, func.min(Commitment.made_on))
             .join(Commitment, Commitment.id == commitment_parties.c.commitment_id)
             .where(commitment_parties.c.organisation_id.in_(chunk))
             .group_by(commitment_parties.c.organisation_id), JoinedBecause.COMMITMENT),
            (select(Relationship.from_organisation_id, func.min(Relationship.from_date))
             .where(Relationship.from_organisation_id.in_(chunk)).group_by(Relationship.from_organisation_id),
             JoinedBecause.RELATIONSHIP),
            (select(Relationship.to_organisation_id, func.min(Relationship.from_date))
             .where(Relationship.to_organisation_id.in_(chunk)).group_by(Relationship.to_organisation_id),
             JoinedBecause.RELATIONSHIP),
        ]
        for query, because in queries:
            for organisation_id, day in connection.execute(query):
                keep(organisation_id, day, because)
        # Registration last: an activity on the same day is the better reason.
        for organisation_id, created_at in connection.execute(
                select(Organisation.id, Organisation.created_at).where(Organisation.id.in_(chunk))):
            keep(organisation_id, created_at, JoinedBecause.REGISTERED)
    return found


def work_out_again(connection: Connection, organisation_ids: Iterable[int]) -> None:
    """Set the joining day of these organisations from what they did, except where staff set it."""
    table = Organisation.__table__
    changes = [{"key": organisation_id, "day": day, "because": because.value}
               for organisation_id, (day, because) in first_days(connection, organisation_ids).items()]
    if changes:
        connection.execute(
            update(table).where(table.c.id == bindparam("key"), table.c.joined_because != JoinedBecause.STAFF.value)
            .values(joined_on=bindparam("day"), joined_because=bindparam("because")),
            changes)


def set_joined_on(session: Session, organisation: Organisation, day: date | None) -> None:
    """Record the day staff say an organisation joined; None hands it back to what the organisation did."""
    if day is not None:
        refusal = dates.PROGRAMME.refusal(day)
        if refusal is not None:
            raise DomainError(refusal, field="joined_on")
        if day > date.today():
            raise DomainError(_l("An organisation cannot join in the future."), field="joined_on")
        organisation.joined_on, organisation.joined_because = day, JoinedBecause.STAFF
    elif organisation.joined_because is JoinedBecause.STAFF:
        organisation.joined_because = JoinedBecause.REGISTERED  # worked out again at the flush


# --- keeping it current -----------------------------------------------------------------------

def _old_and_new(obj, *keys: str) -> set:
    """What some attributes of an object hold now and held when it was loaded: ids, or organisations not yet flushed."""
    state = inspect(obj)
    values = set()
    for key in keys:
        history = state.attrs[key].history
        values.update(history.added or (), history.deleted or (), history.unchanged or ())
    return values


def _touched_organisations(session: Session, _flush_context, _instances) -> None:
    """Before a flush: note the organisations whose joining day what is flushed may move."""
    touched = session.info.setdefault("joining_touched", set())
    # session.new and session.deleted build a new set on every access: ask each object instead.
    for obj in (*session.new, *session.dirty, *session.deleted):
        state = inspect(obj)
        if isinstance(obj, Participation):
            touched |= _old_and_new(obj, "organisation_id", "organisation")
        elif isinstance(obj, Meeting):
            touched |= _old_and_new(obj, "organiser_id", "organiser")
            if not state.pending and (obj in session.deleted or state.attrs.starts_at.history.has_changes()):
                touched.update(session.connection().scalars(select(Participation.organisation_id).where(
                    Participation.meeting_id == obj.id)))
        elif isinstance(obj, Commitment):
            touched |= _old_and_new(obj, "parties")
            if not state.pending:
                touched.update(session.connection().scalars(select(commitment_parties.c.organisation_id).where(
                    commitment_parties.c.commitment_id == obj.id)))
        elif isinstance(obj, Relationship):
            touched |= _old_and_new(obj, "from_organisation_id", "to_organisation_id", "from_organisation",
                                    "to_organisation")
        elif isinstance(obj, Organisation) and (state.pending or state.attrs.joined_because.history.has_changes()):
            touched.add(obj)


def _work_out_touched(session: Session, _flush_context) -> None:
    touched = session.info.pop("joining_touched", set())
    # An organisation inserted by this flush has its id only now.
    ids = {item.id if isinstance(item, Organisation) else item for item in touched}
    ids = {item for item in ids if isinstance(item, int)}
    if ids:
        work_out_again(session.connection(), ids)


def _forget_touched(session: Session, *_args) -> None:
    session.info.pop("joining_touched", None)


def init_app(app) -> None:
    """Keep every organisation's joining day current, in whichever session writes (once per process)."""
    if not event.contains(Session, "before_flush", _touched_organisations):
        event.listen(Session, "before_flush", _touched_organisations)
        event.listen(Session, "after_flush", _work_out_touched)
        event.listen(Session, "after_rollback", _forget_touched)
