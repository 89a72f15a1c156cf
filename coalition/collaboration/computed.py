"""Compute a filtered network now, from the rows it needs, and keep it while those rows stay the same.

Each function takes the ``data_version`` its caller read (one query per request), so that
everything a page shows comes from the same data. The rows are read once per data version; what
is computed from them is kept under what the rows hold (``rows_key``), so a saved record that
a neighbourhood's network does not contain costs that network one read of its rows, not its
figures again. A page does not call these directly: it asks ``network_view``, which decides
whether the network is computed here or read from the stored result of the background job.
With Redis (production) the web processes share what one of them computed (``shared``).
"""
import hashlib
import pickle
from dataclasses import dataclass, field, replace
from datetime import date

import networkx as nx
from sqlalchemy.orm import Session

from ..models.base import utcnow
from ..network import (
    CollaborationFigures,
    NetworkFigures,
    NetworkFilter,
    QuarterFigures,
    build_network,
    collaboration_row,
    figures,
    find_communities,
    period_row,
    quarterly_figures,
    quarterly_graphs,
)
from .cache import cached
from .changes import data_version
from .rows import NetworkRows, read_rows
from .scope import date_span, scope_of
from .shared import shared

__all__ = ["ComputedNetwork", "collaboration_for", "compute", "graph_for", "graph_key", "network_for", "period_figures_for", "picture_for",
           "quarter_graphs_for", "quarters_for", "rows_for", "rows_key"]


@dataclass(frozen=True)
class ComputedNetwork:
    """A filtered graph, its figures, and when they were computed.

    ``drawn`` is the drawing, layout and activity by quarter a stored result carries with it
    (None: made when asked; results stored before the map's time control have no activity).
    ``key`` names the filter and rows a network computed now came from, under which what is made
    from it is kept and shared (``cache.derived``); None for the job's stored result.
    """

    graph: nx.Graph
    figures: NetworkFigures
    computed_at: object = field(default_factory=utcnow)
    drawn: tuple | None = None
    key: tuple | None = None


def rows_for(session: Session, network_filter: NetworkFilter | None, version: tuple | None = None) -> NetworkRows:
    """Return the rows the filter needs (all rows without one), read once per data version and scope."""
    scope = scope_of(network_filter)
    return cached(("rows", version or data_version(session), scope),
                  lambda: read_rows(session, network_filter if scope is not None else None))


def rows_key(session: Session, network_filter: NetworkFilter | None, version: tuple | None = None) -> tuple:
    """Return a key for what the filter's rows hold: equal keys, equal rows, so equal figures.

    The figures are a pure function of the rows and the filter (``network`` has no database),
    so they are kept under this key rather than the data version: every saved record raises
    the version, but most leave a neighbourhood's rows as they were. Rows read in another order
    only make a new key (computed once more), never a wrong answer. A committed version's key
    is shared between the web processes, so only the first to see a new version reads the rows.
    """
    version = version or data_version(session)
    key = ("rows key", version, scope_of(network_filter), date.today())  # today: the rows say who is active

    def make() -> tuple:
        pickled = pickle.dumps(rows_for(session, network_filter, version), pickle.HIGHEST_PROTOCOL)
        return "rows", hashlib.blake2b(pickled, digest_size=16).digest()

    return _kept_for_version(version, key, make)


def _kept_for_version(version: tuple, key: tuple, make):
    """Keep what a data version gives: shared when the version is committed, else in this process only.

    A transaction that changed the rows has a token of its own in its version: no other process sees its rows.
    """
    return cached(key, make) if version[1] is not None else shared(key, make)


def _built(rows: NetworkRows, network_filter: NetworkFilter, *, only_active: bool = False) -> nx.Graph:
    return build_network(rows.actors, rows.attendances, rows.joint_work, rows.relationships, network_filter,
                         only_active=only_active)


def compute(rows: NetworkRows, network_filter: NetworkFilter) -> ComputedNetwork:
    """Build the filtered graph and all its figures (no database: the background job calls it too)."""
    graph = _built(rows, network_filter)
    return ComputedNetwork(graph, figures(graph))


def network_for(session: Session, network_filter: NetworkFilter, version: tuple | None = None) -> ComputedNetwork:
    """Return the filtered graph and all its figures, computed now (cached while the data stays)."""
    version = version or data_version(session)
    key = ("network", network_filter, rows_key(session, network_filter, version))
    return shared(key, lambda: replace(compute(rows_for(session, network_filter, version), network_filter), key=key))


