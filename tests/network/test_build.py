"""Which actors and ties the steering group sees, for each filter and source."""
from datetime import date

import pytest

from coalition.network import DeclaredRelationship, JointKind, JointWork, NetworkFilter, build_network

from .builders import meeting, organisation, person


def ties(graph, attribute="weight"):
    return {(u, v): w for u, v, w in graph.edges(data=attribute)}


ACTORS = [organisation(1, "public", {10}), organisation(2, "civil", {10}), organisation(3, "private", {20}),
          organisation(4, "academic", {20})]


def test_organisations_that_met_are_tied_by_the_number_of_meetings_they_shared():
    attendances = meeting(1, [1, 2, 3]) + meeting(2, [1, 2])
    graph = build_network(ACTORS, attendances)
    assert ties(graph) == {(1, 2): 2, (1, 3): 1, (2, 3): 1}
    assert graph.nodes[1]["label"] == "Org 1" and graph.nodes[1]["sector"] == "public"


def test_an_actor_who_met_no_one_stays_as_an_isolate():
    graph = build_network(ACTORS, meeting(1, [1, 2]))
    assert set(graph.nodes) == {1, 2, 3, 4}
    assert graph.degree(3) == 0 and graph.degree(4) == 0


def test_newman_weighting_makes_a_large_meeting_count_less_than_a_small_one():
    attendances = meeting(1, [1, 2, 3, 4]) + meeting(2, [1, 2])
    graph = build_network(ACTORS, attendances, network_filter=NetworkFilter(weighting="newman"))
    assert ties(graph)[(1, 2)] == pytest.approx(1 / 3 + 1)
    assert ties(graph)[(3, 4)] == pytest.approx(1 / 3)
    assert ties(graph, "shared_meetings")[(1, 2)] == 2


def test_several_people_from_one_organisation_make_one_attendance():
    graph = build_network(ACTORS, meeting(1, [1, 2, 3], people_per_organisation=3),
                          network_filter=NetworkFilter(weighting="newman"))
    assert ties(graph)[(1, 2)] == pytest.approx(1 / 2)


def test_newman_counts_everyone_at_the_meeting_even_sectors_filtered_out():
    graph = build_network(ACTORS, meeting(1, [1, 2, 3, 4]),
                          network_filter=NetworkFilter(weighting="newman", sectors={"public", "civil"}))
    assert set(graph.nodes) == {1, 2}
    assert ties(graph) == {(1, 2): pytest.approx(1 / 3)}


def test_dates_are_inclusive_and_leave_out_meetings_outside_the_range():
    attendances = (meeting(1, [1, 2], on=date(2025, 1, 1)) + meeting(2, [1, 2], on=date(2025, 6, 30))
                   + meeting(3, [1, 2], on=date(2025, 7, 1)) + meeting(4, [3, 4], on=date(2024, 12, 31)))
    graph = build_network(ACTORS, attendances,
                          network_filter=NetworkFilter(date_from=date(2025, 1, 1), date_to=date(2025, 6, 30)))
    assert ties(graph) == {(1, 2): 2}
    assert set(graph.nodes) == {1, 2, 3, 4}


def test_meeting_kinds_filter_keeps_only_those_kinds():
    attendances = meeting(1, [1, 2], kind="workshop") + meeting(2, [3, 4], kind="interview")
    graph = build_network(ACTORS, attendances, network_filter=NetworkFilter(meeting_kinds={"interview"}))
    assert ties(graph) == {(3, 4): 1}


def test_sector_filter_keeps_only_actors_of_those_sectors():
    graph = build_network(ACTORS, meeting(1, [1, 2, 3, 4]), network_filter=NetworkFilter(sectors={"private", "academic"}))
    assert set(graph.nodes) == {3, 4}
    assert ties(graph) == {(3, 4): 1}


def test_neighbourhood_filter_shows_its_actors_and_who_met_in_its_meetings():
    attendances = meeting(1, [2, 3], neighbourhoods={10}) + meeting(2, [1, 4], neighbourhoods={20})
    graph = build_network(ACTORS, attendances, network_filter=NetworkFilter(neighbourhood_id=10))
    # 1 and 2 are active in 10; 3 came to its meeting; 1 met 4 only elsewhere.
    assert set(graph.nodes) == {1, 2, 3}
    assert ties(graph) == {(2, 3): 1}


def test_minimum_weight_drops_weak_ties_but_keeps_their_actors():
    attendances = meeting(1, [1, 2]) + meeting(2, [1, 2]) + meeting(3, [3, 4])
    graph = build_network(ACTORS, attendances, network_filter=NetworkFilter(min_weight=2))
    assert ties(graph) == {(1, 2): 2}
    assert set(graph.nodes) == {1, 2, 3, 4}


def test_minimum_weight_counts_three_thirds_as_one():
    attendances = meeting(1, [1, 2, 3, 4]) + meeting(2, [1, 2, 3, 4]) + meeting(3, [1, 2, 3, 4])
    graph = build_network(ACTORS, attendances, network_filter=NetworkFilter(weighting="newman", min_weight=1))
    assert len(ties(graph)) == 6


