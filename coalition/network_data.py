"""Cache what is computed from the collaboration network's rows, keyed by the data they came from.

The rows are read by ``network_rows`` (all of them, or what one filter needs); here they are
turned into graphs and figures, cached until the data changes. The cache key is the filter
plus a data version:

- a **change counter** kept in the database (the ``network_snapshots`` row named ``changes``),
  raised in the same transaction as every flush or bulk statement of this application that
  touches a model the network is built from, so every process sees every committed change,
  even one that keeps row counts and timestamps (an edit at the same instant, a delete plus an
  insert, a swapped commitment party);
- the largest id of each of those tables, which the primary keys answer at once, as a
  backstop for rows written around the application (a bulk load straight into the database).

Counting rows and reading the latest ``updated_at`` instead cost about 100 ms per request at
design scale (full scans of 200,000 participations); these few lookups cost about 1 ms.

The whole-programme graph at design scale is computed by a background job (``network_job``)
and stored; the pages then answer from there.
"""
import heapq
import itertools
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import networkx as nx
from sqlalchemy import event, func, literal, select, union_all
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from .models import (
    Commitment,
    Initiative,
    Meeting,
    Membership,
    NetworkSnapshot,
    Organisation,
    Participation,
    Person,
)
from .models.base import utcnow
from .models.commitments import (
    commitment_parties,
    initiative_neighbourhoods,
    initiative_participants,
)
from .models.meetings import meeting_neighbourhoods
from .models.places import organisation_neighbourhoods
from .models.relationships import Relationship
from .network import (
    Drawing,
    NetworkFigures,
    NetworkFilter,
    QuarterFigures,
    build_network,
    figures,
    layout,
    quarterly_figures,
    reduce_for_drawing,
)
from .network_rows import ANONYMISED, NetworkRows, date_span, read_rows, scope_of

__all__ = [
    "ANONYMISED",
    "ComputedNetwork",
    "NetworkRows",
    "compute",
    "data_version",
    "derived",
    "community_drawing_for",
    "drawing_for",
    "ego_in",
    "strongest_partners",
    "ego_network",
    "network_cache",
    "needs_background_job",
    "network_for",
    "quarters_for",
    "read_rows",
    "rows_for",
    "shared_data_version",
]

# How many strongest partners an organisation's page names.
EGO_PARTNERS = 5

# The most actors a drawing of one community shows (as many as a reduced drawing has nodes).
MAX_DRAWN_NODES = 500

# Above either count the default network page answers from the background job's stored result
# instead of computing in the request: at 1,000 organisations or 20,000 participations the
# figures already take several seconds (about 60 s at design scale, see network/figures.py).
JOB_ABOVE_ORGANISATIONS = 1000
JOB_ABOVE_PARTICIPATIONS = 20000

# The network_snapshots row whose ``fraction`` counts the changes (a float counts exactly to 2**53).
CHANGES = "changes"

_TRACKED_MODELS = (Organisation, Person, Membership, Meeting, Participation, Commitment, Initiative, Relationship)
_LINK_TABLES = (organisation_neighbourhoods, meeting_neighbourhoods, commitment_parties, initiative_participants,
                initiative_neighbourhoods)
_TRACKED_TABLES = frozenset(t.name for t in (*(m.__table__ for m in _TRACKED_MODELS), *_LINK_TABLES))
# A token per transaction that raised the counter and has not committed: its figures are never reused.
_uncommitted = itertools.count(1)


@dataclass(frozen=True)
class ComputedNetwork:
    """A filtered graph, its figures, and when they were computed.

    ``drawn`` is the drawing and layout a stored result carries with it (None: made when asked).
    """

    graph: nx.Graph
    figures: NetworkFigures
    computed_at: object = field(default_factory=utcnow)
    drawn: tuple[Drawing, dict] | None = None


class NetworkCache:
    """A small thread-safe LRU of computed results, keyed by (what, filter, data version)."""

    def __init__(self, size: int = 64):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            return None

    def put(self, key, value) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


network_cache = NetworkCache()


def _count_change(connection) -> None:
    """Raise the change counter, in the caller's transaction (one statement, row made on first use)."""
    table = NetworkSnapshot.__table__
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    statement = insert(table).values(name=CHANGES, status="idle", step="", fraction=1.0)
    connection.execute(statement.on_conflict_do_update(index_elements=[table.c.name],
                                                       set_={"fraction": table.c.fraction + 1}))


