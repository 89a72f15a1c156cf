"""The drawing is the same at every visit, and a large graph is shrunk before it reaches the browser."""
import networkx as nx

from coalition.network import figures, find_communities, layout, reduce_for_drawing, strongest_ties

from .builders import graph_with_sectors


def coalition(size=40, seed=3):
    graph = nx.gnp_random_graph(size, 0.15, seed=seed)
    sectors = ("private", "public", "civil", "academic")
    nx.set_node_attributes(graph, {n: sectors[n % 4] for n in graph}, "sector")
    nx.set_node_attributes(graph, {n: f"Org {n}" for n in graph}, "label")
    nx.set_edge_attributes(graph, {e: 1 + sum(e) % 3 for e in graph.edges}, "weight")
    return graph


def test_the_layout_and_communities_are_the_same_every_time():
    assert layout(coalition()) == layout(coalition())
    assert find_communities(coalition()) == find_communities(coalition())
    assert figures(coalition()).actors == figures(coalition()).actors


def test_a_different_seed_gives_a_different_layout():
    assert layout(coalition(), seed=1) != layout(coalition(), seed=2)


def test_layout_positions_are_plain_floats_inside_the_unit_square():
    positions = layout(coalition())
    assert set(positions) == set(coalition())
    assert all(type(x) is float and -1 <= x <= 1 and -1 <= y <= 1 for x, y in positions.values())


def test_a_small_graph_is_drawn_whole():
    drawing = reduce_for_drawing(coalition())
    assert drawing.reduction == "none"
    assert drawing.shown_nodes == drawing.total_nodes == 40


def test_too_many_ties_are_cut_to_the_strongest_keeping_every_actor():
    graph = coalition()
    drawing = reduce_for_drawing(graph, max_ties=20)
    assert drawing.reduction == "strongest_ties"
    assert drawing.shown_ties == 20 and drawing.shown_nodes == 40
    weakest_kept = min(w for _, _, w in drawing.graph.edges(data="weight"))
    dropped = set(graph.edges) - set(drawing.graph.edges) - {(v, u) for u, v in drawing.graph.edges}
    assert all(graph.edges[e]["weight"] <= weakest_kept for e in dropped)


def test_too_many_actors_are_drawn_as_their_communities():
    graph = graph_with_sectors(nx.barbell_graph(4, 0).edges,
                               {0: "private", 1: "private", 2: "public", 3: "private",
                                4: "civil", 5: "civil", 6: "civil", 7: "academic"})
    drawing = reduce_for_drawing(graph, max_nodes=4)
    assert drawing.reduction == "communities"
    assert (drawing.total_nodes, drawing.shown_nodes, drawing.hidden_actors) == (8, 2, 0)
    first = drawing.graph.nodes[0]
    assert first["size"] == 4 and first["sector"] == "private"
    assert first["sector_mix"] == {"private": 3, "public": 1, "civil": 0, "academic": 0}
    assert first["label"] == "Org 3"  # the bridge end has the greatest strength
    assert drawing.graph.edges[0, 1] == {"weight": 1, "ties": 1, "kind": "meetings"}


def test_when_there_are_more_communities_than_room_the_smallest_are_hidden():
    graph = graph_with_sectors([(1, 2), (2, 3), (4, 5), (6, 7)], dict.fromkeys(range(1, 8), "civil"))
    drawing = reduce_for_drawing(graph, max_nodes=2)
    assert drawing.shown_nodes == 2 and drawing.hidden_actors == 2


def test_a_large_graph_leaves_out_actors_without_ties_and_draws_the_rest_as_actors_when_they_fit():
    """A quarter of a large programme: most actors took no part then, and one dot each says nothing."""
    graph = graph_with_sectors(nx.path_graph(10).edges, dict.fromkeys(range(10), "civil"), isolates=range(10, 30))
    drawing = reduce_for_drawing(graph, max_nodes=15)
    assert drawing.reduction == "none"
    assert set(drawing.graph) == set(range(10))
    assert (drawing.total_nodes, drawing.untied_actors, drawing.hidden_actors) == (30, 20, 0)


def test_community_nodes_keep_their_numbers_without_the_actors_that_have_no_tie():
    graph = graph_with_sectors([(1, 2), (2, 3), (4, 5)], dict.fromkeys(range(1, 6), "civil"), isolates=range(6, 12))
    communities = find_communities(graph)
    drawing = reduce_for_drawing(graph, communities=communities, max_nodes=2)
    assert drawing.reduction == "communities"
    assert (drawing.untied_actors, drawing.hidden_actors) == (6, 0)
    assert {node: size for node, size in drawing.graph.nodes(data="size")} == {
        communities.index(frozenset({1, 2, 3})): 3, communities.index(frozenset({4, 5})): 2}


def test_strongest_ties_breaks_equal_weights_by_node_order():
    graph = graph_with_sectors([(1, 2), (3, 4), (5, 6)], dict.fromkeys(range(1, 7), "civil"))
    assert list(strongest_ties(graph, 2).edges) == [(1, 2), (3, 4)]
