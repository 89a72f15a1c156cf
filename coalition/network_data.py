"""Read the collaboration network's plain rows from the database, and cache what is computed from them.

Rows are read in a few bulk queries (no query per actor or meeting) and handed to the pure
layer in ``coalition.network``. Choices made here:

- **Archived actors** stay in the network when they took part in something (a meeting,
  joint work or a declared relationship): archiving hides a record from lists, it does not
  rewrite history. An archived actor with nothing recorded is left out, so it is not counted
  as an isolate "to involve".
- **Anonymised persons** (GDPR Art. 17) stay at the persons level, labelled ``ANONYMISED``
  and never by name: their participations are the anonymous statistics the erasure keeps.
  **Restricted persons** (Art. 18, "not processed further") are left out of the persons level;
  at the organisations level only the organisation recorded on the participation counts.
- **Commitments** count as joint work when two or more organisations are party to them,
  unless withdrawn; their date is the day they were made, else the date of the meeting where
  they were made. **Initiatives** count from the day they started.

Figures are cached until the data changes: the cache key is the filter plus a data version,
which is a fingerprint of the relevant tables (row counts and the latest ``updated_at``, so
changes by another process are seen) together with a counter this process bumps after every
commit that touched a relevant model (so a change that keeps counts, such as swapping a
commitment party, is seen at once). The whole-programme graph at design scale is meant to be
computed by a background job (issue 5, item 7): it can call ``compute`` and put the result in
``network_cache`` under ``data_version(...)``, and the pages then answer from there.
"""
import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from datetime import date

import networkx as nx
from sqlalchemy import DateTime, event, func, null, select, union_all
from sqlalchemy.orm import Session

from .models import (
    Commitment,
    CommitmentStatus,
    Initiative,
    Meeting,
    Membership,
    Organisation,
    Participation,
    ParticipationStatus,
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
    Actor,
    ActorKind,
    Attendance,
    DeclaredRelationship,
    Drawing,
    JointKind,
    JointWork,
    NetworkFigures,
    NetworkFilter,
    QuarterFigures,
    build_network,
    figures,
    layout,
    quarterly_figures,
    reduce_for_drawing,
)

__all__ = [
    "ANONYMISED",
    "ComputedNetwork",
    "NetworkRows",
    "compute",
    "data_version",
    "community_drawing_for",
    "drawing_for",
    "ego_network",
    "network_cache",
    "needs_background_job",
    "network_for",
    "quarters_for",
    "read_rows",
    "shared_data_version",
]

# The most actors a drawing of one community shows (as many as a reduced drawing has nodes).
MAX_DRAWN_NODES = 500

# The label of an anonymised person; the interface shows it translated.
ANONYMISED = "Anonymised"

# Above this many actors the organisation page does not compute the whole graph itself:
# that is the background job's work (item 7); the page then shows no ego figures yet.
EGO_COMPUTE_UP_TO = 1000

# Above either count the default network page answers from the background job's stored result
# instead of computing in the request: at 1,000 organisations or 20,000 participations the
# figures already take several seconds (about 60 s at design scale, see network/figures.py).
JOB_ABOVE_ORGANISATIONS = 1000
JOB_ABOVE_PARTICIPATIONS = 20000

_TRACKED_MODELS = (Organisation, Person, Membership, Meeting, Participation, Commitment, Initiative, Relationship)
_TIMESTAMPED_TABLES = tuple(model.__table__ for model in _TRACKED_MODELS)
_LINK_TABLES = (organisation_neighbourhoods, meeting_neighbourhoods, commitment_parties, initiative_participants,
                initiative_neighbourhoods)


@dataclass(frozen=True)
class NetworkRows:
    """Everything the pure layer needs, read once per data version."""

    actors: tuple[Actor, ...]
    attendances: tuple[Attendance, ...]
    joint_work: tuple[JointWork, ...]
    relationships: tuple[DeclaredRelationship, ...]


@dataclass(frozen=True)
class ComputedNetwork:
    """A filtered graph, its figures, and when they were computed."""

    graph: nx.Graph
    figures: NetworkFigures
    computed_at: object = field(default_factory=utcnow)


class NetworkCache:
    """A small thread-safe LRU of computed results, keyed by (what, filter, data version)."""

    def __init__(self, size: int = 32):
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
_local_changes = [0]


@event.listens_for(Session, "after_flush")
def _note_relevant_flush(session, _flush_context):
    touched = (*session.new, *session.dirty, *session.deleted)
    if any(isinstance(obj, _TRACKED_MODELS) for obj in touched):
        session.info["network_changed"] = True


@event.listens_for(Session, "after_commit")
def _bump_after_relevant_commit(session):
    if session.info.pop("network_changed", False):
        _local_changes[0] += 1


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session):
    session.info.pop("network_changed", None)