def _note_change(session: Session) -> None:
    _count_change(session.connection())
    session.info.setdefault("network_uncommitted", next(_uncommitted))


@event.listens_for(Session, "after_flush")
def _count_relevant_flush(session, _flush_context):
    touched = (*session.new, *session.dirty, *session.deleted)
    if any(isinstance(obj, _TRACKED_MODELS) for obj in touched):
        _note_change(session)


@event.listens_for(Session, "do_orm_execute")
def _count_bulk_statement(state):
    """Count an INSERT, UPDATE or DELETE run through the session on a table the network reads."""
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if getattr(table, "name", None) in _TRACKED_TABLES:
            _note_change(state.session)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _end_uncommitted(session):
    session.info.pop("network_uncommitted", None)


def data_version(session: Session) -> tuple:
    """Return a fingerprint that changes whenever the rows of the network may have changed (one query)."""
    table = NetworkSnapshot.__table__
    parts = [select(literal(CHANGES), func.max(table.c.fraction)).where(table.c.name == CHANGES)]
    parts += [select(literal(model.__tablename__), func.max(model.id)) for model in _TRACKED_MODELS]
    rows = session.execute(union_all(*parts)).all()
    # The database's address too: one process may serve several (the tests use two). Inside a
    # transaction that changed the rows, a token of its own: nothing computed there is reused later.
    return (session.get_bind().url.render_as_string(), session.info.get("network_uncommitted"),
            *((name, None if value is None else int(value)) for name, value in rows))


def shared_data_version(session: Session) -> str:
    """Return the part of ``data_version`` every process sees alike, as text."""
    return repr(data_version(session)[2:])


def needs_background_job(session: Session, network_filter: NetworkFilter) -> bool:
    """Tell whether this filter's network is the background job's: the default one, on a large programme."""
    if network_filter != NetworkFilter():
        return False
    key = ("sizes", data_version(session))
    sizes = network_cache.get(key)
    if sizes is None:
        sizes = tuple(session.scalar(select(func.count()).select_from(model)) for model in (Organisation, Participation))
        network_cache.put(key, sizes)
    return sizes[0] > JOB_ABOVE_ORGANISATIONS or sizes[1] > JOB_ABOVE_PARTICIPATIONS


def _rows_for(session: Session, version: tuple, network_filter: NetworkFilter | None = None) -> NetworkRows:
    """The rows the filter needs (all rows without one), read once per data version and scope."""
    scope = scope_of(network_filter)
    key = ("rows", version, scope)
    rows = network_cache.get(key)
    if rows is None:
        rows = read_rows(session, network_filter if scope is not None else None)
        network_cache.put(key, rows)
    return rows


def rows_for(session: Session, network_filter: NetworkFilter) -> NetworkRows:
    """Return the rows the filter needs, cached as the network page's are (the report reads a period's)."""
    return _rows_for(session, data_version(session), network_filter)


def compute(rows: NetworkRows, network_filter: NetworkFilter) -> ComputedNetwork:
    """Build the filtered graph and all its figures (no database: the background job can call it)."""
    graph = build_network(rows.actors, rows.attendances, rows.joint_work, rows.relationships, network_filter)
    return ComputedNetwork(graph, figures(graph))


def network_for(session: Session, network_filter: NetworkFilter) -> ComputedNetwork:
    """Return the filtered graph and its figures, from the cache while the data has not changed."""
    version = data_version(session)
    key = ("network", network_filter, version)
    result = network_cache.get(key)
    if result is None:
        result = compute(_rows_for(session, version, network_filter), network_filter)
        network_cache.put(key, result)
    return result


def quarters_for(session: Session, network_filter: NetworkFilter) -> list[QuarterFigures]:
    """Return the quarter-by-quarter figures under the filter, cached like ``network_for``."""
    version = data_version(session)
    key = ("quarters", network_filter, version)
    result = network_cache.get(key)
    if result is None:
        rows = _rows_for(session, version, network_filter)
        within = network_filter
        if scope_of(network_filter) is not None and (network_filter.date_from is None or network_filter.date_to is None):
            # Open ends are the whole programme's first and last days, which these rows may not hold.
            span_key = ("span", version, network_filter.date_from, network_filter.date_to)
            first, last = network_cache.get(span_key) or date_span(session, network_filter)
            network_cache.put(span_key, (first, last))
            if first is not None and last is not None:
                within = replace(network_filter, date_from=first, date_to=last)
        result = quarterly_figures(rows.actors, rows.attendances, rows.joint_work, rows.relationships, within)
        network_cache.put(key, result)
    return result


