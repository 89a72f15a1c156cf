"""The effect view's database side: read one neighbourhood's (or every one's) rows, hand them to ``coalition.effect``.

Everything sits on one quarter axis, the programme's whole span: from the first quarter with a
meeting, a commitment or a KPI measurement to the last (never past today's). Investments are
counted as the commitment register counts them: committed is agreed, in progress or delivered,
by the day it was made; delivered by the day it was delivered; each in its own unit. The
network figures per quarter come from ``collaboration.network_view`` filtered to the
neighbourhood, cached with the network until the data changes.
"""
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .collaboration import derived, network_view
from .collaboration.by_neighbourhood import collaboration_by_neighbourhood
from .effect import (
    Comparison,
    EffectQuarter,
    KpiEffect,
    KpiFollowed,
    KpiPlace,
    NotAvailable,
    acting_from,
    difference_in_differences,
    kpi_effect,
    label,
    per_resident,
    quarter_of,
    quarters_between,
    stage_by_quarter,
)
from .effect.figures import Quarter
from .models import (
    Commitment,
    CommitmentStatus,
    Direction,
    Kpi,
    KpiMeasurement,
    KpiTarget,
    Meeting,
    Neighbourhood,
    Sector,
    Stage,
    StageChange,
    Unit,
)
from .neighbourhood_profile import meetings_by_quarter
from .network import NetworkFilter, cross_sector_share
from .quarterly_attendance import by_neighbourhood as meetings_by_neighbourhood

__all__ = ["Across", "KpiAcross", "NeighbourhoodEffect", "RankRow", "across_neighbourhoods", "effect_table",
           "every_neighbourhood_effect", "furthest_along", "neighbourhood_effect", "programme_quarters"]

COMMITTED = (CommitmentStatus.AGREED, CommitmentStatus.IN_PROGRESS, CommitmentStatus.DELIVERED)
_ZERO = Decimal("0.00")


def programme_quarters(session: Session, *, today: date) -> list[Quarter]:
    """Return every quarter of the programme's span: its first to its last meeting, commitment or measurement."""
    days = []
    for first, last in (
        session.execute(select(func.min(Meeting.starts_at), func.max(Meeting.starts_at))).one(),
        session.execute(select(func.min(Commitment.made_on), func.max(Commitment.made_on))).one(),
        session.execute(select(func.min(Commitment.delivered_on), func.max(Commitment.delivered_on))).one(),
        session.execute(select(func.min(KpiMeasurement.measured_on), func.max(KpiMeasurement.measured_on))).one(),
    ):
        days += [d.date() if isinstance(d, datetime) else d for d in (first, last) if d is not None]
    if not days:
        return [quarter_of(today)]
    return quarters_between(quarter_of(min(days)), min(quarter_of(max(days)), quarter_of(today)))


def _investments(session: Session, neighbourhood_ids: Iterable[int] | None = None):
    """Return {(neighbourhood id, quarter): (committed by unit, delivered by unit)}."""
    found: dict = defaultdict(lambda: (defaultdict(lambda: _ZERO), defaultdict(lambda: _ZERO)))
    query = select(Commitment.neighbourhood_id, Commitment.made_on, Commitment.delivered_on, Commitment.status,
                   Commitment.unit, Commitment.amount).where(Commitment.amount.is_not(None),
                                                             Commitment.neighbourhood_id.is_not(None))
    if neighbourhood_ids is not None:
        query = query.where(Commitment.neighbourhood_id.in_(sorted(neighbourhood_ids)))
    for place, made_on, delivered_on, status, unit, amount in session.execute(query):
        if made_on is not None and status in COMMITTED:
            found[place, quarter_of(made_on)][0][str(unit)] += amount
        if delivered_on is not None and status is CommitmentStatus.DELIVERED:
            found[place, quarter_of(delivered_on)][1][str(unit)] += amount
    return found


def _stage_changes(session: Session, neighbourhood_ids: Iterable[int] | None = None) -> dict[int, list]:
    query = select(StageChange.neighbourhood_id, StageChange.changed_on, StageChange.stage)
    if neighbourhood_ids is not None:
        query = query.where(StageChange.neighbourhood_id.in_(sorted(neighbourhood_ids)))
    changes = defaultdict(list)
    for place, day, stage in session.execute(query):
        changes[place].append((day, str(stage)))
    return changes


