"""What happened in a period: the figures the dashboard and the steering-group report share.

Both pages call these functions, so a number on one agrees with the other by construction.
Each count is defined as the page it links to counts it:

- **meetings** start within the period (the meetings list filtered by the same dates);
- **attendances** are participations with status ``attended`` at those meetings, by the sector
  of the organisation the person came for (None: came for no organisation), plus the people
  **counted without names** at them (headcounts: residents, young people, ...), by kind only;
- **new actors** are organisations that joined the programme (``joined_on``, see joining.py)
  within the period;
- **commitments made** have ``made_on`` within the period, **delivered** have status delivered
  and ``delivered_on`` within it; SEK sums only amounts whose unit is SEK;
- **stage changes** are dated within the period;
- **network figures** are those of the network page's quarter-by-quarter table: the network
  of what happened in the period and the actors who took part in it (``network.timeline``).
"""
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ..collaboration import network_view
from ..i18n import lazy_gettext as _l
from ..models import (
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    Meeting,
    MeetingHeadcount,
    MeetingKind,
    Neighbourhood,
    Organisation,
    Participation,
    ParticipationStatus,
    Sector,
    Stage,
    StageChange,
    Unit,
)
from ..network import NetworkFilter, QuarterFigures
from ..network.timeline import quarter_of

__all__ = [
    "NETWORK_MEASURES",
    "ActivityFigures",
    "CommitmentFigures",
    "NetworkChange",
    "Period",
    "activity",
    "attendance_table",
    "commitment_figures",
    "neighbourhoods_by_stage_on",
    "network_change",
    "stage_changes",
]

# The network figures both pages show, in this order, with their headings.
NETWORK_MEASURES = (
    ("actors", _l("Actors")), ("ties", _l("Ties")), ("cross_sector_share", _l("Cross-sector ties")),
    ("ei_index", _l("E-I index")), ("largest_component_share", _l("Largest component")),
)


