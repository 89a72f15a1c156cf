"""One organisation's place in the whole network: its figures, its community, its strongest partners."""
import heapq
from dataclasses import dataclass

import networkx as nx

from ..network import ActorPlace, actor_place

__all__ = ["EGO_PARTNERS", "EgoNetwork", "ego_in", "strongest_partners"]

# How many strongest partners an organisation's page names.
EGO_PARTNERS = 5


@dataclass(frozen=True)
class EgoNetwork:
    """One organisation's place in the whole network: its figures and strongest partners."""

    figures: dict
    partners: list  # (organisation id, label, weight), strongest first
    community_size: int
    computed_at: object
    place: ActorPlace | None = None  # its place, as facts the page says in words


def ego_in(computed, organisation_id: int, *, top: int = EGO_PARTNERS, partners: list | None = None) -> EgoNetwork | None:
    """Return the organisation's place in a computed network (None if not in it).

    ``partners`` are its strongest partners when already known (see ``strongest_partners``).
    """
    if organisation_id not in computed.figures.actors:
        return None
    if partners is None:
        partners = strongest_partners(computed.graph, [organisation_id], top=top)[organisation_id]
    partners = partners[:top]  # the job stores more, for the map
    own = computed.figures.actors[organisation_id]
    community = computed.figures.communities[own["community"]] if own.get("community") is not None else ()
    graph = computed.graph
    # A stored whole network keeps its actors without their ties: its strongest partners stand in for them.
    known = None if graph.number_of_edges() else [partner_id for partner_id, _label, _weight in partners]
    return EgoNetwork(own, partners, len(community), computed.computed_at,
                      actor_place(graph, computed.figures, organisation_id, partners=known))


def strongest_partners(graph: nx.Graph, nodes, *, top: int = EGO_PARTNERS) -> dict[int, list]:
    """Return each node's ``top`` partners as (id, label, weight), heaviest tie first, then by label.

    >>> graph = nx.Graph([(1, 2, {"weight": 1}), (1, 3, {"weight": 4})])
    >>> strongest_partners(graph, [1], top=1)
    {1: [(3, '3', 4)]}
    """
    label = graph.nodes
    return {node: heapq.nsmallest(top, ((other, label[other].get("label", str(other)), tie.get("weight", 1))
                                        for other, tie in graph[node].items()), key=lambda p: (-p[2], p[1]))
            for node in nodes}
