"""Groups of actors who work more with each other than with the rest (Louvain, fixed seed)."""
import networkx as nx

__all__ = ["DEFAULT_SEED", "find_communities", "community_of", "modularity"]

# One seed everywhere, so the same data gives the same communities and drawing at every visit.
DEFAULT_SEED = 42


def find_communities(graph: nx.Graph, *, seed: int = DEFAULT_SEED) -> list[frozenset]:
    """Return the Louvain communities, largest first (ties: by smallest member).

    Weighted by ``weight``; an isolate is a community of its own.

    >>> find_communities(nx.barbell_graph(3, 0))
    [frozenset({0, 1, 2}), frozenset({3, 4, 5})]
    """
    if graph.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    return sorted((frozenset(c) for c in found), key=lambda c: (-len(c), min(c)))


def community_of(communities: list[frozenset]) -> dict:
    """Map each node to its community's number (0 = the largest).

    >>> community_of([frozenset({1, 2}), frozenset({3})])
    {1: 0, 2: 0, 3: 1}
    """
    return {node: number for number, members in enumerate(communities) for node in sorted(members)}


def modularity(graph: nx.Graph, communities: list[frozenset]) -> float | None:
    """Return the weighted modularity of the partition, or None when there are no ties.

    >>> round(modularity(nx.barbell_graph(3, 0), find_communities(nx.barbell_graph(3, 0))), 4)
    0.3571
    """
    if graph.number_of_edges() == 0:
        return None
    return float(nx.community.modularity(graph, communities, weight="weight"))
