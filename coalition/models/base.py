"""Column types and mixins that every model shares."""
import enum
from datetime import UTC, date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, validates

from ..db import db
from ..text import match_key, tidy


def utcnow() -> datetime:
    """Return the current time in UTC, without tzinfo, as every timestamp column stores it."""
    return datetime.now(UTC).replace(tzinfo=None)


def enum_column(enum_cls: type[enum.Enum], **kwargs) -> sa.Enum:
    """Store an enum by value as a short string, checked by a named CHECK constraint."""
    return sa.Enum(
        enum_cls,
        name=enum_cls.__name__.lower(),
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum_cls),
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
        **kwargs,
    )


def link_table(name: str, record: tuple[str, str], linked: tuple[str, str], *,
               linked_ondelete: str | None = None) -> sa.Table:
    """Return the table that links records to others, many to many: two (column, "table.id") pairs.

    A link goes with its record; the linked side is indexed, for reading the links the other way,
    and its deletion is refused unless `linked_ondelete` says otherwise.
    """
    return sa.Table(
        name,
        db.metadata,
        sa.Column(record[0], sa.ForeignKey(record[1], ondelete="CASCADE"), primary_key=True),
        sa.Column(linked[0], sa.ForeignKey(linked[1], ondelete=linked_ondelete), primary_key=True, index=True),
    )


def keeps_match_key(field: str, *, tidied: bool = False):
    """Return a validator that keeps `<field>_key`, the field ignoring case, accents and spacing, beside it.

    With `tidied`, the field itself is stored tidied (spaces folded, trimmed) first.
    """
    @validates(field)
    def keep_key(self, _key, value: str) -> str:
        if tidied:
            value = tidy(value)
        setattr(self, f"{field}_key", match_key(value))
        return value
    return keep_key


class ExactDecimal(sa.types.TypeDecorator):
    """A decimal kept as an integer count of hundredths.

    SQLite has no exact decimal type, and amounts must add up to the öre on every backend;
    integer hundredths sum exactly in SQL everywhere.
    """

    impl = sa.BigInteger
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return int((Decimal(value) * 100).to_integral_value())

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return (Decimal(int(value)) / 100).quantize(Decimal("0.01"))


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Versioned:
    """Optimistic locking: an UPDATE carries the version it read, and fails if it moved on."""

    version: Mapped[int] = mapped_column(nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls):
        return {"version_id_col": cls.__table__.c.version}


class NotedChange:
    """A step in a record's history: the day it took effect, who recorded it, and why."""

    changed_on: Mapped[date]
    changed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(sa.Text, default="")


class Archivable:
    """Actors with history are archived, never deleted."""

    archived_at: Mapped[datetime | None]

    def archive(self) -> None:
        """Hide the record from lists and pickers; everything recorded about it stays."""
        if self.archived_at is None:
            self.archived_at = utcnow()

    def restore(self) -> None:
        """Bring an archived record back into lists and pickers."""
        self.archived_at = None
