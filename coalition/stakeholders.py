"""Stakeholder analysis: dated assessments of each organisation's influence, interest and engagement,
and the power-interest grid of the latest ones.

An assessment is never changed: a new judgement is a new dated row, so the history shows how an
actor moved. The grid places each active organisation by its latest assessment.
"""
import enum
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from . import dates
from .errors import DomainError, Refusals
from .i18n import lazy_gettext as _l
from .models import Engagement, Organisation, Sector, StakeholderAssessment
from .models.places import organisation_neighbourhoods
from .records import history

__all__ = [
    "HIGH_FROM",
    "SCALE",
    "CellEntry",
    "Grid",
    "Quadrant",
    "StakeholderFilter",
    "assessment_history",
    "grid",
    "latest_assessments",
    "quadrant_of",
    "record_assessment",
    "unassessed_count",
]

SCALE = range(1, 6)
# 4 and 5 are high: the middle of the scale counts as low, so that "manage closely" stays a short list.
HIGH_FROM = 4
# How many organisations a cell of the grid names before it says "and N more".
NAMED_PER_CELL = 5


class Quadrant(enum.StrEnum):
    MANAGE_CLOSELY = "manage_closely"  # high influence, high interest
    KEEP_SATISFIED = "keep_satisfied"  # high influence, low interest
    KEEP_INFORMED = "keep_informed"  # low influence, high interest
    MONITOR = "monitor"  # low influence, low interest


QUADRANT_LABELS = {
    Quadrant.MANAGE_CLOSELY: _l("Manage closely"),
    Quadrant.KEEP_SATISFIED: _l("Keep satisfied"),
    Quadrant.KEEP_INFORMED: _l("Keep informed"),
    Quadrant.MONITOR: _l("Monitor"),
}


def quadrant_of(influence: int, interest: int) -> Quadrant:
    """Return the quadrant of the power-interest grid a pair of scores falls in.

    >>> quadrant_of(5, 2), quadrant_of(3, 4)
    (<Quadrant.KEEP_SATISFIED: 'keep_satisfied'>, <Quadrant.KEEP_INFORMED: 'keep_informed'>)
    """
    high_influence, high_interest = influence >= HIGH_FROM, interest >= HIGH_FROM
    if high_influence:
        return Quadrant.MANAGE_CLOSELY if high_interest else Quadrant.KEEP_SATISFIED
    return Quadrant.KEEP_INFORMED if high_interest else Quadrant.MONITOR


def _check_score(value: int, field_name: str) -> None:
    if value not in SCALE:
        raise DomainError(_l("Give a score from 1 (low) to 5 (high)."), field=field_name)


def record_assessment(session: Session, organisation: Organisation, *, assessed_on: date, influence: int,
                      interest: int, engagement: Engagement, note: str = "",
                      assessed_by_id: int | None = None) -> StakeholderAssessment:
    """Record how the office judges an organisation on a date, keeping the earlier judgements."""
    refusals = Refusals()
    if assessed_on > date.today():
        refusals.add(_l("An assessment cannot be dated in the future."), "assessed_on")
    refusals.date(assessed_on, dates.PROGRAMME, "assessed_on")
    for score, field_name in ((influence, "influence"), (interest, "interest")):
        try:
            _check_score(score, field_name)
        except DomainError as error:
            refusals.add_error(error)
    refusals.refuse()
    same_day = session.scalar(select(StakeholderAssessment.id).where(
        StakeholderAssessment.organisation_id == organisation.id, StakeholderAssessment.assessed_on == assessed_on))
    if same_day is not None:
        raise DomainError(
            _l("%(name)s already has an assessment dated %(date)s. Choose another date; earlier assessments "
               "are kept as they were.", name=organisation.name, date=assessed_on.isoformat()),
            field="assessed_on")
    assessment = StakeholderAssessment(
        organisation_id=organisation.id, assessed_on=assessed_on, influence=influence, interest=interest,
        engagement=Engagement(engagement), note=note.strip(), assessed_by_id=assessed_by_id,
    )
    session.add(assessment)
    session.flush()
    return assessment


def assessment_history(session: Session, organisation_id: int) -> list[tuple[StakeholderAssessment, str | None]]:
    """Return the organisation's assessments, latest first, each with who recorded it."""
    return history(session, StakeholderAssessment, of=StakeholderAssessment.organisation_id == organisation_id,
                   day=StakeholderAssessment.assessed_on, recorded_by=StakeholderAssessment.assessed_by_id)


