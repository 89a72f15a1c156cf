"""Importing who attended which meetings from a register kept in a spreadsheet, all or nothing.

A row names a person, or, with a count, a group of people counted without names (residents,
young people, ...): the group by its Swedish or English name, and how many came. A meeting's
count for a group that is already recorded is left as it is when the file says the same, and
is a bad row when it says otherwise: a count is corrected on the meeting's page, never overwritten.

The register is a CSV file (see `register_file.py` for how it is read). Meetings, people and
organisations are found by the same rules as everywhere else (`matching.py`) and created when
missing. Every row is checked before anything is kept: a single bad row means nothing is
imported, and every bad row is reported with its line number. A participation that is already
recorded is left as it is, so importing the same file again adds nothing.
"""
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from ..attendance import participant_terms, write_participations
from ..errors import DomainError
from ..headcounts import groups as headcount_groups
from ..headcounts import set_headcounts
from ..i18n import lazy_gettext as _l
from ..matching import Directory
from ..models import HeadcountGroup, Meeting, MeetingKind, Organisation, Participation, Person, Sector
from ..text import match_key
from .all_or_nothing import ImportCounts, Problems, import_all_or_nothing
from .new_records import (
    PendingMeeting,
    PendingMembership,
    PendingOrganisation,
    PendingPerson,
    write_new_actors,
    write_new_meetings,
)
from .progress import CHECKING, SILENT, WRITING, Progress
from .register_file import RegisterRow, read_register

# A register gives the day, not the hour; staff correct the time on the meeting's page.
NEW_MEETING_TIME = time(9, 0)
_DAYS_PER_QUERY = 200
_IDS_PER_QUERY = 500


@dataclass
class NewMeeting:
    title: str
    day: date
    kind: MeetingKind


@dataclass
class NewOrganisation:
    name: str
    sector: Sector


@dataclass
class NewPerson:
    name: str
    email: str | None
    organisation: str


@dataclass
class ImportResult(ImportCounts):
    """What an attendance import did or would do: `added` counts participations, `already_recorded`
    rows whose person was already on the meeting's list."""

    meetings: int = 0  # distinct meetings the file names
    new_meetings: list[NewMeeting] = field(default_factory=list)
    new_organisations: list[NewOrganisation] = field(default_factory=list)
    new_people: list[NewPerson] = field(default_factory=list)
    headcounts: int = 0  # group rows that add a count
    counted: int = 0  # the people those rows count


@lru_cache(maxsize=4096)  # every row asks, and a register names few meetings
def _meeting_key(title: str, day: date) -> tuple[str, date]:
    # Same title ignoring case, accents and spacing, on the same day, is the same meeting.
    return match_key(title), day


def _chunked(values: list, size: int) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _meetings_on(session: Session, days: Iterable[date]) -> dict[tuple[str, date], list[Meeting]]:
    """The meetings held on the register's days, by title key and day.

    Looked up by day, not by title: SQL cannot compare titles ignoring case and accents the
    way match_key does (SQLite's lower() knows only ASCII), and a day holds few meetings.
    """
    found: dict[tuple[str, date], list[Meeting]] = defaultdict(list)
    for chunk in _chunked(sorted(set(days)), _DAYS_PER_QUERY):
        on_these_days = or_(*(
            and_(Meeting.starts_at >= datetime.combine(day, time.min),
                 Meeting.starts_at < datetime.combine(day + timedelta(days=1), time.min))
            for day in chunk
        ))
        for meeting in session.scalars(select(Meeting).where(on_these_days).order_by(Meeting.starts_at, Meeting.id)):
            found[_meeting_key(meeting.title, meeting.starts_at.date())].append(meeting)
    return found


def _lists_of(session: Session, meetings: Iterable[Meeting]) -> dict[int, dict[int, Participation]]:
    """Who is already on each meeting's list, by meeting id and person id, in a few queries."""
    lists: dict[int, dict[int, Participation]] = {meeting.id: {} for meeting in meetings}
    for chunk in _chunked(sorted(lists), _IDS_PER_QUERY):
        for participation in session.scalars(select(Participation).where(Participation.meeting_id.in_(chunk))):
            lists[participation.meeting_id][participation.person_id] = participation
    return lists


@dataclass
class _Planned:
    """A meeting or organisation the register names that is not registered yet."""

    name: str
    first_line: int
    value: object = None  # its kind or sector, once a row gives one
    value_line: int = 0


def _note(planned: dict, key, name: str, row: RegisterRow, value) -> _Planned | None:
    """Note what a row says about something new; return the entry if the row contradicts it."""
    entry = planned.setdefault(key, _Planned(name, row.line))
    if value is None:
        return None
    if entry.value is None:
        entry.value, entry.value_line = value, row.line
        return None
    return entry if entry.value != value else None


