"""Meetings: recording them, finding them, and following up what was agreed."""
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from . import dates
from .errors import DomainError, Refusals
from .i18n import lazy_gettext as _l
from .meeting_places import chosen_place
from .models import (
    FollowUpAction,
    Meeting,
    MeetingKind,
    Neighbourhood,
    Organisation,
    Participation,
    ParticipationStatus,
    Person,
)
from .records import add_record, searched
from .text import tidy

# A week: longer is a typing slip (and would not fit the database's integer column at 11 digits).
LONGEST_MEETING_MINUTES = 7 * 24 * 60


@dataclass
class MeetingDetails:
    """What staff type about a meeting, already in the right types."""

    kind: MeetingKind
    title: str
    starts_at: datetime
    duration_minutes: int | None = None
    place: str = ""
    place_id: int | None = None  # a registered meeting place, beside or instead of the free text
    organiser_id: int | None = None
    neighbourhood_ids: list[int] = field(default_factory=list)
    agenda: str = ""
    minutes: str = ""


def _apply(session: Session, meeting: Meeting, details: MeetingDetails) -> None:
    refusals = Refusals()
    title = tidy(details.title)
    if not title:
        refusals.add(_l("A meeting needs a title."), "title")
    refusals.date(details.starts_at.date(), dates.PROGRAMME, "starts_on")
    if details.duration_minutes is not None and not 0 < details.duration_minutes <= LONGEST_MEETING_MINUTES:
        refusals.add(_l("The duration is a number of minutes above zero, at most a week (10 080)."), "duration_minutes")
    organiser = refusals.known(session, Organisation, details.organiser_id,
                               _l("The organiser is not a registered organisation."), "organiser_id")
    refusals.refuse()
    meeting.kind = details.kind
    meeting.title = title
    meeting.starts_at = details.starts_at.replace(second=0, microsecond=0)
    meeting.duration_minutes = details.duration_minutes
    meeting.place = tidy(details.place)
    meeting.meeting_place = chosen_place(session, details.place_id, already=meeting.place_id)
    meeting.organiser = organiser
    meeting.agenda = details.agenda.strip()
    meeting.minutes = details.minutes.strip()
    neighbourhoods = (
        list(session.scalars(select(Neighbourhood).where(Neighbourhood.id.in_(details.neighbourhood_ids))))
        if details.neighbourhood_ids else []
    )
    # A meeting held at a place in a neighbourhood is held in that neighbourhood: it counts in its figures.
    place = meeting.meeting_place
    if place is not None and place.neighbourhood is not None and place.neighbourhood not in neighbourhoods:
        neighbourhoods.append(place.neighbourhood)
    meeting.neighbourhoods = neighbourhoods


def create_meeting(session: Session, details: MeetingDetails) -> Meeting:
    """Record a new meeting."""
    meeting = Meeting()
    return add_record(session, meeting, lambda: _apply(session, meeting, details))


def update_meeting(session: Session, meeting: Meeting, details: MeetingDetails) -> None:
    """Change a meeting's details under the same rules as recording one."""
    _apply(session, meeting, details)
    session.flush()


def delete_meeting(session: Session, meeting: Meeting) -> None:
    """Remove a meeting recorded by mistake; one with participants is history and stays."""
    participants = session.scalar(select(func.count()).where(Participation.meeting_id == meeting.id))
    if participants:
        raise DomainError(_l("This meeting has %(num)d participants recorded and cannot be deleted. "
                             "Remove its participants first if it really was recorded by mistake.",
                             num=participants))
    session.delete(meeting)
    session.flush()


def add_action(session: Session, meeting: Meeting, description: str, *, responsible_person_id: int | None = None,
               due_on: date | None = None) -> FollowUpAction:
    """Note something agreed at a meeting that someone must follow up."""
    refusals = Refusals()
    description = description.strip()
    if not description:
        refusals.add(_l("A follow-up action needs a description."), "description")
    if responsible_person_id is not None and session.get(Person, responsible_person_id) is None:
        refusals.add(_l("The responsible person is not registered."), "responsible_person_id")
    refusals.date(due_on, dates.PROGRAMME, "due_on")
    refusals.refuse()
    action = FollowUpAction(description=description, responsible_person_id=responsible_person_id, due_on=due_on)
    meeting.actions.append(action)
    session.flush()
    return action


def mark_action_done(action: FollowUpAction, done_on: date) -> None:
    """Record that a follow-up action was carried out."""
    action.done_on = done_on


def reopen_action(action: FollowUpAction) -> None:
    """Put a follow-up action that was marked done back on the list."""
    action.done_on = None


SORTS = {
    "starts_at": Meeting.starts_at,
    "title": Meeting.title,
    "kind": Meeting.kind,
}


def meeting_query(*, search: str = "", kind: MeetingKind | None = None, neighbourhood_id: int | None = None,
                  organisation_id: int | None = None, date_from: date | None = None, date_to: date | None = None,
                  place_id: int | None = None, sort: str = "-starts_at") -> Select:
    """Select the meetings a list page's filters match, in the order asked for.

    `organisation_id` matches the organiser and every organisation someone attended for.
    """
    query = select(Meeting)
    query = searched(query, search, keys=[Meeting.title_key], texts=[Meeting.place])
    if kind:
        query = query.where(Meeting.kind == kind)
    if neighbourhood_id:
        query = query.where(Meeting.neighbourhoods.any(Neighbourhood.id == neighbourhood_id))
    if organisation_id:
        query = query.where(or_(
            Meeting.organiser_id == organisation_id,
            Meeting.participations.any(Participation.organisation_id == organisation_id),
        ))
    if place_id:
        query = query.where(Meeting.place_id == place_id)
    if date_from:
        query = query.where(Meeting.starts_at >= datetime.combine(date_from, time.min))
    if date_to:
        query = query.where(Meeting.starts_at < datetime.combine(date_to + timedelta(days=1), time.min))
    column = SORTS.get(sort.lstrip("-"), Meeting.starts_at)
    order = column.desc() if sort.startswith("-") else column.asc()
    return query.order_by(order, Meeting.id)


def attended_counts(session: Session, meeting_ids: Iterable[int] | Select) -> dict[int, int]:
    """Count who attended each of the given meetings, in one query.

    `meeting_ids` is a list of ids or a select of them (e.g. a whole filtered list).
    """
    rows = session.execute(
        select(Participation.meeting_id, func.count())
        .where(Participation.meeting_id.in_(meeting_ids), Participation.status == ParticipationStatus.ATTENDED)
        .group_by(Participation.meeting_id)
    )
    return {meeting_id: count for meeting_id, count in rows}


def meetings_between(session: Session, first_day: date, last_day: date) -> list[Meeting]:
    """Return the meetings from the first to the last day, inclusive, in time order."""
    return list(session.scalars(
        select(Meeting)
        .where(Meeting.starts_at >= datetime.combine(first_day, time.min),
               Meeting.starts_at < datetime.combine(last_day + timedelta(days=1), time.min))
        .order_by(Meeting.starts_at, Meeting.id)
    ))
