"""Ties that staff declare between two organisations."""
import enum
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import db
from .actors import Organisation
from .base import Timestamped, Versioned, enum_column


class RelationshipKind(enum.StrEnum):
    PARTNERSHIP = "partnership"
    FUNDING = "funding"
    MEMBERSHIP = "membership"
    CONTRACT = "contract"
    INFORMAL = "informal"


class Relationship(Versioned, Timestamped, db.Model):
    __tablename__ = "relationships"
    __table_args__ = (
        sa.CheckConstraint("from_organisation_id != to_organisation_id", name="two_different_organisations"),
        sa.CheckConstraint("until_date IS NULL OR from_date IS NULL OR until_date >= from_date", name="period_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    from_organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    to_organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    kind: Mapped[RelationshipKind] = mapped_column(enum_column(RelationshipKind))
    from_date: Mapped[date | None]
    until_date: Mapped[date | None]
    notes: Mapped[str] = mapped_column(sa.Text, default="")

    from_organisation: Mapped[Organisation] = relationship(foreign_keys=[from_organisation_id])
    to_organisation: Mapped[Organisation] = relationship(foreign_keys=[to_organisation_id])
