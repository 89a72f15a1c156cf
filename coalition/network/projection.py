"""Project "who attended what" onto "who met whom" as a sparse matrix product.

networkx's ``bipartite.weighted_projected_graph`` took 5.7 s at design scale (5,000
organisations, 10,000 meetings); the same projection as ``B @ B.T`` over the actor x meeting
incidence matrix takes about 0.1 s. The results are the same, as tests/network check.
"""
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sparse

__all__ = ["Projection", "project"]


@dataclass(frozen=True)
class Projection:
    """Every pair of actors sharing at least one event, as parallel arrays, row-major by actor.

    ``first``/``second`` index ``actors`` (sorted), first < second; ``counts`` is how many events
    the pair shares, ``newman_weights`` the sum over those events of 1/(n-1).
    """

    actors: list
    first: np.ndarray
    second: np.ndarray
    counts: np.ndarray
    newman_weights: np.ndarray

    def __len__(self) -> int:
        return len(self.first)

    def pairs(self) -> Iterator[tuple[Hashable, Hashable, int, float]]:
        """Yield (first actor, second actor, shared events, Newman weight) as plain Python values."""
        actors = self.actors
        for i, j, count, weight in zip(self.first.tolist(), self.second.tolist(), self.counts.tolist(),
                                       self.newman_weights.tolist()):
            yield actors[i], actors[j], count, weight


def project(memberships: Iterable[tuple[Hashable, Hashable]]) -> Projection:
    """Project (actor, event) memberships onto pairs of actors who share events.

    Repeats count once, so two people from one organisation make one organisation attendance.
    ``counts`` equal networkx's ``weighted_projected_graph`` weights; ``newman_weights`` its
    ``collaboration_weighted_projected_graph`` ones (n = the event's distinct actors). Actors
    must be sortable (ids are ints).

    >>> list(project([(1, "a"), (2, "a"), (3, "a"), (1, "b"), (2, "b")]).pairs())
    [(1, 2, 2, 1.5), (1, 3, 1, 0.5), (2, 3, 1, 0.5)]
    """
    pairs = dict.fromkeys(memberships)
    actors = sorted({actor for actor, _ in pairs})
    if not pairs:
        empty = np.zeros(0, dtype=np.int64)
        return Projection(actors, empty, empty, empty, np.zeros(0))
    actor_index = {actor: i for i, actor in enumerate(actors)}
    event_index: dict[Hashable, int] = {}
    rows = np.fromiter((actor_index[actor] for actor, _ in pairs), dtype=np.int64, count=len(pairs))
    cols = np.fromiter((event_index.setdefault(event, len(event_index)) for _, event in pairs),
                       dtype=np.int64, count=len(pairs))
    incidence = sparse.csr_array((np.ones(len(pairs)), (rows, cols)), shape=(len(actors), len(event_index)))

    event_sizes = incidence.sum(axis=0)
    with np.errstate(divide="ignore"):
        per_event = np.where(event_sizes > 1, 1.0 / (event_sizes - 1), 0.0)
    counts = _upper_triangle(incidence @ incidence.T)
    newman = _upper_triangle(incidence.multiply(per_event[np.newaxis, :]).tocsr() @ incidence.T)
    # Both products have the same pattern: a pair shares an event only if it has two actors or more.
    assert np.array_equal(counts.row, newman.row) and np.array_equal(counts.col, newman.col)
    return Projection(actors, counts.row.astype(np.int64), counts.col.astype(np.int64),
                      np.rint(counts.data).astype(np.int64), newman.data.astype(float))


def _upper_triangle(matrix) -> sparse.coo_array:
    """Keep each pair once (row < column), in row-major order."""
    upper = sparse.triu(sparse.csr_array(matrix), k=1, format="csr")
    upper.sum_duplicates()
    upper.sort_indices()
    return upper.tocoo()
