"""What happened in a period: the figures the dashboard and the steering-group report share.

Both pages call these functions, so a number on one agrees with the other by construction.
Each count is defined as the page it links to counts it:

- **meetings** start within the period (the meetings list filtered by the same dates);
- **attendances** are participations with status ``attended`` at those meetings, by the sector
  of the organisation the person came for (None: came for no organisation);
- **new actors** are organisations registered (``created_at``) within the period;
- **commitments made** have ``made_on`` within the period, **delivered** have status delivered
  and ``delivered_on`` within it; SEK sums only amounts whose unit is SEK;
- **stage changes** are dated within the period;
- **network figures** are those of the network page's quarter-by-quarter table: the network
  of what happened in the period and the actors who took part in it (``network.timeline``).
"""
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import networkx as nx
import sqlalchemy as sa
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from . import network_data, network_job
from .i18n import lazy_gettext as _l
from .models import (
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    Meeting,
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
from .network import (
    NetworkFilter,
    QuarterFigures,
    build_network,
    cross_sector_share,
    ei_index,
)
from .network.timeline import quarter_of

__all__ = [
    "NETWORK_MEASURES",
    "ActivityFigures",
    "CommitmentFigures",
    "NetworkChange",
    "Period",
    "activity",
    "attendance_table",
    "commitment_figures",
    "network_change",
    "neighbourhoods_by_stage_on",
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

    def covers_moment(self, column):
        """Return the SQL condition that a timestamp column falls within the period."""
        return (column >= self._start_moment) & (column < self._end_moment)


# --- activity: meetings, attendance, new actors ----------------------------------------------

@dataclass
class ActivityFigures:
    """Meetings, who attended them and the actors registered, in one period."""

    meetings_by_kind: dict[MeetingKind, int]
    attendances: dict[tuple[MeetingKind, Sector | None], int]
    people: int  # distinct persons who attended at least one meeting
    new_actors_by_sector: dict[Sector, int]
    new_actors: list = field(default_factory=list)  # (id, name, sector), by sector then name, the first few

    @property
    def new_actors_unnamed(self) -> int:
        """Count the new actors registered in the period but not in ``new_actors``."""
        return self.new_actor_total - len(self.new_actors)

    @property
    def meetings(self) -> int:
        return sum(self.meetings_by_kind.values())

    @property
    def attendance_total(self) -> int:
        return sum(self.attendances.values())

    @property
    def new_actor_total(self) -> int:
        return sum(self.new_actors_by_sector.values())

    def attendances_by_sector(self) -> dict[Sector | None, int]:
        totals = dict.fromkeys([*Sector, None], 0)
        for (_kind, sector), count in self.attendances.items():
            totals[sector] += count
        return totals

    def attendances_by_kind(self) -> dict[MeetingKind, int]:
        totals = dict.fromkeys(self.meetings_by_kind, 0)
        for (kind, _sector), count in self.attendances.items():
            totals[kind] = totals.get(kind, 0) + count
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
    people = session.scalar(
        select(func.count(func.distinct(Participation.person_id)))
        .join(Meeting, Meeting.id == Participation.meeting_id)
        .where(in_period, Participation.status == ParticipationStatus.ATTENDED)
    ) or 0
    registered = period.covers_moment(Organisation.created_at)
    counts = dict(session.execute(select(Organisation.sector, func.count()).where(registered)
                                  .group_by(Organisation.sector)).all())
    new_actors = []
    if name_new_actors:
        order = case({sector: i for i, sector in enumerate(Sector)}, value=Organisation.sector)
        new_actors = [tuple(row) for row in session.execute(
            select(Organisation.id, Organisation.name, Organisation.sector).where(registered)
            .order_by(order, Organisation.name_key, Organisation.id).limit(name_new_actors))]
    return ActivityFigures(meetings_by_kind, attendances, people,
                           {sector: counts.get(sector, 0) for sector in Sector}, new_actors)


# --- commitments ------------------------------------------------------------------------------

@dataclass
class CommitmentRow:
    """How many commitments of one kind, and the SEK they promise."""

    count: int = 0
    sek: Decimal = Decimal("0.00")


@dataclass
class CommitmentFigures:
    """Commitments made and delivered in a period, by kind, with their SEK."""

    made: dict[CommitmentKind, CommitmentRow]
    delivered: dict[CommitmentKind, CommitmentRow]

    @staticmethod
    def _total(rows: dict) -> CommitmentRow:
        return CommitmentRow(sum(r.count for r in rows.values()), sum((r.sek for r in rows.values()), Decimal("0.00")))

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


def _by_kind(session: Session, condition) -> dict[CommitmentKind, CommitmentRow]:
    rows = session.execute(select(Commitment.kind, func.count(Commitment.id), _SEK).where(condition)
                           .group_by(Commitment.kind))
    found = {kind: CommitmentRow(n, (Decimal(int(sek)) / 100).quantize(Decimal("0.01"))) for kind, n, sek in rows}
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
    return QuarterFigures(period.quarter_label or f"{period.starts_on}–{period.ends_on}", period.starts_on,
                          period.ends_on, 0, 0, None, None, None)


def _programme_quarters(session: Session) -> tuple[list[QuarterFigures] | None, dict]:
    """The default network's quarter rows: the job's stored ones at scale, else computed (cached)."""
    network_filter = NetworkFilter()
    if not network_data.needs_background_job(session, network_filter):
        return network_data.quarters_for(session, network_filter), {}
    state = network_job.job_state()
    quarters = network_job.stored_quarters(state)  # a small row: the whole result stays unpickled
    if quarters is None:
        return None, {"missing": True}
    return quarters, {"computed_at": state.computed_at,
                      "stale": state.data_version != network_data.shared_data_version(session)}


def _quarter_row(quarters: list[QuarterFigures], period: Period) -> QuarterFigures:
    for row in quarters:
        if row.quarter == period.quarter_label:
            return replace(row, starts_on=period.starts_on, ends_on=period.ends_on)
    return _empty(period)


def _period_row(session: Session, period: Period) -> QuarterFigures:
    """The network of what happened in any period, as the timeline counts a quarter (cached).

    Only the period's rows are read, and its graph built once: the actors who took part in it
    (``only_active``), as ``quarterly_figures`` builds a quarter.
    """
    version = network_data.data_version(session)
    key = ("period network", period, version)
    row = network_data.network_cache.get(key)
    if row is None:
        network_filter = NetworkFilter(date_from=period.starts_on, date_to=period.ends_on)
        rows = network_data.rows_for(session, network_filter)
        graph = build_network(rows.actors, rows.attendances, rows.joint_work, rows.relationships, network_filter,
                              only_active=True)
        nodes = graph.number_of_nodes()
        largest = max((len(c) for c in nx.connected_components(graph)), default=0)
        row = replace(_empty(period), actors=nodes, ties=graph.number_of_edges(),
                      cross_sector_share=cross_sector_share(graph), ei_index=ei_index(graph),
                      largest_component_share=largest / nodes if nodes else None)
        network_data.network_cache.put(key, row)
    return row


def network_change(session: Session, period: Period) -> NetworkChange:
    """Return the network figures of the period and of the previous one.

    Whole quarters come from the same quarter-by-quarter figures the network page shows (the
    background job's stored result on a large programme); other periods are computed alike.
    """
    previous = period.previous()
    if period.is_quarter:
        quarters, source = _programme_quarters(session)
        if quarters is None:
            return NetworkChange(None, None, **source)
        return NetworkChange(_quarter_row(quarters, period), _quarter_row(quarters, previous), **source)
    return NetworkChange(_period_row(session, period), _period_row(session, previous))


def attendance_table(figures: ActivityFigures) -> list:
    """Return rows (kind, meetings, {sector: attendances}, total) for every kind met in the period."""
    rows = []
    for kind in figures.meetings_by_kind:
        by_sector = {sector: figures.attendance_of(kind, sector) for sector in [*Sector, None]}
        rows.append((kind, figures.meetings_by_kind.get(kind, 0), by_sector, sum(by_sector.values())))
    return rows
