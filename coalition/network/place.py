"""An actor's place in the network, as facts a page can say in words: how connected, broker or not, whom it links.

The web layer words these (``one of the 5 best-connected actors; links civil society in
Solbacka to the public sector``); the figures themselves come second.
"""
from collections import Counter
from dataclasses import dataclass

import networkx as nx

from .figures import NetworkFigures

__all__ = ["ActorPlace", "PartnerGroup", "actor_place"]

# A broker: betweenness above 0 and among the top tenth of the network's actors.
BROKER_SHARE = 0.1


@dataclass(frozen=True)
class PartnerGroup:
    """Some of an actor's partners, of one community: their most common sector and neighbourhood (None: mixed)."""

    size: int
    sector: str | None
    neighbourhood: int | None


@dataclass(frozen=True)
class ActorPlace:
    """Where an actor stands: ``rank`` 1 has the most partners (a tie shares the better rank).

    ``groups`` are its partners by community, largest first; ``circle`` is "open" when its
    partners mostly do not know each other (three quarters of the actors have a higher Burt's
    constraint), "closed" when they mostly do (at most a quarter have a higher one), else None.
    """

    actors: int
    partners: int
    rank: int
    broker: bool
    groups: tuple[PartnerGroup, ...]
    circle: str | None

    @property
    def share_above(self) -> float:
        """The share of actors with more partners."""
        return (self.rank - 1) / self.actors if self.actors else 0.0


def _most_common(values, members: int):
    """The value most members share, when at least half of them do; else None."""
    counted = Counter(v for v in values if v is not None).most_common(1)
    return counted[0][0] if counted and 2 * counted[0][1] >= members else None


def actor_place(graph: nx.Graph, result: NetworkFigures, node, partners=None) -> ActorPlace | None:
    """Return the actor's place in the network (None when it is not in it).

    ``partners`` are its partners when ``graph`` holds no ties (a stored whole network keeps
    only the strongest ones); by default its neighbours in ``graph``.

    >>> graph = nx.Graph([(1, 2), (2, 3), (1, 3), (3, 4), (4, 5), (3, 5)])
    >>> nx.set_node_attributes(graph, {1: "civil", 2: "civil", 3: "public", 4: "private", 5: "private"}, "sector")
    >>> nx.set_node_attributes(graph, {n: (7,) if n < 3 else () for n in graph}, "neighbourhoods")
    >>> from .figures import figures
    >>> place = actor_place(graph, figures(graph), 3)
    >>> place.rank, place.broker, [(g.size, g.sector, g.neighbourhood) for g in place.groups]
    (1, True, [(2, 'civil', 7), (2, 'private', None)])
    """
    actors = result.actors
    if node not in actors:
        return None
    own = actors[node]
    degree = own.get("degree") or 0
    betweenness = own.get("betweenness") or 0.0
    everyone = len(actors)
    rank = 1 + sum(1 for values in actors.values() if (values.get("degree") or 0) > degree)
    more_between = sum(1 for values in actors.values() if (values.get("betweenness") or 0.0) > betweenness)
    broker = betweenness > 0 and more_between < BROKER_SHARE * everyone
    partners = list(graph[node]) if partners is None else list(partners)
    by_community: dict = {}
    for partner in partners:
        if partner in actors:
            by_community.setdefault(actors[partner].get("community"), []).append(partner)
    groups = tuple(sorted(
        (PartnerGroup(len(members), _most_common((graph.nodes[m].get("sector") for m in members), len(members)),
                      _most_common((place for m in members for place in graph.nodes[m].get("neighbourhoods") or ()),
                                   len(members)))
         for members in by_community.values()),
        key=lambda group: -group.size))
    constraints = [v["constraint"] for v in actors.values() if v.get("constraint") is not None]
    circle = None
    if own.get("constraint") is not None and degree > 1 and constraints:
        higher = sum(1 for c in constraints if c > own["constraint"]) / len(constraints)
        lower = sum(1 for c in constraints if c < own["constraint"]) / len(constraints)
        if higher >= 0.75:
            circle = "open"
        elif higher <= 0.25 and lower > 0:
            circle = "closed"
    return ActorPlace(everyone, degree, rank, broker, groups, circle)
