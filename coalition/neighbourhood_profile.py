"""What the steering group reads about one neighbourhood: sector coverage, meetings over time, commitments.

Every figure comes from a few grouped queries, whatever the size of the neighbourhood, and the
ties between sectors come from the collaboration network filtered to the neighbourhood (meetings
held there, joint commitments and initiatives there, declared relationships between its actors).
"""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from . import network_data
from .commitment_register import (
    RegisterFilter,
    TotalsRow,
    ids_of,
    pledged_and_delivered,
    register_query,
    register_totals,
)
from .i18n import lazy_gettext as _l
from .models import (
    Meeting,
    Neighbourhood,
    Organisation,
    Participation,
    ParticipationStatus,
    Sector,
    StageChange,
    Unit,
)
from .models.meetings import meeting_neighbourhoods
from .models.places import organisation_neighbourhoods
from .network import NetworkFilter, build_network, helix_coverage
from .network_rows import read_rows

__all__ = [
    "WHAT_A_MISSING_SECTOR_MEANS",
    "CommitmentSummary",
    "HelixStanding",
    "NeighbourhoodProfile",
    "Quarter",
    "SectorActors",
    "SectorStanding",
    "commitment_summary",
    "helix_standing",
    "meetings_by_quarter",
    "profile",
]

# Shown beside a sector the neighbourhood lacks: what the coalition misses without it.
WHAT_A_MISSING_SECTOR_MEANS = {
    Sector.PRIVATE: _l("Without business the coalition lacks jobs, premises and private investment."),
    Sector.PUBLIC: _l("Without the public sector nothing links the work to municipal services and decisions."),
    Sector.CIVIL: _l("Without civil society the residents' own organisations and their trust are missing."),
    Sector.ACADEMIC: _l("Without academia nobody follows up the effects with research."),
}

# The most organisations a sector's card lists; the rest are a link to the filtered list.
LISTED_PER_SECTOR = 25


@dataclass(frozen=True)
class SectorStanding:
    """One sector in a neighbourhood: how many of its actors are active there and whom they are tied to."""

    sector: Sector
    actors: int
    tied_to: tuple[Sector, ...] = ()

    @property
    def present(self) -> bool:
        return self.actors > 0


@dataclass(frozen=True)
class HelixStanding:
    """The quadruple helix in a neighbourhood: the four sectors, and the pairs of present ones left untied."""

    sectors: tuple[SectorStanding, ...]
    untied_pairs: tuple[tuple[Sector, Sector], ...]

    @property
    def present(self) -> tuple[SectorStanding, ...]:
        return tuple(s for s in self.sectors if s.present)

    @property
    def missing(self) -> tuple[Sector, ...]:
        return tuple(s.sector for s in self.sectors if not s.present)

    @property
    def unconnected(self) -> tuple[Sector, ...]:
        """Present sectors with no tie to any other present sector (when there is another one)."""
        if len(self.present) < 2:
            return ()
        return tuple(s.sector for s in self.present if not s.tied_to)

    @property
    def complete(self) -> bool:
        return not self.missing and not self.untied_pairs


def _neighbourhood_graph(session: Session, neighbourhood_id: int):
    """Return the collaboration network filtered to the neighbourhood, cached until the data changes.

    Only the graph: the page needs its ties, not the figures ``network_for`` computes (several
    seconds for a neighbourhood's few hundred actors at design scale).
    """
    network_filter = NetworkFilter(neighbourhood_id=neighbourhood_id)
    key = ("neighbourhood graph", network_filter, network_data.data_version(session))
    graph = network_data.network_cache.get(key)
    if graph is None:
        rows = read_rows(session, network_filter)
        graph = build_network(rows.actors, rows.attendances, rows.joint_work, rows.relationships, network_filter)
        network_data.network_cache.put(key, graph)
    return graph


def helix_standing(session: Session, neighbourhood_id: int, active_ids_by_sector: dict[Sector, list[int]]) -> HelixStanding:
    """Say which sectors are active in the neighbourhood and which of them are tied there.

    Only the active (not archived) organisations of the neighbourhood count, as on its page;
    their ties come from the network filtered to the neighbourhood.
    """
    active = {i for ids in active_ids_by_sector.values() for i in ids}
    graph = _neighbourhood_graph(session, neighbourhood_id)
    coverage = next((c for c in helix_coverage(graph.subgraph(active & set(graph.nodes)))
                     if c.neighbourhood_id == neighbourhood_id), None)
    tied_pairs = {(Sector(a), Sector(b)) for a, b, tied in (coverage.pairs if coverage else ()) if tied}
    tied_to: dict[Sector, list[Sector]] = defaultdict(list)
    for first, second in tied_pairs:
        tied_to[first].append(second)
        tied_to[second].append(first)
    order = list(Sector)
    sectors = tuple(SectorStanding(sector, len(active_ids_by_sector.get(sector, ())),
                                   tuple(sorted(tied_to[sector], key=order.index))) for sector in Sector)
    present = [s.sector for s in sectors if s.present]
    untied = tuple((a, b) for i, a in enumerate(present) for b in present[i + 1:] if (a, b) not in tied_pairs)
    return HelixStanding(sectors, untied)


