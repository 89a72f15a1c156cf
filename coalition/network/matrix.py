"""Two networkx figures rewritten as sparse matrix products, because networkx is too slow at scale.

Measured on a design-scale graph (5,000 organisations, 255,000 ties, 2 cores): ``nx.clustering``
about 25 s; ``nx.adamic_adar_index`` 7 s per 100,000 pairs, with some 12 million candidate
pairs. As products of the adjacency matrix both take about a second. They compute exactly
networkx's definitions, and tests/network compare them with networkx on small graphs.
Rows are processed in blocks so memory stays bounded.
"""
from collections.abc import Iterator

import networkx as nx
import numpy as np
import scipy.sparse as sparse

__all__ = ["adjacency", "clustering", "adamic_adar_blocks"]

BLOCK_ROWS = 1000


def adjacency(graph: nx.Graph) -> sparse.csr_array:
    """Return the 0/1 adjacency matrix in ``graph``'s node order, self-loops left out.

    >>> adjacency(nx.path_graph(3)).toarray().tolist()
    [[0.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]
    """
    matrix = nx.to_scipy_sparse_array(graph, weight=None, format="csr", dtype=float)
    matrix.setdiag(0)
    matrix.eliminate_zeros()
    matrix.data[:] = 1.0
    return matrix


def clustering(graph: nx.Graph) -> dict:
    """Return each node's (unweighted) clustering coefficient, as ``nx.clustering(graph)``.

    The share of pairs of an actor's partners that are tied to each other: triangles through
    the node over d(d-1)/2; 0.0 with fewer than two partners.

    >>> clustering(nx.complete_graph(3))
    {0: 1.0, 1: 1.0, 2: 1.0}
    """
    if graph.number_of_nodes() == 0:
        return {}
    matrix = adjacency(graph)
    degrees = np.asarray(matrix.sum(axis=1)).ravel()
    triangles = np.zeros(len(degrees))
    for start in range(0, matrix.shape[0], BLOCK_ROWS):
        rows = matrix[start:start + BLOCK_ROWS]
        # (A @ A)[i, j] counts paths i-w-j; kept where i-j is a tie, each triangle counted twice.
        triangles[start:start + BLOCK_ROWS] = np.asarray((rows @ matrix).multiply(rows).sum(axis=1)).ravel() / 2
    possible = degrees * (degrees - 1) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        coefficients = np.where(possible > 0, triangles / possible, 0.0)
    return dict(zip(graph.nodes, coefficients.tolist()))


def adamic_adar_blocks(graph: nx.Graph) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Yield (first, second, score) arrays for untied pairs sharing at least one partner.

    Indexes are positions in ``list(graph)``, first < second; the score is
    ``nx.adamic_adar_index``'s: the sum over shared partners w of 1/log(degree(w)).

    >>> [(a.tolist(), b.tolist(), s.round(3).tolist()) for a, b, s in adamic_adar_blocks(nx.path_graph(3))]
    [([0], [2], [1.443])]
    """
    if graph.number_of_nodes() == 0:
        return
    matrix = adjacency(graph)
    degrees = np.asarray(matrix.sum(axis=1)).ravel()
    # A shared partner has degree 2 or more, so log(degree) > 0 wherever it is used.
    with np.errstate(divide="ignore"):
        inverse_log = np.where(degrees > 1, 1.0 / np.log(np.maximum(degrees, 2)), 0.0)
    weighted_columns = matrix.multiply(inverse_log[np.newaxis, :]).tocsr()
    for start in range(0, matrix.shape[0], BLOCK_ROWS):
        rows = weighted_columns[start:start + BLOCK_ROWS]
        scores = (rows @ matrix).tocsr()
        scores = (scores - scores.multiply(matrix[start:start + BLOCK_ROWS])).tocoo()
        first = scores.row + start
        keep = (scores.col > first) & (scores.data > 0)
        yield first[keep], scores.col[keep], scores.data[keep]
