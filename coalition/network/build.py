"""Build the weighted collaboration graph from plain rows and a filter.

How the rows become a graph:

- **Nodes** are the actors of the chosen level whose sector passes the filter. Without a
  neighbourhood filter every such actor is a node, tied or not (isolates stay). With a
  neighbourhood filter the nodes are the actors active in that neighbourhood plus those who
  took part in its meetings or joint work. ``only_active=True`` keeps only actors who took part
  in a kept meeting or joint work (the timeline uses it).
- **Co-participation**: two actors at the same kept meeting (date range, meeting kinds, held in
  the neighbourhood). Weight per meeting is 1, or 1/(n-1) with Newman's weighting, n being the
  distinct actors of the level at that meeting, whatever their sector.
- **Joint work**: two organisations party to the same commitment or initiative in the range
  add 1 each time. Under a neighbourhood filter, joint work placed in other neighbourhoods is
  left out; joint work with no place ties only actors who are already nodes.
- **Declared relationships** whose period overlaps the range add 1 each; they tie actors who
  are already nodes and never bring one in.
- Joint work and declared relationships are between organisations, so the persons level has
  co-participation ties only.
- A tie's ``weight`` is the sum of the three; ties under ``min_weight`` are dropped, their ends
  stay as nodes.

Edge attributes: ``weight``, ``shared_meetings`` (count, whatever the weighting),
``joint_commitments``, ``joint_initiatives``, ``joint_interactions`` (visits or calls staff marked as
joint work), ``declared`` (count) and ``declared_kinds``
(sorted tuple), so the interface can explain a tie. Node attributes: ``label``, ``sector``,
``kind`` and ``neighbourhoods`` (sorted tuple of ids). Graph attributes: ``level``, ``weighting``.
"""
from collections.abc import Iterable, Iterator
from itertools import chain, combinations

import networkx as nx
import numpy as np

from .projection import Projection, project
from .rows import Actor, Attendance, DeclaredRelationship, JointKind, JointWork, Level, NetworkFilter, Source, Weighting

__all__ = ["build_network"]

# Newman weights are sums of fractions: 1/3 + 1/3 + 1/3 must still reach a minimum weight of 1.
WEIGHT_TOLERANCE = 1e-9

# The edge attribute that counts each kind of joint work.
JOINT_COUNTERS = {JointKind.COMMITMENT: "joint_commitments", JointKind.INITIATIVE: "joint_initiatives",
                  JointKind.INTERACTION: "joint_interactions"}


class _OtherTies:
    """Per pair, the joint work and declared relationships (few next to the meetings)."""

    def __init__(self):
        self.pairs: dict[tuple[int, int], dict] = {}

    def at(self, first: int, second: int) -> dict:
        key = (first, second) if first < second else (second, first)
        if key not in self.pairs:
            self.pairs[key] = {**{counter: 0 for counter in JOINT_COUNTERS.values()}, "declared": 0,
                               "declared_kinds": set()}
        return self.pairs[key]


def build_network(
    actors: Iterable[Actor],
    attendances: Iterable[Attendance] = (),
    joint_work: Iterable[JointWork] = (),
    relationships: Iterable[DeclaredRelationship] = (),
    network_filter: NetworkFilter = NetworkFilter(),
    *,
    only_active: bool = False,
) -> nx.Graph:
    """Return the undirected weighted graph of the actors the filter keeps (see the module doc).

    >>> from datetime import date
    >>> people = [Actor(1, "A", "public"), Actor(2, "B", "civil"), Actor(3, "C", "academic")]
    >>> met = [Attendance(9, date(2025, 1, 9), "workshop", (), person_id=p, organisation_id=p) for p in (1, 2)]
    >>> graph = build_network(people, met)
    >>> sorted(graph.nodes), list(graph.edges(data="weight"))
    ([1, 2, 3], [(1, 2, 1)])
    """
    chosen = network_filter
    known = {actor.id: actor for actor in actors if actor.kind == chosen.level.actor_kind}
    eligible = {i for i, actor in known.items() if not chosen.sectors or actor.sector in chosen.sectors}
    by_organisations = chosen.level is Level.ORGANISATIONS
    others = _OtherTies()

    met, attended = project(()), set()
    if Source.CO_PARTICIPATION in chosen.sources:
        met, attended = _co_participation(attendances, chosen, known, eligible)
    placed, placeless = [], []
    if Source.JOINT_WORK in chosen.sources and by_organisations:
        placed, placeless = _joint_work_in_scope(joint_work, chosen)
    for work in placed:
        _add_joint_work(others, work, work.parties & eligible)

    taking_part = attended.union(*(work.parties & eligible for work in placed))
    if only_active:
        nodes = taking_part
    elif chosen.neighbourhood_id is not None:
        nodes = taking_part | {i for i in eligible if chosen.neighbourhood_id in known[i].neighbourhood_ids}
    else:
        nodes = eligible

    # What has no place in the filter ties actors who are already in, and brings no one in.
    for work in placeless:
        _add_joint_work(others, work, work.parties & nodes)
    if Source.DECLARED in chosen.sources and by_organisations:
        _add_declared(others, relationships, chosen, nodes)

    graph = nx.Graph(level=str(chosen.level), weighting=str(chosen.weighting))
    for i in sorted(nodes):
        actor = known[i]
        graph.add_node(i, label=actor.label, sector=actor.sector, kind=str(actor.kind),
                       neighbourhoods=tuple(sorted(actor.neighbourhood_ids)))
    graph.add_edges_from(_ties(met, others, nodes, chosen))
    return graph


