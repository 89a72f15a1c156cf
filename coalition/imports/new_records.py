"""The meetings, organisations and people an attendance import records, kept light until they are written.

A migration's register names thousands of meetings, people and organisations nobody has
recorded yet. An ORM object for each (and for each person's membership) cost the import a
millisecond a row at the flush and most of its memory. These records carry what the import
needs while it checks the rows: what `matching.Directory` matches people and organisations by
(name key, e-mail, memberships' organisations), a meeting's day and the groups counted at it,
and, once written, the id the participations point to. They are written by
`write_new_meetings` and `write_new_actors`, with the values and audit records the ORM would give.
"""
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from .. import joining
from ..bulk import insert_new
from ..matching import NEW_PERSON_BASIS
from ..models import Meeting, MeetingHeadcount, MeetingKind, Membership, Organisation, Person, Sector
from ..text import match_key, tidy


@dataclass(eq=False, slots=True)
class PendingMeeting:
    """A meeting a register names that is not recorded yet: only a title, a kind and a day.

    Its title is given and its day within the programme's years (the register's reader checks
    both), which is all `meetings.create_meeting` asks of a meeting without organiser or place.
    """

    title: str
    kind: MeetingKind
    starts_at: datetime
    headcounts: dict[int, int] = field(default_factory=dict)  # group id -> how many came
    id: int | None = None  # once written

    def __post_init__(self):
        self.title = tidy(self.title)  # as create_meeting stores it


@dataclass(eq=False, slots=True)
class PendingOrganisation:
    name: str
    sector: Sector
    name_key: str = ""
    id: int | None = None  # once written

    def __post_init__(self):
        # As Organisation's name validator has it.
        self.name = tidy(self.name)
        self.name_key = match_key(self.name)


@dataclass(eq=False, slots=True)
class PendingMembership:
    organisation: Organisation | PendingOrganisation


@dataclass(eq=False, slots=True)
class PendingPerson:
    """Someone a register names for the first time, at the organisation the row gives."""

    name: str
    email: str | None
    memberships: list[PendingMembership] = field(default_factory=list)
    name_key: str = ""
    id: int | None = None  # once written

    def __post_init__(self):
        # As Person's validators have it.
        self.name = tidy(self.name)
        self.name_key = match_key(self.name)
        self.email = (self.email or "").strip().lower() or None


def write_new_actors(session: Session, organisations: list[PendingOrganisation], people: list[PendingPerson]) -> None:
    """Register the new organisations, then the new people with their memberships, giving each its id.

    As `matching.new_person` does: the membership has no start date. The organisations' joining
    days are worked out as joining.py's flush hook would for a new organisation.
    """
    organisation_ids = insert_new(session, Organisation, (
        {"name": organisation.name, "name_key": organisation.name_key, "sector": organisation.sector}
        for organisation in organisations))
    for organisation, new_id in zip(organisations, organisation_ids, strict=True):
        organisation.id = new_id
    person_ids = insert_new(session, Person, (
        {"name": person.name, "name_key": person.name_key, "email": person.email, "lawful_basis": NEW_PERSON_BASIS}
        for person in people))
    for person, new_id in zip(people, person_ids, strict=True):
        person.id = new_id
    insert_new(session, Membership, ({"person_id": person.id, "organisation_id": membership.organisation.id}
                                     for person in people for membership in person.memberships))
    joining.work_out_again(session.connection(), organisation_ids)


def write_new_meetings(session: Session, meetings: list[PendingMeeting]) -> None:
    """Record the new meetings and the groups counted at them, giving each meeting its id.

    The counts were checked as `headcounts.set_headcounts` checks them: an active group, a
    count above zero and at most LARGEST_HEADCOUNT.
    """
    meeting_ids = insert_new(session, Meeting, (
        {"kind": meeting.kind, "title": meeting.title, "title_key": match_key(meeting.title),
         "starts_at": meeting.starts_at.replace(second=0, microsecond=0)}
        for meeting in meetings))
    for meeting, new_id in zip(meetings, meeting_ids, strict=True):
        meeting.id = new_id
    insert_new(session, MeetingHeadcount, ({"meeting_id": meeting.id, "group_id": group_id, "count": count}
                                           for meeting in meetings for group_id, count in meeting.headcounts.items()))
