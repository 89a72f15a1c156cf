"""Each figure against values worked out by hand on small named graphs."""
import math
from fractions import Fraction

import networkx as nx
import pytest

from coalition.network import ACTOR_FIGURES, NETWORK_FIGURES, annotate, build_network, figures, helix_coverage
from coalition.network.centrality import betweenness, eigenvector
from coalition.network.matrix import clustering

from .builders import graph_with_sectors, meeting, organisation


def star():
    """Centre 0 tied to 1, 2, 3."""
    return graph_with_sectors([(0, 1), (0, 2), (0, 3)], dict.fromkeys(range(4), "public"))


def path():
    """0 - 1 - 2 - 3."""
    return graph_with_sectors([(0, 1), (1, 2), (2, 3)], dict.fromkeys(range(4), "public"))


def two_triangles():
    """Triangles 0-1-2 and 3-4-5, joined by the bridge 2-3."""
    return graph_with_sectors(nx.barbell_graph(3, 0).edges, dict.fromkeys(range(6), "civil"))


def actor(result, node):
    return result.actors[node]


def test_star_centre_is_the_broker_and_leaves_are_fully_constrained():
    result = figures(star())
    centre, leaf = actor(result, 0), actor(result, 1)
    assert (centre["degree"], leaf["degree"]) == (3, 1)
    assert (centre["strength"], leaf["strength"]) == (3, 1)
    assert centre["betweenness"] == pytest.approx(1.0) and leaf["betweenness"] == 0
    # Leading eigenvector of the star: centre 1/sqrt(2), leaves 1/sqrt(6).
    assert centre["eigenvector"] == pytest.approx(1 / math.sqrt(2), abs=1e-6)
    assert leaf["eigenvector"] == pytest.approx(1 / math.sqrt(6), abs=1e-6)
    # PageRank: c = 0.0375 + 0.85 * 3 l, l = 0.0375 + 0.85 c / 3.
    assert centre["pagerank"] == pytest.approx(0.0375 * 3.55 / 0.2775, abs=1e-5)
    assert leaf["pagerank"] == pytest.approx((1 - 0.0375 * 3.55 / 0.2775) / 3, abs=1e-5)
    assert centre["clustering"] == 0.0
    assert centre["constraint"] == pytest.approx(1 / 3) and leaf["constraint"] == pytest.approx(1.0)
    assert result.network["density"] == pytest.approx(3 / 6)


def test_path_middle_actors_broker_two_thirds_of_the_pairs():
    result = figures(path())
    assert [actor(result, n)["betweenness"] for n in range(4)] == pytest.approx([0, 2 / 3, 2 / 3, 0])
    golden = (1 + math.sqrt(5)) / 2
    norm = math.sqrt(2 + 2 * golden**2)
    assert [actor(result, n)["eigenvector"] for n in range(4)] == pytest.approx(
        [1 / norm, golden / norm, golden / norm, 1 / norm], abs=1e-6)
    assert [actor(result, n)["constraint"] for n in range(4)] == pytest.approx([1, 0.5, 0.5, 1])
    assert result.network["components"] == 1 and result.network["largest_component_share"] == 1.0


def test_two_triangles_joined_by_a_bridge():
    result = figures(two_triangles())
    assert [actor(result, n)["betweenness"] for n in range(6)] == pytest.approx([0, 0, 0.6, 0.6, 0, 0])
    assert [actor(result, n)["clustering"] for n in range(6)] == pytest.approx([1, 1, 1 / 3, 1 / 3, 1, 1])
    # Constraint of 0: (1/2 + 1/2 * 1/3)^2 + (1/2 + 1/2 * 1/2)^2; of 2: 2 * (1/3 + 1/3 * 1/2)^2 + (1/3)^2.
    assert actor(result, 0)["constraint"] == pytest.approx(4 / 9 + 9 / 16)
    assert actor(result, 2)["constraint"] == pytest.approx(1 / 2 + 1 / 9)
    assert result.communities == [frozenset({0, 1, 2}), frozenset({3, 4, 5})]
    assert [actor(result, n)["community"] for n in range(6)] == [0, 0, 0, 1, 1, 1]
    assert result.network["modularity"] == pytest.approx(5 / 14)
    assert result.network["density"] == pytest.approx(7 / 15)
    assert result.network["communities"] == 2


