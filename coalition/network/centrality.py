"""Who sits between others (betweenness) and who is tied to the well tied (eigenvector, PageRank)."""
import random
from dataclasses import dataclass

import igraph
import networkx as nx
import numpy as np
from scipy.sparse.linalg import eigsh

from .communities import DEFAULT_SEED

__all__ = ["Betweenness", "betweenness", "eigenvector", "pagerank"]


@dataclass(frozen=True)
class Betweenness:
    """Betweenness per node, counting each tie as one step and with distance 1/weight.

    ``sample`` is the number of source actors the estimate used, None when exact.
    """

    steps: dict
    weighted: dict
    sample: int | None

    @property
    def estimated(self) -> bool:
        return self.sample is not None


def betweenness(graph: nx.Graph, *, sample: int | None = None, seed: int = DEFAULT_SEED) -> Betweenness:
    """Return normalised betweenness, exact, or estimated from ``sample`` sources with ``seed``.

    Computed with igraph, from the sources networkx's ``betweenness_centrality`` would sample
    and scaled as it scales: in networkx each sampled source cost about 1.5 s, and 3 s with
    distances, at design scale, so 50 sources took 228 s of the job's 120 s. Strong ties are
    short: the weighted variant uses distance 1/weight, and every weight must be above 0.

    Counting each tie as one step the values are networkx's. Weighted they are igraph's, which
    are the exact values; networkx's can differ, because it adds distances as floats and keeps
    only the smallest sum, so of two equally short paths whose sums differ in the last digit it
    drops one. In a six-cycle with weights 1, 1, 3, 1, 3, 1 the paths 1 + 1 + 1/3 and
    1 + 1/3 + 1 are equally short: here each counts half, networkx counts one whole. A sample as
    large as the graph is exact and reported as such.

    >>> result = betweenness(nx.path_graph(3))
    >>> result.steps, result.estimated
    ({0: 0.0, 1: 1.0, 2: 0.0}, False)
    """
    _refuse_weights_of_zero(graph)
    nodes = list(graph)
    if sample is not None and sample >= len(nodes):
        sample = None
    # networkx draws its sources like this; drawing the same ones keeps the estimates equal.
    sources = random.Random(seed).sample(nodes, sample) if sample is not None else None
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in graph.edges()]
    distances = [1.0 / w for _u, _v, w in graph.edges(data="weight", default=1)]
    steps = _scaled_betweenness(nodes, edges, None, sources)
    weighted = _scaled_betweenness(nodes, edges, distances, sources)
    return Betweenness(_floats(steps), _floats(weighted), sample)


def _refuse_weights_of_zero(graph: nx.Graph) -> None:
    """Raise ValueError naming the first tie whose weight is 0 or less: its distance 1/weight is undefined."""
    for u, v, weight in graph.edges(data="weight", default=1):
        if not weight > 0:
            raise ValueError(f"The tie between {u} and {v} has weight {weight}: every tie must weigh more than 0.")


def _scaled_betweenness(nodes: list, edges: list, distances: list | None, sources: list | None) -> dict:
    """igraph's betweenness, scaled as networkx scales ``normalized=True, endpoints=False``."""
    n = len(nodes)
    if n < 3:
        return dict.fromkeys(nodes, 0.0)
    graph = igraph.Graph(n=n, edges=edges)
    position = {node: i for i, node in enumerate(nodes)}
    raw = graph.betweenness(directed=False, weights=distances,
                            sources=[position[s] for s in sources] if sources is not None else None)
    # igraph counts each unordered pair once, networkx each ordered pair: hence the 2.
    if sources is None:
        return {node: 2 * raw[i] / ((n - 1) * (n - 2)) for i, node in enumerate(nodes)}
    k, sampled = len(sources), set(sources)
    # A sampled source is never its own endpoint, so it is averaged over one source fewer.
    return {node: 2 * raw[i] / ((max(k - 1, 1) if node in sampled else k) * (n - 2)) for i, node in enumerate(nodes)}


def eigenvector(graph: nx.Graph) -> dict:
    """Return weighted eigenvector centrality, component by component.

    It is only defined for a connected graph. So it is computed in each component (as
    networkx does, unit length there) and multiplied by the component's share of all actors:
    an actor at the heart of a splinter pair does not outrank one at the heart of the main
    network. For a connected graph it equals ``nx.eigenvector_centrality``; isolates get 0.0.
    A sparse eigensolver takes under a second at design scale, where networkx's power iteration
    took 16 s.

    >>> {n: round(x, 4) for n, x in eigenvector(nx.star_graph(2)).items()}
    {0: 0.7071, 1: 0.5, 2: 0.5}
    """
    total = graph.number_of_nodes()
    values = dict.fromkeys(graph, 0.0)
    for component in nx.connected_components(graph):
        if len(component) > 1:
            share = len(component) / total
            values.update({node: x * share for node, x in _leading_eigenvector(graph.subgraph(component)).items()})
    return values


def _leading_eigenvector(graph: nx.Graph) -> dict:
    """Unit-length leading eigenvector of a connected graph's weighted adjacency matrix.

    ``eigsh`` from a fixed start vector: ``nx.eigenvector_centrality_numpy`` starts ARPACK
    from a random one, so its last digits change from run to run.
    """
    adjacency = nx.to_scipy_sparse_array(graph, weight="weight", dtype=float)
    if len(graph) == 2:
        vector = np.ones(2)
    else:
        _, vectors = eigsh(adjacency, k=1, which="LA", v0=np.ones(len(graph)))
        vector = vectors[:, 0]
    vector = np.abs(vector) / np.linalg.norm(vector)
    return dict(zip(graph, vector.tolist()))


def pagerank(graph: nx.Graph) -> dict:
    """Return weighted PageRank (damping 0.85); it copes with disconnected graphs as it is.

    >>> {n: round(x, 3) for n, x in pagerank(nx.path_graph(3)).items()}
    {0: 0.257, 1: 0.486, 2: 0.257}
    """
    if graph.number_of_nodes() == 0:
        return {}
    return _floats(nx.pagerank(graph, weight="weight"))


def _floats(values: dict) -> dict:
    return {node: float(x) for node, x in values.items()}
