"""Steps the registers' operations share: adding a new record once its checks pass, checking the day
of a stage reached, reading a record's history with who recorded each step, and narrowing a list
to what its search box holds."""
from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from . import dates
from .errors import DomainError
from .i18n import lazy_gettext as _l
from .models import User
from .text import match_key, tidy

__all__ = ["add_record", "change_record", "check_stage_date", "history", "searched"]

Record = TypeVar("Record")


def add_record(session: Session, record: Record, fill: Callable[[], object]) -> Record:
    """Fill a new record through its register's rules (`fill` raises DomainError on a broken one),
    then add it to the session and flush it; return it.

    The rules' lookups run without autoflush: the half-filled record must not be flushed by them,
    and linking it to a record already stored has put it in the session.
    """
    with session.no_autoflush:
        fill()
    session.add(record)
    session.flush()
    return record


def change_record(session: Session, change: Callable[[], object]) -> None:
    """Change a stored record through its register's rules, their lookups without autoflush, and flush it."""
    with session.no_autoflush:
        change()
    session.flush()


def check_stage_date(changed_on: date, field_name: str, *, today: date, not_before: date | None = None) -> None:
    """Refuse a day a stage cannot have been reached on: outside the programme, in the future, or
    before the previous stage change (`not_before`)."""
    if (refusal := dates.PROGRAMME.refusal(changed_on)) is not None:
        raise DomainError(refusal, field=field_name)
    if changed_on > today:
        raise DomainError(_l("A stage cannot be reached in the future."), field=field_name)
    if not_before is not None and changed_on < not_before:
        raise DomainError(_l("The previous stage change was on %(date)s; a new one cannot come before it.",
                             date=not_before.isoformat()), field=field_name)


def history(session: Session, model: type, *, of, day: InstrumentedAttribute,
            recorded_by: InstrumentedAttribute) -> list[tuple[object, str | None]]:
    """Return the rows of `model` that `of` selects, latest `day` first (the last recorded first on one day),
    each with the name of who recorded it, or their e-mail if they have no name."""
    rows = session.execute(
        select(model, func.coalesce(func.nullif(User.name, ""), User.email))
        .outerjoin(User, User.id == recorded_by)
        .where(of)
        .order_by(day.desc(), model.id.desc())
    )
    return [(row, recorded) for row, recorded in rows]


def searched(query: Select, search: str, *, keys: Sequence = (), texts: Sequence = ()) -> Select:
    """Narrow a list's query to the records its search box finds, if it holds anything: those whose
    `keys` columns (match keys) hold the search's key, ignoring case, accents and spacing, or whose
    `texts` columns hold its words, ignoring case."""
    if not search.strip():
        return query
    key, words = match_key(search), tidy(search)
    return query.where(or_(*(column.contains(key, autoescape=True) for column in keys),
                           *(column.icontains(words, autoescape=True) for column in texts)))
