"""What organisations promise, alone or jointly, and the initiatives they join."""
import enum
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import db
from .actors import Organisation
from .base import ExactDecimal, Timestamped, Versioned, enum_column, keeps_match_key, utcnow
from .links import commitment_parties, initiative_neighbourhoods, initiative_participants
from .meeting_places import MeetingPlace
from .meetings import Meeting
from .places import Neighbourhood


class CommitmentKind(enum.StrEnum):
    FUNDING = "funding"
    STAFF_TIME = "staff_time"
    PREMISES = "premises"
    IN_KIND = "in_kind"
    POLICY_CHANGE = "policy_change"
    SOCIAL_INVESTMENT = "social_investment"


class Unit(enum.StrEnum):
    SEK = "sek"
    HOURS = "hours"
    SQUARE_METRES = "square_metres"
    COUNT = "count"


class CommitmentStatus(enum.StrEnum):
    PROPOSED = "proposed"
    AGREED = "agreed"
    IN_PROGRESS = "in_progress"
    DELIVERED = "delivered"
    WITHDRAWN = "withdrawn"
    LAPSED = "lapsed"


class InitiativeStatus(enum.StrEnum):
    PROPOSED = "proposed"
    ACTIVE = "active"
    COMPLETED = "completed"
    PAUSED = "paused"
    CLOSED = "closed"


class Initiative(Versioned, Timestamped, db.Model):
    """A mission or activity the coalition formulates and actors join."""

    __tablename__ = "initiatives"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    # The name ignoring case, accents and spacing: what the lists and the search box match.
    name_key: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    description: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[InitiativeStatus] = mapped_column(enum_column(InitiativeStatus), default=InitiativeStatus.PROPOSED)
    lead_organisation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    origin_meeting_id: Mapped[int | None] = mapped_column(sa.ForeignKey("meetings.id", ondelete="SET NULL"), index=True)
    started_on: Mapped[date | None]

    lead_organisation: Mapped[Organisation | None] = relationship()
    origin_meeting: Mapped[Meeting | None] = relationship()
    participants: Mapped[list[Organisation]] = relationship(secondary=initiative_participants, order_by=Organisation.name)
    neighbourhoods: Mapped[list[Neighbourhood]] = relationship(secondary=initiative_neighbourhoods, order_by=Neighbourhood.name)

    _keep_name_key = keeps_match_key("name")


class Commitment(Versioned, Timestamped, db.Model):
    __tablename__ = "commitments"
    __table_args__ = (
        sa.CheckConstraint("amount IS NULL OR amount > 0", name="amount_positive"),
        sa.CheckConstraint("amount IS NULL OR unit IS NOT NULL", name="amount_has_unit"),
        sa.CheckConstraint("status != 'delivered' OR delivered_on IS NOT NULL", name="delivered_has_date"),
        sa.Index("ix_commitments_status_due_on", "status", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[CommitmentKind] = mapped_column(enum_column(CommitmentKind), index=True)
    description: Mapped[str] = mapped_column(sa.Text)
    # The description ignoring case, accents and spacing: what the register and the search box match.
    description_key: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    amount: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    unit: Mapped[Unit | None] = mapped_column(enum_column(Unit))
    # What is counted when unit is "count", e.g. "summer jobs".
    unit_label: Mapped[str] = mapped_column(sa.String(80), default="")
    neighbourhood_id: Mapped[int | None] = mapped_column(sa.ForeignKey("neighbourhoods.id"), index=True)
    initiative_id: Mapped[int | None] = mapped_column(sa.ForeignKey("initiatives.id"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(sa.ForeignKey("meetings.id", ondelete="SET NULL"), index=True)
    # The meeting place the commitment is an investment in, if any.
    place_id: Mapped[int | None] = mapped_column(sa.ForeignKey("meeting_places.id"), index=True)
    made_on: Mapped[date | None]
    due_on: Mapped[date | None]
    delivered_on: Mapped[date | None]
    status: Mapped[CommitmentStatus] = mapped_column(enum_column(CommitmentStatus), default=CommitmentStatus.PROPOSED)

    parties: Mapped[list[Organisation]] = relationship(secondary=commitment_parties, order_by=Organisation.name)
    neighbourhood: Mapped[Neighbourhood | None] = relationship()
    initiative: Mapped[Initiative | None] = relationship()
    meeting: Mapped[Meeting | None] = relationship()
    place: Mapped[MeetingPlace | None] = relationship()
    status_changes: Mapped[list["CommitmentStatusChange"]] = relationship(
        back_populates="commitment", order_by="CommitmentStatusChange.id", cascade="all, delete-orphan"
    )

    _keep_description_key = keeps_match_key("description")


class CommitmentStatusChange(db.Model):
    __tablename__ = "commitment_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(sa.ForeignKey("commitments.id", ondelete="CASCADE"), index=True)
    status: Mapped[CommitmentStatus] = mapped_column(enum_column(CommitmentStatus))
    changed_on: Mapped[date]
    changed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    commitment: Mapped[Commitment] = relationship(back_populates="status_changes")