def _kpis_followed(session: Session, neighbourhood_id: int | None = None
                   ) -> tuple[dict[int, Kpi], dict[int, list[KpiFollowed]]]:
    """Return the KPIs by id, and per neighbourhood the KPIs followed there (a target or a measurement), by name.

    Plain columns in two queries: at design scale the comparison reads 16,000 measurements.
    """
    kpis = {kpi.id: kpi for kpi in session.scalars(select(Kpi))}
    targets = select(KpiTarget.kpi_id, KpiTarget.neighbourhood_id, KpiTarget.baseline_value, KpiTarget.target_value)
    measured = select(KpiMeasurement.kpi_id, KpiMeasurement.neighbourhood_id, KpiMeasurement.measured_on,
                      KpiMeasurement.value)
    if neighbourhood_id is not None:
        targets = targets.where(KpiTarget.neighbourhood_id == neighbourhood_id)
        measured = measured.where(KpiMeasurement.neighbourhood_id == neighbourhood_id)
    levels = {(kpi_id, place): (baseline, target) for kpi_id, place, baseline, target in session.execute(targets)}
    values = defaultdict(list)
    for kpi_id, place, day, value in session.execute(measured):
        values[kpi_id, place].append((day, value))
    followed = defaultdict(list)
    for kpi_id, place in sorted(set(levels) | set(values), key=lambda pair: (kpis[pair[0]].name.casefold(), pair)):
        kpi = kpis[kpi_id]
        followed[place].append(KpiFollowed(kpi_id, kpi.name, kpi.unit, kpi.direction is Direction.HIGHER_IS_BETTER,
                                           *levels.get((kpi_id, place), (None, None)),
                                           tuple(sorted(values[kpi_id, place]))))
    return kpis, followed