def _plan_new_records(rows: list[RegisterRow], directory: Directory, registered_meetings: dict,
                      problems: Problems) -> tuple[dict, dict]:
    """Decide the sector of each new organisation and the kind of each new meeting.

    Done before anything is created, since any row of the file may be the one that says it.
    """
    organisations: dict[str, _Planned] = {}
    meetings: dict[tuple[str, date], _Planned] = {}
    for row in rows:
        if not row.is_headcount and directory.organisation(row.organisation) is None:
            clash = _note(organisations, match_key(row.organisation), row.organisation, row, row.sector)
            if clash:
                problems.add(row.line, _l("“%(name)s” is given the sector %(first)s on line %(line)d and %(other)s here.",
                                          name=clash.name, first=clash.value.value, line=clash.value_line,
                                          other=row.sector.value))
        key = _meeting_key(row.meeting, row.day)
        if key not in registered_meetings:
            clash = _note(meetings, key, row.meeting, row, row.kind)
            if clash:
                problems.add(row.line, _l("“%(name)s” is given the kind %(first)s on line %(line)d and %(other)s here.",
                                          name=clash.name, first=clash.value.value, line=clash.value_line,
                                          other=row.kind.value))
    for entry in organisations.values():
        if entry.value is None:
            problems.add(entry.first_line, _l(
                "“%(name)s” is not registered yet: give its sector (private, public, civil or academic) "
                "on at least one of its rows.", name=entry.name))
    return organisations, meetings


