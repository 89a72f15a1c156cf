"""Tell whether the rows of the network may have changed: a change counter and the largest ids.

The data version that keys every cached figure has two parts:

- a **change counter** in the database (``network_change_counts``), raised in the same
  transaction as every flush or bulk statement of this application that touches a model the
  network is built from, so every process sees every committed change, even one that keeps
  row counts and timestamps (an edit at the same instant, a delete plus an insert, a swapped
  commitment party);
- the largest id of each of those tables, which the primary keys answer at once, as a
  backstop for rows written around the application (a bulk load straight into the database).

Counting rows and reading the latest ``updated_at`` instead cost about 100 ms per request at
design scale (full scans of 200,000 participations); this one query costs about 1 ms.
"""
import itertools
from collections.abc import Callable

from sqlalchemy import event, func, literal, select, union_all
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..models import (
    Commitment,
    Initiative,
    Interaction,
    Meeting,
    Membership,
    NetworkChangeCount,
    Organisation,
    Participation,
    Person,
)
from ..models.commitments import commitment_parties, initiative_neighbourhoods, initiative_participants
from ..models.meetings import meeting_neighbourhoods
from ..models.places import organisation_neighbourhoods
from ..models.relationships import Relationship

__all__ = ["count_copied_rows", "data_version", "init_app", "shared_data_version", "when_changes_commit"]

# The one row of network_change_counts.
COUNTER_ID = 1

_TRACKED_MODELS = (Organisation, Person, Membership, Meeting, Participation, Commitment, Initiative, Relationship,
                   Interaction)
_LINK_TABLES = (organisation_neighbourhoods, meeting_neighbourhoods, commitment_parties, initiative_participants,
                initiative_neighbourhoods)
_TRACKED_TABLES = frozenset(t.name for t in (*(m.__table__ for m in _TRACKED_MODELS), *_LINK_TABLES))
# A token per transaction that raised the counter and has not committed: its figures are never reused.
_uncommitted = itertools.count(1)


def init_app(app) -> None:
    """Count every write to the network's rows, in whichever session makes it (once per process)."""
    if not event.contains(Session, "after_flush", _count_relevant_flush):
        event.listen(Session, "after_flush", _count_relevant_flush)
        event.listen(Session, "do_orm_execute", _count_bulk_statement)
        event.listen(Session, "after_commit", _committed)
        event.listen(Session, "after_rollback", _end_uncommitted)


# Called, without arguments, after each commit that changed the network's rows (``when_changes_commit``).
_listeners: list[Callable[[], None]] = []


def when_changes_commit(listener: Callable[[], None]) -> None:
    """Call ``listener()`` after every commit that changed the network's rows, in the committing app context."""
    if listener not in _listeners:
        _listeners.append(listener)


def _count_change(connection) -> None:
    """Raise the change counter, in the caller's transaction (one statement, row made on first use)."""
    table = NetworkChangeCount.__table__
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    statement = insert(table).values(id=COUNTER_ID, changes=1)
    connection.execute(statement.on_conflict_do_update(index_elements=[table.c.id],
                                                       set_={"changes": table.c.changes + 1}))


def _note_change(session: Session) -> None:
    _count_change(session.connection())
    session.info.setdefault("network_uncommitted", next(_uncommitted))


def _count_relevant_flush(session, _flush_context):
    touched = (*session.new, *session.dirty, *session.deleted)
    if any(isinstance(obj, _TRACKED_MODELS) for obj in touched):
        _note_change(session)


def _count_bulk_statement(state):
    """Count an INSERT, UPDATE or DELETE run through the session on a table the network reads."""
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if getattr(table, "name", None) in _TRACKED_TABLES:
            _note_change(state.session)


def count_copied_rows(session: Session, table) -> None:
    """Count rows written to a table with PostgreSQL's COPY, which passes by the session's statements."""
    if table.name in _TRACKED_TABLES:
        _note_change(session)


def _end_uncommitted(session):
    return session.info.pop("network_uncommitted", None)


def _committed(session):
    if _end_uncommitted(session) is not None:
        for listener in _listeners:
            listener()


def data_version(session: Session) -> tuple:
    """Return a fingerprint that changes whenever the rows of the network may have changed (one query)."""
    counter = NetworkChangeCount.__table__
    parts = [select(literal("changes"), func.max(counter.c.changes)).where(counter.c.id == COUNTER_ID)]
    parts += [select(literal(model.__tablename__), func.max(model.id)) for model in _TRACKED_MODELS]
    rows = session.execute(union_all(*parts)).all()
    # The database's address too: one process may serve several (the tests use two). Inside a
    # transaction that changed the rows, a token of its own: nothing computed there is reused later.
    return (session.get_bind().url.render_as_string(), session.info.get("network_uncommitted"),
            *((name, None if value is None else int(value)) for name, value in rows))


def shared_data_version(session: Session) -> str:
    """Return the part of ``data_version`` every process sees alike, as text."""
    return repr(data_version(session)[2:])
