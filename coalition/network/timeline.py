"""How the network changes, quarter by quarter.

Each quarter's graph holds what happened in that quarter (its meetings, its joint work, the
declared relationships in force then) and the actors who took part in it; so a quiet quarter
shows as a quiet quarter instead of being hidden under everything before it. Pass
``cumulative=True`` for the network as it stood at each quarter's end instead.
"""
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

import networkx as nx

from .build import build_network
from .rows import Actor, Attendance, DeclaredRelationship, JointWork, NetworkFilter
from .sectors import cross_sector_share, ei_index

__all__ = ["QuarterFigures", "quarter_of", "quarterly_figures"]


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
    actors = list(actors)
    relationships = list(relationships)
    attendances = [a for a in attendances if network_filter.covers(a.meeting_date)]
    joint_work = [w for w in joint_work if w.on is not None and network_filter.covers(w.on)]
    dates = [a.meeting_date for a in attendances] + [w.on for w in joint_work]
    first = network_filter.date_from or (min(dates) if dates else None)
    last = network_filter.date_to or (max(dates) if dates else None)
    if first is None or last is None:
        return []

    meetings_by_quarter = defaultdict(list)
    for row in attendances:
        meetings_by_quarter[quarter_of(row.meeting_date)].append(row)
    work_by_quarter = defaultdict(list)
    for work in joint_work:
        work_by_quarter[quarter_of(work.on)].append(work)

    rows = []
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
        rows.append(_row(f"{year}-Q{quarter}", starts_on, ends_on, graph))
    return rows


def _row(label: str, starts_on: date, ends_on: date, graph: nx.Graph) -> QuarterFigures:
    nodes = graph.number_of_nodes()
    largest = max((len(c) for c in nx.connected_components(graph)), default=0)
    return QuarterFigures(
        quarter=label, starts_on=starts_on, ends_on=ends_on,
        actors=nodes, ties=graph.number_of_edges(),
        cross_sector_share=cross_sector_share(graph), ei_index=ei_index(graph),
        largest_component_share=largest / nodes if nodes else None,
    )
