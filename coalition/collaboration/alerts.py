"""The network's health alerts for one filter, as the network page, the dashboard and the report show them.

The pure layer (``coalition.network.alerts``) finds them; this module hands it the filtered
graph, the same network for the last months, who came to meetings and who committed, and the
stakeholder grid's latest ratings. Always at the organisations level: alerts are about actors,
and the steering group sees organisations.

Alerts read the network of the last two years up to the filter's end (today, or its last day):
what is current, and at design scale a fifth of ten years' rows. Lone brokers and sector gaps
are found in each neighbourhood's own network, as its page and the network page filtered to it
show it; only on a programme large enough to be the background job's (thousands of actors,
where a network per neighbourhood would take minutes) are they found among each
neighbourhood's registered actors and their ties in the whole graph instead, and the whole
programme's alerts are kept from one run of the job to the next, as its network is.
"""
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

import networkx as nx
from sqlalchemy import distinct, func, or_, select
from sqlalchemy.orm import Session

from ..models import (
    Commitment,
    CommitmentStatus,
    Meeting,
    Neighbourhood,
    Participation,
    ParticipationStatus,
    Sector,
    StakeholderAssessment,
)
from ..models.commitments import commitment_parties
from ..models.meetings import meeting_neighbourhoods
from ..network import (
    AttendsWithoutCommitting,
    DormantTie,
    InfluenceMismatch,
    Level,
    LoneBroker,
    NetworkFilter,
    SectorGap,
    attending_without_committing,
    dormant_ties,
    helix_coverage,
    influence_mismatches,
    lone_brokers,
    often,
    sector_gaps,
)
from .cache import cached
from .changes import data_version
from .shared import shared
from .view import network_view, programme_is_large

__all__ = ["DORMANT_MONTHS", "NetworkAlerts", "coverage_of_one_place", "network_alerts"]

# What the network page offers for "no joint work for ... months"; the first default is 6.
DORMANT_MONTHS = (6, 3, 9, 12, 18, 24)
# "Attends but does not commit": this many meetings in the last year, and no commitment made in it.
MEETINGS_WITHOUT_COMMITMENT = 3
YEAR = timedelta(days=365)
# Marks a key kept from one run of the job to the next (see _as_of).
JOB_RESULT = "job result"
# How far back the alerts look from the filter's end.
LOOK_BACK = 2 * YEAR


@dataclass(frozen=True)
class NetworkAlerts:
    """The alerts of one filtered network, with the names and places the sentences need."""

    brokers: list[LoneBroker] = field(default_factory=list)
    dormant: list[DormantTie] = field(default_factory=list)
    gaps: list[SectorGap] = field(default_factory=list)
    idle: list[AttendsWithoutCommitting] = field(default_factory=list)
    influence: list[InfluenceMismatch] = field(default_factory=list)
    labels: dict = field(default_factory=dict)  # actor id -> name
    places: dict = field(default_factory=dict)  # neighbourhood id -> name
    dormant_months: int = DORMANT_MONTHS[0]
    often: int = 0  # how many times together counts as working together often

    @property
    def count(self) -> int:
        return len(self.brokers) + len(self.dormant) + len(self.gaps) + len(self.idle) + len(self.influence)

    @staticmethod
    def sector(value: str) -> Sector:
        return Sector(value)


def coverage_of_one_place(graph: nx.Graph, neighbourhood_id: int) -> list:
    """Return the helix coverage of a neighbourhood's own network, in which every actor is active there."""
    here = graph.copy()
    nx.set_node_attributes(here, (neighbourhood_id,), "neighbourhoods")
    return helix_coverage(here)


def network_alerts(session: Session, network_filter: NetworkFilter | None = None, *,
                   dormant_months: int = DORMANT_MONTHS[0], today: date | None = None) -> NetworkAlerts:
    """Return the health alerts of the filtered network (the whole programme without one), kept as ``_as_of`` says."""
    network_filter = network_filter or NetworkFilter()
    today = today or date.today()
    end = min(network_filter.date_to or today, today)
    start = end - LOOK_BACK
    if network_filter.date_from is not None:
        start = min(max(start, network_filter.date_from), end)
    chosen = replace(network_filter, level=Level.ORGANISATIONS, date_from=start, date_to=end)
    today = end
    ratings = session.execute(select(func.count(StakeholderAssessment.id), func.max(StakeholderAssessment.id))).one()
    as_of = _as_of(session, network_filter)
    key = ("alerts", chosen, dormant_months, today, as_of, tuple(ratings))
    keep = shared if as_of[0] == JOB_RESULT else cached
    return keep(key, lambda: _alerts(session, chosen, dormant_months, today))


