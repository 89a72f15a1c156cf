"""Shrink a graph to what a browser can draw (its communities, or its strongest ties), and say what each tie is."""
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

import networkx as nx

from .communities import DEFAULT_SEED, find_communities
from .rows import SECTORS

__all__ = ["TIE_KINDS", "Drawing", "QuarterActivity", "quarter_activity", "reduce_for_drawing", "strongest_ties",
           "tie_kind"]

MAX_NODES = 500
MAX_TIES = 2000
# Between communities, each keeps its this many strongest links: fifty groups that all touch
# each other draw 1,225 lines, which show nothing; each group's main partners show the structure.
GROUP_LINKS = 3
# What a drawn tie is made of, the most binding first: a declared relationship, joint work, meetings.
TIE_KINDS = ("declared", "joint", "meetings")


def tie_kind(tie: dict) -> str:
    """Return what a tie is drawn as: its most binding source (see ``TIE_KINDS``).

    A tie between two communities (which carries ``kind`` already) keeps it.

    >>> tie_kind({"shared_meetings": 4, "joint_commitments": 1}), tie_kind({"shared_meetings": 2})
    ('joint', 'meetings')
    """
    if "kind" in tie:
        return tie["kind"]
    if tie.get("declared"):
        return "declared"
    if tie.get("joint_commitments") or tie.get("joint_initiatives") or tie.get("joint_interactions"):
        return "joint"
    return "meetings"


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

    Actors without a tie are never drawn (``untied_actors`` counts them): a dot that touches
    nothing says nothing, and a row of them crowds out the names. Up to ``max_nodes`` actors
    with ties are drawn as themselves, too many ties cut to the strongest ``max_ties``.
    Otherwise each community with a tie (``communities`` as from
    ``NetworkFigures.communities``, or Louvain with ``seed``; sorted largest first) becomes
    one node whose id is the community's number, with attributes ``label`` (its actor with
    the greatest strength), ``sector`` (its most common sector), ``size``, ``sector_mix``
    ({sector: actors}), ``neighbourhoods`` (its most common neighbourhood, as a 1-tuple) and
    ``community``; ties between communities carry ``weight`` (summed), ``ties`` (how many)
    and ``kind`` (the ``tie_kind`` most of them have), and only each community's
    ``GROUP_LINKS`` strongest are kept. Only the ``max_nodes`` largest communities are kept
    and at most ``max_ties`` ties.

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
    untied = {node for node in graph if not graph[node]}
    if nodes - len(untied) <= max_nodes:
        tied = graph.subgraph(node for node in graph if node not in untied).copy() if untied else graph
        return replace(_actors(tied, max_ties), total_nodes=nodes, untied_actors=len(untied))

    if communities is None:
        communities = find_communities(graph, seed=seed)
    ranked = sorted(communities, key=lambda c: (-len(c), min(c)))
    kept = [(number, members) for number, members in enumerate(ranked) if not members <= untied][:max_nodes]
    collapsed = _backbone(_collapse(graph, kept), GROUP_LINKS)
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
        places = Counter(place for n in members for place in graph.nodes[n].get("neighbourhoods", ()))
        leader = min(members, key=lambda n: (-strength[n], n))
        main_sector = max(SECTORS, key=lambda s: (sectors[s], -SECTORS.index(s))) if any(
            sectors[s] for s in SECTORS) else None
        main_place = min(places, key=lambda p: (-places[p], p)) if places else None
        collapsed.add_node(i, label=graph.nodes[leader].get("label", str(leader)), sector=main_sector,
                           size=len(members), sector_mix={s: sectors[s] for s in SECTORS}, community=i,
                           neighbourhoods=() if main_place is None else (main_place,))
    kinds: dict[tuple, Counter] = {}
    for u, v, tie in graph.edges(data=True):
        a, b = number.get(u), number.get(v)
        if a is None or b is None or a == b:
            continue
        weight = tie.get("weight", 1)
        if collapsed.has_edge(a, b):
            collapsed[a][b]["weight"] += weight
            collapsed[a][b]["ties"] += 1
        else:
            collapsed.add_edge(a, b, weight=weight, ties=1)
        kinds.setdefault((min(a, b), max(a, b)), Counter())[tie_kind(tie)] += 1
    for (a, b), counted in kinds.items():
        collapsed[a][b]["kind"] = min(TIE_KINDS, key=lambda kind: (-counted[kind], TIE_KINDS.index(kind)))
    return collapsed


def _backbone(graph: nx.Graph, per_node: int) -> nx.Graph:
    """Keep each node's ``per_node`` heaviest ties (a tie stays when either end keeps it)."""
    kept = set()
    for node in graph:
        heaviest = sorted(graph[node].items(), key=lambda item: (-item[1].get("weight", 1), item[0]))[:per_node]
        kept.update((min(node, other), max(node, other)) for other, _ in heaviest)
    graph.remove_edges_from([(u, v) for u, v in list(graph.edges) if (min(u, v), max(u, v)) not in kept])
    return graph


@dataclass(frozen=True)
class QuarterActivity:
    """Which drawn actors and ties were active in each quarter, so a time control can show them in place.

    ``nodes`` maps a drawn node, ``ties`` a drawn tie (its ends, smaller first), to a bit mask:
    bit ``i`` is set when it was active in ``quarters[i]``.
    """

    quarters: tuple[str, ...] = ()
    nodes: dict = field(default_factory=dict)
    ties: dict = field(default_factory=dict)

    def mask_of_tie(self, first, second) -> int:
        return self.ties.get((first, second) if first <= second else (second, first), 0)


def quarter_activity(quarter_graphs: Iterable, drawn: nx.Graph, node_of: Callable | None = None) -> QuarterActivity:
    """Return which of ``drawn``'s nodes and ties were active in each quarter.

    ``quarter_graphs`` are ``(label, first day, last day, graph)`` as ``timeline.quarterly_graphs``
    yields them; ``node_of`` maps an actor to the drawn node it is part of (its community in a
    drawing of communities; the actor itself by default), None when it is not drawn.

    >>> quarters = [("2025-Q1", None, None, nx.Graph([(1, 2)])), ("2025-Q2", None, None, nx.Graph([(2, 3)]))]
    >>> activity = quarter_activity(quarters, nx.Graph([(1, 2), (2, 3)]))
    >>> activity.quarters, activity.nodes[2], activity.mask_of_tie(3, 2)
    (('2025-Q1', '2025-Q2'), 3, 2)
    """
    labels, nodes, ties = [], {}, {}
    for index, (label, _first, _last, graph) in enumerate(quarter_graphs):
        labels.append(label)
        bit = 1 << index
        drawn_of = {actor: actor if node_of is None else node_of(actor) for actor in graph}
        for node in set(drawn_of.values()):
            if node is not None and node in drawn:
                nodes[node] = nodes.get(node, 0) | bit
        for u, v in graph.edges:
            a, b = drawn_of[u], drawn_of[v]
            if a is not None and b is not None and a != b and drawn.has_edge(a, b):
                key = (a, b) if a <= b else (b, a)
                ties[key] = ties.get(key, 0) | bit
    return QuarterActivity(tuple(labels), nodes, ties)
