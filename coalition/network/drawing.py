"""Shrink a large graph to what a browser can draw: its communities, or its strongest ties."""
from collections import Counter
from dataclasses import dataclass, replace

import networkx as nx

from .communities import DEFAULT_SEED, find_communities
from .rows import SECTORS

__all__ = ["Drawing", "reduce_for_drawing", "strongest_ties"]

MAX_NODES = 500
MAX_TIES = 2000


@dataclass(frozen=True)
class Drawing:
    """The graph to draw and how it was reduced, so the page can say so.

    ``reduction`` is ``"none"``, ``"strongest_ties"`` (every actor, only the strongest ties) or
    ``"communities"`` (one node per community; see ``reduce_for_drawing``).
    ``hidden_actors`` counts actors left out because there were more communities than
    ``max_nodes``; ``untied_actors`` those left out of a large graph for having no tie.
    """

    graph: nx.Graph
    reduction: str
    total_nodes: int
    total_ties: int
    hidden_actors: int = 0
    untied_actors: int = 0

    @property
    def shown_nodes(self) -> int:
        return self.graph.number_of_nodes()

    @property
    def shown_ties(self) -> int:
        return self.graph.number_of_edges()


def strongest_ties(graph: nx.Graph, limit: int) -> nx.Graph:
    """Return a copy keeping every node but only the ``limit`` heaviest ties (ties: by node order).

    >>> graph = nx.Graph(); graph.add_weighted_edges_from([(1, 2, 3), (2, 3, 1), (3, 4, 2)])
    >>> sorted(strongest_ties(graph, 2).edges)
    [(1, 2), (3, 4)]
    """
    position = {node: i for i, node in enumerate(graph)}
    ranked = sorted(graph.edges(data=True),
                    key=lambda e: (-e[2].get("weight", 1), *sorted((position[e[0]], position[e[1]]))))
    kept = graph.__class__(**graph.graph)
    kept.add_nodes_from(graph.nodes(data=True))
    kept.add_edges_from(ranked[:limit])
    return kept


def reduce_for_drawing(
    graph: nx.Graph,
    *,
    communities: list | None = None,
    max_nodes: int = MAX_NODES,
    max_ties: int = MAX_TIES,
    seed: int = DEFAULT_SEED,
) -> Drawing:
    """Return what to draw: the graph itself when small enough, else a reduction.

    Up to ``max_nodes`` actors, too many ties are cut to the strongest ``max_ties``. Above
    ``max_nodes``, actors without a tie are left out first (a period's picture of a large
    programme is mostly actors who took no part then): if the rest fit, they are drawn as
    actors. Otherwise each community with a tie (``communities`` as from
    ``NetworkFigures.communities``, or Louvain with ``seed``; sorted largest first) becomes
    one node whose id is the community's number, with attributes ``label`` (its actor with
    the greatest strength), ``sector`` (its most common sector), ``size``, ``sector_mix``
    ({sector: actors}) and ``community``; ties between communities carry ``weight`` (summed)
    and ``ties`` (how many). Only the ``max_nodes`` largest communities are kept and at most
    ``max_ties`` ties.

    >>> reduce_for_drawing(nx.path_graph(4)).reduction
    'none'
    >>> drawing = reduce_for_drawing(nx.barbell_graph(3, 0), max_nodes=3)
    >>> drawing.reduction, sorted(drawing.graph.nodes(data="size"))
    ('communities', [(0, 3), (1, 3)])
    >>> drawing = reduce_for_drawing(nx.empty_graph(6), max_nodes=3)
    >>> drawing.reduction, drawing.shown_nodes, drawing.untied_actors
    ('none', 0, 6)
    """
    nodes, ties = graph.number_of_nodes(), graph.number_of_edges()
    if nodes <= max_nodes:
        return _actors(graph, max_ties)
    untied = {node for node in graph if not graph[node]}
    if nodes - len(untied) <= max_nodes:
        tied = graph.subgraph(node for node in graph if node not in untied).copy()
        return replace(_actors(tied, max_ties), total_nodes=nodes, untied_actors=len(untied))

    if communities is None:
        communities = find_communities(graph, seed=seed)
    ranked = sorted(communities, key=lambda c: (-len(c), min(c)))
    kept = [(number, members) for number, members in enumerate(ranked) if not members <= untied][:max_nodes]
    collapsed = _collapse(graph, kept)
    if collapsed.number_of_edges() > max_ties:
        collapsed = strongest_ties(collapsed, max_ties)
    hidden = nodes - len(untied) - sum(len(members) for _, members in kept)
    return Drawing(collapsed, "communities", nodes, ties, hidden, len(untied))


def _actors(graph: nx.Graph, max_ties: int) -> Drawing:
    """Draw the actors themselves, only the strongest ties if there are too many."""
    nodes, ties = graph.number_of_nodes(), graph.number_of_edges()
    if ties <= max_ties:
        return Drawing(graph, "none", nodes, ties)
    return Drawing(strongest_ties(graph, max_ties), "strongest_ties", nodes, ties)


def _collapse(graph: nx.Graph, communities: list[tuple[int, frozenset]]) -> nx.Graph:
    """One node per (number, members) community, its number as its id, and the ties between them."""
    strength = dict(graph.degree(weight="weight"))
    number = {node: i for i, members in communities for node in members}
    collapsed = nx.Graph(**graph.graph)
    for i, members in communities:
        sectors = Counter(graph.nodes[n].get("sector") for n in members)
        leader = min(members, key=lambda n: (-strength[n], n))
        main_sector = max(SECTORS, key=lambda s: (sectors[s], -SECTORS.index(s))) if any(
            sectors[s] for s in SECTORS) else None
        collapsed.add_node(i, label=graph.nodes[leader].get("label", str(leader)), sector=main_sector,
                           size=len(members), sector_mix={s: sectors[s] for s in SECTORS}, community=i)
    for u, v, weight in graph.edges(data="weight", default=1):
        a, b = number.get(u), number.get(v)
        if a is None or b is None or a == b:
            continue
        if collapsed.has_edge(a, b):
            collapsed[a][b]["weight"] += weight
            collapsed[a][b]["ties"] += 1
        else:
            collapsed.add_edge(a, b, weight=weight, ties=1)
    return collapsed