@dataclass(frozen=True)
class StakeholderFilter:
    """Which organisations the grid and its table show; empty means all active ones."""

    sector: Sector | None = None
    neighbourhood_id: int | None = None
    influence: int | None = None
    interest: int | None = None
    quadrant: Quadrant | None = None


def _latest_per_organisation() -> Select:
    # The latest by date; on a shared date (possible in data loaded before the rule) the last recorded.
    rank = func.row_number().over(partition_by=StakeholderAssessment.organisation_id,
                                  order_by=(StakeholderAssessment.assessed_on.desc(), StakeholderAssessment.id.desc()))
    return select(StakeholderAssessment.id, rank.label("rank")).subquery()


def _organisations(chosen: StakeholderFilter) -> Select:
    query = select(Organisation.id).where(Organisation.archived_at.is_(None))
    if chosen.sector:
        query = query.where(Organisation.sector == chosen.sector)
    if chosen.neighbourhood_id:
        link = organisation_neighbourhoods.c
        query = query.where(Organisation.id.in_(
            select(link.organisation_id).where(link.neighbourhood_id == chosen.neighbourhood_id)))
    return query


def latest_assessments(chosen: StakeholderFilter = StakeholderFilter()) -> Select:
    """Select the latest assessment of each filtered active organisation, joined to it, by name."""
    latest = _latest_per_organisation()
    query = (
        select(StakeholderAssessment)
        .join(Organisation, StakeholderAssessment.organisation_id == Organisation.id)
        .join(latest, (latest.c.id == StakeholderAssessment.id) & (latest.c.rank == 1))
        .where(Organisation.id.in_(_organisations(chosen)))
        .order_by(Organisation.name_key, Organisation.id)
    )
    if chosen.influence:
        query = query.where(StakeholderAssessment.influence == chosen.influence)
    if chosen.interest:
        query = query.where(StakeholderAssessment.interest == chosen.interest)
    if chosen.quadrant:
        high_influence = StakeholderAssessment.influence >= HIGH_FROM
        high_interest = StakeholderAssessment.interest >= HIGH_FROM
        query = query.where({
            Quadrant.MANAGE_CLOSELY: high_influence & high_interest,
            Quadrant.KEEP_SATISFIED: high_influence & ~high_interest,
            Quadrant.KEEP_INFORMED: ~high_influence & high_interest,
            Quadrant.MONITOR: ~high_influence & ~high_interest,
        }[chosen.quadrant])
    return query


def unassessed_count(session: Session, chosen: StakeholderFilter = StakeholderFilter()) -> int:
    """Count the filtered active organisations that have never been assessed."""
    assessed = select(StakeholderAssessment.organisation_id)
    return session.scalar(select(func.count()).select_from(
        _organisations(chosen).where(Organisation.id.not_in(assessed)).subquery())) or 0


@dataclass(frozen=True)
class CellEntry:
    organisation_id: int
    name: str
    sector: Sector


@dataclass
class Grid:
    """The 5x5 power-interest grid: per (influence, interest), the count and the first few organisations by name."""

    cells: dict[tuple[int, int], list[CellEntry]] = field(default_factory=lambda: defaultdict(list))
    counts: dict[tuple[int, int], int] = field(default_factory=lambda: defaultdict(int))
    by_quadrant: dict[Quadrant, int] = field(default_factory=lambda: dict.fromkeys(Quadrant, 0))
    by_sector: dict[Sector, int] = field(default_factory=lambda: dict.fromkeys(Sector, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def more(self, influence: int, interest: int) -> int:
        return self.counts[(influence, interest)] - len(self.cells[(influence, interest)])


def grid(session: Session, chosen: StakeholderFilter = StakeholderFilter(), *, named: int = NAMED_PER_CELL) -> Grid:
    """Place each filtered organisation's latest assessment in the grid, naming at most `named` per cell."""
    result = Grid()
    rows = session.execute(latest_assessments(chosen).with_only_columns(
        Organisation.id, Organisation.name, Organisation.sector, StakeholderAssessment.influence,
        StakeholderAssessment.interest))
    for organisation_id, name, sector, influence, interest in rows:
        key = (influence, interest)
        result.counts[key] += 1
        result.by_quadrant[quadrant_of(influence, interest)] += 1
        result.by_sector[sector] += 1
        if len(result.cells[key]) < named:
            result.cells[key].append(CellEntry(organisation_id, name, sector))
    return result
