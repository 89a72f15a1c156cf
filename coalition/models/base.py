"""Column types and mixins that every model shares."""
import enum
from datetime import UTC, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, declared_attr, mapped_column


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