@dataclass(frozen=True)
class Period:
    """A span of whole days, both ends included."""

    starts_on: date
    ends_on: date

    def __post_init__(self):
        if self.ends_on < self.starts_on:
            raise ValueError("the period ends before it starts")

    @classmethod
    def quarter_containing(cls, day: date) -> "Period":
        """Return the calendar quarter a day falls in.

        >>> Period.quarter_containing(date(2026, 11, 23))
        Period(starts_on=datetime.date(2026, 10, 1), ends_on=datetime.date(2026, 12, 31))
        """
        year, quarter = quarter_of(day)
        starts_on = date(year, 3 * quarter - 2, 1)
        next_start = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
        return cls(starts_on, next_start - timedelta(days=1))

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1

    @property
    def is_quarter(self) -> bool:
        return Period.quarter_containing(self.starts_on) == self

    @property
    def quarter_label(self) -> str | None:
        """Return "2026-Q4" for a whole calendar quarter, else None."""
        if not self.is_quarter:
            return None
        year, quarter = quarter_of(self.starts_on)
        return f"{year}-Q{quarter}"

    def previous(self) -> "Period":
        """Return the period of equal length just before: the previous quarter for a whole quarter.

        >>> Period(date(2026, 10, 1), date(2026, 12, 31)).previous()
        Period(starts_on=datetime.date(2026, 7, 1), ends_on=datetime.date(2026, 9, 30))
        >>> Period(date(2026, 3, 10), date(2026, 3, 19)).previous()
        Period(starts_on=datetime.date(2026, 2, 28), ends_on=datetime.date(2026, 3, 9))
        """
        if self.is_quarter:
            return Period.quarter_containing(self.starts_on - timedelta(days=1))
        return Period(self.starts_on - timedelta(days=self.days), self.starts_on - timedelta(days=1))

    def following(self) -> "Period":
        """Return the period of equal length just after: the next quarter for a whole quarter."""
        after = self.ends_on + timedelta(days=1)
        if self.is_quarter:
            return Period.quarter_containing(after)
        return Period(after, after + timedelta(days=self.days - 1))

    def contains(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on

    @property
    def _start_moment(self) -> datetime:
        return datetime.combine(self.starts_on, time.min)

    @property
    def _end_moment(self) -> datetime:
        return datetime.combine(self.ends_on + timedelta(days=1), time.min)

    def covers_day(self, column):
        """Return the SQL condition that a date column falls within the period."""
        return column.between(self.starts_on, self.ends_on)

    def covers_moment(self, column):
        """Return the SQL condition that a timestamp column falls within the period."""
        return (column >= self._start_moment) & (column < self._end_moment)


# --- activity: meetings, attendance, new actors ----------------------------------------------

@dataclass
class ActivityFigures:
    """Meetings, who attended them and the actors who joined, in one period."""

    meetings_by_kind: dict[MeetingKind, int]
    attendances: dict[tuple[MeetingKind, Sector | None], int]
    people: int  # distinct persons who attended at least one meeting
    new_actors_by_sector: dict[Sector, int]
    new_actors: list = field(default_factory=list)  # (id, name, sector), by sector then name, the first few
    counted: dict[MeetingKind, int] = field(default_factory=dict)  # headcounts: people counted without names

    @property
    def new_actors_unnamed(self) -> int:
        """Count the new actors who joined in the period but are not in ``new_actors``."""
        return self.new_actor_total - len(self.new_actors)

    @property
    def meetings(self) -> int:
        return sum(self.meetings_by_kind.values())

    @property
    def attendance_total(self) -> int:
        """Everyone who came: registered participants who attended, and those counted without names."""
        return sum(self.attendances.values()) + self.counted_total

    @property
    def counted_total(self) -> int:
        return sum(self.counted.values())

    @property
    def new_actor_total(self) -> int:
        return sum(self.new_actors_by_sector.values())

    def attendances_by_sector(self) -> dict[Sector | None, int]:
        totals = dict.fromkeys([*Sector, None], 0)
        for (_kind, sector), count in self.attendances.items():
            totals[sector] += count
        return totals

    def attendance_of(self, kind: MeetingKind, sector: Sector | None) -> int:
        return self.attendances.get((kind, sector), 0)


def activity(session: Session, period: Period, *, name_new_actors: int = 0) -> ActivityFigures:
    """Count the period's meetings by kind, attendances by kind and sector, and new actors by sector.

    ``name_new_actors`` lists that many of the new actors by name (by sector, then name).
    """
    in_period = period.covers_moment(Meeting.starts_at)
    by_kind = dict(session.execute(select(Meeting.kind, func.count()).where(in_period).group_by(Meeting.kind)).all())
    meetings_by_kind = {kind: by_kind[kind] for kind in MeetingKind if kind in by_kind}
    attended = (select(Meeting.kind, Organisation.sector, func.count(Participation.id))
                .join(Participation, Participation.meeting_id == Meeting.id)
                .outerjoin(Organisation, Organisation.id == Participation.organisation_id)
                .where(in_period, Participation.status == ParticipationStatus.ATTENDED)
                .group_by(Meeting.kind, Organisation.sector))
    attendances = {(kind, sector): n for kind, sector, n in session.execute(attended)}
    counted = {kind: int(n) for kind, n in session.execute(
        select(Meeting.kind, func.sum(MeetingHeadcount.count))
        .join(MeetingHeadcount, MeetingHeadcount.meeting_id == Meeting.id)
        .where(in_period).group_by(Meeting.kind))}
    people = session.scalar(
        select(func.count(func.distinct(Participation.person_id)))
        .join(Meeting, Meeting.id == Participation.meeting_id)
        .where(in_period, Participation.status == ParticipationStatus.ATTENDED)
    ) or 0
    joined = period.covers_day(Organisation.joined_on)
    counts = dict(session.execute(select(Organisation.sector, func.count()).where(joined)
                                  .group_by(Organisation.sector)).all())
    new_actors = []
    if name_new_actors:
        order = case({sector: i for i, sector in enumerate(Sector)}, value=Organisation.sector)
        new_actors = [tuple(row) for row in session.execute(
            select(Organisation.id, Organisation.name, Organisation.sector).where(joined)
            .order_by(order, Organisation.name_key, Organisation.id).limit(name_new_actors))]
    return ActivityFigures(meetings_by_kind, attendances, people,
                           {sector: counts.get(sector, 0) for sector in Sector}, new_actors, counted)


# --- commitments ------------------------------------------------------------------------------

@dataclass
class CommitmentRow:
    """How many commitments of one kind, and the SEK and hours they promise."""

    count: int = 0
    sek: Decimal = Decimal("0.00")
    hours: Decimal = Decimal("0.00")


@dataclass
class CommitmentFigures:
    """Commitments made and delivered in a period, by kind, with their SEK."""

    made: dict[CommitmentKind, CommitmentRow]
    delivered: dict[CommitmentKind, CommitmentRow]

    @staticmethod
    def _total(rows: dict) -> CommitmentRow:
        return CommitmentRow(sum(r.count for r in rows.values()), sum((r.sek for r in rows.values()), Decimal("0.00")),
                             sum((r.hours for r in rows.values()), Decimal("0.00")))

    @property
    def made_total(self) -> CommitmentRow:
        return self._total(self.made)

    @property
    def delivered_total(self) -> CommitmentRow:
        return self._total(self.delivered)

    def by_kind(self) -> list[tuple[CommitmentKind, CommitmentRow, CommitmentRow]]:
        """Return (kind, made, delivered) for every kind made or delivered in the period."""
        return [(kind, self.made.get(kind, CommitmentRow()), self.delivered.get(kind, CommitmentRow()))
                for kind in CommitmentKind if kind in self.made or kind in self.delivered]


# Amounts are stored as integer hundredths (ExactDecimal); summing those is exact everywhere.
_HUNDREDTHS = sa.type_coerce(Commitment.amount, sa.BigInteger)
_SEK = func.coalesce(func.sum(case((Commitment.unit == Unit.SEK, _HUNDREDTHS))), 0)
_HOURS = func.coalesce(func.sum(case((Commitment.unit == Unit.HOURS, _HUNDREDTHS))), 0)


def _from_hundredths(value) -> Decimal:
    return (Decimal(int(value)) / 100).quantize(Decimal("0.01"))


def _by_kind(session: Session, condition) -> dict[CommitmentKind, CommitmentRow]:
    rows = session.execute(select(Commitment.kind, func.count(Commitment.id), _SEK, _HOURS).where(condition)
                           .group_by(Commitment.kind))
    found = {kind: CommitmentRow(n, _from_hundredths(sek), _from_hundredths(hours)) for kind, n, sek, hours in rows}
    return {kind: found[kind] for kind in CommitmentKind if kind in found}


def commitment_figures(session: Session, period: Period) -> CommitmentFigures:
    """Count and sum the commitments made, and those delivered, within the period."""
    made = Commitment.made_on.between(period.starts_on, period.ends_on)
    delivered = (Commitment.status == CommitmentStatus.DELIVERED) & Commitment.delivered_on.between(
        period.starts_on, period.ends_on)
    return CommitmentFigures(_by_kind(session, made), _by_kind(session, delivered))


# --- neighbourhoods ---------------------------------------------------------------------------

def stage_changes(session: Session, period: Period) -> list:
    """Return the stage changes dated within the period: (neighbourhood id, name, stage, date), latest first."""
    return [tuple(row) for row in session.execute(
        select(Neighbourhood.id, Neighbourhood.name, StageChange.stage, StageChange.changed_on)
        .join(Neighbourhood, Neighbourhood.id == StageChange.neighbourhood_id)
        .where(StageChange.changed_on.between(period.starts_on, period.ends_on))
        .order_by(StageChange.changed_on.desc(), StageChange.id.desc()))]


def neighbourhoods_by_stage_on(session: Session, day: date) -> dict[Stage, int]:
    """Count the neighbourhoods at each stage at the end of a day, from their stage history.

    A neighbourhood counts from its first stage change on; one without any history counts at
    its present stage once registered. Neighbourhoods archived by then are left out.
    """
    end = datetime.combine(day + timedelta(days=1), time.min)
    latest = {}
    for neighbourhood_id, stage, _on, _id in session.execute(
            select(StageChange.neighbourhood_id, StageChange.stage, StageChange.changed_on, StageChange.id)
            .where(StageChange.changed_on <= day).order_by(StageChange.changed_on, StageChange.id)):
        latest[neighbourhood_id] = stage
    with_history = set(session.scalars(select(StageChange.neighbourhood_id).distinct()))
    counts = dict.fromkeys(Stage, 0)
    for neighbourhood_id, stage, created_at, archived_at in session.execute(
            select(Neighbourhood.id, Neighbourhood.stage, Neighbourhood.created_at, Neighbourhood.archived_at)):
        if archived_at is not None and archived_at < end:
            continue
        if neighbourhood_id in latest:
            counts[latest[neighbourhood_id]] += 1
        elif neighbourhood_id not in with_history and created_at < end:
            counts[stage] += 1
    return counts


# --- the network ------------------------------------------------------------------------------

@dataclass(frozen=True)
class NetworkChange:
    """The network figures of a period and of the one before, and where they come from."""

    current: QuarterFigures | None
    previous: QuarterFigures | None
    computed_at: datetime | None = None  # set when read from the background job's stored result
    stale: bool = False  # the stored result predates the latest changes
    missing: bool = False  # the whole network is the job's and it has not run yet

    def change(self, measure: str):
        """Return current minus previous for a measure, None where either is unknown."""
        now = getattr(self.current, measure, None) if self.current else None
        before = getattr(self.previous, measure, None) if self.previous else None
        if now is None or before is None:
            return None
        return now - before


def _empty(period: Period) -> QuarterFigures:
    return QuarterFigures(_label(period), period.starts_on, period.ends_on, 0, 0, None, None, None)


def _quarter_row(quarters: list[QuarterFigures], period: Period) -> QuarterFigures:
    for row in quarters:
        if row.quarter == period.quarter_label:
            return replace(row, starts_on=period.starts_on, ends_on=period.ends_on)
    return _empty(period)


def _label(period: Period) -> str:
    return period.quarter_label or f"{period.starts_on}–{period.ends_on}"


def network_change(session: Session, period: Period) -> NetworkChange:
    """Return the network figures of the period and of the previous one.

    Whole quarters come from the same quarter-by-quarter figures the network page shows (the
    background job's stored result on a large programme); other periods are computed alike:
    the network of what happened in the period and the actors who took part in it.
    """
    previous = period.previous()
    if not period.is_quarter:
        return NetworkChange(*(network_view(session, NetworkFilter(date_from=p.starts_on, date_to=p.ends_on))
                               .period_figures(_label(p)) for p in (period, previous)))
    view = network_view(session)
    if view.quarters is None:
        return NetworkChange(None, None, missing=True)
    return NetworkChange(_quarter_row(view.quarters, period), _quarter_row(view.quarters, previous),
                         computed_at=view.computed_at, stale=view.stale)


def attendance_table(figures: ActivityFigures) -> list:
    """Return rows (kind, meetings, {sector: attendances}, counted without names, total) for every kind met."""
    rows = []
    for kind in figures.meetings_by_kind:
        by_sector = {sector: figures.attendance_of(kind, sector) for sector in [*Sector, None]}
        counted = figures.counted.get(kind, 0)
        rows.append((kind, figures.meetings_by_kind.get(kind, 0), by_sector, counted, sum(by_sector.values()) + counted))
    return rows
