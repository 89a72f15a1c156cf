"""What each figure is called, what it means for a coalition in one sentence, and what to do with it.

The texts are English msgids marked with ``N_`` (a default keyword of ``pybabel extract``), so
this package needs no Flask; the web layer shows them translated: ``_(figure.meaning)``.
"""
from dataclasses import dataclass

__all__ = ["ACTOR_FIGURES", "FIGURES", "HELIX_COVERAGE", "NETWORK_FIGURES", "PERIOD_FIGURES", "Figure"]


def N_(text: str) -> str:
    """Mark a string for translation without translating it here."""
    return text


@dataclass(frozen=True)
class Figure:
    """A figure's key, its name, what it means, and (where it helps) what to do about it."""

    key: str
    label: str
    meaning: str
    todo: str = ""


ACTOR_FIGURES = (
    Figure("degree", N_("Degree"), N_("How many other actors this actor is directly tied to."),
           N_("Few: introduce it to others. Many: it can spread news and invitations fast.")),
    Figure("strength", N_("Strength"),
           N_("How much this actor collaborates in total: the sum of the weights of its ties.")),
    Figure("betweenness", N_("Betweenness"),
           N_("How often this actor lies on the shortest path between two others: a broker who links groups "
              "that would otherwise be apart."),
           N_("A broker: if this actor leaves, these groups lose their link. Make sure it is not the only one.")),
    Figure("weighted_betweenness", N_("Weighted betweenness"),
           N_("Betweenness where strong ties count as short paths: a broker along the ties that are actually used.")),
    Figure("eigenvector", N_("Eigenvector centrality"),
           N_("How well tied this actor is to actors who are themselves well tied: influence in the core of the "
              "network.")),
    Figure("pagerank", N_("PageRank"),
           N_("Like eigenvector centrality, but fair to small and separate groups too: where attention in the "
              "network tends to end up.")),
    Figure("clustering", N_("Clustering"),
           N_("The share of this actor's partners who also work with each other: a close-knit circle, or contacts "
              "in separate worlds.")),
    Figure("community", N_("Community"), N_("The group this actor works with most, found by the Louvain method.")),
    Figure("constraint", N_("Constraint"),
           N_("Burt's constraint: high when all of this actor's partners know each other, low when it bridges "
              "structural holes and hears new ideas first."),
           N_("High: bring it new contacts. Low: ask it to pass ideas between the groups it knows.")),
)

NETWORK_FIGURES = (
    Figure("nodes", N_("Actors"), N_("How many actors are in the network, including those without ties.")),
    Figure("ties", N_("Ties"), N_("How many pairs of actors are tied.")),
    Figure("density", N_("Density"),
           N_("The share of all possible ties that exist: how much of the coalition already works together."),
           N_("Low is normal in a large programme; watch it grow within each neighbourhood.")),
    Figure("components", N_("Components"),
           N_("How many separate parts the network falls into, counting every isolated actor as one."),
           N_("More than one: some actors are cut off; the suggested introductions can join them.")),
    Figure("largest_component_share", N_("Largest component"),
           N_("The share of actors in the largest connected part: how far the coalition is one network."),
           N_("Some actors outside it: invite them to a meeting with the others.")),
    Figure("isolates", N_("Isolated actors"), N_("Actors without any tie under these filters: candidates to involve."),
           N_("Invite them to the next meeting in their neighbourhood.")),
    Figure("communities", N_("Communities"), N_("How many groups the network splits into (Louvain method).")),
    Figure("modularity", N_("Modularity"),
           N_("How strongly the network is divided into separate groups: near 0 one whole, above 0.3 distinct "
              "groups."),
           N_("Above 0.3: check that more than one broker links the groups.")),
    Figure("sector_mixing", N_("Sector mixing"), N_("How many ties run within and between the four sectors.")),
    Figure("ei_index", N_("E-I index"),
           N_("Krackhardt's E-I index: from -1, every tie within a sector, to +1, every tie across sectors."),
           N_("Below 0: the sectors mostly keep to themselves; plan meetings across them.")),
    Figure("cross_sector_share", N_("Cross-sector ties"), N_("The share of ties that join two different sectors.")),
)

HELIX_COVERAGE = Figure(
    "helix_coverage", N_("Quadruple-helix coverage"),
    N_("Per neighbourhood, which sectors are active and whether each pair of them is tied."),
)

# The network's figures for one period (a quarter on the dashboard, the report's period), by ``QuarterFigures`` field.
PERIOD_FIGURES = {
    "actors": Figure("actors", N_("Actors"), N_("Actors that took part in a meeting or joint work in the period.")),
    "ties": Figure("ties", N_("Ties"), N_("Pairs of actors that met or worked together in the period.")),
    "cross_sector_share": Figure("cross_sector_share", N_("Cross-sector ties"),
                                 N_("The share of those ties that join two different sectors.")),
    "ei_index": Figure("ei_index", N_("E-I index"),
                       N_("From -1, every tie within a sector, to +1, every tie across sectors.")),
    "largest_component_share": Figure("largest_component_share", N_("Largest component"),
                                      N_("The share of the period's actors in its largest connected part.")),
}

FIGURES = {figure.key: figure for figure in (*ACTOR_FIGURES, *NETWORK_FIGURES, HELIX_COVERAGE)}
