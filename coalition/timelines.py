"""What actors and places took part in, and what organisations promised, newest first, by year.

An organisation's and a person's timelines hold the interactions logged with them (calls,
e-mails, visits, notes) among their meetings, by day; the counts by year stay of meetings.
"""
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from .models import (
    Commitment,
    CommitmentStatus,
    Interaction,
    InteractionKind,
    Meeting,
    MeetingHeadcount,
    MeetingKind,
    Organisation,
    Participation,
    ParticipationStatus,
    Person,
)
from .models.commitments import commitment_parties
from .models.meetings import meeting_neighbourhoods

# A page shows the latest ones; the meetings list, filtered, shows them all.
LATEST = 25


@dataclass(frozen=True)
class TimelineEntry:
    meeting_id: int
    title: str
    kind: MeetingKind
    starts_at: datetime
    attended: int  # people who attended: all of them, or those who came for the organisation
    status: ParticipationStatus | None = None  # a person's own status at the meeting

    @property
    def day(self) -> date:
        return self.starts_at.date()


@dataclass(frozen=True)
class InteractionEntry:
    interaction_id: int
    kind: InteractionKind
    day: date
    text: str
    joint_work: bool
    organisation_id: int
    organisation: str
    person_id: int | None
    person: str | None  # None when there is none, or they were anonymised


@dataclass(frozen=True)
class Timeline:
    entries: list[TimelineEntry]
    by_year: dict[int, int]  # year -> meetings attended
    interactions: list[InteractionEntry] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.by_year.values())

    @property
    def rows(self) -> list[TimelineEntry | InteractionEntry]:
        """The meetings and interactions together, newest day first (a day's interactions before its meetings)."""
        return sorted([*self.entries, *self.interactions],
                      key=lambda entry: (entry.day, isinstance(entry, InteractionEntry)), reverse=True)


def _interactions(session: Session, condition) -> list[InteractionEntry]:
    rows = session.execute(
        select(Interaction.id, Interaction.kind, Interaction.happened_on, Interaction.text, Interaction.joint_work,
               Interaction.organisation_id, Organisation.name, Interaction.person_id, Person.name,
               Person.anonymised_at)
        .join(Organisation, Organisation.id == Interaction.organisation_id)
        .outerjoin(Person, Person.id == Interaction.person_id)
        .where(condition)
        .order_by(Interaction.happened_on.desc(), Interaction.id.desc())
        .limit(LATEST)
    )
    return [InteractionEntry(*row[:8], None if row.anonymised_at is not None else row[8]) for row in rows]


def _by_year(session: Session, meeting_ids) -> dict[int, int]:
    year = extract("year", Meeting.starts_at)
    rows = session.execute(
        select(year, func.count()).where(Meeting.id.in_(meeting_ids)).group_by(year).order_by(year.desc())
    )
    return {int(y): n for y, n in rows}


def organisation_timeline(session: Session, organisation_id: int) -> Timeline:
    """Meetings the organisation's people attended for it, with how many of them came."""
    attended = (
        select(Participation.meeting_id, func.count().label("people"))
        .where(Participation.organisation_id == organisation_id, Participation.status == ParticipationStatus.ATTENDED)
        .group_by(Participation.meeting_id)
        .subquery()
    )
    rows = session.execute(
        select(Meeting.id, Meeting.title, Meeting.kind, Meeting.starts_at, attended.c.people)
        .join(attended, attended.c.meeting_id == Meeting.id)
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        .limit(LATEST)
    )
    entries = [TimelineEntry(*row) for row in rows]
    return Timeline(entries, _by_year(session, select(attended.c.meeting_id)),
                    _interactions(session, Interaction.organisation_id == organisation_id))