def test_weighted_betweenness_follows_the_strong_ties():
    # a-b is weak (distance 1); a-c-b is strong (distance 1/4 + 1/4), so c brokers a and b.
    graph = nx.Graph()
    graph.add_edge("a", "b", weight=1)
    graph.add_edge("a", "c", weight=4)
    graph.add_edge("c", "b", weight=4)
    result = betweenness(graph)
    assert result.steps == {"a": 0.0, "b": 0.0, "c": 0.0}
    assert result.weighted["c"] == pytest.approx(1.0)


def test_weighted_betweenness_counts_both_equally_short_paths_where_networkx_counts_one():
    """A six-cycle with weights 1, 1, 3, 1, 3, 1: from 0 to 3 both ways are 1 + 1 + 1/3 long.

    As floats the two sums differ in the last digit, so networkx keeps one path and drops the
    other; igraph's values, which these are, are the exact ones.
    """
    graph = nx.Graph()
    for (u, v), weight in zip(nx.utils.pairwise(range(6), cyclic=True), (1, 1, 3, 1, 3, 1), strict=True):
        graph.add_edge(u, v, weight=weight)
    exact = nx.Graph()
    exact.add_edges_from((u, v, {"distance": Fraction(1, w)}) for u, v, w in graph.edges(data="weight"))
    expected = nx.betweenness_centrality(exact, weight="distance")  # fractions add up exactly
    result = betweenness(graph)
    assert result.weighted == pytest.approx(expected, abs=1e-12)
    assert result.weighted == pytest.approx({0: 0.15, 1: 0.15, 2: 0.2, 3: 0.25, 4: 0.25, 5: 0.2}, abs=1e-12)
    floats = nx.Graph()
    floats.add_edges_from((u, v, {"distance": 1 / w}) for u, v, w in graph.edges(data="weight"))
    assert nx.betweenness_centrality(floats, weight="distance")[3] == pytest.approx(0.275), \
        "networkx drops one of the two equally short paths from 0 to 3 (and from 1 to 4)"


@pytest.mark.parametrize("weight", [0, 0.0, -1])
def test_a_tie_of_weight_zero_is_refused_with_a_clear_error(weight):
    graph = nx.Graph([("Norrvik stad", "Backens IF", {"weight": 2}), ("Backens IF", "Hem AB", {"weight": weight})])
    with pytest.raises(ValueError, match=f"The tie between Backens IF and Hem AB has weight {weight}: "
                                         "every tie must weigh more than 0."):
        figures(graph)


def test_isolates_get_no_constraint_and_count_as_their_own_component():
    graph = star()
    graph.add_node(9, label="Alone", sector="academic", neighbourhoods=())
    result = figures(graph)
    assert actor(result, 9)["constraint"] is None
    assert actor(result, 9)["eigenvector"] == 0.0
    assert result.network["isolates"] == 1
    assert result.network["components"] == 2
    assert result.network["largest_component_share"] == pytest.approx(4 / 5)


def test_eigenvector_in_a_split_network_is_weighed_by_each_part_s_share():
    graph = nx.Graph([(0, 1), (1, 2), (0, 2), (3, 4)])
    values = eigenvector(graph)
    # Triangle: 1/sqrt(3) each, times 3/5 of the actors; pair: 1/sqrt(2), times 2/5.
    assert [values[n] for n in range(3)] == pytest.approx([3 / 5 / math.sqrt(3)] * 3)
    assert [values[3], values[4]] == pytest.approx([2 / 5 / math.sqrt(2)] * 2)


def test_connected_eigenvector_equals_networkx():
    graph = nx.karate_club_graph()
    expected = nx.eigenvector_centrality(graph, weight="weight", max_iter=1000, tol=1e-9)
    assert eigenvector(graph) == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize("graph", [nx.karate_club_graph(), nx.gnp_random_graph(40, 0.15, seed=4),
                                   nx.barbell_graph(5, 2), nx.empty_graph(3)])
def test_matrix_clustering_equals_networkx(graph):
    assert clustering(graph) == pytest.approx(nx.clustering(graph))


def test_large_graphs_get_an_estimated_betweenness_that_says_so():
    graph = nx.gnp_random_graph(60, 0.1, seed=1)
    exact = figures(graph)
    estimate = figures(graph, exact_betweenness_up_to=50, betweenness_sample=20)
    assert exact.network["betweenness_estimated"] is False and exact.network["betweenness_sample"] is None
    assert estimate.network["betweenness_estimated"] is True and estimate.network["betweenness_sample"] == 20
    again = figures(graph, exact_betweenness_up_to=50, betweenness_sample=20)
    assert estimate.actors == again.actors


