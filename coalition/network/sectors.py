"""Does the network cross sectors? Mixing matrix, E-I index and quadruple-helix coverage.

Ties are counted, not weighed; a tie with an actor of no known sector is left out.
"""
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

import networkx as nx

from .rows import SECTORS

__all__ = ["sector_mixing", "ei_index", "cross_sector_share", "NeighbourhoodCoverage", "helix_coverage"]

_POSITION = {sector: i for i, sector in enumerate(SECTORS)}


def _sector_pairs(graph: nx.Graph):
    """Yield the (sector, sector) of each tie whose two ends have a known sector."""
    sector = nx.get_node_attributes(graph, "sector")
    for u, v in graph.edges:
        if sector.get(u) in _POSITION and sector.get(v) in _POSITION:
            yield sector[u], sector[v]


def sector_mixing(graph: nx.Graph) -> list[list[int]]:
    """Return the 4x4 counts of ties between sectors, in ``SECTORS`` order, symmetric.

    The diagonal counts ties within a sector; each tie is counted once on the diagonal and
    in both mirror cells off it.

    >>> graph = nx.Graph([(1, 2), (2, 3)])
    >>> nx.set_node_attributes(graph, {1: "private", 2: "public", 3: "public"}, "sector")
    >>> sector_mixing(graph)
    [[0, 1, 0, 0], [1, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]
    """
    matrix = [[0] * len(SECTORS) for _ in SECTORS]
    for first, second in _sector_pairs(graph):
        i, j = _POSITION[first], _POSITION[second]
        matrix[i][j] += 1
        if i != j:
            matrix[j][i] += 1
    return matrix


def _external_internal(graph: nx.Graph) -> tuple[int, int]:
    external = internal = 0
    for first, second in _sector_pairs(graph):
        if first == second:
            internal += 1
        else:
            external += 1
    return external, internal


def ei_index(graph: nx.Graph) -> float | None:
    """Return Krackhardt's E-I index: (cross-sector - within-sector) / all ties; None without ties.

    -1 means every tie stays inside a sector, +1 that every tie crosses one.

    >>> graph = nx.Graph([(1, 2), (2, 3)])
    >>> nx.set_node_attributes(graph, {1: "private", 2: "public", 3: "public"}, "sector")
    >>> ei_index(graph)
    0.0
    """
    external, internal = _external_internal(graph)
    return (external - internal) / (external + internal) if external + internal else None


def cross_sector_share(graph: nx.Graph) -> float | None:
    """Return the share of ties that cross sectors; None without ties.

    >>> graph = nx.Graph([(1, 2), (2, 3)])
    >>> nx.set_node_attributes(graph, {1: "private", 2: "public", 3: "public"}, "sector")
    >>> cross_sector_share(graph)
    0.5
    """
    external, internal = _external_internal(graph)
    return external / (external + internal) if external + internal else None


@dataclass(frozen=True)
class NeighbourhoodCoverage:
    """Which sectors are active in a neighbourhood and which pairs of them are tied there.

    ``actors`` counts the neighbourhood's actors per sector (all four keys). ``pairs`` holds,
    for each pair of present sectors in ``SECTORS`` order, (sector, sector, tied).
    """

    neighbourhood_id: int
    actors: dict[str, int]
    pairs: tuple[tuple[str, str, bool], ...]

    @property
    def sectors(self) -> tuple[str, ...]:
        return tuple(s for s in SECTORS if self.actors[s])

    @property
    def missing_sectors(self) -> tuple[str, ...]:
        return tuple(s for s in SECTORS if not self.actors[s])

    @property
    def untied_pairs(self) -> tuple[tuple[str, str], ...]:
        return tuple((a, b) for a, b, tied in self.pairs if not tied)

    @property
    def complete(self) -> bool:
        """All four sectors are present and every pair of them is tied."""
        return not self.missing_sectors and not self.untied_pairs


def helix_coverage(graph: nx.Graph) -> list[NeighbourhoodCoverage]:
    """Return, per neighbourhood (by id), its sectors and whether each pair of them is tied.

    An actor belongs to the neighbourhoods in its ``neighbourhoods`` node attribute; a pair
    of sectors is tied there when a tie joins two of that neighbourhood's actors of those sectors.

    >>> graph = nx.Graph([(1, 2)]); graph.add_node(3)
    >>> nx.set_node_attributes(graph, {1: "private", 2: "public", 3: "civil"}, "sector")
    >>> nx.set_node_attributes(graph, {1: (7,), 2: (7,), 3: (7,)}, "neighbourhoods")
    >>> coverage = helix_coverage(graph)[0]
    >>> coverage.sectors, coverage.untied_pairs
    (('private', 'public', 'civil'), (('private', 'civil'), ('public', 'civil')))
    """
    sector = nx.get_node_attributes(graph, "sector")
    places = {node: set(ids or ()) for node, ids in graph.nodes(data="neighbourhoods")}
    actors: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(SECTORS, 0))
    for node, ids in places.items():
        for place in ids:
            counts = actors[place]
            if sector.get(node) in counts:
                counts[sector[node]] += 1
    tied: set[tuple[int, str, str]] = set()
    for u, v in graph.edges:
        first, second = sector.get(u), sector.get(v)
        if first == second or first not in _POSITION or second not in _POSITION:
            continue
        first, second = sorted((first, second), key=_POSITION.__getitem__)
        for place in places[u] & places[v]:
            tied.add((place, first, second))
    coverage = []
    for place in sorted(actors):
        present = [s for s in SECTORS if actors[place][s]]
        pairs = tuple((a, b, (place, a, b) in tied) for a, b in combinations(present, 2))
        coverage.append(NeighbourhoodCoverage(place, dict(actors[place]), pairs))
    return coverage