class _Import:
    """One pass over the checked rows, creating what is missing and adding participations."""

    def __init__(self, session: Session, rows: list[RegisterRow], problems: Problems, result: ImportResult):
        self.session, self.problems, self.result = session, problems, result
        people = [r for r in rows if not r.is_headcount]
        # Each name once: a register repeats them row after row.
        self.directory = Directory(session, names={r.name for r in people}, emails={r.email for r in people if r.email},
                                   organisation_names={r.organisation for r in people})
        self.groups: dict[str, HeadcountGroup] = {}
        for group in headcount_groups(session):
            self.groups.setdefault(match_key(group.name_sv), group)
            self.groups.setdefault(match_key(group.name_en), group)
        # (meeting key, group id) -> the row that counted it
        self.counted_groups: dict[tuple[tuple[str, date], int], RegisterRow] = {}
        self.registered_meetings = _meetings_on(session, (row.day for row in rows))
        self.lists_by_meeting_id = _lists_of(session, (m for found in self.registered_meetings.values() for m in found))
        self.planned_organisations, self.planned_meetings = _plan_new_records(
            rows, self.directory, self.registered_meetings, problems)
        # Written with bulk inserts once every row has passed (new_records.py), as are the
        # new organisations and people.
        self.created_meetings = {key: (self._create_meeting(planned, key[1]), {})
                                 for key, planned in self.planned_meetings.items()}
        self.new_organisations: list[PendingOrganisation] = []
        self.new_people: list[PendingPerson] = []
        # (meeting key, person) -> the first row that put them on that meeting's list
        self.seen: dict[tuple[tuple[str, date], int], RegisterRow] = {}
        self.planned: list[tuple] = []  # the participations to write, as write_participations takes them

    def _create_meeting(self, planned: _Planned, day: date) -> PendingMeeting:
        meeting = PendingMeeting(planned.name, planned.value or MeetingKind.WORKSHOP,
                                 datetime.combine(day, NEW_MEETING_TIME))
        self.result.new_meetings.append(NewMeeting(meeting.title, day, meeting.kind))
        return meeting

    def meeting(self, row: RegisterRow) -> tuple[Meeting | PendingMeeting, dict] | None:
        """The meeting a row means and who is on its list, or None (with the reason noted)."""
        key = _meeting_key(row.meeting, row.day)
        registered = self.registered_meetings.get(key, [])
        if len(registered) > 1:
            self.problems.add(row.line, _l(
                "There are %(num)d meetings called “%(title)s” on %(day)s; add these participants on the "
                "meeting's page instead.", num=len(registered), title=row.meeting, day=row.day.isoformat()))
            return None
        if registered:
            return registered[0], self.lists_by_meeting_id[registered[0].id]
        return self.created_meetings[key]

    def organisation(self, row: RegisterRow) -> Organisation | PendingOrganisation | None:
        """The organisation a row names; None for a new one whose sector no row gives (reported once)."""
        organisation = self.directory.organisation(row.organisation)
        if organisation is None:
            planned = self.planned_organisations[match_key(row.organisation)]
            if planned.value is None:
                return None
            organisation = PendingOrganisation(planned.name, planned.value)
            self.new_organisations.append(organisation)
            self.directory.remember_organisation(organisation)
            self.result.new_organisations.append(NewOrganisation(organisation.name, organisation.sector))
        return organisation

    def person(self, row: RegisterRow) -> Person | PendingPerson | None:
        match = self.directory.match_person(name=row.name, email=row.email, organisation_name=row.organisation)
        if match.candidates:
            self.problems.add(row.line, _l("There are several people named %(name)s at %(organisation)s; add the "
                                           "e-mail to tell them apart.", name=row.name, organisation=row.organisation))
            return None
        return match.person

    def add_headcount(self, row: RegisterRow) -> None:
        """Count a group at the row's meeting, unless already counted the same (a different count is refused)."""
        found = self.meeting(row)
        group = self.groups.get(match_key(row.name))
        if group is None:
            names = ", ".join(sorted({g.name_sv for g in self.groups.values()} | {g.name_en for g in self.groups.values()}))
            self.problems.add(row.line, _l("“%(name)s” is not a headcount group. Use one of: %(names)s.",
                                           name=row.name, names=names or "—"))
        if found is None or group is None or row.line in self.problems:
            return
        meeting, _list = found
        key = (_meeting_key(row.meeting, row.day), group.id)
        earlier = self.counted_groups.get(key)
        if earlier is not None:
            self.problems.add(row.line, _l("Line %(line)d already counts this group at this meeting.", line=earlier.line))
            return
        self.counted_groups[key] = row
        new = isinstance(meeting, PendingMeeting)
        recorded = None if new else next((h.count for h in meeting.headcounts if h.group_id == group.id), None)
        if recorded is not None:
            if recorded == row.count:
                self.result.already_recorded += 1
            else:
                self.problems.add(row.line, _l("%(count)d are already counted in this group at this meeting. If that is "
                                               "wrong, correct it on the meeting's page.", count=recorded))
            return
        if not row.count:
            return  # nobody of the group came: nothing to record
        if new:
            # Written with the meeting: the group is an active one (self.groups), the count read in range.
            meeting.headcounts[group.id] = row.count
        else:
            set_headcounts(self.session, meeting, {group.id: row.count})
        self.result.headcounts += 1
        self.result.counted += row.count

    def add(self, row: RegisterRow) -> None:
        if row.is_headcount:
            self.add_headcount(row)
            return
        found = self.meeting(row)
        person = self.person(row)
        organisation = self.organisation(row)
        if found is None or organisation is None or row.line in self.problems:
            return
        meeting, on_the_list = found
        if person is None:
            person = PendingPerson(row.name, row.email, [PendingMembership(organisation)])
            self.new_people.append(person)
            self.directory.remember_person(person)
            self.result.new_people.append(NewPerson(person.name, person.email, organisation.name))
        seen_key = (_meeting_key(row.meeting, row.day), id(person))
        earlier = self.seen.get(seen_key)
        if earlier is not None:
            if (earlier.role, earlier.status) != (row.role, row.status):
                self.problems.add(row.line, _l(
                    "Line %(line)d already puts %(name)s on this meeting's list with another role or status.",
                    line=earlier.line, name=row.name))
            else:
                self.result.repeated += 1
            return
        self.seen[seen_key] = row
        if isinstance(person, PendingPerson):
            status = row.status  # someone new is on no list yet, and has asked nothing of the office
        elif person.id in on_the_list:
            self.result.already_recorded += 1
            return
        else:
            try:
                organisation, status = participant_terms(meeting, person, organisation=organisation,
                                                         status=row.status)
            except DomainError as error:
                self.problems.refused(row.line, error)
                return
        # Kept as a tuple and written at the end (write_participations): no object per row.
        self.planned.append((meeting, person, organisation, row.role, status))
        self.result.added += 1


def import_attendance(session: Session, text: str, *, dry_run: bool = False,
                      progress: Progress = SILENT) -> ImportResult:
    """Import a register's attendance; with `dry_run`, or if any row is bad, keep nothing.

    Nothing is committed: the caller commits when the result has no errors. The work is done
    in a savepoint, so that what a dry run or a bad file created is rolled back exactly.
    """
    register = read_register(text, progress)
    result = ImportResult()

    def add_rows(rows: list[RegisterRow], problems: Problems) -> None:
        run = _Import(session, rows, problems, result)
        for row in progress.track(CHECKING, rows, total=len(rows)):
            if row.line not in problems:
                run.add(row)
        result.meetings = len({_meeting_key(row.meeting, row.day) for row in rows})
        if not dry_run and not problems.errors():
            write_new_meetings(session, [meeting for meeting, _list in run.created_meetings.values()])
            write_new_actors(session, run.new_organisations, run.new_people)
            write_participations(session, progress.track(WRITING, run.planned, total=len(run.planned)))

    return import_all_or_nothing(session, register, result, add_rows, dry_run=dry_run)