def test_joint_commitments_initiatives_and_declared_ties_each_add_one():
    joint = [JointWork({1, 2, 3}, date(2025, 2, 1), JointKind.COMMITMENT),
             JointWork({1, 2}, date(2025, 2, 1), JointKind.INITIATIVE)]
    declared = [DeclaredRelationship(2, 1, "partnership"), DeclaredRelationship(1, 2, "funding")]
    graph = build_network(ACTORS, meeting(1, [1, 2]), joint, declared)
    tie = graph.edges[1, 2]
    assert tie["weight"] == 1 + 1 + 1 + 2
    assert (tie["shared_meetings"], tie["joint_commitments"], tie["joint_initiatives"], tie["declared"]) == (1, 1, 1, 2)
    assert tie["declared_kinds"] == ("funding", "partnership")
    assert ties(graph)[(1, 3)] == 1 and ties(graph)[(2, 3)] == 1


@pytest.mark.parametrize("sources, expected", [
    ({"co_participation"}, {(1, 2): 1}),
    ({"joint_work"}, {(2, 3): 1}),
    ({"declared"}, {(3, 4): 1}),
    ({"co_participation", "declared"}, {(1, 2): 1, (3, 4): 1}),
    (set(), {}),
])
def test_each_source_can_be_switched_off(sources, expected):
    graph = build_network(ACTORS, meeting(1, [1, 2]), [JointWork({2, 3}, date(2025, 2, 1))],
                          [DeclaredRelationship(3, 4, "contract")], NetworkFilter(sources=sources))
    assert ties(graph) == expected
    assert set(graph.nodes) == {1, 2, 3, 4}


def test_declared_relationships_count_while_in_force_during_the_range():
    declared = [DeclaredRelationship(1, 2, "partnership", date(2020, 1, 1), date(2020, 12, 31)),
                DeclaredRelationship(3, 4, "partnership", date(2024, 6, 1), None)]
    graph = build_network(ACTORS, relationships=declared,
                          network_filter=NetworkFilter(date_from=date(2025, 1, 1), date_to=date(2025, 12, 31)))
    assert ties(graph) == {(3, 4): 1}


def test_undated_joint_work_counts_only_without_a_date_range():
    joint = [JointWork({1, 2}, None)]
    assert ties(build_network(ACTORS, joint_work=joint)) == {(1, 2): 1}
    assert ties(build_network(ACTORS, joint_work=joint, network_filter=NetworkFilter(date_from=date(2025, 1, 1)))) == {}


def test_joint_work_elsewhere_is_left_out_of_a_neighbourhood_and_placeless_work_ties_only_its_actors():
    joint = [JointWork({1, 2}, date(2025, 1, 1), neighbourhood_ids={20}),
             JointWork({1, 3}, date(2025, 1, 1)),
             JointWork({2, 4}, date(2025, 1, 1), neighbourhood_ids={10})]
    graph = build_network(ACTORS, joint_work=joint, network_filter=NetworkFilter(neighbourhood_id=10))
    # 4 is brought in by joint work placed in 10; 3 is not brought in by placeless work.
    assert set(graph.nodes) == {1, 2, 4}
    assert ties(graph) == {(2, 4): 1}


def test_persons_level_ties_the_people_who_met():
    people = [person(101, "public"), person(200, "civil"), person(201, "civil"), person(301, "private")]
    attendances = meeting(1, [1, 2], people_per_organisation=2) + meeting(2, [3], people_per_organisation=2)
    graph = build_network(ACTORS + people, attendances, [JointWork({1, 2}, None)],
                          [DeclaredRelationship(1, 3, "contract")], NetworkFilter(level="persons"))
    assert set(graph.nodes) == {101, 200, 201, 301}
    # 100 and 300 are not known persons; joint work and declared ties are between organisations.
    assert ties(graph) == {(101, 200): 1, (101, 201): 1, (200, 201): 1}


def test_only_active_keeps_just_the_actors_who_took_part():
    graph = build_network(ACTORS, meeting(1, [1]) + meeting(2, [2, 3]), only_active=True)
    assert set(graph.nodes) == {1, 2, 3}


def test_the_same_rows_in_another_order_give_the_same_graph():
    attendances = meeting(1, [1, 2, 3]) + meeting(2, [4, 2]) + meeting(3, [3, 4])
    forward = build_network(ACTORS, attendances)
    backward = build_network(list(reversed(ACTORS)), list(reversed(attendances)))
    assert list(forward.nodes) == list(backward.nodes)
    assert list(forward.edges(data=True)) == list(backward.edges(data=True))


@pytest.mark.parametrize("arguments", [
    {"sectors": {"industry"}},
    {"date_from": date(2025, 2, 1), "date_to": date(2025, 1, 1)},
    {"min_weight": -1},
    {"sources": {"gossip"}},
    {"weighting": "heavy"},
])
def test_a_filter_that_makes_no_sense_is_refused(arguments):
    with pytest.raises(ValueError):
        NetworkFilter(**arguments)


def test_equal_filters_are_one_cache_key_however_they_were_written():
    written_once = NetworkFilter(sectors=["civil", "public"], sources=("declared",), weighting="newman")
    written_again = NetworkFilter(sectors={"public", "civil"}, sources={"declared"}, weighting="newman")
    assert written_once == written_again and hash(written_once) == hash(written_again)
    assert {written_once: "cached"}[written_again] == "cached"