def _co_participation(attendances, chosen: NetworkFilter, known, eligible) -> tuple[Projection, set[int]]:
    """Return the meeting ties between eligible actors, and the eligible actors who attended."""
    met = project(_meeting_memberships(attendances, chosen, known))
    # Newman's n counted every actor at the meeting; only now are other sectors left out.
    is_eligible = np.array([actor in eligible for actor in met.actors], dtype=bool)
    attended = {actor for actor, keep in zip(met.actors, is_eligible.tolist()) if keep}
    if not len(met):
        return met, attended
    keep = is_eligible[met.first] & is_eligible[met.second]
    return Projection(met.actors, met.first[keep], met.second[keep], met.counts[keep], met.newman_weights[keep]), attended


def _meeting_memberships(attendances, chosen: NetworkFilter, known) -> list[tuple[int, int]]:
    """(actor, meeting) for the kept meetings, at the chosen level, each once."""
    by_person = chosen.level is Level.PERSONS
    memberships = {}
    for row in attendances:
        if not chosen.covers(row.meeting_date):
            continue
        if chosen.meeting_kinds and str(row.meeting_kind) not in chosen.meeting_kinds:
            continue
        if chosen.neighbourhood_id is not None and chosen.neighbourhood_id not in row.meeting_neighbourhood_ids:
            continue
        actor = row.person_id if by_person else row.organisation_id
        if actor in known:
            memberships[(actor, row.meeting_id)] = None
    return list(memberships)


def _joint_work_in_scope(joint_work, chosen: NetworkFilter) -> tuple[list[JointWork], list[JointWork]]:
    """Return the joint work in the range and place, and, under a neighbourhood filter, the placeless."""
    placed, placeless = [], []
    for work in joint_work:
        if not chosen.covers(work.on):
            continue
        if chosen.neighbourhood_id is None or chosen.neighbourhood_id in work.neighbourhood_ids:
            placed.append(work)
        elif not work.neighbourhood_ids:
            placeless.append(work)
    return placed, placeless


def _add_joint_work(others: _OtherTies, work: JointWork, parties: set[int]) -> None:
    counter = JOINT_COUNTERS[work.kind]
    for first, second in combinations(sorted(parties), 2):
        others.at(first, second)[counter] += 1


def _add_declared(others: _OtherTies, relationships, chosen: NetworkFilter, nodes: set[int]) -> None:
    for declared in relationships:
        first, second = declared.first_id, declared.second_id
        if first != second and first in nodes and second in nodes and \
                chosen.overlaps(declared.from_date, declared.until_date):
            tie = others.at(first, second)
            tie["declared"] += 1
            tie["declared_kinds"].add(str(declared.kind))


def _ties(met: Projection, others: _OtherTies, nodes: set[int], chosen: NetworkFilter) -> Iterator[tuple]:
    """Yield (first, second, attributes) per tie at or above the minimum weight.

    Meeting ties come sorted by their ends, then the others sorted too, so the graph's order
    never depends on the order of the rows (Louvain and the layout depend on it).
    """
    newman = chosen.weighting is Weighting.NEWMAN
    nothing_else = {**{counter: 0 for counter in JOINT_COUNTERS.values()}, "declared": 0, "declared_kinds": ()}
    minimum = chosen.min_weight - WEIGHT_TOLERANCE
    meeting_ties = ((first, second, shared, newman_weight if newman else shared,
                     others.pairs.pop((first, second), nothing_else))
                    for first, second, shared, newman_weight in met.pairs())

    def other_ties():  # only once the meeting ties have taken theirs
        for (first, second), other in sorted(others.pairs.items()):
            if first in nodes and second in nodes:
                yield first, second, 0, 0, other

    for first, second, shared, meeting_weight, other in chain(meeting_ties, other_ties()):
        weight = meeting_weight + sum(other[counter] for counter in JOINT_COUNTERS.values()) + other["declared"]
        if weight < minimum:
            continue
        yield first, second, {
            # One type per attribute, as GraphML wants: float under Newman, int otherwise.
            "weight": float(weight) if newman else weight,
            "shared_meetings": shared,
            **{counter: other[counter] for counter in JOINT_COUNTERS.values()},
            "declared": other["declared"],
            "declared_kinds": tuple(sorted(other["declared_kinds"])) if other["declared_kinds"] else (),
        }
