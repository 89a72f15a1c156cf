"""Proposals for missions and activities that actors put forward in the coalition process, and the votes on them."""
import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import db
from .actors import Organisation
from .base import NotedChange, Timestamped, Versioned, enum_column, utcnow
from .commitments import Initiative
from .links import proposal_backers, proposal_neighbourhoods
from .meetings import Meeting
from .places import Neighbourhood


class ProposalKind(enum.StrEnum):
    MISSION = "mission"
    ACTIVITY = "activity"


class ProposalStatus(enum.StrEnum):
    """Where a proposal stands; adopted and merged are where it ends."""

    PROPOSED = "proposed"
    DISCUSSED = "discussed"
    ADOPTED = "adopted"
    SET_ASIDE = "set_aside"
    MERGED = "merged"


class Proposal(Versioned, Timestamped, db.Model):
    """A mission or activity that organisations put forward, often at a workshop."""

    __tablename__ = "proposals"
    __table_args__ = (
        sa.CheckConstraint("status != 'adopted' OR initiative_id IS NOT NULL", name="adopted_has_initiative"),
        sa.CheckConstraint("status != 'merged' OR merged_into_id IS NOT NULL", name="merged_has_target"),
        sa.CheckConstraint("merged_into_id IS NULL OR merged_into_id != id", name="not_merged_into_itself"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[ProposalKind] = mapped_column(enum_column(ProposalKind), default=ProposalKind.ACTIVITY)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    meeting_id: Mapped[int | None] = mapped_column(sa.ForeignKey("meetings.id", ondelete="SET NULL"), index=True)
    proposed_on: Mapped[date] = mapped_column(index=True)
    status: Mapped[ProposalStatus] = mapped_column(enum_column(ProposalStatus), default=ProposalStatus.PROPOSED,
                                                   index=True)
    initiative_id: Mapped[int | None] = mapped_column(sa.ForeignKey("initiatives.id", ondelete="SET NULL"), index=True)
    merged_into_id: Mapped[int | None] = mapped_column(sa.ForeignKey("proposals.id"), index=True)

    meeting: Mapped[Meeting | None] = relationship()
    initiative: Mapped[Initiative | None] = relationship()
    merged_into: Mapped["Proposal | None"] = relationship(remote_side=[id])
    backers: Mapped[list[Organisation]] = relationship(secondary=proposal_backers, order_by=Organisation.name)
    neighbourhoods: Mapped[list[Neighbourhood]] = relationship(secondary=proposal_neighbourhoods,
                                                               order_by=Neighbourhood.name)
    status_changes: Mapped[list["ProposalStatusChange"]] = relationship(
        back_populates="proposal", order_by="ProposalStatusChange.id", cascade="all, delete-orphan")
    votes: Mapped[list["ProposalVote"]] = relationship(back_populates="proposal", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<Proposal {self.id} {self.title!r}>"


class ProposalStatusChange(NotedChange, db.Model):
    """A proposal reaching a status on a date, with why: its history."""

    __tablename__ = "proposal_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    status: Mapped[ProposalStatus] = mapped_column(enum_column(ProposalStatus))
    changed_on: Mapped[date] = mapped_column(index=True)  # the proposals' timeline is read by day
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    proposal: Mapped[Proposal] = relationship(back_populates="status_changes")


class ProposalVote(db.Model):
    """The priority votes (dots) a proposal got at one meeting."""

    __tablename__ = "proposal_votes"
    __table_args__ = (
        sa.UniqueConstraint("proposal_id", "meeting_id"),
        sa.CheckConstraint("votes >= 0", name="votes_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"))
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    votes: Mapped[int]

    proposal: Mapped[Proposal] = relationship(back_populates="votes")
    meeting: Mapped[Meeting] = relationship()
