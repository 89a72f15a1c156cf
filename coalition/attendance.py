"""Who took part in a meeting: adding participants, and changing their role and status."""
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session, selectinload

from .errors import DomainError
from .i18n import lazy_gettext as _l
from .matching import organisation_on
from .models import (
    Meeting,
    Membership,
    Organisation,
    Participation,
    ParticipationRole,
    ParticipationStatus,
    Person,
)
from .text import match_key


def participations_by_person(session: Session, meeting: Meeting) -> dict[int, Participation]:
    return {p.person_id: p for p in session.scalars(select(Participation).where(Participation.meeting_id == meeting.id))}


def _refuse_unusable(person: Person) -> None:
    if person.anonymised_at is not None:
        raise DomainError(_l("An anonymised person cannot be added to a meeting."), field="person_ids")
    if person.restricted_at is not None:
        raise DomainError(_l("%(name)s has asked that their data is not processed further, and cannot be added.",
                             name=person.name), field="person_ids")


def add_participant(session: Session, meeting: Meeting, person: Person, *,
                    organisation: Organisation | None = None, role: ParticipationRole = ParticipationRole.PARTICIPANT,
                    status: ParticipationStatus = ParticipationStatus.ATTENDED,
                    existing: dict[int, Participation] | None = None) -> Participation | None:
    """Put a person on a meeting's list; return None if they already are on it.

    The organisation they came for is stored with the participation: the one given, or else the
    one they worked for on the meeting's day. `existing` (from participations_by_person) saves a
    query per person when a whole list is added.
    """
    if existing is None:
        existing = participations_by_person(session, meeting)
    if person.id is not None and person.id in existing:
        return None
    _refuse_unusable(person)
    if organisation is None:
        organisation = organisation_on(person, meeting.starts_at.date())
    participation = Participation(meeting=meeting, person=person, organisation=organisation, role=role, status=status)
    session.add(participation)
    if person.id is not None:
        existing[person.id] = participation
    return participation


def add_people(session: Session, meeting: Meeting, person_ids: Iterable[int], *, role: ParticipationRole,
               status: ParticipationStatus) -> list[Participation]:
    """Add registered people chosen by id; those already on the list are left as they are."""
    ids = sorted(set(person_ids))
    people = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(ids)))} if ids else {}
    if len(people) != len(ids):
        raise DomainError(_l("Someone you chose is no longer registered. Search again."), field="person_ids")
    existing = participations_by_person(session, meeting)
    added = [add_participant(session, meeting, people[i], role=role, status=status, existing=existing) for i in ids]
    session.flush()
    return [participation for participation in added if participation is not None]


def _of_meeting(session: Session, meeting: Meeting, participation_ids: Iterable[int]) -> list[Participation]:
    ids = set(participation_ids)
    if not ids:
        raise DomainError(_l("Tick the people to change first."), field="participation_ids")
    chosen = list(session.scalars(
        select(Participation).where(Participation.meeting_id == meeting.id, Participation.id.in_(ids))
    ))
    if len(chosen) != len(ids):
        raise DomainError(_l("Someone you ticked is no longer on this meeting's list. Reload the page."),
                          field="participation_ids")
    return chosen


def change_participations(session: Session, meeting: Meeting, participation_ids: Iterable[int], *,
                          role: ParticipationRole | None = None, status: ParticipationStatus | None = None) -> int:
    """Give the ticked participants a new role and/or status; return how many were changed."""
    if role is None and status is None:
        raise DomainError(_l("Choose a role or a status to set."), field="role")
    chosen = _of_meeting(session, meeting, participation_ids)
    for participation in chosen:
        if role is not None:
            participation.role = role
        if status is not None:
            participation.status = status
    session.flush()
    return len(chosen)


def remove_participations(session: Session, meeting: Meeting, participation_ids: Iterable[int]) -> int:
    """Take ticked people off a meeting's list (entered by mistake); return how many."""
    chosen = _of_meeting(session, meeting, participation_ids)
    for participation in chosen:
        session.delete(participation)
    session.flush()
    return len(chosen)


def status_counts(session: Session, meeting: Meeting) -> dict[ParticipationStatus, int]:
    """How many participants have each status, for the counts above the list."""
    rows = session.execute(
        select(Participation.status, func.count()).where(Participation.meeting_id == meeting.id)
        .group_by(Participation.status)
    )
    return dict.fromkeys(ParticipationStatus, 0) | dict(rows.tuples().all())


@dataclass
class Suggestion:
    person: Person
    organisation: Organisation | None
    on_the_list: bool


def suggest_people(session: Session, meeting: Meeting | None, typed: str, limit: int = 10) -> list[Suggestion]:
    """The registered people whose name (or e-mail) fits what was typed, for the type-ahead.

    With a meeting, each says whether they are on its list already. Names starting with the
    typed text come first; people who are anonymised, archived or have
    asked not to be processed are never offered.
    """
    key = match_key(typed)
    if len(key) < 2:
        return []
    pattern = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    starts_first = case((Person.name_key.startswith(key, autoescape=True), 0), else_=1)
    people = session.scalars(
        select(Person)
        .where(Person.anonymised_at.is_(None), Person.archived_at.is_(None), Person.restricted_at.is_(None),
               or_(Person.name_key.like(f"%{pattern}%", escape="\\"), Person.email.startswith(typed.strip().lower(),
                                                                                               autoescape=True)))
        .order_by(starts_first, Person.name_key, Person.id)
        .limit(limit)
        .options(selectinload(Person.memberships).selectinload(Membership.organisation))
    ).all()
    on_the_list = participations_by_person(session, meeting) if meeting else {}
    day = meeting.starts_at.date() if meeting else date.today()
    return [Suggestion(p, organisation_on(p, day) or p.current_organisation, p.id in on_the_list) for p in people]