def data_version(session: Session) -> tuple:
    """Return a fingerprint that changes whenever the rows of the network may have changed (one query)."""
    parts = [select(func.count(), func.max(table.c.updated_at)) for table in _TIMESTAMPED_TABLES]
    parts += [select(func.count(), null().cast(DateTime)).select_from(table) for table in _LINK_TABLES]
    rows = session.execute(union_all(*parts)).all()
    # The database's address too: one process may serve several (the tests use two).
    return (session.get_bind().url.render_as_string(), _local_changes[0], *((row[0], str(row[1])) for row in rows))


def shared_data_version(session: Session) -> str:
    """Return the part of ``data_version`` every process sees alike (no per-process counter), as text."""
    return repr(data_version(session)[2:])


def needs_background_job(session: Session, network_filter: NetworkFilter) -> bool:
    """Tell whether this filter's network is the background job's: the default one, on a large programme."""
    if network_filter != NetworkFilter():
        return False
    counts = dict(zip(_TRACKED_MODELS, (part[0] for part in data_version(session)[2:])))
    return counts[Organisation] > JOB_ABOVE_ORGANISATIONS or counts[Participation] > JOB_ABOVE_PARTICIPATIONS


def read_rows(session: Session, *, today: date | None = None) -> NetworkRows:
    """Read every actor, attendance, joint work and declared relationship, in bulk."""
    today = today or date.today()
    attendances = _attendances(session)
    joint_work = _commitments(session) + _initiatives(session)
    relationships = tuple(
        DeclaredRelationship(row.from_organisation_id, row.to_organisation_id, str(row.kind),
                             row.from_date, row.until_date)
        for row in session.execute(select(Relationship.from_organisation_id, Relationship.to_organisation_id,
                                          Relationship.kind, Relationship.from_date, Relationship.until_date))
    )
    involved_organisations = {a.organisation_id for a in attendances}
    involved_organisations.update(*(w.parties for w in joint_work))
    involved_organisations.update(i for r in relationships for i in (r.first_id, r.second_id))
    involved_persons = {a.person_id for a in attendances}
    organisations, neighbourhoods_of = _organisations(session, involved_organisations)
    persons = _persons(session, involved_persons, neighbourhoods_of, today)
    return NetworkRows(
        actors=tuple(organisations.values()) + tuple(persons),
        attendances=tuple(attendances), joint_work=tuple(joint_work), relationships=relationships,
    )


def _organisations(session: Session, involved: set[int]) -> tuple[dict[int, Actor], dict[int, set[int]]]:
    neighbourhoods_of: dict[int, set[int]] = defaultdict(set)
    for organisation_id, neighbourhood_id in session.execute(select(organisation_neighbourhoods)):
        neighbourhoods_of[organisation_id].add(neighbourhood_id)
    actors = {}
    rows = session.execute(select(Organisation.id, Organisation.name, Organisation.sector, Organisation.archived_at)
                           .order_by(Organisation.id))
    for row in rows:
        if row.archived_at is None or row.id in involved:
            actors[row.id] = Actor(row.id, row.name, str(row.sector), ActorKind.ORGANISATION,
                                   neighbourhoods_of.get(row.id, ()))
    return actors, neighbourhoods_of


def _persons(session: Session, involved: set[int], neighbourhoods_of, today: date) -> list[Actor]:
    """Persons, with the sector and places of their current organisation (latest membership first).

    Restricted persons are left out; anonymised ones are kept under ``ANONYMISED``.
    """
    current: dict[int, int] = {}
    memberships = session.execute(
        select(Membership.person_id, Membership.organisation_id)
        .where((Membership.until_date.is_(None)) | (Membership.until_date >= today))
        .order_by(Membership.person_id, Membership.from_date.desc().nulls_last(), Membership.id.desc())
    )
    for person_id, organisation_id in memberships:
        current.setdefault(person_id, organisation_id)
    sectors = dict(session.execute(select(Organisation.id, Organisation.sector)).all())
    persons = []
    rows = session.execute(select(Person.id, Person.name, Person.archived_at, Person.anonymised_at,
                                  Person.restricted_at).order_by(Person.id))
    for row in rows:
        if row.archived_at is not None and row.id not in involved:
            continue
        if row.restricted_at is not None and row.anonymised_at is None:
            continue
        organisation_id = current.get(row.id)
        sector = str(sectors[organisation_id]) if organisation_id in sectors else None
        label = ANONYMISED if row.anonymised_at is not None else row.name
        persons.append(Actor(row.id, label, sector, ActorKind.PERSON, neighbourhoods_of.get(organisation_id, ())))
    return persons


