"""Where each actor goes in the drawing: computed on the server with a fixed seed, so it never moves."""
import math

import networkx as nx

from .communities import DEFAULT_SEED

__all__ = ["layout"]

# Isolates stand in a row along one edge (y = -1, the top of the SVG drawing), apart from the rest.
_ISOLATE_ROW = -0.85


def _fit(positions: dict, bottom: float) -> dict:
    """Stretch positions to fill x in [-1, 1] and y in [bottom, 1]."""
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]

    def scale(value, low, high, to_low, to_high):
        return (to_low + to_high) / 2 if high == low else to_low + (value - low) * (to_high - to_low) / (high - low)

    return {node: (scale(x, min(xs), max(xs), -1.0, 1.0), scale(y, min(ys), max(ys), bottom, 1.0))
            for node, (x, y) in positions.items()}


def layout(graph: nx.Graph, *, seed: int = DEFAULT_SEED, iterations: int = 50) -> dict:
    """Return node -> (x, y), both in [-1, 1] and rounded to 4 decimals, the same every time.

    A force-directed layout (``nx.spring_layout``) of the actors with ties, where stronger ties
    pull harder, but only by the logarithm of their weight: otherwise a few organisations that
    met thirty times collapse into one blot. Isolates would be flung to the edges and squeeze
    everyone else into the middle, so they stand in a row along one edge. It took 76 s at
    5,000 nodes: draw ``drawing.reduce_for_drawing(graph)`` instead of a large graph.

    >>> layout(nx.path_graph(3)) == layout(nx.path_graph(3))
    True
    >>> layout(nx.empty_graph(1))
    {0: (0.0, 0.0)}
    >>> layout(nx.empty_graph(2))
    {0: (-0.5, -1.0), 1: (0.5, -1.0)}
    """
    if graph.number_of_nodes() <= 1:
        return {node: (0.0, 0.0) for node in graph}
    tied = [node for node in graph if graph.degree(node) > 0]
    isolates = sorted((node for node in graph if graph.degree(node) == 0), key=str)
    positions = {}
    if tied:
        softened = nx.Graph()
        softened.add_nodes_from(tied)
        softened.add_edges_from((u, v, {"weight": math.log1p(w)}) for u, v, w in graph.edges(data="weight", default=1))
        raw = nx.spring_layout(softened, weight="weight", seed=seed, iterations=iterations)
        positions = _fit(raw, bottom=_ISOLATE_ROW + 0.1 if isolates else -1.0)
    for index, node in enumerate(isolates):
        positions[node] = (-1.0 + 2.0 * (index + 0.5) / len(isolates), -1.0)
    return {node: (round(float(x), 4), round(float(y), 4)) for node, (x, y) in positions.items()}
