"""What staff decided about a suggested introduction between two organisations."""
import enum
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import db
from .actors import Organisation
from .base import Timestamped, Versioned, enum_column


class IntroductionOutcome(enum.StrEnum):
    DISMISSED = "dismissed"  # not worth making: never suggest the pair again
    INTRODUCED = "introduced"  # made: follow it up by ``due_on``


class IntroductionDecision(Versioned, Timestamped, db.Model):
    """A pair of organisations the network suggested introducing, and what staff did about it.

    One decision per pair, the lower id first. An introduction made carries its follow-up: a
    due date by which to ask whether the two have met, and the day that was done.
    """

    __tablename__ = "introduction_decisions"
    __table_args__ = (
        sa.CheckConstraint("first_organisation_id < second_organisation_id", name="pair_in_order"),
        sa.CheckConstraint("outcome = 'introduced' OR (due_on IS NULL AND done_on IS NULL)",
                           name="follow_up_only_when_introduced"),
        sa.UniqueConstraint("first_organisation_id", "second_organisation_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    first_organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"))
    second_organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    outcome: Mapped[IntroductionOutcome] = mapped_column(enum_column(IntroductionOutcome))
    decided_on: Mapped[date]
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    due_on: Mapped[date | None] = mapped_column(index=True)
    done_on: Mapped[date | None]

    first_organisation: Mapped[Organisation] = relationship(foreign_keys=[first_organisation_id])
    second_organisation: Mapped[Organisation] = relationship(foreign_keys=[second_organisation_id])
