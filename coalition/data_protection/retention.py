"""Retention review: people the office has not dealt with for a period, to anonymise or keep.

A person is due for review when nothing has happened around them since the cut-off: their
record was not edited, no membership of theirs changed, no participation of theirs was
recorded or changed and no meeting they were on took place, and nobody decided to keep them
at an earlier review. Keeping a person records the review date, so they leave the list until
the period has passed again.
"""
from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import LawfulBasis, Meeting, Membership, Participation, Person

__all__ = ["DEFAULT_MONTHS", "awaiting_decision", "cutoff", "due_for_review", "keep", "last_activity", "restricted",
           "to_decide"]

DEFAULT_MONTHS = 36


def cutoff(today: date, months: int) -> date:
    """Return the day ``months`` before today (the last day of a shorter month when needed)."""
    month_index = today.year * 12 + today.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for day in range(today.day, 27, -1):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return date(year, month, min(today.day, 28))


def due_for_review(before: date) -> sa.Select:
    """Select the people with no activity since ``before``, longest idle first by last edit."""
    since = datetime.combine(before, time.min)
    recent_participation = sa.exists().where(
        Participation.person_id == Person.id,
        sa.or_(Participation.updated_at >= since,
               Participation.meeting_id.in_(sa.select(Meeting.id).where(Meeting.starts_at >= since))),
    )
    recent_membership = sa.exists().where(Membership.person_id == Person.id, Membership.updated_at >= since)
    return (
        sa.select(Person)
        .where(Person.anonymised_at.is_(None), Person.updated_at < since,
               sa.or_(Person.retention_reviewed_on.is_(None), Person.retention_reviewed_on < before),
               ~recent_participation, ~recent_membership)
        .order_by(Person.updated_at, Person.id)
    )


def last_activity(session: Session, person_ids: list[int]) -> dict[int, object]:
    """Return each person's latest activity (edit, membership change, participation or meeting), in three queries."""
    latest: dict[int, object] = {}

    def note(rows):
        for person_id, when in rows:
            if when is not None:
                when = when.date() if hasattr(when, "date") else when
                latest[person_id] = max(latest.get(person_id, when), when)

    if not person_ids:
        return latest
    note(session.execute(sa.select(Person.id, Person.updated_at).where(Person.id.in_(person_ids))))
    note(session.execute(sa.select(Membership.person_id, sa.func.max(Membership.updated_at))
                         .where(Membership.person_id.in_(person_ids)).group_by(Membership.person_id)))
    note(session.execute(sa.select(Participation.person_id, sa.func.max(Participation.updated_at))
                         .where(Participation.person_id.in_(person_ids)).group_by(Participation.person_id)))
    note(session.execute(sa.select(Participation.person_id, sa.func.max(Meeting.starts_at))
                         .join(Meeting, Meeting.id == Participation.meeting_id)
                         .where(Participation.person_id.in_(person_ids)).group_by(Participation.person_id)))
    return latest


def awaiting_decision() -> sa.Select:
    """Select the people whose consent was withdrawn and who are restricted, awaiting anonymisation or another basis."""
    return (
        sa.select(Person)
        .where(Person.anonymised_at.is_(None), Person.restricted_at.is_not(None),
               Person.lawful_basis == LawfulBasis.CONSENT, Person.consent_withdrawn_on.is_not(None),
               sa.or_(Person.consent_given_on.is_(None), Person.consent_withdrawn_on >= Person.consent_given_on))
        .order_by(Person.consent_withdrawn_on, Person.id)
    )


def restricted() -> sa.Select:
    """Select the people whose processing is restricted, earliest first."""
    return (sa.select(Person).where(Person.anonymised_at.is_(None), Person.restricted_at.is_not(None))
            .order_by(Person.restricted_at, Person.id))


def to_decide(session: Session, person_ids: list[int]) -> list[Person]:
    """Return the people ticked at a review who are not anonymised yet (one already anonymised is left alone)."""
    if not person_ids:
        return []
    return list(session.scalars(sa.select(Person).where(Person.id.in_(person_ids), Person.anonymised_at.is_(None))
                                .order_by(Person.id)))


def keep(session: Session, people: list[Person], today: date | None = None) -> None:
    """Record that the office reviewed these people and keeps them, as of today."""
    today = today or date.today()
    for person in people:
        person.retention_reviewed_on = today
    session.flush()
