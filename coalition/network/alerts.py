"""Health alerts: what in a coalition's network needs the steering group's attention, found from plain data.

Five kinds, each a function over a graph (as ``build_network`` makes it) or plain counts:

- ``lone_brokers``: an actor whose removal splits a neighbourhood's network, with the groups it holds together;
- ``dormant_ties``: pairs that worked together often and not at all lately;
- ``sector_gaps``: a neighbourhood where a sector is absent, or present but tied to no other sector;
- ``attending_without_committing``: actors who come to meetings but made no commitment lately;
- ``influence_mismatches``: the stakeholder grid's stated power against the actor's place in the network.

Each returns plain frozen dataclasses, most pressing first; the web layer words them.
"""
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from .sectors import NeighbourhoodCoverage

__all__ = [
    "AttendsWithoutCommitting",
    "DormantTie",
    "InfluenceMismatch",
    "LoneBroker",
    "SectorGap",
    "attending_without_committing",
    "dormant_ties",
    "influence_mismatches",
    "lone_brokers",
    "often",
    "sector_gaps",
    "times_worked_together",
]


@dataclass(frozen=True)
class LoneBroker:
    """An actor without whom a neighbourhood's network falls apart into ``groups`` (largest first)."""

    actor: int
    place: int | None  # the neighbourhood (None: the graph as given)
    groups: tuple[tuple[int, ...], ...]

    @property
    def cut_off(self) -> int:
        """How many actors would lose their link to the largest group."""
        return sum(len(group) for group in self.groups[1:])


@dataclass(frozen=True)
class DormantTie:
    """Two actors who worked together ``times`` times, and not once in the recent period."""

    first: int
    second: int
    times: int


@dataclass(frozen=True)
class SectorGap:
    """A neighbourhood where sectors are ``missing``, or present but ``untied`` to every other present sector."""

    place: int
    missing: tuple[str, ...]
    untied: tuple[str, ...]


@dataclass(frozen=True)
class AttendsWithoutCommitting:
    """An actor that came to ``meetings`` meetings in the period and is party to no commitment made in it."""

    actor: int
    meetings: int


@dataclass(frozen=True)
class InfluenceMismatch:
    """Stated power (1-5 on the stakeholder grid) that the actor's place in the network contradicts.

    ``partners`` is its degree; ``fewer_than`` the share of the network's actors with more
    partners (for a peripheral actor rated powerful), ``more_than`` the share with fewer (for a
    central actor rated weak).
    """

    actor: int
    stated: int
    partners: int
    rated_high: bool
    fewer_than: float = 0.0
    more_than: float = 0.0


def lone_brokers(graph: nx.Graph, places: Mapping[int | None, Iterable] | None = None) -> list[LoneBroker]:
    """Return the actors whose removal splits the network of a place's actors (articulation points).

    ``places`` maps a neighbourhood to its actors, whose ties in ``graph`` are its network (None:
    the whole graph is one place). The brokers that cut most actors off come first.

    A bowtie, two triangles sharing actor 3:

    >>> bowtie = nx.Graph([(1, 2), (2, 3), (1, 3), (3, 4), (4, 5), (3, 5)])
    >>> [(b.actor, b.groups) for b in lone_brokers(bowtie)]
    [(3, ((1, 2), (4, 5)))]
    """
    found = []
    for place, members in (places or {None: graph.nodes}).items():
        network = graph.subgraph(members)
        for part in nx.connected_components(network):
            if len(part) < 3:
                continue
            whole = network.subgraph(part)
            for actor in nx.articulation_points(whole):
                rest = whole.subgraph(part - {actor})
                groups = sorted((tuple(sorted(group)) for group in nx.connected_components(rest)),
                                key=lambda group: (-len(group), group))
                found.append(LoneBroker(actor, place, tuple(groups)))
    return sorted(found, key=lambda b: (-b.cut_off, -sum(map(len, b.groups)), b.place or 0, b.actor))


def times_worked_together(tie: Mapping) -> int:
    """Count the meetings and joint work behind a tie (its declared relationships are not work done).

    >>> times_worked_together({"shared_meetings": 4, "joint_commitments": 1, "declared": 1})
    5
    """
    return int(tie.get("shared_meetings", 0) + tie.get("joint_commitments", 0) + tie.get("joint_initiatives", 0)
               + tie.get("joint_interactions", 0))


