"""Meetings become ties with the right weights, as networkx's own projections would give."""
import random

import networkx as nx
import pytest
from networkx.algorithms import bipartite

from coalition.network.projection import project


def weights(memberships):
    return {(first, second): (count, weight) for first, second, count, weight in project(memberships).pairs()}


def test_shared_meetings_and_newman_weights_worked_out_by_hand():
    # M1: a b c (n=3, 1/2 each), M2: a b (n=2, 1), M3: a b c d (n=4, 1/3 each)
    memberships = [("a", "M1"), ("b", "M1"), ("c", "M1"), ("a", "M2"), ("b", "M2"),
                   ("a", "M3"), ("b", "M3"), ("c", "M3"), ("d", "M3")]
    result = weights(memberships)
    assert {pair: count for pair, (count, _) in result.items()} == {
        ("a", "b"): 3, ("a", "c"): 2, ("b", "c"): 2, ("a", "d"): 1, ("b", "d"): 1, ("c", "d"): 1}
    newman = {pair: w for pair, (_, w) in result.items()}
    assert newman[("a", "b")] == pytest.approx(1 / 2 + 1 + 1 / 3)
    assert newman[("a", "c")] == pytest.approx(1 / 2 + 1 / 3)
    assert newman[("c", "d")] == pytest.approx(1 / 3)


def test_an_actor_counted_twice_at_one_meeting_counts_once():
    assert weights([(1, "M"), (1, "M"), (2, "M")]) == {(1, 2): (1, 1.0)}


def test_a_meeting_with_one_actor_ties_no_one():
    assert weights([(1, "M"), (2, "N")]) == {}
    assert len(project([])) == 0


def random_bipartite(seed):
    rng = random.Random(seed)
    graph = nx.Graph()
    actors = [f"actor{i}" for i in range(25)]
    graph.add_nodes_from(actors, bipartite=0)
    for meeting in range(30):
        graph.add_node(("meeting", meeting), bipartite=1)
        for actor in rng.sample(actors, rng.randint(1, 8)):
            graph.add_edge(actor, ("meeting", meeting))
    return graph, actors


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_projection_equals_networkx_weighted_and_collaboration_projections(seed):
    graph, actors = random_bipartite(seed)
    memberships = [(u, v) if u in actors else (v, u) for u, v in graph.edges]
    result = weights(memberships)

    counted = bipartite.weighted_projected_graph(graph, actors)
    assert {tuple(sorted(e)) for e in counted.edges} == set(result)
    for u, v, w in counted.edges(data="weight"):
        assert result[tuple(sorted((u, v)))][0] == w

    newman = bipartite.collaboration_weighted_projected_graph(graph, actors)
    for u, v, w in newman.edges(data="weight"):
        assert result[tuple(sorted((u, v)))][1] == pytest.approx(w)