def _network_quarters(session: Session, neighbourhood_id: int) -> dict[Quarter, object]:
    rows = network_view(session, NetworkFilter(neighbourhood_id=neighbourhood_id)).collaboration or []
    return {(row.figures.starts_on.year, (row.figures.starts_on.month - 1) // 3 + 1): row for row in rows}


@dataclass(frozen=True)
class NeighbourhoodEffect:
    """One neighbourhood's effect view: its quarters side by side, its KPIs' standing and the rough ratios."""

    neighbourhood: Neighbourhood
    quarters: list[EffectQuarter]
    kpis: list[KpiEffect]
    acting_from: Quarter | None
    sek_delivered: Decimal
    sek_per_resident: Decimal | NotAvailable

    @property
    def acting_label(self) -> str | None:
        return label(self.acting_from) if self.acting_from else None

    def kpi_values(self, kpi_id: int) -> list[tuple[Quarter, Decimal]]:
        return [(q.quarter, q.kpis[kpi_id]) for q in self.quarters if q.kpis.get(kpi_id) is not None]


def neighbourhood_effect(session: Session, neighbourhood: Neighbourhood, *, today: date | None = None,
                         met_by_quarter: list | None = None) -> NeighbourhoodEffect:
    """Put the neighbourhood's investments, engagement, collaboration and KPIs side by side per quarter.

    ``met_by_quarter``: the neighbourhood's ``meetings_by_quarter`` when the caller has read them already.
    """
    if met_by_quarter is None:
        met_by_quarter = meetings_by_quarter(session, neighbourhood.id)
    met = {(q.year, q.quarter): q for q in met_by_quarter}
    return _side_by_side(neighbourhood, programme_quarters(session, today=today or date.today()),
                         _investments(session, [neighbourhood.id]), _stage_changes(session, [neighbourhood.id]), met,
                         _network_quarters(session, neighbourhood.id),
                         _kpis_followed(session, neighbourhood.id)[1][neighbourhood.id])


def every_neighbourhood_effect(session: Session, neighbourhoods: Iterable[Neighbourhood], *,
                               today: date | None = None, progress=None) -> list[NeighbourhoodEffect]:
    """Return ``neighbourhood_effect`` of each of the neighbourhoods, in their order, reading the rows once for all.

    One grouped query per kind of figure, and the collaboration of every neighbourhood from one
    read of the network's rows. That walk, forty quarter graphs per neighbourhood, still takes
    minutes at design scale: ``progress(done, total)`` hears of each neighbourhood it finishes.
    """
    quarters = programme_quarters(session, today=today or date.today())
    invested, changes = _investments(session), _stage_changes(session)
    met, network = meetings_by_neighbourhood(session), collaboration_by_neighbourhood(session, progress=progress)
    followed = _kpis_followed(session)[1]
    return [_side_by_side(n, quarters, invested, changes, met.get(n.id, {}), network.get(n.id, {}), followed[n.id])
            for n in neighbourhoods]


def _side_by_side(neighbourhood: Neighbourhood, quarters: list[Quarter], invested: dict, changes: dict[int, list],
                  met: dict, network: dict, followed: list[KpiFollowed]) -> NeighbourhoodEffect:
    """Lay one neighbourhood's figures out on the programme's quarters (the rows of every neighbourhood may be given)."""
    stages = stage_by_quarter(changes[neighbourhood.id], quarters, str(neighbourhood.stage))
    values = {kpi.kpi_id: kpi.by_quarter for kpi in followed}
    rows = []
    for quarter in quarters:
        committed, delivered = invested.get((neighbourhood.id, quarter), ({}, {}))
        meetings = met.get(quarter)
        rows.append(EffectQuarter(
            quarter, stages[quarter], dict(committed), dict(delivered),
            meetings.meetings if meetings else 0,
            {(str(s) if s else None): n for s, n in meetings.attended.items()} if meetings else {},
            meetings.counted if meetings else 0, network.get(quarter),
            {kpi_id: by_quarter.get(quarter) for kpi_id, by_quarter in values.items()}))
    sek = sum((row.delivered.get(str(Unit.SEK), _ZERO) for row in rows), _ZERO)
    return NeighbourhoodEffect(neighbourhood, rows, [kpi_effect(kpi, sek) for kpi in followed], acting_from(stages),
                               sek, per_resident(sek, neighbourhood.population))


# --- across neighbourhoods ---------------------------------------------------------------------

@dataclass(frozen=True)
class RankRow:
    """One neighbourhood on one KPI, in the ranking by progress."""

    neighbourhood: Neighbourhood
    effect: KpiEffect
    sek_per_resident: Decimal | NotAvailable
    cross_sector_share: float | None
    values: list[tuple[Quarter, Decimal]]  # measured quarters only
    acting_from: Quarter | None


@dataclass(frozen=True)
class KpiAcross:
    """A KPI in every neighbourhood: the ranking, the shared scale of its small multiples, and the comparison."""

    kpi: Kpi
    rows: list[RankRow]
    comparison: Comparison
    lowest: Decimal | None
    highest: Decimal | None


@dataclass(frozen=True)
class Across:
    quarters: list[Quarter]
    kpis: list[KpiAcross]


def cross_sector_shares(session: Session) -> dict[int, float | None]:
    """Return each neighbourhood's share of cross-sector ties among its actors in the whole programme's network.

    One graph for every neighbourhood (the background job's stored one on a large programme),
    read as the network page's helix coverage reads it: a neighbourhood's actors are those its
    node attribute names, their ties those between them. Empty until the job's first result.
    A neighbourhood's own filtered network (its page) would take a second each, at design scale.
    """
    graph = network_view(session).graph
    if graph is None:
        return {}

    def make() -> dict[int, float | None]:
        members = defaultdict(list)
        for node, places in graph.nodes(data="neighbourhoods"):
            for place in places or ():
                members[place].append(node)
        return {place: cross_sector_share(graph.subgraph(nodes)) for place, nodes in members.items()}

    return derived(graph, "cross-sector share by neighbourhood", make)


def _progress_order(row: RankRow):
    progress = row.effect.progress
    return (isinstance(progress, NotAvailable), -(progress if not isinstance(progress, NotAvailable) else 0),
            row.neighbourhood.name_key)


def across_neighbourhoods(session: Session, *, today: date | None = None, with_shares: bool = True) -> Across:
    """Compare every neighbourhood on every KPI: progress, investment per resident, cross-sector share, stage.

    ``with_shares=False`` leaves the cross-sector shares out (the steering report shows only the
    comparison, and need not read the whole network).
    """
    quarters = programme_quarters(session, today=today or date.today())
    neighbourhoods = list(session.scalars(select(Neighbourhood).where(Neighbourhood.archived_at.is_(None))
                                          .order_by(Neighbourhood.name_key)))
    by_id = {n.id: n for n in neighbourhoods}
    invested = _investments(session, by_id)
    sek = defaultdict(lambda: _ZERO)
    for (place, _quarter), (_committed, delivered) in invested.items():
        sek[place] += delivered.get(str(Unit.SEK), _ZERO)
    changes = _stage_changes(session, by_id)
    stages = {n.id: stage_by_quarter(changes[n.id], quarters, str(n.stage)) for n in neighbourhoods}
    shares = cross_sector_shares(session) if with_shares else {}
    kpis, followed = _kpis_followed(session)
    by_kpi = defaultdict(list)
    for place_id, items in followed.items():
        for plain in items:
            if place_id in by_id:
                by_kpi[plain.kpi_id].append((by_id[place_id], plain))
    found = []
    for kpi in sorted((kpis[i] for i in by_kpi), key=lambda k: k.name.casefold()):
        rows, places = [], []
        for place, plain in by_kpi[kpi.id]:
            values = sorted(plain.by_quarter.items())
            rows.append(RankRow(place, kpi_effect(plain, sek[place.id]), per_resident(sek[place.id], place.population),
                                shares.get(place.id), values, acting_from(stages[place.id])))
            places.append(KpiPlace(place.id, stages[place.id], dict(values)))
        levels = [v for row in rows for _q, v in row.values] + [
            v for row in rows for v in (row.effect.kpi.baseline, row.effect.kpi.target) if v is not None]
        found.append(KpiAcross(kpi, sorted(rows, key=_progress_order),
                               difference_in_differences(places, kpi.direction is Direction.HIGHER_IS_BETTER),
                               min(levels, default=None), max(levels, default=None)))
    return Across(quarters, found)


def furthest_along(session: Session, limit: int) -> tuple[list[Neighbourhood], int]:
    """Return the ``limit`` neighbourhoods furthest along the programme's stages (then by name), and how many more there are."""
    order = {stage: i for i, stage in enumerate(Stage)}
    found = sorted(session.scalars(select(Neighbourhood).where(Neighbourhood.archived_at.is_(None))),
                   key=lambda n: (-order[n.stage], n.name_key, n.id))
    return found[:limit], max(len(found) - limit, 0)


# --- the effect table as rows, for the exports ----------------------------------------------------

SECTOR_COLUMNS = [*(str(s) for s in Sector), None]


def effect_table(effects: Iterable[NeighbourhoodEffect]) -> tuple[list[str], list[list]]:
    """Return the effect table's header and rows: one row per neighbourhood and quarter (see the README)."""
    effects = list(effects)
    kpi_names = sorted({k.kpi.name for e in effects for k in e.kpis}, key=str.casefold)
    header = ["neighbourhood", "municipality", "population", "quarter", "stage"]
    for unit in Unit:
        header += [f"{unit}_committed", f"{unit}_delivered"]
    header += ["meetings", *(f"attended_{s or 'no_organisation'}" for s in SECTOR_COLUMNS), "counted_without_names",
               "actors", "ties", "cross_sector_share", "ei_index", "sectors_present", "sectors_tied", "brokers"]
    for name in kpi_names:
        header += [f"{name}: value", f"{name}: baseline", f"{name}: target"]
    rows = []
    for effect in effects:
        place = effect.neighbourhood
        by_name = {k.kpi.name: k.kpi for k in effect.kpis}
        for q in effect.quarters:
            row = [place.name, place.municipality, place.population, q.label, q.stage or ""]
            for unit in Unit:
                row += [q.committed.get(str(unit), ""), q.delivered.get(str(unit), "")]
            c = q.collaboration
            row += [q.meetings, *(q.attended.get(s, 0) for s in SECTOR_COLUMNS), q.counted]
            if c is None:  # nothing happened: no actors, no ties, no shares
                row += [0, 0, "", "", "", "", 0]
            else:
                f = c.figures
                row += [f.actors, f.ties, _share(f.cross_sector_share), _share(f.ei_index),
                        " ".join(c.sectors_present), " ".join(c.sectors_tied), c.brokers]
            for name in kpi_names:
                kpi = by_name.get(name)
                value = q.kpis.get(kpi.kpi_id) if kpi else None
                row += [value if value is not None else "", *(("" if v is None else v) for v in (
                    (kpi.baseline, kpi.target) if kpi else (None, None)))]
            rows.append(row)
    return header, rows


def _share(value: float | None):
    return "" if value is None else round(value, 3)