@dataclass
class Quarter:
    """Meetings held in the neighbourhood in one quarter, and the attendances at them by sector."""

    year: int
    quarter: int
    meetings: int = 0
    attended: dict[Sector | None, int] = field(default_factory=dict)  # None: came for no organisation

    @property
    def label(self) -> str:
        return f"{self.year} Q{self.quarter}"

    @property
    def total_attended(self) -> int:
        return sum(self.attended.values())


def meetings_by_quarter(session: Session, neighbourhood_id: int) -> list[Quarter]:
    """Count meetings and attendances (people who came, per meeting) by quarter and sector, oldest first.

    Quarters without meetings between the first and the last are included, with zeros.
    """
    held_here = select(meeting_neighbourhoods.c.meeting_id).where(
        meeting_neighbourhoods.c.neighbourhood_id == neighbourhood_id)
    year, month = extract("year", Meeting.starts_at), extract("month", Meeting.starts_at)
    quarters: dict[tuple[int, int], Quarter] = {}

    def quarter_of(y, m) -> Quarter:
        key = (int(y), (int(m) - 1) // 3 + 1)
        if key not in quarters:
            quarters[key] = Quarter(*key)
        return quarters[key]

    for y, m, n in session.execute(
        select(year, month, func.count()).where(Meeting.id.in_(held_here)).group_by(year, month)
    ):
        quarter_of(y, m).meetings += n
    for y, m, sector, n in session.execute(
        select(year, month, Organisation.sector, func.count())
        .select_from(Participation)
        .join(Meeting, Meeting.id == Participation.meeting_id)
        .outerjoin(Organisation, Organisation.id == Participation.organisation_id)
        .where(Participation.meeting_id.in_(held_here), Participation.status == ParticipationStatus.ATTENDED)
        .group_by(year, month, Organisation.sector)
    ):
        attended = quarter_of(y, m).attended
        attended[sector] = attended.get(sector, 0) + n
    if not quarters:
        return []
    first, last = min(quarters), max(quarters)
    filled, (y, q) = [], first
    while (y, q) <= last:
        filled.append(quarters.get((y, q)) or Quarter(y, q))
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return filled


@dataclass(frozen=True)
class CommitmentSummary:
    """The commitments placed in a neighbourhood: how many in each status, and the kronor promised and kept."""

    by_status: list[TotalsRow]
    total: int
    sek_pledged: Decimal
    sek_delivered: Decimal


def commitment_summary(session: Session, neighbourhood_id: int, *, today: date) -> CommitmentSummary:
    """Add up the neighbourhood's commitments as the register does when filtered to it.

    Pledged is agreed, in progress or delivered; only amounts in SEK count as kronor (hours,
    square metres and counts are other units).
    """
    ids = ids_of(register_query(RegisterFilter(neighbourhood_id=neighbourhood_id), today=today))
    totals = register_totals(session, ids)
    sek = next((t for t in pledged_and_delivered(session, ids) if t.unit is Unit.SEK), None)
    zero = Decimal("0.00")
    return CommitmentSummary(totals.by_status, totals.total.count,
                             sek.pledged if sek else zero, sek.delivered if sek else zero)


def _active_organisations(session: Session, neighbourhood_id: int) -> dict[Sector, list[tuple[int, str, object]]]:
    link = organisation_neighbourhoods.c
    groups: dict[Sector, list] = {sector: [] for sector in Sector}
    for organisation_id, name, sector, kind in session.execute(
        select(Organisation.id, Organisation.name, Organisation.sector, Organisation.kind)
        .join(organisation_neighbourhoods, link.organisation_id == Organisation.id)
        .where(link.neighbourhood_id == neighbourhood_id, Organisation.archived_at.is_(None))
        .order_by(Organisation.name_key)
    ):
        groups[sector].append((organisation_id, name, kind))
    return groups


@dataclass(frozen=True)
class SectorActors:
    """A sector's active organisations in a neighbourhood: the first few by name, and how many in all."""

    sector: Sector
    listed: list[tuple[int, str, object]]  # (id, name, kind)
    count: int

    @property
    def more(self) -> int:
        return self.count - len(self.listed)


@dataclass(frozen=True)
class NeighbourhoodProfile:
    stage_since: date | None
    actors: tuple[SectorActors, ...]
    helix: HelixStanding
    quarters: list[Quarter]
    commitments: CommitmentSummary


def profile(session: Session, neighbourhood: Neighbourhood, *, today: date | None = None) -> NeighbourhoodProfile:
    """Gather everything the neighbourhood's page shows beyond its own fields."""
    groups = _active_organisations(session, neighbourhood.id)
    since = session.scalar(select(func.max(StageChange.changed_on)).where(
        StageChange.neighbourhood_id == neighbourhood.id, StageChange.stage == neighbourhood.stage))
    return NeighbourhoodProfile(
        stage_since=since,
        actors=tuple(SectorActors(sector, rows[:LISTED_PER_SECTOR], len(rows)) for sector, rows in groups.items()),
        helix=helix_standing(session, neighbourhood.id, {s: [row[0] for row in rows] for s, rows in groups.items()}),
        quarters=meetings_by_quarter(session, neighbourhood.id),
        commitments=commitment_summary(session, neighbourhood.id, today=today or date.today()),
    )
