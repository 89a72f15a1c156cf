"""What the steering group reads about one neighbourhood: sector coverage, meetings over time, commitments.

Every figure comes from a few grouped queries, whatever the size of the neighbourhood, and the
ties between sectors come from the collaboration network filtered to the neighbourhood (meetings
held there, joint commitments and initiatives there, declared relationships between its actors).
"""
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .collaboration import network_view
from .collaboration.alerts import coverage_of_one_place
from .collaboration.scope import active_organisations
from .commitment_register import (
    RegisterFilter,
    TotalsRow,
    ids_of,
    pledged_and_delivered,
    register_query,
    register_totals,
)
from .i18n import lazy_gettext as _l
from .models import Neighbourhood, Organisation, Sector, StageChange, Unit
from .models.meetings import meeting_neighbourhoods
from .models.places import organisation_neighbourhoods
from .network import NetworkFilter
from .quarterly_attendance import Quarter, by_quarter

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


def helix_standing(session: Session, neighbourhood_id: int, active_ids_by_sector: dict[Sector, list[int]]) -> HelixStanding:
    """Say which sectors are active in the neighbourhood and which of them are tied there.

    The organisations active in the neighbourhood count, as on its page; their ties come from
    the network filtered to the neighbourhood.
    """
    active = {i for ids in active_ids_by_sector.values() for i in ids}
    # Only the graph: the page needs its ties, not the figures (seconds for a neighbourhood at design scale).
    view = network_view(session, NetworkFilter(neighbourhood_id=neighbourhood_id))
    graph = view.graph
    here = frozenset(active & set(graph.nodes))
    # Kept with the graph: copying the subgraph's ties took a tenth of a second per view at design scale.
    coverage = view.made_from_graph(("helix standing", neighbourhood_id, here), lambda: next(
        iter(coverage_of_one_place(graph.subgraph(here), neighbourhood_id)), None))
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


def meetings_by_quarter(session: Session, neighbourhood_id: int) -> list[Quarter]:
    """Count the meetings held in the neighbourhood and their attendances by quarter and sector, oldest first."""
    return by_quarter(session, select(meeting_neighbourhoods.c.meeting_id).where(
        meeting_neighbourhoods.c.neighbourhood_id == neighbourhood_id))


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
    """The organisations active in the neighbourhood by sector, by name: those its network filter keeps."""
    active = active_organisations(NetworkFilter(), [neighbourhood_id]).subquery()
    groups: dict[Sector, list] = {sector: [] for sector in Sector}
    for organisation_id, name, sector, kind in session.execute(
        select(Organisation.id, Organisation.name, Organisation.sector, Organisation.kind)
        .join(active, active.c.organisation_id == Organisation.id)
        .order_by(Organisation.name_key, Organisation.id)
    ):
        groups[sector].append((organisation_id, name, kind))
    return groups


def _registered_count(session: Session, neighbourhood_id: int) -> int:
    link = organisation_neighbourhoods.c
    return session.scalar(select(func.count()).select_from(organisation_neighbourhoods)
                          .join(Organisation, Organisation.id == link.organisation_id)
                          .where(link.neighbourhood_id == neighbourhood_id, Organisation.archived_at.is_(None)))


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
    registered: int  # of the active ones, how many are registered as active here (the rest took part here)
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
        registered=_registered_count(session, neighbourhood.id),
        helix=helix_standing(session, neighbourhood.id, {s: [row[0] for row in rows] for s, rows in groups.items()}),
        quarters=meetings_by_quarter(session, neighbourhood.id),
        commitments=commitment_summary(session, neighbourhood.id, today=today or date.today()),
    )
