"""What each figure is called and what it means for a coalition, in one sentence.

The texts are English msgids marked with ``N_`` (a default keyword of ``pybabel extract``), so
this package needs no Flask; the web layer shows them translated: ``_(figure.meaning)``.
"""
from dataclasses import dataclass

__all__ = ["Figure", "ACTOR_FIGURES", "NETWORK_FIGURES", "FIGURES", "HELIX_COVERAGE"]


def N_(text: str) -> str:
    """Mark a string for translation without translating it here."""
    return text


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    meaning: str


ACTOR_FIGURES = (
    Figure("degree", N_("Degree"), N_("How many other actors this actor is directly tied to.")),
    Figure("strength", N_("Strength"),
           N_("How much this actor collaborates in total: the sum of the weights of its ties.")),
    Figure("betweenness", N_("Betweenness"),
           N_("How often this actor lies on the shortest path between two others: a broker who links groups "
              "that would otherwise be apart.")),
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
              "structural holes and hears new ideas first.")),
)

NETWORK_FIGURES = (
    Figure("nodes", N_("Actors"), N_("How many actors are in the network, including those without ties.")),
    Figure("ties", N_("Ties"), N_("How many pairs of actors are tied.")),
    Figure("density", N_("Density"),
           N_("The share of all possible ties that exist: how much of the coalition already works together.")),
    Figure("components", N_("Components"),
           N_("How many separate parts the network falls into, counting every isolated actor as one.")),
    Figure("largest_component_share", N_("Largest component"),
           N_("The share of actors in the largest connected part: how far the coalition is one network.")),
    Figure("isolates", N_("Isolated actors"), N_("Actors without any tie under these filters: candidates to involve.")),
    Figure("communities", N_("Communities"), N_("How many groups the network splits into (Louvain method).")),
    Figure("modularity", N_("Modularity"),
           N_("How strongly the network is divided into separate groups: near 0 one whole, above 0.3 distinct "
              "groups.")),
    Figure("sector_mixing", N_("Sector mixing"), N_("How many ties run within and between the four sectors.")),
    Figure("ei_index", N_("E-I index"),
           N_("Krackhardt's E-I index: from -1, every tie within a sector, to +1, every tie across sectors.")),
    Figure("cross_sector_share", N_("Cross-sector ties"), N_("The share of ties that join two different sectors.")),
)

HELIX_COVERAGE = Figure(
    "helix_coverage", N_("Quadruple-helix coverage"),
    N_("Per neighbourhood, which sectors are active and whether each pair of them is tied."),
)

FIGURES = {figure.key: figure for figure in (*ACTOR_FIGURES, *NETWORK_FIGURES, HELIX_COVERAGE)}