def derived(computed: ComputedNetwork, name, make):
    """Return ``make()`` for this computed network (its suggestions, a file), made once and cached with it."""
    key = ("derived", name, id(computed))
    cached = network_cache.get(key)
    if cached is None or cached[0] is not computed:
        cached = (computed, make())
        network_cache.put(key, cached)
    return cached[1]


def drawing_for(computed: ComputedNetwork, network_filter: NetworkFilter) -> tuple[Drawing, dict]:
    """Return what the browser is sent (at most ~500 nodes, 2,000 ties) and its fixed-seed layout, cached."""
    if computed.drawn is not None:
        return computed.drawn
    key = ("drawing", network_filter, id(computed))
    cached = network_cache.get(key)
    if cached is None or cached[0] is not computed:
        drawing = reduce_for_drawing(computed.graph, communities=computed.figures.communities)
        cached = (computed, drawing, layout(drawing.graph))
        network_cache.put(key, cached)
    return cached[1], cached[2]


def community_drawing_for(computed: ComputedNetwork, network_filter: NetworkFilter,
                          community: int) -> tuple[Drawing, dict] | None:
    """Return the drawing of one community's actors (None when there is no such community), cached.

    A community too large to draw keeps its ``max_nodes`` actors of greatest strength, so its
    nodes stay actors that open on click rather than sub-groups numbered unlike the table.
    """
    communities = computed.figures.communities
    if not 0 <= community < len(communities):
        return None
    key = ("community drawing", network_filter, id(computed), community)
    cached = network_cache.get(key)
    if cached is None or cached[0] is not computed:
        strength = dict(computed.graph.degree(communities[community], weight="weight"))
        kept = sorted(communities[community], key=lambda n: (-strength[n], n))[:MAX_DRAWN_NODES]
        drawing = reduce_for_drawing(computed.graph.subgraph(kept).copy(), max_nodes=MAX_DRAWN_NODES)
        cached = (computed, drawing, layout(drawing.graph))
        network_cache.put(key, cached)
    return cached[1], cached[2]


@dataclass(frozen=True)
class EgoNetwork:
    """One organisation's place in the whole network: its figures and strongest partners."""

    figures: dict
    partners: list  # (organisation id, label, weight), strongest first
    community_size: int
    computed_at: object


def ego_network(session: Session, organisation_id: int, *, stored: Callable[[int], EgoNetwork | None],
                top: int = EGO_PARTNERS) -> EgoNetwork | None:
    """Return the organisation's figures and strongest partners in the default network (None if not in it).

    Where the default network is the background job's (a large programme), ``stored`` answers
    from its stored result (None before its first run); otherwise it is computed here, cached.
    """
    if needs_background_job(session, NetworkFilter()):
        return stored(organisation_id)
    return ego_in(network_for(session, NetworkFilter()), organisation_id, top=top)


def ego_in(result: ComputedNetwork, organisation_id: int, *, top: int = EGO_PARTNERS,
           partners: list | None = None) -> EgoNetwork | None:
    """Return the organisation's place in a computed network (None if not in it).

    ``partners`` are its strongest partners when already known (see ``strongest_partners``).
    """
    if organisation_id not in result.figures.actors:
        return None
    if partners is None:
        partners = strongest_partners(result.graph, [organisation_id], top=top)[organisation_id]
    own = result.figures.actors[organisation_id]
    community = result.figures.communities[own["community"]] if own.get("community") is not None else ()
    return EgoNetwork(own, partners, len(community), result.computed_at)


def strongest_partners(graph: nx.Graph, nodes, *, top: int = EGO_PARTNERS) -> dict[int, list]:
    """Return each node's ``top`` partners as (id, label, weight), heaviest tie first, then by label."""
    label = graph.nodes
    return {node: heapq.nsmallest(top, ((other, label[other].get("label", str(other)), tie.get("weight", 1))
                                        for other, tie in graph[node].items()), key=lambda p: (-p[2], p[1]))
            for node in nodes}