def often(graph: nx.Graph, *, least: int = 3) -> int:
    """Return how many times together counts as "often": the upper quartile of the graph's ties, at least ``least``.

    >>> often(nx.Graph([(0, n, {"shared_meetings": n}) for n in (1, 2, 3, 4, 5, 6, 7, 8)]))
    7
    """
    times = sorted(times_worked_together(tie) for _, _, tie in graph.edges(data=True))
    return max(least, times[(3 * len(times)) // 4] if times else least)


def dormant_ties(graph: nx.Graph, recent: nx.Graph, *, at_least: int | None = None) -> list[DormantTie]:
    """Return the pairs that worked together often in ``graph`` and not once in ``recent``.

    ``recent`` is the same network for the last months only. Often is ``at_least`` times, by
    default as often as the top quarter of the graph's ties (``often``). Most worked-together first.

    >>> before = nx.Graph([(1, 2, {"shared_meetings": 5}), (2, 3, {"shared_meetings": 4})])
    >>> lately = nx.Graph([(2, 3, {"shared_meetings": 1})])
    >>> dormant_ties(before, lately)
    [DormantTie(first=1, second=2, times=5)]
    """
    at_least = often(graph) if at_least is None else at_least
    found = []
    for first, second, tie in graph.edges(data=True):
        times = times_worked_together(tie)
        if times < at_least:
            continue
        lately = recent.get_edge_data(first, second)
        if lately is None or times_worked_together(lately) == 0:
            first, second = sorted((first, second))
            found.append(DormantTie(first, second, times))
    return sorted(found, key=lambda t: (-t.times, t.first, t.second))


def sector_gaps(coverage: Iterable[NeighbourhoodCoverage]) -> list[SectorGap]:
    """Return the neighbourhoods where a sector is missing, or present and tied to no other present sector.

    >>> from .sectors import helix_coverage
    >>> graph = nx.Graph([(1, 2)]); graph.add_node(3)
    >>> nx.set_node_attributes(graph, {1: "private", 2: "public", 3: "civil"}, "sector")
    >>> nx.set_node_attributes(graph, (7,), "neighbourhoods")
    >>> sector_gaps(helix_coverage(graph))
    [SectorGap(place=7, missing=('academic',), untied=('civil',))]
    """
    found = []
    for place in coverage:
        present = place.sectors
        tied = {sector for first, second, is_tied in place.pairs if is_tied for sector in (first, second)}
        untied = tuple(s for s in present if s not in tied) if len(present) > 1 else ()
        if place.missing_sectors or untied:
            found.append(SectorGap(place.neighbourhood_id, place.missing_sectors, untied))
    return found


def attending_without_committing(meetings: Mapping[int, int], committed: Collection[int], *,
                                 at_least: int = 3) -> list[AttendsWithoutCommitting]:
    """Return the actors at ``at_least`` meetings (``meetings``: actor -> count) who are not among ``committed``.

    Most meetings first.

    >>> attending_without_committing({1: 6, 2: 4, 3: 1}, committed={2})
    [AttendsWithoutCommitting(actor=1, meetings=6)]
    """
    found = [AttendsWithoutCommitting(actor, count) for actor, count in meetings.items()
             if count >= at_least and actor not in committed]
    return sorted(found, key=lambda a: (-a.meetings, a.actor))


def influence_mismatches(graph: nx.Graph, stated: Mapping[int, int], *, high: int = 4, low: int = 2,
                         share: float = 0.25) -> list[InfluenceMismatch]:
    """Return actors rated powerful (``high`` or more) yet peripheral, and rated weak (``low`` or less) yet central.

    Peripheral: more than ``1 - share`` of the graph's actors have more partners; central: more
    than ``1 - share`` have fewer. Only actors in ``graph`` with a stated power count. The
    peripheral powerful come first, then the central weak, each by how far apart the two are.

    >>> wheel = nx.wheel_graph(6)  # actor 0 works with all of 1-5, each of them with two more
    >>> wheel.add_edge(6, 1)  # actor 6 works with actor 1 only
    >>> [(m.actor, m.rated_high) for m in influence_mismatches(wheel, {0: 1, 6: 5, 1: 3})]
    [(6, True), (0, False)]
    """
    actors = graph.number_of_nodes()
    if actors < 2:
        return []
    degrees = sorted(d for _, d in graph.degree)
    found = []
    for actor, power in stated.items():
        if actor not in graph:
            continue
        partners = graph.degree[actor]
        fewer = sum(1 for d in degrees if d < partners) / actors
        more = sum(1 for d in degrees if d > partners) / actors
        if power >= high and more > 1 - share:
            found.append(InfluenceMismatch(actor, power, partners, True, fewer_than=more))
        elif power <= low and fewer > 1 - share:
            found.append(InfluenceMismatch(actor, power, partners, False, more_than=fewer))
    return sorted(found, key=lambda m: (not m.rated_high, -(m.fewer_than + m.more_than), -abs(m.stated - 3), m.actor))
