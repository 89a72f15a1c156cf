"""Meeting plans, and who of each organisation came to them.

A plan names organisations, not people: ``"NB"`` sends its representative for that kind of
meeting, ``"NB*2"`` two people; ``lead`` and ``roles`` name the holder of a title. Who came is
drawn with a fixed random seed; a few no-shows and cancellations, and the meetings after the
demo's today have people registered or invited, never attended.
"""
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .actors import NAME
from .people import Member, Staff
from .places import headcounts_of, meeting_place_of
from .story import TODAY

rng = random.Random(1968)
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december"]


def month_year(on: date | datetime) -> str:
    return f"{MONTHS[on.month - 1]} {on.year}"


@dataclass
class Plan:
    """A meeting as the story plans it."""

    kind: str
    title: str
    starts_at: datetime
    minutes: int
    place: str
    organiser: str
    neighbourhoods: list[str]
    lead: tuple[str, str]
    roles: list[tuple] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    agenda: str = ""
    notes: str = ""
    actions: list[tuple] = field(default_factory=list)  # (alias, title, text, weeks, done)
    weekend: bool = False
    sure: frozenset[str] = frozenset()  # organisations the story needs there, whatever the draw

    @property
    def day(self) -> date:
        return self.starts_at.date()


def plan(kind, title, starts_at, minutes, place, organiser, neighbourhoods, lead, roles=(), orgs=(), agenda="",
         notes="", actions=(), weekend=False, sure=()) -> Plan:
    """Describe a meeting: `lead` organises it, `roles` are (alias, title, role) seats, `orgs` are
    aliases from which someone comes ("ALIAS*2" for two) or (alias, title) seats, and actions are
    (alias, title, text, weeks[, done])."""
    return Plan(kind, title, starts_at, minutes, place, organiser, list(neighbourhoods), lead, list(roles),
                list(orgs), agenda, notes, list(actions), weekend, frozenset(sure))


def rotation(core: list[str], pool: list[str], extra: int) -> list[str]:
    """The organisations at one meeting of a standing group: its core and a few of the others."""
    return core + rng.sample(pool, min(extra, len(pool)))


@dataclass
class Seat:
    member: Member
    alias: str
    role: str
    status: str


def attendance(meeting: Plan, staff: Staff, present: frozenset[str] = frozenset()) -> list[Seat]:
    """Pick who came, for which organisation, in which role, and whether they showed up.

    Someone from each organisation in ``present`` (and the plan's ``sure``) came for sure: it made a
    commitment there, or the story needs it there.
    """
    present = present | meeting.sure
    seats: list[Seat] = []
    named = {meeting.lead[0], *(seat[0] for seat in meeting.roles),
             *(entry[0] if isinstance(entry, tuple) else entry.partition("*")[0] for entry in meeting.orgs)}

    def taken(member: Member) -> bool:
        return any(member is seat.member for seat in seats)

    def take(member: Member | None, alias: str, role: str) -> None:
        if member is not None and not taken(member):
            sure = alias in present and not any(seat.alias == alias for seat in seats)
            seats.append(Seat(member, alias, role, _status(meeting, role, sure)))

    take(staff.holding(*meeting.lead, meeting.day), meeting.lead[0], "organiser")
    for alias, title, *role in meeting.roles:
        take(staff.holding(alias, title, meeting.day), alias, role[0] if role else "participant")
    for entry in meeting.orgs + sorted(present - named):
        if isinstance(entry, tuple):  # a named seat: (alias, title)
            take(staff.holding(*entry, meeting.day), entry[0], "participant")
            continue
        alias, _, count = entry.partition("*")
        candidates = [m for m in staff.of(alias, meeting.day) if not taken(m)]
        wanted = min(int(count or 1), len(candidates))
        # The representative comes most times; now and then a colleague instead.
        chosen = candidates[:wanted] if rng.random() < 0.75 else rng.sample(candidates, wanted)
        for member in chosen:
            take(member, alias, "participant")
    return seats


def _status(meeting: Plan, role: str, sure: bool) -> str:
    if meeting.day > TODAY:
        return "registered" if role != "participant" or rng.random() < 0.7 else "invited"
    if role != "participant" or sure:
        return "attended"
    draw = rng.random()
    return "no_show" if draw < 0.04 else "cancelled" if draw < 0.09 else "attended"


def meeting_record(meeting: Plan, seats: list[Seat], staff: Staff) -> dict:
    """Return the meeting as meetings.yaml writes it."""
    record = {
        "title": meeting.title,
        "kind": meeting.kind,
        "starts_at": meeting.starts_at.strftime("%Y-%m-%d %H:%M"),
        "duration_minutes": meeting.minutes,
        "place": meeting.place,
        "organiser": NAME[meeting.organiser],
    }
    registered_place = meeting_place_of(meeting)
    if registered_place:
        record["meeting_place"] = registered_place
    if meeting.neighbourhoods:
        record["neighbourhoods"] = meeting.neighbourhoods
    if meeting.agenda:
        record["agenda"] = meeting.agenda
    if meeting.notes and meeting.day <= TODAY:
        record["minutes"] = meeting.notes
    record["participants"] = [_participant(seat) for seat in seats]
    counted = headcounts_of(meeting)
    if counted:
        record["headcounts"] = counted
    actions = [_action(meeting, staff, *action) for action in meeting.actions]
    if actions:
        record["actions"] = actions
    return record


def _participant(seat: Seat) -> dict:
    entry: dict = {"person": seat.member.name, "for": NAME[seat.alias]}
    if seat.role != "participant":
        entry["role"] = seat.role
    if seat.status != "attended":
        entry["status"] = seat.status
    return entry


def _action(meeting: Plan, staff: Staff, alias: str, title: str, text: str, weeks: int, done: bool | None = None):
    responsible = staff.holding(alias, title, meeting.day)
    assert responsible is not None, (meeting.title, alias, title)
    due = meeting.day + timedelta(weeks=weeks)
    action = {"description": text, "responsible": responsible.name, "due_on": due}
    if done is None:
        done = due < TODAY and rng.random() < 0.8
    if done:
        action["done_on"] = max(meeting.day, min(due - timedelta(days=rng.randrange(0, 10)), TODAY))
    return action
