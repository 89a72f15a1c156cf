"""Neighbourhoods: the places the programme works in, and the stage it has reached in each."""
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session

from .collaboration.scope import active_organisations
from .errors import DomainError
from .i18n import lazy_gettext as _l
from .models import Neighbourhood, Stage, StageChange
from .network import NetworkFilter
from .records import check_stage_date, history, searched
from .text import match_key, tidy

# More than any city district holds, and well inside the database's integer column.
LARGEST_POPULATION = 10_000_000


@dataclass
class NeighbourhoodDetails:
    """What staff type about a neighbourhood, already in the right types."""

    name: str
    municipality: str
    population: int | None = None
    description: str = ""


def _check(session: Session, details: NeighbourhoodDetails, neighbourhood_id: int | None) -> tuple[str, str]:
    name, municipality = tidy(details.name), tidy(details.municipality)
    if not name:
        raise DomainError(_l("A neighbourhood needs a name."), field="name")
    if not municipality:
        raise DomainError(_l("Say which municipality the neighbourhood lies in."), field="municipality")
    if details.population is not None and details.population < 0:
        raise DomainError(_l("A population cannot be negative."), field="population")
    if details.population is not None and details.population > LARGEST_POPULATION:
        raise DomainError(_l("No neighbourhood has more than ten million residents: check the number."),
                          field="population")
    existing = session.scalar(select(Neighbourhood).where(
        Neighbourhood.name_key == match_key(name), Neighbourhood.municipality_key == match_key(municipality)
    ))
    if existing is not None and existing.id != neighbourhood_id:
        raise DomainError(
            _l("%(municipality)s already has a neighbourhood called %(name)s.",
               municipality=existing.municipality, name=existing.name),
            field="name", existing=existing,
        )
    return name, municipality


def _apply(session: Session, neighbourhood: Neighbourhood, details: NeighbourhoodDetails) -> None:
    neighbourhood.name, neighbourhood.municipality = _check(session, details, neighbourhood.id)
    neighbourhood.population = details.population
    neighbourhood.description = details.description.strip()


def create_neighbourhood(session: Session, details: NeighbourhoodDetails, *, stage: Stage = Stage.MAPPING,
                         stage_on: date | None = None, stage_note: str = "",
                         changed_by_id: int | None = None) -> Neighbourhood:
    """Register a neighbourhood and record the stage it starts at (with a note); a repeated name is refused."""
    stage_on = stage_on or date.today()
    check_stage_date(stage_on, "stage_on", today=date.today())
    neighbourhood = Neighbourhood(stage=stage)
    _apply(session, neighbourhood, details)
    neighbourhood.stage_changes.append(StageChange(stage=stage, changed_on=stage_on, note=stage_note.strip(),
                                                   changed_by_id=changed_by_id))
    session.add(neighbourhood)
    session.flush()
    return neighbourhood


def update_neighbourhood(session: Session, neighbourhood: Neighbourhood, details: NeighbourhoodDetails) -> None:
    """Change a neighbourhood's details under the same rules as creating one."""
    _apply(session, neighbourhood, details)
    session.flush()


def _latest_change(neighbourhood: Neighbourhood) -> StageChange | None:
    # Several changes can share a date; the one recorded last is the latest.
    return max(neighbourhood.stage_changes, key=lambda c: (c.changed_on, c.id or 0), default=None)


def change_stage(session: Session, neighbourhood: Neighbourhood, stage: Stage, *, changed_on: date,
                 note: str = "", changed_by_id: int | None = None) -> StageChange:
    """Move a neighbourhood to another programme stage, keeping the stages it had before."""
    if stage == neighbourhood.stage:
        raise DomainError(_l("The neighbourhood is already at this stage."), field="stage")
    latest = _latest_change(neighbourhood)
    check_stage_date(changed_on, "changed_on", today=date.today(), not_before=latest.changed_on if latest else None)
    change = StageChange(stage=stage, changed_on=changed_on, note=note.strip(), changed_by_id=changed_by_id)
    neighbourhood.stage_changes.append(change)
    neighbourhood.stage = stage
    session.flush()
    return change