def graph_key(session: Session, network_filter: NetworkFilter, version: tuple | None = None) -> tuple:
    """Return the key ``graph_for`` keeps and shares the filtered graph under; what is made from it can use it too."""
    return "graph", network_filter, rows_key(session, network_filter, version or data_version(session))


def graph_for(session: Session, network_filter: NetworkFilter, version: tuple | None = None) -> nx.Graph:
    """Return only the filtered graph: its ties, without the figures (seconds at scale) ``network_for`` adds."""
    version = version or data_version(session)
    return shared(graph_key(session, network_filter, version),
                  lambda: _built(rows_for(session, network_filter, version), network_filter))


def picture_for(session: Session, network_filter: NetworkFilter, version: tuple | None = None) -> ComputedNetwork:
    """Return the filtered graph with only what its drawing needs: degrees and communities.

    The drawing sizes actors by degree and, when there are too many to draw, draws one node per
    Louvain community (the network page's seed). Betweenness and the other figures, most of the
    network page's seconds, a picture does not use.
    """
    version = version or data_version(session)

    def make() -> ComputedNetwork:
        graph = graph_for(session, network_filter, version)
        drawn = NetworkFigures({node: {"degree": degree} for node, degree in graph.degree}, {},
                               find_communities(graph))
        return ComputedNetwork(graph, drawn, key=key)

    key = ("picture", network_filter, rows_key(session, network_filter, version))
    return shared(key, make)


def _quarters_within(session: Session, network_filter: NetworkFilter, version: tuple) -> NetworkFilter:
    """The filter with open ends closed at the programme's first and last days, which narrowed rows may not hold."""
    if scope_of(network_filter) is None or (network_filter.date_from is not None and network_filter.date_to is not None):
        return network_filter
    # The programme's span, the same for every neighbourhood: 50 ms of queries once per version, not per process.
    first, last = _kept_for_version(version, ("span", version, network_filter.date_from, network_filter.date_to),
                                    lambda: date_span(session, network_filter))
    if first is None or last is None:
        return network_filter
    return replace(network_filter, date_from=first, date_to=last)


def quarters_for(session: Session, network_filter: NetworkFilter, version: tuple | None = None) -> list[QuarterFigures]:
    """Return the quarter-by-quarter figures under the filter, computed now (cached)."""
    version = version or data_version(session)

    within = _quarters_within(session, network_filter, version)

    def make() -> list[QuarterFigures]:
        rows = rows_for(session, network_filter, version)
        return quarterly_figures(rows.actors, rows.attendances, rows.joint_work, rows.relationships, within)

    return shared(("quarters", within, rows_key(session, network_filter, version)), make)


def quarter_graphs_for(session: Session, network_filter: NetworkFilter, version: tuple | None = None):
    """Return a function that yields the filter's quarters as graphs, one at a time (for the map's time control)."""
    version = version or data_version(session)

    def quarter_graphs():
        rows = rows_for(session, network_filter, version)
        within = _quarters_within(session, network_filter, version)
        return quarterly_graphs(rows.actors, rows.attendances, rows.joint_work, rows.relationships, within)

    return quarter_graphs


def collaboration_for(session: Session, network_filter: NetworkFilter,
                      version: tuple | None = None) -> list[CollaborationFigures]:
    """Return the quarter-by-quarter figures with the sectors present and tied and the brokers (cached)."""
    version = version or data_version(session)
    within = _quarters_within(session, network_filter, version)
    return shared(("collaboration", within, rows_key(session, network_filter, version)), lambda: [
        collaboration_row(*quarter) for quarter in quarter_graphs_for(session, network_filter, version)()])


def period_figures_for(session: Session, label: str, network_filter: NetworkFilter,
                       version: tuple | None = None) -> QuarterFigures:
    """Return the figures of the filter's period (both ends given) as the quarter-by-quarter table counts a quarter.

    Only the period's rows are read, and its graph holds the actors who took part in it (cached).
    """
    version = version or data_version(session)

    def make() -> QuarterFigures:
        graph = _built(rows_for(session, network_filter, version), network_filter, only_active=True)
        return period_row(label, network_filter.date_from, network_filter.date_to, graph)

    return shared(("period figures", label, network_filter, rows_key(session, network_filter, version)), make)
