"""Small builders of plain network rows, so each test says only what matters to it."""
from datetime import date

import networkx as nx

from coalition.network import Actor, ActorKind, Attendance

DAY = date(2025, 3, 12)


def organisation(id, sector="public", neighbourhoods=(), label=None) -> Actor:
    return Actor(id, label or f"Org {id}", sector, ActorKind.ORGANISATION, frozenset(neighbourhoods))


def person(id, sector="public", neighbourhoods=()) -> Actor:
    return Actor(id, f"Person {id}", sector, ActorKind.PERSON, frozenset(neighbourhoods))


def meeting(meeting_id, organisations, *, on=DAY, kind="workshop", neighbourhoods=(), people_per_organisation=1):
    """Attendances of one meeting: each organisation sends its first persons (id = 100 x org + n)."""
    return [
        Attendance(meeting_id, on, kind, frozenset(neighbourhoods), person_id=100 * org + n, organisation_id=org)
        for org in organisations for n in range(people_per_organisation)
    ]


def graph_with_sectors(edges, sectors: dict, isolates=()) -> nx.Graph:
    """A graph as ``build_network`` makes it: labels, sectors and weight 1 on every tie."""
    graph = nx.Graph()
    for node, sector in sectors.items():
        graph.add_node(node, label=f"Org {node}", sector=sector, neighbourhoods=())
    graph.add_nodes_from(isolates)
    graph.add_edges_from(edges, weight=1)
    return graph