def person_timeline(session: Session, person_id: int) -> Timeline:
    """Every meeting the person was invited to or took part in; the counts are of attended ones."""
    rows = session.execute(
        select(Meeting.id, Meeting.title, Meeting.kind, Meeting.starts_at, Participation.status)
        .join(Participation, Participation.meeting_id == Meeting.id)
        .where(Participation.person_id == person_id)
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        .limit(LATEST)
    )
    entries = [TimelineEntry(id_, title, kind, starts_at, attended=1 if status is ParticipationStatus.ATTENDED else 0,
                             status=status) for id_, title, kind, starts_at, status in rows]
    attended = select(Participation.meeting_id).where(
        Participation.person_id == person_id, Participation.status == ParticipationStatus.ATTENDED
    )
    return Timeline(entries, _by_year(session, attended), _interactions(session, Interaction.person_id == person_id))


def neighbourhood_timeline(session: Session, neighbourhood_id: int) -> Timeline:
    """Meetings held for the neighbourhood, with how many people attended each."""
    return held_timeline(session, select(meeting_neighbourhoods.c.meeting_id).where(
        meeting_neighbourhoods.c.neighbourhood_id == neighbourhood_id))


def held_timeline(session: Session, meeting_ids) -> Timeline:
    """The meetings `meeting_ids` selects, with how many came to each: who attended and who was counted without names."""
    attended = (
        select(Participation.meeting_id, func.count().label("people"))
        .where(Participation.status == ParticipationStatus.ATTENDED, Participation.meeting_id.in_(meeting_ids))
        .group_by(Participation.meeting_id)
        .subquery()
    )
    counted = (
        select(MeetingHeadcount.meeting_id, func.sum(MeetingHeadcount.count).label("people"))
        .where(MeetingHeadcount.meeting_id.in_(meeting_ids))
        .group_by(MeetingHeadcount.meeting_id)
        .subquery()
    )
    rows = session.execute(
        select(Meeting.id, Meeting.title, Meeting.kind, Meeting.starts_at,
               func.coalesce(attended.c.people, 0) + func.coalesce(counted.c.people, 0))
        .outerjoin(attended, attended.c.meeting_id == Meeting.id)
        .outerjoin(counted, counted.c.meeting_id == Meeting.id)
        .where(Meeting.id.in_(meeting_ids))
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        .limit(LATEST)
    )
    entries = [TimelineEntry(id_, title, kind, starts_at, int(came)) for id_, title, kind, starts_at, came in rows]
    return Timeline(entries, _by_year(session, meeting_ids))


@dataclass(frozen=True)
class CommitmentEntry:
    commitment_id: int
    description: str
    status: CommitmentStatus
    made_on: date | None
    due_on: date | None
    joint: bool  # made together with other organisations


@dataclass(frozen=True)
class CommitmentTimeline:
    entries: list[CommitmentEntry]
    by_year: dict[int, int]  # year made -> commitments

    @property
    def total(self) -> int:
        return sum(self.by_year.values())


def organisation_commitments(session: Session, organisation_id: int) -> CommitmentTimeline:
    """Commitments the organisation is a party to, alone or jointly, newest first."""
    link = commitment_parties.c
    ours = select(link.commitment_id).where(link.organisation_id == organisation_id)
    parties = (select(func.count()).where(link.commitment_id == Commitment.id)
               .correlate(Commitment).scalar_subquery())
    rows = session.execute(
        select(Commitment.id, Commitment.description, Commitment.status, Commitment.made_on, Commitment.due_on,
               parties > 1)
        .where(Commitment.id.in_(ours))
        .order_by(Commitment.made_on.desc().nulls_last(), Commitment.id.desc())
        .limit(LATEST)
    )
    entries = [CommitmentEntry(*row) for row in rows]
    year = extract("year", Commitment.made_on)
    counts = session.execute(
        select(year, func.count()).where(Commitment.id.in_(ours), Commitment.made_on.is_not(None))
        .group_by(year).order_by(year.desc())
    )
    return CommitmentTimeline(entries, {int(y): n for y, n in counts})
