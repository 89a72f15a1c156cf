"""Where each actor goes in the drawing: computed on the server with a fixed seed, so it never moves."""
import math

import networkx as nx
import numpy as np

from .communities import DEFAULT_SEED

__all__ = ["layout"]

# Isolates stand in a row along one edge (y = -1, the top of the SVG drawing), apart from the rest.
_ISOLATE_ROW = -0.85
# Ties within a community pull harder than ties between communities, so that the groups a
# steering group should see stand apart instead of melting into one ball.
_WITHIN_COMMUNITY, _BETWEEN_COMMUNITIES = 3.0, 0.4
# Separate parts of a network are packed side by side for a canvas this much wider than high.
_CANVAS_ASPECT, _GAP = 1.6, 0.25


def _fit(positions: dict, bottom: float) -> dict:
    """Stretch positions to fill x in [-1, 1] and y in [bottom, 1]."""
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]

    def scale(value, low, high, to_low, to_high):
        return (to_low + to_high) / 2 if high == low else to_low + (value - low) * (to_high - to_low) / (high - low)

    return {node: (scale(x, min(xs), max(xs), -1.0, 1.0), scale(y, min(ys), max(ys), bottom, 1.0))
            for node, (x, y) in positions.items()}


def _starting_points(graph: nx.Graph, communities: list, seed: int) -> tuple[dict, dict]:
    """Return (node -> community number, node -> starting point near its community's centre)."""
    number = {node: i for i, members in enumerate(communities) for node in members if node in graph}
    between = nx.Graph()
    between.add_nodes_from(set(number.values()))
    for u, v, weight in graph.edges(data="weight", default=1):
        a, b = number.get(u), number.get(v)
        if a is not None and b is not None and a != b:
            before = between[a][b]["weight"] if between.has_edge(a, b) else 0.0
            between.add_edge(a, b, weight=before + math.log1p(weight))
    centres = nx.spring_layout(between, weight="weight", seed=seed) if len(between) > 1 else {
        c: np.zeros(2) for c in between}
    sizes = {c: sum(1 for node in number if number[node] == c) for c in between}
    total = max(len(number), 1)
    rng = np.random.default_rng(seed)
    start = {}
    for node in graph:  # graph order, so the same graph gives the same points
        centre = centres.get(number.get(node), np.zeros(2))
        spread = 0.6 * math.sqrt(sizes.get(number.get(node), 1) / total)
        start[node] = centre + rng.uniform(-spread, spread, 2)
    return number, start


def _components(graph: nx.Graph) -> list[nx.Graph]:
    """The connected parts, largest first (ties: by their first node's place in the graph)."""
    order = {node: i for i, node in enumerate(graph)}
    parts = sorted(nx.connected_components(graph), key=lambda part: (-len(part), min(order[n] for n in part)))
    return [graph.subgraph(sorted(part, key=order.get)) for part in parts]


def _pair(part: nx.Graph) -> dict:
    """Two actors side by side (or one alone): a force layout would only turn them about."""
    return {node: np.array([float(i), 0.0]) for i, node in enumerate(part)}


def _packed(layouts: list[dict]) -> dict:
    """Place each connected part's layout in a box of its own, largest first, in shelves as wide as the canvas.

    Laid out together, the parts of a network drift apart and a pair of actors at one edge
    squeezes everyone else into a corner; each box's side grows with the root of its actors.
    """
    if len(layouts) == 1:
        return layouts[0]
    sides = [math.sqrt(len(part)) for part in layouts]
    shelf_width = max(sides[0], math.sqrt(sum(side * side for side in sides) * _CANVAS_ASPECT))
    placed, x, y, shelf_height = {}, 0.0, 0.0, 0.0
    for part, side in zip(layouts, sides):
        if x > 0 and x + side > shelf_width:
            x, y, shelf_height = 0.0, y + shelf_height * (1 + _GAP), 0.0
        points = np.array(list(part.values()), dtype=float)
        low, span = points.min(axis=0), np.ptp(points, axis=0)
        span[span == 0] = 1.0
        for node, point in part.items():
            placed[node] = (x, y) + (np.asarray(point) - low) / span * side
        x += side * (1 + _GAP)
        shelf_height = max(shelf_height, side)
    return placed


def layout(graph: nx.Graph, *, communities: list | None = None, seed: int = DEFAULT_SEED,
           iterations: int = 50) -> dict:
    """Return node -> (x, y), both in [-1, 1] and rounded to 4 decimals, the same every time.

    A force-directed layout (``nx.spring_layout``) of the actors with ties, where stronger ties
    pull harder, but only by the logarithm of their weight: otherwise a few organisations that
    met thirty times collapse into one blot. Given ``communities`` (sets of nodes, as from
    ``find_communities``), each community starts around its own place on a layout of the
    communities, and ties within one pull harder than ties between them: the groups stand apart.
    Parts of the network that are not connected are laid out each on its own and packed side
    by side, the largest first (see ``_packed``). Isolates would be flung to the edges and squeeze everyone else into the middle, so they
    stand in a row along one edge (a drawing leaves them out; see ``reduce_for_drawing``). It
    took 76 s at 5,000 nodes and takes about a second at 500: draw
    ``drawing.reduce_for_drawing(graph)`` instead of a large graph.

    >>> layout(nx.path_graph(3)) == layout(nx.path_graph(3))
    True
    >>> layout(nx.empty_graph(1))
    {0: (0.0, 0.0)}
    >>> layout(nx.empty_graph(2))
    {0: (-0.5, -1.0), 1: (0.5, -1.0)}
    >>> barbell = nx.barbell_graph(4, 0)
    >>> sorted(layout(barbell, communities=[set(range(4)), set(range(4, 8))])) == sorted(barbell)
    True
    """
    if graph.number_of_nodes() <= 1:
        return {node: (0.0, 0.0) for node in graph}
    tied = [node for node in graph if graph.degree(node) > 0]
    isolates = sorted((node for node in graph if graph.degree(node) == 0), key=str)
    positions = {}
    if tied:
        number, start = _starting_points(graph, communities, seed) if communities else ({}, None)
        softened = nx.Graph()
        softened.add_nodes_from(tied)
        for u, v, weight in graph.edges(data="weight", default=1):
            pull = 1.0
            if number:
                within = number.get(u) is not None and number.get(u) == number.get(v)
                pull = _WITHIN_COMMUNITY if within else _BETWEEN_COMMUNITIES
            softened.add_edge(u, v, weight=math.log1p(weight) * pull)
        raw = _packed([nx.spring_layout(part, weight="weight", seed=seed, iterations=iterations,
                                        pos={node: start[node] for node in part} if start else None)
                       if len(part) > 2 else _pair(part) for part in _components(softened)])
        positions = _fit(raw, bottom=_ISOLATE_ROW + 0.1 if isolates else -1.0)
    for index, node in enumerate(isolates):
        positions[node] = (-1.0 + 2.0 * (index + 0.5) / len(isolates), -1.0)
    return {node: (round(float(x), 4), round(float(y), 4)) for node, (x, y) in positions.items()}
