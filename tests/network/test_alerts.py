"""The five health alerts, each on a small graph drawn by hand."""
from dataclasses import replace
from datetime import date

import networkx as nx

from coalition.network import (
    DeclaredRelationship,
    JointWork,
    NetworkFilter,
    attending_without_committing,
    build_network,
    dormant_ties,
    helix_coverage,
    influence_mismatches,
    lone_brokers,
    often,
    sector_gaps,
)

from .builders import graph_with_sectors, meeting, organisation


def test_the_knot_of_a_bowtie_is_a_lone_broker_named_with_the_two_groups_it_holds():
    bowtie = nx.Graph([(1, 2), (2, 3), (1, 3), (3, 4), (4, 5), (3, 5)])
    [broker] = lone_brokers(bowtie)
    assert broker.actor == 3 and broker.groups == ((1, 2), (4, 5)) and broker.cut_off == 2


def test_a_circle_has_no_lone_broker_and_a_second_link_removes_one():
    assert lone_brokers(nx.cycle_graph(5)) == []
    bowtie = nx.Graph([(1, 2), (2, 3), (1, 3), (3, 4), (4, 5), (3, 5)])
    bowtie.add_edge(2, 4)  # a second way across: 3 no longer holds the two sides together alone
    assert lone_brokers(bowtie) == []


def test_brokers_are_found_within_each_neighbourhood_and_the_one_cutting_most_off_comes_first():
    graph = nx.Graph([(1, 2), (2, 3), (1, 3), (3, 4),  # place 7: 3 alone links 4
                      (10, 11), (10, 12), (10, 13), (10, 14), (3, 10)])  # place 8: a star around 10
    places = {7: {1, 2, 3, 4}, 8: {10, 11, 12, 13, 14}}
    found = [(b.place, b.actor, b.cut_off) for b in lone_brokers(graph, places)]
    assert found == [(8, 10, 3), (7, 3, 1)]
    assert all(b.actor != 10 for b in lone_brokers(graph, {7: places[7]})), "a tie to another place does not count"


def test_a_pair_that_met_often_and_not_in_the_last_months_has_a_dormant_tie():
    actors = [organisation(1), organisation(2, "civil"), organisation(3, "private")]
    old = [row for n in range(4) for row in meeting(n, (1, 2), on=date(2025, 3 + n, 10))]
    fresh = [row for n in range(4) for row in meeting(10 + n, (2, 3), on=date(2026, 2 + 3 * n, 10))]
    recent_rows = meeting(20, (1, 3), on=date(2026, 10, 1))
    declared = [DeclaredRelationship(1, 2, "partnership", date(2024, 1, 1))]  # a declared tie is no work done
    everything = NetworkFilter(date_to=date(2026, 12, 3))
    whole = build_network(actors, old + fresh + recent_rows, (), declared, everything)
    recent = build_network(actors, old + fresh + recent_rows, (), declared, replace(everything, date_from=date(2026, 6, 3)))
    assert [(t.first, t.second, t.times) for t in dormant_ties(whole, recent)] == [(1, 2, 4)]


def test_often_means_the_top_quarter_of_the_network_s_ties_and_at_least_three_times():
    many = nx.Graph([(0, n, {"shared_meetings": n}) for n in range(1, 13)])
    assert often(many) == 10
    assert often(nx.Graph([(1, 2, {"shared_meetings": 1})])) == 3


def test_a_pair_that_worked_together_only_twice_is_not_called_dormant():
    actors = [organisation(1), organisation(2)]
    twice = [JointWork({1, 2}, date(2025, 1, 5)), JointWork({1, 2}, date(2025, 2, 5))]
    whole = build_network(actors, (), twice)
    assert dormant_ties(whole, nx.Graph()) == []
    assert [t.times for t in dormant_ties(whole, nx.Graph(), at_least=2)] == [2]


def test_a_neighbourhood_missing_academia_and_one_whose_civil_society_is_tied_to_no_one_are_flagged():
    graph = graph_with_sectors([(1, 2), (1, 3), (4, 5), (5, 6), (4, 6), (6, 7), (8, 9)],
                               {1: "public", 2: "private", 3: "civil",  # place 1: no academia
                                4: "public", 5: "private", 6: "academic", 7: "academic", 8: "civil", 9: "civil"})
    nx.set_node_attributes(graph, {n: (1,) for n in (1, 2, 3)} | {n: (2,) for n in range(4, 10)}, "neighbourhoods")
    complete = graph_with_sectors([(11, 12), (12, 13), (13, 14), (14, 11), (11, 13), (12, 14)],
                                  {11: "public", 12: "private", 13: "civil", 14: "academic"})
    nx.set_node_attributes(complete, (3,), "neighbourhoods")
    gaps = sector_gaps(helix_coverage(nx.union(graph, complete)))
    assert [(g.place, g.missing, g.untied) for g in gaps] == [(1, ("academic",), ()), (2, (), ("civil",))]


def test_actors_that_keep_coming_without_committing_are_named_most_meetings_first():
    found = attending_without_committing({1: 3, 2: 8, 3: 2, 4: 12}, committed={4})
    assert [(a.actor, a.meetings) for a in found] == [(2, 8), (1, 3)]


def test_stated_power_that_the_network_contradicts_is_flagged_both_ways():
    graph = nx.wheel_graph(8)  # 0 works with all of 1-7, each of them with two more
    graph.add_edge(8, 1)  # 8 works with 1 only
    stated = {0: 2, 8: 5, 1: 4, 3: 3}  # 1 is rated high and is well tied: no alert
    found = [(m.actor, m.rated_high, m.partners) for m in influence_mismatches(graph, stated)]
    assert found == [(8, True, 1), (0, False, 7)]
    peripheral = influence_mismatches(graph, stated)[0]
    assert peripheral.fewer_than == 8 / 9  # all but itself have more partners
