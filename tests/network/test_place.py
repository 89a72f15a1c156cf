"""An actor's place as facts to say in words, on small graphs."""
import networkx as nx

from coalition.network import actor_place, figures


def _with(graph, sectors, places=None):
    nx.set_node_attributes(graph, sectors, "sector")
    nx.set_node_attributes(graph, places or {n: () for n in graph}, "neighbourhoods")
    return graph


def test_the_knot_of_a_bowtie_is_the_best_connected_broker_between_its_two_sides():
    graph = _with(nx.Graph([(1, 2), (2, 3), (1, 3), (3, 4), (4, 5), (3, 5)]),
                  {1: "civil", 2: "civil", 3: "public", 4: "private", 5: "private"},
                  {1: (7,), 2: (7,), 3: (7, 8), 4: (8,), 5: (8,)})
    place = actor_place(graph, figures(graph), 3)
    assert (place.rank, place.partners, place.actors, place.broker) == (1, 4, 5, True)
    assert {(g.sector, g.neighbourhood) for g in place.groups} == {("civil", 7), ("private", 8)}
    wing = actor_place(graph, figures(graph), 1)
    assert not wing.broker and wing.rank == 2 and wing.circle == "closed"


def test_an_actor_without_ties_is_last_and_a_stranger_is_not_in_the_network():
    graph = _with(nx.Graph([(1, 2)]), {1: "civil", 2: "public", 3: "academic"})
    graph.add_node(3, sector="academic", neighbourhoods=())
    result = figures(graph)
    alone = actor_place(graph, result, 3)
    assert alone.partners == 0 and alone.rank == 3 and alone.groups == () and not alone.broker
    assert actor_place(graph, result, 99) is None


def test_a_star_s_centre_hears_from_all_sides_and_its_stored_partners_stand_in_for_missing_ties():
    star = _with(nx.star_graph(6), dict.fromkeys(range(7), "civil"))
    result = figures(star)
    assert actor_place(star, result, 0).circle == "open"
    untied = nx.Graph()
    untied.add_nodes_from(star.nodes(data=True))  # as the job stores the whole network: actors without ties
    assert actor_place(untied, result, 0, partners=[1, 2]).groups[0].size == 2
