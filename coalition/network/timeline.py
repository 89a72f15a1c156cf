"""How the network changes, quarter by quarter.

Each quarter's graph holds what happened in that quarter (its meetings, its joint work, the
declared relationships in force then) and the actors who took part in it; so a quiet quarter
shows as a quiet quarter instead of being hidden under everything before it. Pass
``cumulative=True`` for the network as it stood at each quarter's end instead.
"""
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

import networkx as nx

from .build import build_network
from .rows import SECTORS, Actor, Attendance, DeclaredRelationship, JointWork, NetworkFilter
from .sectors import _sector_pairs, cross_sector_share, ei_index

__all__ = ["CollaborationFigures", "QuarterFigures", "collaboration_row", "period_row",
           "quarter_of", "quarterly_figures", "quarterly_graphs"]


@dataclass(frozen=True)
class QuarterFigures:
    """One quarter: its label ("2025-Q1"), its dates (clipped to the filter's range) and figures."""

    quarter: str
    starts_on: date
    ends_on: date
    actors: int
    ties: int
    cross_sector_share: float | None
    ei_index: float | None
    largest_component_share: float | None


def quarter_of(day: date) -> tuple[int, int]:
    """Return (year, quarter) of a date.

    >>> quarter_of(date(2025, 11, 3))
    (2025, 4)
    """
    return day.year, (day.month - 1) // 3 + 1


def _quarter_dates(year: int, quarter: int) -> tuple[date, date]:
    start = date(year, 3 * quarter - 2, 1)
    next_start = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, next_start - timedelta(days=1)


def _quarters(first: date, last: date):
    year, quarter = quarter_of(first)
    while (year, quarter) <= quarter_of(last):
        yield year, quarter
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)


def quarterly_figures(
    actors: Iterable[Actor],
    attendances: Iterable[Attendance] = (),
    joint_work: Iterable[JointWork] = (),
    relationships: Iterable[DeclaredRelationship] = (),
    network_filter: NetworkFilter = NetworkFilter(),
    *,
    cumulative: bool = False,
) -> list[QuarterFigures]:
    """Return one row per quarter of the filter's range, oldest first.

    An open end of the range is taken from the earliest or latest dated meeting or joint
    work; without any, the result is empty. ``actors`` counts those who took part in the
    quarter; shares are None for a quarter without actors or ties.

    >>> from datetime import date
    >>> people = [Actor(1, "A", "public"), Actor(2, "B", "civil")]
    >>> met = [Attendance(9, date(2025, 2, 9), "workshop", (), person_id=p, organisation_id=p) for p in (1, 2)]
    >>> [(q.quarter, q.actors, q.ties, q.ei_index) for q in quarterly_figures(people, met)]
    [('2025-Q1', 2, 1, 1.0)]
    """
    return [period_row(label, starts_on, ends_on, graph) for label, starts_on, ends_on, graph in quarterly_graphs(
        actors, attendances, joint_work, relationships, network_filter, cumulative=cumulative)]