def _attendances(session: Session) -> list[Attendance]:
    places: dict[int, set[int]] = defaultdict(set)
    for meeting_id, neighbourhood_id in session.execute(select(meeting_neighbourhoods)):
        places[meeting_id].add(neighbourhood_id)
    rows = session.execute(
        select(Participation.meeting_id, Meeting.starts_at, Meeting.kind, Participation.person_id,
               Participation.organisation_id)
        .join(Meeting, Meeting.id == Participation.meeting_id)
        .where(Participation.status == ParticipationStatus.ATTENDED)
        .order_by(Participation.meeting_id, Participation.person_id)
    )
    return [Attendance(row.meeting_id, row.starts_at.date(), str(row.kind), places.get(row.meeting_id, ()),
                       person_id=row.person_id, organisation_id=row.organisation_id) for row in rows]


def _commitments(session: Session) -> list[JointWork]:
    parties: dict[int, set[int]] = defaultdict(set)
    for commitment_id, organisation_id in session.execute(select(commitment_parties)):
        parties[commitment_id].add(organisation_id)
    joint = [i for i, members in parties.items() if len(members) >= 2]
    if not joint:
        return []
    rows = session.execute(
        select(Commitment.id, Commitment.made_on, Commitment.neighbourhood_id, Meeting.starts_at)
        .outerjoin(Meeting, Meeting.id == Commitment.meeting_id)
        .where(Commitment.id.in_(joint), Commitment.status != CommitmentStatus.WITHDRAWN)
        .order_by(Commitment.id)
    )
    return [JointWork(parties[row.id], row.made_on or (row.starts_at.date() if row.starts_at else None),
                      JointKind.COMMITMENT, () if row.neighbourhood_id is None else (row.neighbourhood_id,))
            for row in rows]


def _initiatives(session: Session) -> list[JointWork]:
    participants: dict[int, set[int]] = defaultdict(set)
    for initiative_id, organisation_id in session.execute(select(initiative_participants)):
        participants[initiative_id].add(organisation_id)
    joint = [i for i, members in participants.items() if len(members) >= 2]
    if not joint:
        return []
    places: dict[int, set[int]] = defaultdict(set)
    for initiative_id, neighbourhood_id in session.execute(select(initiative_neighbourhoods)):
        places[initiative_id].add(neighbourhood_id)
    rows = session.execute(select(Initiative.id, Initiative.started_on).where(Initiative.id.in_(joint))
                           .order_by(Initiative.id))
    return [JointWork(participants[row.id], row.started_on, JointKind.INITIATIVE, places.get(row.id, ()))
            for row in rows]


def _rows_for(session: Session, version: tuple) -> NetworkRows:
    key = ("rows", version)
    rows = network_cache.get(key)
    if rows is None:
        rows = read_rows(session)
        network_cache.put(key, rows)
    return rows


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
        result = compute(_rows_for(session, version), network_filter)
        network_cache.put(key, result)
    return result


def quarters_for(session: Session, network_filter: NetworkFilter) -> list[QuarterFigures]:
    """Return the quarter-by-quarter figures under the filter, cached like ``network_for``."""
    version = data_version(session)
    key = ("quarters", network_filter, version)
    result = network_cache.get(key)
    if result is None:
        rows = _rows_for(session, version)
        result = quarterly_figures(rows.actors, rows.attendances, rows.joint_work, rows.relationships,
                                   network_filter)
        network_cache.put(key, result)
    return result


def drawing_for(computed: ComputedNetwork, network_filter: NetworkFilter) -> tuple[Drawing, dict]:
    """Return what the browser is sent (at most ~500 nodes, 2,000 ties) and its fixed-seed layout, cached."""
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


def ego_network(session: Session, organisation_id: int, *, top: int = 5) -> EgoNetwork | None:
    """Return the organisation's figures in the default network, or None when not available cheaply."""
    network_filter = NetworkFilter()
    version = data_version(session)
    result = network_cache.get(("network", network_filter, version))
    if result is None:
        rows = _rows_for(session, version)
        if sum(1 for a in rows.actors if a.kind is ActorKind.ORGANISATION) > EGO_COMPUTE_UP_TO:
            return None  # left to the background job at this size
        result = network_for(session, network_filter)
    if organisation_id not in result.graph:
        return None
    graph = result.graph
    partners = sorted(((n, graph.nodes[n].get("label", str(n)), w)
                       for n, w in ((n, graph[organisation_id][n].get("weight", 1)) for n in graph[organisation_id])),
                      key=lambda p: (-p[2], p[1]))[:top]
    own = result.figures.actors[organisation_id]
    community = result.figures.communities[own["community"]] if own.get("community") is not None else ()
    return EgoNetwork(own, partners, len(community), result.computed_at)