def next_stage(stage: Stage) -> Stage:
    """Return the stage that usually follows, or the same one at the end of the programme."""
    stages = list(Stage)
    return stages[min(stages.index(stage) + 1, len(stages) - 1)]


def _active_organisation_totals(neighbourhood_ids: list[int] | None = None):
    """(neighbourhood_id, count) of the organisations active in each neighbourhood, as its network counts them."""
    active = active_organisations(NetworkFilter(), neighbourhood_ids).subquery()
    return select(active.c.neighbourhood_id, func.count().label("count")).group_by(active.c.neighbourhood_id)


SORTS = {
    "name": lambda: Neighbourhood.name_key,
    "municipality": lambda: Neighbourhood.municipality_key,
    # In programme order, not alphabetical.
    "stage": lambda: case({s: i for i, s in enumerate(Stage)}, value=Neighbourhood.stage),
    "population": lambda: Neighbourhood.population,
    "updated": lambda: Neighbourhood.updated_at,
}


def neighbourhood_query(*, search: str = "", municipality: str = "", stage: Stage | None = None,
                        include_archived: bool = False, sort: str = "name") -> Select:
    """Select neighbourhoods matching a list page's filters, in the order asked for."""
    query = select(Neighbourhood)
    query = searched(query, search, keys=[Neighbourhood.name_key, Neighbourhood.municipality_key])
    if municipality.strip():
        query = query.where(Neighbourhood.municipality_key == match_key(municipality))
    if stage:
        query = query.where(Neighbourhood.stage == stage)
    if not include_archived:
        query = query.where(Neighbourhood.archived_at.is_(None))
    if sort.lstrip("-") == "organisations":  # how many are active there, joined in once
        totals = _active_organisation_totals().subquery()
        query = query.outerjoin(totals, totals.c.neighbourhood_id == Neighbourhood.id)
        column = func.coalesce(totals.c.count, 0)
    else:
        column = SORTS.get(sort.lstrip("-"), SORTS["name"])()
    order = column.desc() if sort.startswith("-") else column.asc()
    # Unknown populations go last both ways, on SQLite as on PostgreSQL.
    return query.order_by(order.nulls_last(), Neighbourhood.name_key, Neighbourhood.id)


def municipalities(session: Session) -> list[str]:
    """Return each municipality that has a neighbourhood, once, for a filter."""
    rows = session.execute(
        select(func.min(Neighbourhood.municipality))
        .group_by(Neighbourhood.municipality_key)
        .order_by(Neighbourhood.municipality_key)
    )
    return [row[0] for row in rows]


def active_organisation_counts(session: Session, neighbourhood_ids: list[int]) -> dict[int, int]:
    """Count the organisations active in each of the given neighbourhoods, in one query.

    Active as the network's neighbourhood filter means it (``collaboration.scope.active_organisations``):
    registered there, or took part in a meeting or joint work there.
    """
    if not neighbourhood_ids:
        return {}
    counts = dict.fromkeys(neighbourhood_ids, 0)
    counts.update(dict(session.execute(_active_organisation_totals(neighbourhood_ids)).all()))
    return counts


def stage_history(session: Session, neighbourhood: Neighbourhood) -> list[tuple[StageChange, str | None]]:
    """Return the neighbourhood's stage changes, latest first, each with who recorded it."""
    return history(session, StageChange, of=StageChange.neighbourhood_id == neighbourhood.id,
                   day=StageChange.changed_on, recorded_by=StageChange.changed_by_id)


def neighbourhood_choices(session: Session, keep: Iterable[int] = ()) -> list[tuple[int, str]]:
    """Return (id, "name (municipality)") of every active neighbourhood, for pickers.

    `keep` are ids already chosen: they stay on offer even if archived since, so that saving
    a form does not silently drop them.
    """
    rows = session.execute(
        select(Neighbourhood.id, Neighbourhood.name, Neighbourhood.municipality)
        .where(or_(Neighbourhood.archived_at.is_(None), Neighbourhood.id.in_(list(keep))))
        .order_by(Neighbourhood.name_key)
    )
    return [(row.id, f"{row.name} ({row.municipality})") for row in rows]