def _as_of(session: Session, network_filter: NetworkFilter) -> tuple:
    """What the alerts are kept under: the data version, or the job's latest result (a large programme, no filter).

    There the network the page shows is the job's, as of its last run. Its alerts take seconds
    at design scale (two years of rows, a graph per neighbourhood): they are computed once after
    each run, shared by the web processes and kept until the next run, like the network they are
    about, rather than again in every process after every saved record.
    """
    if network_filter == NetworkFilter():
        whole = network_view(session)
        if whole.from_job and whole.computed_at is not None:
            return JOB_RESULT, data_version(session)[0], whole.job.result.id, whole.computed_at
    return data_version(session)


def _alerts(session: Session, chosen: NetworkFilter, dormant_months: int, today: date) -> NetworkAlerts:
    graph = network_view(session, chosen).graph
    if chosen.neighbourhood_id is not None:
        networks = {chosen.neighbourhood_id: graph}
    elif programme_is_large(session, data_version(session)):  # a network per neighbourhood would take minutes: their actors' ties in the whole
        networks = {place: graph.subgraph(members) for place, members in _registered(graph).items()}
    else:
        networks = {place: network_view(session, replace(chosen, neighbourhood_id=place)).graph
                    for place in session.scalars(select(Neighbourhood.id).where(Neighbourhood.archived_at.is_(None))
                                                 .order_by(Neighbourhood.id))}
    coverage = [c for place, network in networks.items() for c in coverage_of_one_place(network, place)]
    since = max(today - timedelta(days=round(dormant_months * 30.44)), chosen.date_from)
    recent = network_view(session, replace(chosen, date_from=since)).graph
    return NetworkAlerts(
        brokers=sorted((broker for place, network in networks.items() for broker in lone_brokers(network, {place: network})),
                       key=lambda broker: (-broker.cut_off, broker.place, broker.actor)),
        dormant=dormant_ties(graph, recent),
        gaps=sector_gaps(coverage),
        idle=attending_without_committing(*_attending_and_committed(session, chosen, today, set(graph)),
                                          at_least=MEETINGS_WITHOUT_COMMITMENT),
        influence=influence_mismatches(graph, _stated_power(session, set(graph))),
        labels=dict(graph.nodes(data="label")),
        places=dict(session.execute(select(Neighbourhood.id, Neighbourhood.name)).all()),
        dormant_months=dormant_months,
        often=often(graph),
    )


def _registered(graph: nx.Graph) -> dict[int, set]:
    """Each neighbourhood's registered actors in the graph."""
    places: dict[int, set] = {}
    for node, ids in graph.nodes(data="neighbourhoods"):
        for place in ids or ():
            places.setdefault(place, set()).add(node)
    return dict(sorted(places.items()))


def _attending_and_committed(session: Session, chosen: NetworkFilter, today: date,
                             actors: set[int]) -> tuple[dict[int, int], set[int]]:
    """Meetings attended in the last year per organisation of the graph, and those that committed in it."""
    first = today - YEAR
    held = [Meeting.starts_at >= datetime.combine(first, time.min),
            Meeting.starts_at < datetime.combine(today + timedelta(days=1), time.min)]
    if chosen.neighbourhood_id is not None:
        held.append(Meeting.id.in_(select(meeting_neighbourhoods.c.meeting_id)
                                   .where(meeting_neighbourhoods.c.neighbourhood_id == chosen.neighbourhood_id)))
    attended = dict(session.execute(
        select(Participation.organisation_id, func.count(distinct(Participation.meeting_id)))
        .join(Meeting, Meeting.id == Participation.meeting_id)
        .where(Participation.status == ParticipationStatus.ATTENDED, Participation.organisation_id.is_not(None), *held)
        .group_by(Participation.organisation_id)).all())
    made_at = select(Meeting.starts_at).where(Meeting.id == Commitment.meeting_id).scalar_subquery()
    committed = set(session.scalars(
        select(commitment_parties.c.organisation_id).distinct()
        .join(Commitment, Commitment.id == commitment_parties.c.commitment_id)
        .where(Commitment.status != CommitmentStatus.WITHDRAWN,
               or_(Commitment.made_on.between(first, today),
                   Commitment.made_on.is_(None) & made_at.between(datetime.combine(first, time.min),
                                                                  datetime.combine(today, time.max))))))
    return {actor: n for actor, n in attended.items() if actor in actors}, committed


def _stated_power(session: Session, actors: set[int]) -> dict[int, int]:
    """The latest stakeholder-grid influence of each organisation in the graph."""
    latest = {}
    for organisation_id, influence in session.execute(
            select(StakeholderAssessment.organisation_id, StakeholderAssessment.influence)
            .order_by(StakeholderAssessment.assessed_on, StakeholderAssessment.id)):
        if organisation_id in actors:
            latest[organisation_id] = influence
    return latest
