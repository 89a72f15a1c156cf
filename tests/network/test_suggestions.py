"""Suggested introductions: untied pairs with shared partners, across sectors and groups first."""
import math

import networkx as nx
import pytest

from coalition.network import suggest_introductions
from coalition.network.matrix import adamic_adar_blocks

from .builders import graph_with_sectors


def pairs(suggestions):
    return [(s.first, s.second) for s in suggestions]


def hub_graph():
    """1 (private) and 3 (private) and 4 (civil) all work with 2 (public); none with each other."""
    return graph_with_sectors([(1, 2), (2, 3), (2, 4)], {1: "private", 2: "public", 3: "private", 4: "civil"})


def test_pairs_across_sectors_come_before_an_equally_likely_pair_within_one():
    suggestions = suggest_introductions(hub_graph(), community=dict.fromkeys(range(1, 5), 0))
    assert pairs(suggestions) == [(1, 4), (3, 4), (1, 3)]
    first = suggestions[0]
    # One shared partner of degree 3.
    assert first.score == pytest.approx(1 / math.log(3))
    assert first.priority == pytest.approx(1.5 / math.log(3))
    assert first.crosses_sectors and not first.crosses_communities
    assert first.shared_partners == ("Org 2",) and first.shared_partner_ids == (2,)
    assert suggestions[2].priority == pytest.approx(1 / math.log(3))


def test_crossing_communities_earns_the_bonus_too():
    community = {1: 0, 2: 0, 3: 1, 4: 0}
    suggestions = suggest_introductions(hub_graph(), community=community, cross_bonus=1.0)
    assert pairs(suggestions) == [(3, 4), (1, 3), (1, 4)]
    assert suggestions[0].priority == pytest.approx(3 / math.log(3))


def test_pairs_already_tied_or_without_shared_partners_are_never_suggested():
    graph = graph_with_sectors([(1, 2), (2, 3), (1, 3), (4, 5)], dict.fromkeys(range(1, 6), "civil"))
    assert suggest_introductions(graph) == []


def test_top_limits_the_list_and_more_shared_partners_rank_higher():
    graph = graph_with_sectors([(1, 2), (1, 3), (4, 2), (4, 3), (5, 2), (2, 3)], dict.fromkeys(range(1, 6), "civil"))
    suggestions = suggest_introductions(graph, top=1, community=dict.fromkeys(range(1, 6), 0))
    assert pairs(suggestions) == [(1, 4)]
    assert suggestions[0].shared_partners == ("Org 2", "Org 3")


@pytest.mark.parametrize("graph", [nx.karate_club_graph(), nx.gnp_random_graph(50, 0.1, seed=7)])
def test_scores_equal_networkx_adamic_adar_on_every_candidate_pair(graph):
    nodes = list(graph)
    found = {(nodes[i], nodes[j]): s for first, second, scores in adamic_adar_blocks(graph)
             for i, j, s in zip(first.tolist(), second.tolist(), scores.tolist())}
    expected_pairs = {(u, v) for u, v in nx.non_edges(graph) if set(graph[u]) & set(graph[v])}
    assert set(found) == {tuple(sorted(p, key=nodes.index)) for p in expected_pairs}
    for u, v, score in nx.adamic_adar_index(graph, list(found)):
        assert found[(u, v)] == pytest.approx(score)


def test_suggestions_are_the_same_every_time():
    graph = nx.karate_club_graph()
    assert suggest_introductions(graph, top=5) == suggest_introductions(graph, top=5)