def quarterly_graphs(
    actors: Iterable[Actor],
    attendances: Iterable[Attendance] = (),
    joint_work: Iterable[JointWork] = (),
    relationships: Iterable[DeclaredRelationship] = (),
    network_filter: NetworkFilter = NetworkFilter(),
    *,
    cumulative: bool = False,
) -> Iterator[tuple[str, date, date, nx.Graph]]:
    """Yield (label, first day, last day, graph) per quarter of the filter's range, oldest first, one at a time.

    Each graph is built with ``only_active=True``, as ``quarterly_figures`` counts it; a caller
    that reads several things from each quarter walks the quarters once (at design scale the
    forty graphs would not fit in memory together).

    >>> from datetime import date
    >>> people = [Actor(1, "A", "public"), Actor(2, "B", "civil")]
    >>> met = [Attendance(9, date(2025, 2, 9), "workshop", (), person_id=p, organisation_id=p) for p in (1, 2)]
    >>> [(label, sorted(graph.edges)) for label, _, _, graph in quarterly_graphs(people, met)]
    [('2025-Q1', [(1, 2)])]
    """
    actors = list(actors)
    relationships = list(relationships)
    attendances = [a for a in attendances if network_filter.covers(a.meeting_date)]
    joint_work = [w for w in joint_work if w.on is not None and network_filter.covers(w.on)]
    dates = [a.meeting_date for a in attendances] + [w.on for w in joint_work]
    first = network_filter.date_from or (min(dates) if dates else None)
    last = network_filter.date_to or (max(dates) if dates else None)
    if first is None or last is None:
        return

    meetings_by_quarter = defaultdict(list)
    for row in attendances:
        meetings_by_quarter[quarter_of(row.meeting_date)].append(row)
    work_by_quarter = defaultdict(list)
    for work in joint_work:
        work_by_quarter[quarter_of(work.on)].append(work)

    seen_meetings: list[Attendance] = []
    seen_work: list[JointWork] = []
    for year, quarter in _quarters(first, last):
        starts_on, ends_on = _quarter_dates(year, quarter)
        starts_on, ends_on = max(starts_on, first), min(ends_on, last)
        if cumulative:
            seen_meetings += meetings_by_quarter[(year, quarter)]
            seen_work += work_by_quarter[(year, quarter)]
            window = replace(network_filter, date_from=first, date_to=ends_on)
            graph = build_network(actors, seen_meetings, seen_work, relationships, window, only_active=True)
        else:
            window = replace(network_filter, date_from=starts_on, date_to=ends_on)
            graph = build_network(actors, meetings_by_quarter[(year, quarter)], work_by_quarter[(year, quarter)],
                                  relationships, window, only_active=True)
        yield f"{year}-Q{quarter}", starts_on, ends_on, graph


def period_row(label: str, starts_on: date, ends_on: date, graph: nx.Graph) -> QuarterFigures:
    """Return the figures of one period's graph (built with ``only_active=True``), as a quarter's row counts them.

    >>> row = period_row("2025-Q1", date(2025, 1, 1), date(2025, 3, 31), nx.path_graph(3))
    >>> row.actors, row.ties, row.largest_component_share
    (3, 2, 1.0)
    """
    nodes = graph.number_of_nodes()
    largest = max((len(c) for c in nx.connected_components(graph)), default=0)
    return QuarterFigures(
        quarter=label, starts_on=starts_on, ends_on=ends_on,
        actors=nodes, ties=graph.number_of_edges(),
        cross_sector_share=cross_sector_share(graph), ei_index=ei_index(graph),
        largest_component_share=largest / nodes if nodes else None,
    )


@dataclass(frozen=True)
class CollaborationFigures:
    """A quarter's figures with what the effect view adds: the sectors present and tied, and the brokers."""

    figures: QuarterFigures
    sectors_present: tuple[str, ...]
    sectors_tied: tuple[str, ...]  # present sectors with at least one tie to another sector
    brokers: int  # actors whose leaving would split the network (articulation points)


def collaboration_row(label: str, starts_on: date, ends_on: date, graph: nx.Graph) -> CollaborationFigures:
    """Return ``period_row`` with the sectors present and tied and the number of brokers.

    >>> graph = nx.Graph([(1, 2), (2, 3)])
    >>> nx.set_node_attributes(graph, {1: "private", 2: "public", 3: "public"}, "sector")
    >>> row = collaboration_row("2025-Q1", date(2025, 1, 1), date(2025, 3, 31), graph)
    >>> row.sectors_present, row.sectors_tied, row.brokers
    (('private', 'public'), ('private', 'public'), 1)
    """
    sectors = {sector for _node, sector in graph.nodes(data="sector") if sector}
    tied = {sector for pair in _sector_pairs(graph) if pair[0] != pair[1] for sector in pair}
    return CollaborationFigures(period_row(label, starts_on, ends_on, graph), tuple(s for s in SECTORS if s in sectors),
                                tuple(s for s in SECTORS if s in tied), len(set(nx.articulation_points(graph))))
