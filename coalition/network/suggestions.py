"""Introductions worth making: actors not yet tied who share partners, across sectors first."""
from collections.abc import Collection
from dataclasses import dataclass

import networkx as nx
import numpy as np

from .communities import DEFAULT_SEED, community_of, find_communities
from .matrix import adamic_adar_blocks

__all__ = ["Introduction", "suggest_introductions"]


@dataclass(frozen=True)
class Introduction:
    """Two untied actors, how likely they are to work well together, and why.

    ``score`` is networkx's Adamic-Adar index: shared partners count, the less connected a
    shared partner the more. ``priority`` is the score raised by ``cross_bonus`` for crossing
    sectors and again for crossing communities; suggestions are sorted by it.
    ``shared_partners`` are the labels of the partners they have in common, sorted.
    """

    first: int
    second: int
    first_label: str
    second_label: str
    score: float
    priority: float
    crosses_sectors: bool
    crosses_communities: bool
    shared_partner_ids: tuple[int, ...]
    shared_partners: tuple[str, ...]


def suggest_introductions(
    graph: nx.Graph,
    *,
    top: int = 10,
    cross_bonus: float = 0.5,
    community: dict | None = None,
    seed: int = DEFAULT_SEED,
    exclude: Collection[tuple] = (),
) -> list[Introduction]:
    """Return the ``top`` untied pairs sharing at least one partner, best first, leaving out the pairs in ``exclude``.

    priority = Adamic-Adar x (1 + cross_bonus if their sectors differ + cross_bonus if their
    communities differ): a pair that would link two sectors or two groups goes ahead of a
    slightly likelier pair within one. ``community`` maps node to community (as
    ``NetworkFigures.community_of``); without it Louvain runs with ``seed``. Scores are
    computed as a sparse matrix product (``matrix.adamic_adar_blocks``), equal to
    ``nx.adamic_adar_index`` but fast enough for every candidate pair at design scale.
    ``exclude`` holds pairs (either order) already dismissed or made.

    >>> graph = nx.Graph([(1, 2), (2, 3)])
    >>> nx.set_node_attributes(graph, {1: "A", 2: "B", 3: "C"}, "label")
    >>> [(s.first, s.second, s.shared_partners) for s in suggest_introductions(graph)]
    [(1, 3, ('B',))]
    >>> suggest_introductions(graph, exclude=[(3, 1)])
    []
    """
    if top <= 0 or graph.number_of_nodes() == 0:
        return []
    nodes = list(graph)
    if community is None:
        community = community_of(find_communities(graph, seed=seed))
    sector_codes = _codes([graph.nodes[n].get("sector") for n in nodes])
    community_codes = _codes([community.get(n) for n in nodes])
    excluded = _pair_codes(nodes, exclude)

    best: list[tuple[np.ndarray, ...]] = []
    for first, second, scores in adamic_adar_blocks(graph):
        if excluded.size:
            wanted = ~np.isin(first * len(nodes) + second, excluded)
            first, second, scores = first[wanted], second[wanted], scores[wanted]
        crosses_sectors = _differ(sector_codes, first, second)
        crosses_communities = _differ(community_codes, first, second)
        priority = scores * (1 + cross_bonus * crosses_sectors + cross_bonus * crosses_communities)
        keep = _top(priority, scores, first, second, top)
        best.append((first[keep], second[keep], scores[keep], priority[keep],
                     crosses_sectors[keep], crosses_communities[keep]))
    if not best:
        return []
    first, second, scores, priority, crosses_sectors, crosses_communities = (np.concatenate(a) for a in zip(*best))
    keep = _top(priority, scores, first, second, top)
    return [
        _introduction(graph, nodes[i], nodes[j], float(s), float(p), bool(cs), bool(cc))
        for i, j, s, p, cs, cc in zip(first[keep], second[keep], scores[keep], priority[keep],
                                      crosses_sectors[keep], crosses_communities[keep])
    ]


def _pair_codes(nodes: list, pairs: Collection[tuple]) -> np.ndarray:
    """Number each pair of nodes as first position x node count + second position, first < second."""
    position = {node: i for i, node in enumerate(nodes)}
    codes = [min(position[a], position[b]) * len(nodes) + max(position[a], position[b])
             for a, b in pairs if a in position and b in position]
    return np.array(sorted(codes), dtype=np.int64)


def _codes(values: list) -> np.ndarray:
    """Number the distinct values; None becomes -1 (unknown, never "different")."""
    numbering: dict = {}
    return np.array([-1 if v is None else numbering.setdefault(v, len(numbering)) for v in values], dtype=np.int64)


def _differ(codes: np.ndarray, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    a, b = codes[first], codes[second]
    return (a != b) & (a >= 0) & (b >= 0)


def _top(priority, scores, first, second, top: int) -> np.ndarray:
    """Positions of the ``top`` best, by priority, then score, then node order (stable)."""
    order = np.lexsort((second, first, -scores, -priority))
    return order[:top]


def _introduction(graph, first, second, score, priority, crosses_sectors, crosses_communities) -> Introduction:
    label = graph.nodes
    shared = sorted(set(graph[first]) & set(graph[second]), key=lambda n: (str(label[n].get("label", n)), n))
    return Introduction(
        first=first, second=second,
        first_label=label[first].get("label", str(first)), second_label=label[second].get("label", str(second)),
        score=score, priority=priority,
        crosses_sectors=crosses_sectors, crosses_communities=crosses_communities,
        shared_partner_ids=tuple(shared),
        shared_partners=tuple(str(label[n].get("label", n)) for n in shared),
    )