def four_sector_coalition():
    """Two organisations per sector; four ties cross sectors, three stay inside one; 8 is alone."""
    actors = [organisation(1, "private", {1}), organisation(2, "private", {2}),
              organisation(3, "public", {1, 2}), organisation(4, "public"),
              organisation(5, "civil", {1, 2}), organisation(6, "academic", {2}),
              organisation(7, "academic", {2}), organisation(8, "civil", {2})]
    pairs = [(1, 2), (3, 4), (6, 7),  # within
             (1, 3), (3, 5), (5, 6), (2, 7)]  # across
    attendances = [row for number, pair in enumerate(pairs) for row in meeting(number, pair)]
    return build_network(actors, attendances)


def test_four_sector_coalition_mixing_matrix_and_ei_index():
    result = figures(four_sector_coalition())
    #                              private public civil academic
    assert result.network["sector_mixing"] == [[1, 1, 0, 1],
                                               [1, 1, 1, 0],
                                               [0, 1, 0, 1],
                                               [1, 0, 1, 1]]
    assert result.network["ei_index"] == pytest.approx((4 - 3) / 7)
    assert result.network["cross_sector_share"] == pytest.approx(4 / 7)
    assert result.network["isolates"] == 1
    assert result.network["nodes"] == 8 and result.network["ties"] == 7


def test_a_network_without_ties_has_no_ei_index_or_modularity():
    result = figures(graph_with_sectors([], {1: "civil", 2: "public"}))
    assert result.network["ei_index"] is None
    assert result.network["cross_sector_share"] is None
    assert result.network["modularity"] is None
    assert result.network["sector_mixing"] == [[0] * 4 for _ in range(4)]


def test_an_empty_network_has_figures_too():
    result = figures(nx.Graph())
    assert result.actors == {}
    assert result.network["nodes"] == 0 and result.network["largest_component_share"] is None


def test_helix_coverage_says_which_sectors_are_present_and_tied_per_neighbourhood():
    coverage = {c.neighbourhood_id: c for c in helix_coverage(four_sector_coalition())}
    first = coverage[1]  # organisations 1 private, 3 public, 5 civil
    assert first.sectors == ("private", "public", "civil")
    assert first.missing_sectors == ("academic",)
    assert first.pairs == (("private", "public", True), ("private", "civil", False), ("public", "civil", True))
    second = coverage[2]  # 2 private, 3 public, 5 and 8 civil, 6 and 7 academic
    assert second.actors == {"private": 1, "public": 1, "civil": 2, "academic": 2}
    assert second.untied_pairs == (("private", "public"), ("private", "civil"), ("public", "academic"))
    assert not second.complete


def test_every_figure_has_a_name_and_a_meaning_and_is_computed():
    result = figures(two_triangles())
    assert {f.key for f in ACTOR_FIGURES} == set(result.actors[0])
    assert {f.key for f in NETWORK_FIGURES} <= set(result.network)
    assert all(f.label and f.meaning.endswith(".") for f in ACTOR_FIGURES + NETWORK_FIGURES)


def test_annotate_puts_the_figures_on_a_copy_of_the_graph():
    graph = two_triangles()
    annotated = annotate(graph, figures(graph))
    assert annotated.nodes[2]["betweenness"] == pytest.approx(0.6)
    assert annotated.graph["ties"] == 7
    assert "betweenness" not in graph.nodes[2]


@pytest.mark.parametrize("sample", [None, 10])
def test_betweenness_equals_networkx_exact_and_sampled(sample):
    # Weights 1, 2 and 4 give distances that add up exactly in floating point, so shortest
    # paths tie the same way in igraph and networkx.
    graph = nx.gnm_random_graph(60, 200, seed=3)
    for u, v in graph.edges:
        graph[u][v]["weight"] = (1, 2, 4)[(u + v) % 3]
    distances = nx.Graph()
    distances.add_nodes_from(graph)
    distances.add_edges_from((u, v, {"distance": 1 / w}) for u, v, w in graph.edges(data="weight"))
    result = betweenness(graph, sample=sample, seed=42)
    expected_steps = nx.betweenness_centrality(graph, k=sample, normalized=True, seed=42)
    expected_weighted = nx.betweenness_centrality(distances, k=sample, normalized=True, weight="distance", seed=42)
    assert result.steps == pytest.approx(expected_steps, abs=1e-9)
    assert result.weighted == pytest.approx(expected_weighted, abs=1e-9)
    assert result.estimated is (sample is not None)
