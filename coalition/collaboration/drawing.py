"""Which drawing of a computed network to show: its reduction, fixed-seed layout and activity by quarter.

The network page and the steering group's report draw alike from here: at most ~500 nodes and
2,000 ties (``network.reduce_for_drawing`` says how a larger network is reduced), laid out with
a fixed seed so the picture is the same at every visit; ``picture`` turns it into the SVG.
A community of a network drawn as communities opens as a drawing of its own actors. The
background job makes all of these ahead for the whole programme (``draw_ahead``); anything
else is made when first asked for and kept with its computed network.
"""
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from ..network import Drawing, NetworkFilter, find_communities, layout, reduce_for_drawing
from ..network.drawing import QuarterActivity, quarter_activity, tie_kind
from .cache import derived

__all__ = ["MAX_DRAWN_NODES", "Drawn", "community_drawing_for", "draw", "draw_ahead", "drawing_for",
           "with_activity"]

# The most actors a drawing of one community shows (as many as a reduced drawing has nodes).
MAX_DRAWN_NODES = 500


@dataclass(frozen=True)
class Drawn:
    """A drawing, where its nodes go, and (when known) which of them were active in each quarter."""

    drawing: Drawing
    positions: dict
    activity: QuarterActivity | None = None
    community: int | None = None  # the community this drawing opens (None: the whole network)


def draw(graph, communities: list) -> tuple[Drawing, dict]:
    """Reduce a graph for drawing and lay it out, its communities standing apart (the job calls it too)."""
    drawing = reduce_for_drawing(graph, communities=communities)
    grouped = None if drawing.reduction == "communities" else communities
    return drawing, layout(drawing.graph, communities=grouped)


def _community_drawing(graph, members) -> tuple[Drawing, dict]:
    """Draw one community's actors: its ``MAX_DRAWN_NODES`` of greatest strength, its own groups apart."""
    strength = dict(graph.degree(members, weight="weight"))
    kept = sorted(members, key=lambda n: (-strength[n], n))[:MAX_DRAWN_NODES]
    own = graph.subgraph(kept).copy()
    drawing = reduce_for_drawing(own, max_nodes=MAX_DRAWN_NODES)
    return drawing, layout(drawing.graph, communities=find_communities(drawing.graph))


def _activity(computed, drawing: Drawing, quarter_graphs: Callable | None) -> QuarterActivity | None:
    """Which drawn nodes and ties were active in each quarter (actors stand for their community's node)."""
    if quarter_graphs is None:
        return None
    node_of = computed.figures.community_of.get if drawing.reduction == "communities" else None
    return quarter_activity(quarter_graphs(), drawing.graph, node_of)


def drawing_for(computed, network_filter: NetworkFilter, quarter_graphs: Callable | None = None) -> Drawn:
    """Return the drawing of the whole computed network, made once (the job's when it made one).

    ``quarter_graphs()`` yields the filter's quarters (``timeline.quarterly_graphs``) for the
    time control; without it the drawing has no activity.
    """
    if computed.drawn is not None:
        drawing, positions, *rest = computed.drawn
        return Drawn(drawing, positions, rest[0] if rest else None)

    def make() -> Drawn:
        drawing, positions = draw(computed.graph, computed.figures.communities)
        return Drawn(drawing, positions, _activity(computed, drawing, quarter_graphs))

    return derived(computed, ("drawing", network_filter, quarter_graphs is not None), make)


def community_drawing_for(computed, network_filter: NetworkFilter, community: int,
                          quarter_graphs: Callable | None = None, ahead: dict | None = None) -> Drawn | None:
    """Return the drawing of one community's actors (None when there is no such community), made once.

    A community too large to draw keeps its ``MAX_DRAWN_NODES`` actors of greatest strength, so
    its nodes stay actors rather than sub-groups numbered unlike the table. ``computed`` must
    hold the ties (``NetworkView.with_ties``) unless the job drew the community ahead, in ``ahead``.
    """
    communities = computed.figures.communities
    if not 0 <= community < len(communities):
        return None
    if ahead is not None and community in ahead:
        drawing, positions, activity = ahead[community]
        return Drawn(drawing, positions, activity, community)

    def make() -> Drawn:
        drawing, positions = _community_drawing(computed.graph, communities[community])
        return Drawn(drawing, positions, _activity(computed, drawing, quarter_graphs), community)

    return derived(computed, ("community drawing", network_filter, community, quarter_graphs is not None), make)


def draw_ahead(graph, communities: list, *, smallest: int = 2) -> tuple[tuple, dict]:
    """Draw what the job stores for the map: the whole network, and each community of ``smallest`` actors with a tie.

    Returns ``((drawing, positions), {community: (drawing, positions)})``; ``with_activity`` adds
    each one's activity by quarter.
    """
    whole = draw(graph, communities)
    opened = {number: _slim(*_community_drawing(graph, members)) for number, members in enumerate(communities)
              if len(members) >= smallest and any(graph[n] for n in members)}
    return whole, opened


def _slim(drawing: Drawing, positions: dict) -> tuple[Drawing, dict]:
    """Keep of each tie only what the picture draws (its weight and kind): a fifth of the bytes to store and read."""
    slim = drawing.graph.__class__(**drawing.graph.graph)
    slim.add_nodes_from(drawing.graph.nodes(data=True))
    slim.add_edges_from((u, v, {"weight": tie.get("weight", 1), "kind": tie_kind(tie)})
                        for u, v, tie in drawing.graph.edges(data=True))
    return replace(drawing, graph=slim), positions


def with_activity(whole: tuple, opened: dict, communities: list, quarter_graphs: Iterable) -> tuple[tuple, dict]:
    """Return ``draw_ahead``'s drawings with their activity by quarter, walking the quarters once for all.

    ``((drawing, positions, activity), {community: (drawing, positions, activity)})``.
    """
    drawing, positions = whole
    collapsed = drawing.reduction == "communities"
    number = {actor: i for i, members in enumerate(communities) for actor in members}
    whole_nodes, whole_ties, inner_nodes, inner_ties, labels = {}, {}, {}, {}, []

    def mark(marks: dict, key, bit: int) -> None:
        marks[key] = marks.get(key, 0) | bit

    for index, (label, _first, _last, quarter) in enumerate(quarter_graphs):
        labels.append(label)
        bit = 1 << index
        for actor in quarter:
            own = number.get(actor)
            drawn_as = own if collapsed else actor
            if drawn_as is not None and drawn_as in drawing.graph:
                mark(whole_nodes, drawn_as, bit)
            if own in opened and actor in opened[own][0].graph:
                mark(inner_nodes, actor, bit)
        for u, v in quarter.edges:
            first, second = number.get(u), number.get(v)
            a, b = (first, second) if collapsed else (u, v)
            if a is not None and b is not None and a != b and drawing.graph.has_edge(a, b):
                mark(whole_ties, (a, b) if a <= b else (b, a), bit)
            if first in opened and first == second and opened[first][0].graph.has_edge(u, v):
                mark(inner_ties, (u, v) if u <= v else (v, u), bit)
    quarters = tuple(labels)
    each = {}
    for community, (inner, places) in opened.items():
        drawn = inner.graph
        each[community] = (inner, places, QuarterActivity(
            quarters, {n: inner_nodes[n] for n in drawn if n in inner_nodes},
            {key: inner_ties[key] for key in ((u, v) if u <= v else (v, u) for u, v in drawn.edges) if key in inner_ties}))
    return (drawing, positions, QuarterActivity(quarters, whole_nodes, whole_ties)), each
