"""The collaboration network, pure: plain rows in, a networkx graph and plain figures out.

No Flask, no database: a page or command reads the rows, then::

    graph = build_network(actors, attendances, joint_work, relationships, NetworkFilter(...))
    result = figures(graph)
    data = node_link(annotate(graph, result))

Modules, one job each: ``rows`` (input rows and the filter), ``projection`` (meetings to
ties), ``build``, ``centrality``, ``communities``, ``matrix`` (fast sparse forms of two
figures), ``sectors``, ``figures``, ``meanings`` (what each figure means), ``suggestions``,
``timeline``, ``layout``, ``drawing`` (reductions for the browser), ``export`` and
``xml_files`` (GraphML and GEXF written as a stream), ``alerts`` (what needs the steering
group's attention), ``place`` (an actor's place, as facts to say in words).
"""
from .alerts import (
    AttendsWithoutCommitting,
    DormantTie,
    InfluenceMismatch,
    LoneBroker,
    SectorGap,
    attending_without_committing,
    dormant_ties,
    influence_mismatches,
    lone_brokers,
    often,
    sector_gaps,
    times_worked_together,
)
from .build import build_network
from .communities import DEFAULT_SEED, community_of, find_communities
from .drawing import Drawing, reduce_for_drawing, strongest_ties
from .export import flat_graph, gexf_bytes, graphml_bytes, json_safe, node_link, node_rows, tie_rows
from .figures import NetworkFigures, annotate, figures
from .layout import layout
from .meanings import ACTOR_FIGURES, FIGURES, HELIX_COVERAGE, NETWORK_FIGURES, PERIOD_FIGURES, Figure
from .place import ActorPlace, PartnerGroup, actor_place
from .rows import (
    SECTORS,
    Actor,
    ActorKind,
    Attendance,
    DeclaredRelationship,
    JointKind,
    JointWork,
    Level,
    NetworkFilter,
    Source,
    Weighting,
)
from .sectors import NeighbourhoodCoverage, cross_sector_share, ei_index, helix_coverage, sector_mixing
from .suggestions import Introduction, suggest_introductions
from .timeline import (
    CollaborationFigures,
    QuarterFigures,
    collaboration_row,
    period_row,
    quarterly_figures,
    quarterly_graphs,
)
from .xml_files import write_gexf, write_graphml

__all__ = [
    "ACTOR_FIGURES",
    "DEFAULT_SEED",
    "FIGURES",
    "HELIX_COVERAGE",
    "NETWORK_FIGURES",
    "PERIOD_FIGURES",
    "SECTORS",
    "Actor",
    "ActorPlace",
    "ActorKind",
    "Attendance",
    "AttendsWithoutCommitting",
    "DeclaredRelationship",
    "DormantTie",
    "Drawing",
    "Figure",
    "InfluenceMismatch",
    "Introduction",
    "JointKind",
    "JointWork",
    "Level",
    "LoneBroker",
    "NeighbourhoodCoverage",
    "NetworkFigures",
    "NetworkFilter",
    "PartnerGroup",
    "CollaborationFigures",
    "QuarterFigures",
    "SectorGap",
    "Source",
    "Weighting",
    "actor_place",
    "annotate",
    "attending_without_committing",
    "build_network",
    "community_of",
    "cross_sector_share",
    "dormant_ties",
    "ei_index",
    "figures",
    "find_communities",
    "flat_graph",
    "gexf_bytes",
    "graphml_bytes",
    "helix_coverage",
    "influence_mismatches",
    "json_safe",
    "layout",
    "lone_brokers",
    "node_link",
    "node_rows",
    "often",
    "collaboration_row",
    "period_row",
    "quarterly_figures",
    "quarterly_graphs",
    "reduce_for_drawing",
    "sector_gaps",
    "sector_mixing",
    "strongest_ties",
    "suggest_introductions",
    "tie_rows",
    "times_worked_together",
    "write_gexf",
    "write_graphml",
]
