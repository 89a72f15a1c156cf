"""Initiatives: the missions and activities the coalition formulates, and the actors who join them."""
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from . import dates
from .commitment_register import UnitTotal, pledged_and_delivered
from .errors import DomainError, Refusals
from .i18n import lazy_gettext as _l
from .models import Commitment, Initiative, InitiativeStatus, Meeting, Neighbourhood, Organisation, Sector
from .models.base import utcnow
from .records import add_record, searched
from .text import tidy


@dataclass
class InitiativeDetails:
    """What staff type about an initiative, already in the right types."""

    name: str
    description: str = ""
    status: InitiativeStatus = InitiativeStatus.PROPOSED
    lead_organisation_id: int | None = None
    participant_ids: list[int] = field(default_factory=list)
    neighbourhood_ids: list[int] = field(default_factory=list)
    origin_meeting_id: int | None = None
    started_on: date | None = None


def _checked_name(session: Session, name: str, initiative_id: int | None) -> str:
    name = tidy(name)
    if not name:
        raise DomainError(_l("An initiative needs a name."), field="name")
    existing = session.scalar(select(Initiative).where(func.lower(Initiative.name) == name.lower()))
    if existing is not None and existing.id != initiative_id:
        raise DomainError(_l("There is already an initiative called %(name)s.", name=existing.name),
                          field="name", existing=existing)
    return name


def _apply(session: Session, initiative: Initiative, details: InitiativeDetails) -> None:
    refusals = Refusals()
    try:
        initiative.name = _checked_name(session, details.name, initiative.id)
    except DomainError as error:
        refusals.add_error(error)
    refusals.date(details.started_on, dates.PROGRAMME, "started_on")
    refusals.refuse()
    lead = None
    if details.lead_organisation_id is not None:
        lead = session.get(Organisation, details.lead_organisation_id)
        if lead is None:
            raise DomainError(_l("The lead is not a registered organisation."), field="lead_organisation_id")
    wanted = set(details.participant_ids)
    participants = list(session.scalars(select(Organisation).where(Organisation.id.in_(wanted)))) if wanted else []
    if len(participants) != len(wanted):
        raise DomainError(_l("A participant is not a registered organisation."), field="participant_ids")
    if lead is not None and lead not in participants:
        participants.append(lead)  # the organisation that leads takes part, whether ticked or not
    origin = None
    if details.origin_meeting_id is not None:
        origin = session.get(Meeting, details.origin_meeting_id)
        if origin is None:
            raise DomainError(_l("The meeting is not recorded."), field="origin_meeting_id")
    initiative.description = details.description.strip()
    initiative.status = details.status
    initiative.lead_organisation = lead
    initiative.participants = sorted(participants, key=lambda organisation: organisation.name_key)
    initiative.neighbourhoods = (
        list(session.scalars(select(Neighbourhood).where(Neighbourhood.id.in_(details.neighbourhood_ids))))
        if details.neighbourhood_ids else []
    )
    initiative.origin_meeting = origin
    initiative.started_on = details.started_on


def create_initiative(session: Session, details: InitiativeDetails) -> Initiative:
    """Record a new initiative; a name already in use is refused."""
    initiative = Initiative()
    return add_record(session, initiative, lambda: _apply(session, initiative, details))


def update_initiative(session: Session, initiative: Initiative, details: InitiativeDetails) -> None:
    """Change an initiative under the same rules as recording it."""
    _apply(session, initiative, details)
    # A change of participants alone updates no column, and only an UPDATE checks the version.
    initiative.updated_at = utcnow()
    session.flush()


SORTS = {
    "name": lambda: func.lower(Initiative.name),
    "status": lambda: Initiative.status,
    "started_on": lambda: Initiative.started_on,
}


def initiative_query(*, search: str = "", status: InitiativeStatus | None = None, neighbourhood_id: int | None = None,
                     organisation_id: int | None = None, sort: str = "name") -> Select:
    """Select the initiatives a list page's filters match, in the order asked for.

    `organisation_id` matches the lead and every participant.
    """
    query = select(Initiative)
    query = searched(query, search, keys=[Initiative.name_key], texts=[Initiative.description])
    if status:
        query = query.where(Initiative.status == status)
    if neighbourhood_id:
        query = query.where(Initiative.neighbourhoods.any(Neighbourhood.id == neighbourhood_id))
    if organisation_id:
        query = query.where(or_(Initiative.lead_organisation_id == organisation_id,
                                Initiative.participants.any(Organisation.id == organisation_id)))
    column = SORTS.get(sort.lstrip("-"), SORTS["name"])()
    order = column.desc() if sort.startswith("-") else column.asc()
    return query.order_by(order.nulls_last(), Initiative.id)


def commitment_counts(session: Session, initiative_ids: Iterable[int]) -> dict[int, int]:
    """Count the commitments made for each of the given initiatives, in one query."""
    rows = session.execute(
        select(Commitment.initiative_id, func.count())
        .where(Commitment.initiative_id.in_(list(initiative_ids)))
        .group_by(Commitment.initiative_id)
    )
    return {initiative_id: n for initiative_id, n in rows}


@dataclass(frozen=True)
class InitiativeCommitments:
    """The commitments made for an initiative, as its page shows them."""

    latest: list[Commitment]  # newest first, at most the number asked for
    total: int
    pledged: list[UnitTotal]  # the amounts by unit: proposed, pledged, delivered


def initiative_commitments(session: Session, initiative: Initiative, *, shown: int = 100) -> InitiativeCommitments:
    """Return the newest commitments made for an initiative with their parties, how many there are, and their sums."""
    ids = select(Commitment.id).where(Commitment.initiative_id == initiative.id)
    latest = session.scalars(
        select(Commitment).where(Commitment.initiative_id == initiative.id)
        .options(selectinload(Commitment.parties))
        .order_by(Commitment.made_on.desc().nulls_last(), Commitment.id.desc())
        .limit(shown)
    ).all()
    total = session.scalar(select(func.count()).select_from(ids.subquery())) or 0
    return InitiativeCommitments(list(latest), total, pledged_and_delivered(session, ids))


def participants_by_sector(initiative: Initiative) -> dict[Sector, list[Organisation]]:
    """Group an initiative's participants by sector, every sector present."""
    groups: dict[Sector, list[Organisation]] = {sector: [] for sector in Sector}
    for organisation in initiative.participants:
        groups[organisation.sector].append(organisation)
    return groups


def initiative_choices(session: Session, *, running_only: bool = False, keep: int | None = None) -> list[tuple[int, str]]:
    """Return (id, name) of the initiatives, for pickers and filters.

    `running_only` leaves out completed and closed ones; `keep` (an id already chosen) stays on offer.
    """
    query = select(Initiative.id, Initiative.name).order_by(func.lower(Initiative.name))
    if running_only:
        running = Initiative.status.in_([InitiativeStatus.PROPOSED, InitiativeStatus.ACTIVE, InitiativeStatus.PAUSED])
        query = query.where(or_(running, Initiative.id == keep) if keep else running)
    return [(row.id, row.name) for row in session.execute(query)]
