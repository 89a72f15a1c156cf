"""Pairs of records that staff judged not to be duplicates, so they are not offered again."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..db import db
from .base import utcnow


class NotDuplicate(db.Model):
    """Two organisations, or two people, that look alike but are not the same.

    The ids carry no foreign keys: a mark outlives neither record in any way that matters (a
    pair with a record gone is never offered), and the mark must not hold a person back from a
    merge or an erasure. One mark per pair, the lower id first.
    """

    __tablename__ = "not_duplicates"
    __table_args__ = (
        sa.CheckConstraint("first_id < second_id", name="pair_in_order"),
        sa.CheckConstraint("kind IN ('organisation', 'person')", name="known_kind"),
        sa.UniqueConstraint("kind", "first_id", "second_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    first_id: Mapped[int]
    second_id: Mapped[int]
    marked_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    marked_at: Mapped[datetime] = mapped_column(default=utcnow)
