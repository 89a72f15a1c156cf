"""Share a large programme's filtered networks between web processes: each computed once after a run of the job.

On a programme large enough to be the job's, networks are kept from one run of the job to the
next (``view._settled``), so their keys name the job's result. Each process keeps what it uses
in memory (``cache``); ``kept`` keeps such values in the database too (``network_kept_figures``):
the first process that needs a neighbourhood's network computes it (seconds at design scale)
and the others read it (a tenth of a second). Values are pickles signed with SECRET_KEY, as
the stored results are. They go with their result when the job stores the next one.

A key that names no result (a smaller programme, or a transaction that changed the rows) is
kept in this process only, as before.
"""
import dataclasses
import enum
import hashlib
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from ..db import db
from ..models import NetworkKeptFigure
from ..models.base import utcnow
from .cache import cached
from .signed import signed, unpickled

__all__ = ["forget_kept", "kept"]

T = TypeVar("T")
# What ``view._settled`` puts in a version in place of the data's.
RESULT_MARK = "job result"


def kept(session: Session, key: Hashable, make: Callable[[], T]) -> T:
    """Return the value kept under ``key``: from this process, else from the database, else ``make()`` it and keep it."""
    result_id = _result_named(key)
    if result_id is None:
        return cached(key, make)
    return cached(key, lambda: _shared(session, key, result_id, make))


def forget_kept(session: Session) -> None:
    """Delete every kept value (a person anonymised: a value may name them)."""
    session.execute(sa.delete(NetworkKeptFigure.__table__))


def _result_named(key) -> int | None:
    for part in key if isinstance(key, tuple) else ():
        if isinstance(part, tuple) and len(part) > 2 and isinstance(part[2], tuple) and part[2][:1] == (RESULT_MARK,):
            return part[2][1]
    return None


def _shared(session: Session, key, result_id: int, make: Callable[[], T]) -> T:
    table = NetworkKeptFigure.__table__
    digest = hashlib.sha256(repr(_canonical(key)).encode()).hexdigest()
    found = unpickled(session.scalar(sa.select(table.c.value).where(table.c.key == digest)))
    if found is not None:  # (value,): a value may itself be None
        return found[0]
    value = make()
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    try:
        with db.engine.begin() as connection:
            connection.execute(insert(table).values(key=digest, result_id=result_id, made_at=utcnow(),
                                                    value=signed((value,))).on_conflict_do_nothing())
    except (IntegrityError, OperationalError):
        # The result was replaced meanwhile, or SQLite's write lock is held: this process keeps it alone.
        pass
    return value


def _canonical(value):
    """The value as plain nested tuples whose repr is the same in every process (sets sorted, not hash-ordered)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return type(value).__name__, tuple((f.name, _canonical(getattr(value, f.name))) for f in dataclasses.fields(value))
    if isinstance(value, enum.Enum):
        return type(value).__name__, value.value
    if isinstance(value, (set, frozenset)):
        return "set", tuple(sorted((_canonical(item) for item in value), key=repr))
    if isinstance(value, dict):
        return "dict", tuple(sorted(((_canonical(k), _canonical(v)) for k, v in value.items()), key=repr))
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        return tuple(_canonical(item) for item in value)
    return value
