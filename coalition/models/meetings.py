"""Meetings the office records, who took part, and what was agreed to follow up."""
import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import db
from .actors import Organisation, Person
from .base import Archivable, Timestamped, Versioned, enum_column, keeps_match_key, utcnow
from .links import meeting_neighbourhoods
from .meeting_places import MeetingPlace
from .places import Neighbourhood

# More people than any meeting place holds: a larger headcount is a typing slip.
LARGEST_HEADCOUNT = 100_000


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


class Meeting(Versioned, Timestamped, db.Model):
    __tablename__ = "meetings"
    __table_args__ = (
        sa.CheckConstraint("duration_minutes IS NULL OR duration_minutes > 0", name="duration_positive"),
        sa.Index("ix_meetings_title_starts_at", "title", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[MeetingKind] = mapped_column(enum_column(MeetingKind), index=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    # The title ignoring case, accents and spacing: what the lists and the search box match.
    title_key: Mapped[str] = mapped_column(sa.String(300), default="", server_default="")
    # Wall-clock time in the office's time zone (BABEL_DEFAULT_TIMEZONE), as people write it.
    starts_at: Mapped[datetime] = mapped_column(index=True)
    duration_minutes: Mapped[int | None]
    # Free text ("the library, room 2"), kept beside or instead of a registered meeting place.
    place: Mapped[str] = mapped_column(sa.String(300), default="")
    place_id: Mapped[int | None] = mapped_column(sa.ForeignKey("meeting_places.id"), index=True)
    organiser_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    agenda: Mapped[str] = mapped_column(sa.Text, default="")
    minutes: Mapped[str] = mapped_column(sa.Text, default="")

    organiser: Mapped[Organisation | None] = relationship()
    meeting_place: Mapped[MeetingPlace | None] = relationship()
    neighbourhoods: Mapped[list[Neighbourhood]] = relationship(secondary=meeting_neighbourhoods, order_by=Neighbourhood.name)
    participations: Mapped[list["Participation"]] = relationship(back_populates="meeting", cascade="all, delete-orphan")
    actions: Mapped[list["FollowUpAction"]] = relationship(
        back_populates="meeting", order_by="FollowUpAction.due_on", cascade="all, delete-orphan"
    )
    attachments: Mapped[list["Attachment"]] = relationship(back_populates="meeting", cascade="all, delete-orphan")
    headcounts: Mapped[list["MeetingHeadcount"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="MeetingHeadcount.group_id"
    )

    _keep_title_key = keeps_match_key("title")


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
    # Names, e-mails or signatures (a sign-in list, a scanned form): for staff only, as people are.
    holds_personal_data: Mapped[bool] = mapped_column(default=True)

    meeting: Mapped[Meeting] = relationship(back_populates="attachments")


class HeadcountGroup(Archivable, Versioned, Timestamped, db.Model):
    """A group of people counted at meetings without their names (residents, young people, ...)."""

    __tablename__ = "headcount_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_sv: Mapped[str] = mapped_column(sa.String(80), unique=True)
    name_en: Mapped[str] = mapped_column(sa.String(80), unique=True)
    position: Mapped[int] = mapped_column(default=0)


class MeetingHeadcount(Timestamped, db.Model):
    """How many people of a group came to a meeting, unregistered: they count, nameless, never in the network."""

    __tablename__ = "meeting_headcounts"
    __table_args__ = (
        sa.UniqueConstraint("meeting_id", "group_id"),
        sa.CheckConstraint(f"count > 0 AND count <= {LARGEST_HEADCOUNT}", name="headcount_in_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"))
    group_id: Mapped[int] = mapped_column(sa.ForeignKey("headcount_groups.id"), index=True)
    count: Mapped[int]

    meeting: Mapped[Meeting] = relationship(back_populates="headcounts")
    group: Mapped[HeadcountGroup] = relationship()
