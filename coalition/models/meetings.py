"""Meetings the office records, who took part, and what was agreed to follow up."""
import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import db
from .actors import Organisation, Person
from .base import Timestamped, Versioned, enum_column, utcnow
from .places import Neighbourhood


class MeetingKind(enum.StrEnum):
    INTERVIEW = "interview"
    WORKSHOP = "workshop"
    COORDINATION = "coordination"
    INFORMATION = "information"
    STEERING_GROUP = "steering_group"
    WORKING_COMMITTEE = "working_committee"
    SITE_VISIT = "site_visit"
    OTHER = "other"


class ParticipationRole(enum.StrEnum):
    ORGANISER = "organiser"
    FACILITATOR = "facilitator"
    SPEAKER = "speaker"
    PARTICIPANT = "participant"


class ParticipationStatus(enum.StrEnum):
    INVITED = "invited"
    REGISTERED = "registered"
    ATTENDED = "attended"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


meeting_neighbourhoods = sa.Table(
    "meeting_neighbourhoods",
    db.metadata,
    sa.Column("meeting_id", sa.ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("neighbourhood_id", sa.ForeignKey("neighbourhoods.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Meeting(Versioned, Timestamped, db.Model):
    __tablename__ = "meetings"
    __table_args__ = (
        sa.CheckConstraint("duration_minutes IS NULL OR duration_minutes > 0", name="duration_positive"),
        sa.Index("ix_meetings_title_starts_at", "title", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[MeetingKind] = mapped_column(enum_column(MeetingKind), index=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    # Wall-clock time in the office's time zone (BABEL_DEFAULT_TIMEZONE), as people write it.
    starts_at: Mapped[datetime] = mapped_column(index=True)
    duration_minutes: Mapped[int | None]
    place: Mapped[str] = mapped_column(sa.String(300), default="")
    organiser_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    agenda: Mapped[str] = mapped_column(sa.Text, default="")
    minutes: Mapped[str] = mapped_column(sa.Text, default="")

    organiser: Mapped[Organisation | None] = relationship()
    neighbourhoods: Mapped[list[Neighbourhood]] = relationship(secondary=meeting_neighbourhoods, order_by=Neighbourhood.name)
    participations: Mapped[list["Participation"]] = relationship(back_populates="meeting", cascade="all, delete-orphan")
    actions: Mapped[list["FollowUpAction"]] = relationship(
        back_populates="meeting", order_by="FollowUpAction.due_on", cascade="all, delete-orphan"
    )
    attachments: Mapped[list["Attachment"]] = relationship(back_populates="meeting", cascade="all, delete-orphan")


class Participation(Versioned, Timestamped, db.Model):
    """A person at a meeting, for the organisation they represented on that day."""

    __tablename__ = "participations"
    __table_args__ = (
        sa.UniqueConstraint("meeting_id", "person_id"),
        sa.Index("ix_participations_meeting_id_status", "meeting_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("persons.id"), index=True)
    # Stored, not derived from memberships: a later change of job must not rewrite history.
    organisation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    role: Mapped[ParticipationRole] = mapped_column(enum_column(ParticipationRole), default=ParticipationRole.PARTICIPANT)
    status: Mapped[ParticipationStatus] = mapped_column(enum_column(ParticipationStatus), default=ParticipationStatus.ATTENDED)

    meeting: Mapped[Meeting] = relationship(back_populates="participations")
    person: Mapped[Person] = relationship()
    organisation: Mapped[Organisation | None] = relationship()


class FollowUpAction(Versioned, Timestamped, db.Model):
    __tablename__ = "follow_up_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(sa.Text)
    responsible_person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("persons.id"), index=True)
    responsible_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    due_on: Mapped[date | None] = mapped_column(index=True)
    done_on: Mapped[date | None]

    meeting: Mapped[Meeting] = relationship(back_populates="actions")
    responsible_person: Mapped[Person | None] = relationship()


class Attachment(Timestamped, db.Model):
    """A document kept with a meeting; the file lives outside the static folder."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(sa.String(255))
    content_type: Mapped[str] = mapped_column(sa.String(120))
    size_bytes: Mapped[int]
    storage_key: Mapped[str] = mapped_column(sa.String(64), unique=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="attachments")
