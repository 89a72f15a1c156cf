"""Who took part in a meeting: adding participants, and changing their role and status."""
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, or_, select
from sqlalchemy.orm import Session, selectinload

from . import joining
from .bulk import insert_new
from .errors import DomainError
from .i18n import lazy_gettext as _l
from .matching import organisation_on
from .models import Meeting, Membership, Organisation, Participation, ParticipationRole, ParticipationStatus, Person
from .people import may_be_processed
from .text import match_key


def default_status(meeting_day: date, today: date) -> ParticipationStatus:
    """The status of someone put on a list without one: registered before the meeting's day, attended from it on.

    >>> default_status(date(2026, 12, 10), today=date(2026, 12, 4)).value
    'registered'
    >>> default_status(date(2026, 12, 4), today=date(2026, 12, 4)).value
    'attended'
    """
    return ParticipationStatus.REGISTERED if meeting_day > today else ParticipationStatus.ATTENDED


def participations_by_person(session: Session, meeting: Meeting) -> dict[int, Participation]:
    return {p.person_id: p for p in session.scalars(select(Participation).where(Participation.meeting_id == meeting.id))}


def _refuse_unusable(person: Person) -> None:
    if person.anonymised_at is not None:
        raise DomainError(_l("An anonymised person cannot be added to a meeting."), field="person_ids")
    if person.restricted_at is not None:
        raise DomainError(_l("%(name)s has asked that their data is not processed further, and cannot be added.",
                             name=person.name), field="person_ids")


def participant_terms(meeting: Meeting, person: Person, *, organisation: Organisation | None = None,
                      status: ParticipationStatus | None = None) -> tuple[Organisation | None, ParticipationStatus]:
    """Check that a person may be put on a meeting's list; return the organisation and status they get.

    The rules of `add_participant`, for an import that writes many participations at once.
    """
    _refuse_unusable(person)
    if organisation is None:
        organisation = organisation_on(person, meeting.starts_at.date())
    return organisation, status or default_status(meeting.starts_at.date(), date.today())


def write_participations(session: Session, planned: Iterable[tuple[Meeting, Person, Organisation | None,
                                                                    ParticipationRole, ParticipationStatus]]) -> int:
    """Write many checked participations (see `participant_terms`) at once; return how many.

    For an import of a whole register: a statement per batch instead of an object per row, so
    that 200,000 rows fit in memory and time (bulk.py, which keeps the audit trail too). What
    joining.py's flush hook does for a participation is done here: the organisations' joining
    days are worked out again. The meetings, people and organisations must have their ids (any
    object with an `id` will do).
    """
    organisation_ids: set[int] = set()

    def rows():
        for meeting, person, organisation, role, status in planned:
            organisation_id = organisation.id if organisation is not None else None
            if organisation_id is not None:
                organisation_ids.add(organisation_id)
            yield {"meeting_id": meeting.id, "person_id": person.id, "organisation_id": organisation_id,
                   "role": role, "status": status}

    written = len(insert_new(session, Participation, rows()))
    joining.work_out_again(session.connection(), organisation_ids)
    return written


def add_participant(session: Session, meeting: Meeting, person: Person, *,
                    organisation: Organisation | None = None, role: ParticipationRole = ParticipationRole.PARTICIPANT,
                    status: ParticipationStatus | None = None,
                    existing: dict[int, Participation] | None = None) -> Participation | None:
    """Put a person on a meeting's list; return None if they already are on it.

    Without a status they are registered for a meeting still to come and attended one held.

    The organisation they came for is stored with the participation: the one given, or else the
    one they worked for on the meeting's day. `existing` (from participations_by_person) saves a
    query per person when a whole list is added.
    """
    if existing is None:
        existing = participations_by_person(session, meeting)
    if person.id is not None and person.id in existing:
        return None
    organisation, status = participant_terms(meeting, person, organisation=organisation, status=status)
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


def participants_by_status(session: Session, meeting: Meeting) -> list[tuple[ParticipationStatus, list[Participation]]]:
    """Group a meeting's participations by status, in the statuses' order, each group by name; empty groups left out."""
    participations = session.scalars(
        select(Participation).where(Participation.meeting_id == meeting.id)
        .options(selectinload(Participation.person), selectinload(Participation.organisation))
    ).all()
    groups: dict[ParticipationStatus, list[Participation]] = {status: [] for status in ParticipationStatus}
    for participation in sorted(participations, key=lambda p: p.person.name_key):
        groups[participation.status].append(participation)
    return [(status, people) for status, people in groups.items() if people]


def participant_choices(session: Session, meeting: Meeting) -> list[tuple[int, str]]:
    """Return (id, name) of the meeting's participants whose data may be processed, by name, to name who follows up."""
    rows = session.execute(
        select(Person.id, Person.name).join(Participation, Participation.person_id == Person.id)
        .where(Participation.meeting_id == meeting.id, may_be_processed())
        .order_by(Person.name_key)
    )
    return [(row.id, row.name) for row in rows]


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
        .where(may_be_processed(), Person.archived_at.is_(None),
               or_(Person.name_key.like(f"%{pattern}%", escape="\\"), Person.email.startswith(typed.strip().lower(),
                                                                                               autoescape=True)))
        .order_by(starts_first, Person.name_key, Person.id)
        .limit(limit)
        .options(selectinload(Person.memberships).selectinload(Membership.organisation))
    ).all()
    on_the_list = participations_by_person(session, meeting) if meeting else {}
    day = meeting.starts_at.date() if meeting else date.today()
    return [Suggestion(p, organisation_on(p, day) or p.current_organisation, p.id in on_the_list) for p in people]
