"""Organisations: registering actors, editing them, archiving them, and finding them."""
from dataclasses import asdict, dataclass, field
from datetime import date

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from .contact_details import ContactDetails, checked_contact_details
from .errors import DomainError, Refusals
from .i18n import lazy_gettext as _l
from .identifiers import normalise_org_number
from .joining import set_joined_on
from .models import Neighbourhood, Organisation, OrganisationKind, Sector, Tag
from .records import add_record
from .text import match_key, tidy


@dataclass
class OrganisationDetails:
    """What staff type about an organisation, already in the right types."""

    name: str
    sector: Sector
    kind: OrganisationKind = OrganisationKind.OTHER
    org_number: str = ""
    contact: ContactDetails = field(default_factory=ContactDetails)  # address, phone, e-mail, website
    notes: str = ""
    neighbourhood_ids: list[int] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    area_company_of: list[int] = field(default_factory=list)  # neighbourhoods it is the area company of
    joined_on: date | None = None  # as staff set it; None: the day of its first activity (see joining.py)


def _checked_org_number(session: Session, raw: str, organisation_id: int | None) -> str | None:
    if not raw.strip():
        return None
    number = normalise_org_number(raw)
    if number is None:
        raise DomainError(
            _l("An organisation number has the form NNNNNN-NNNN and a correct check digit."), field="org_number"
        )
    existing = session.scalar(select(Organisation).where(Organisation.org_number == number))
    if existing is not None and existing.id != organisation_id:
        raise DomainError(
            _l("%(name)s already has this organisation number.", name=existing.name), field="org_number", existing=existing
        )
    return number


def _checked_name(session: Session, name: str, organisation_id: int | None) -> str:
    name = tidy(name)
    if not name:
        raise DomainError(_l("An organisation needs a name."), field="name")
    existing = session.scalar(select(Organisation).where(Organisation.name_key == match_key(name)))
    if existing is not None and existing.id != organisation_id:
        raise DomainError(
            _l("There is already an organisation called %(name)s.", name=existing.name), field="name", existing=existing
        )
    return name


def _tags_named(session: Session, names: list[str]) -> list[Tag]:
    wanted = {tidy(n).lower() for n in names if tidy(n)}
    found = {t.name: t for t in session.scalars(select(Tag).where(Tag.name.in_(wanted)))} if wanted else {}
    for name in wanted - found.keys():
        found[name] = Tag(name=name)
        session.add(found[name])
    return sorted(found.values(), key=lambda t: t.name)


def _neighbourhoods(session: Session, ids: list[int]) -> list[Neighbourhood]:
    return list(session.scalars(select(Neighbourhood).where(Neighbourhood.id.in_(ids)))) if ids else []


def _apply(session: Session, organisation: Organisation, details: OrganisationDetails) -> None:
    refusals = Refusals()
    for field_name, check, value in (("name", _checked_name, details.name),
                                     ("org_number", _checked_org_number, details.org_number)):
        try:
            setattr(organisation, field_name, check(session, value, organisation.id))
        except DomainError as error:
            refusals.add_error(error)
    try:
        set_joined_on(session, organisation, details.joined_on)
    except DomainError as error:
        refusals.add_error(error)
    contact = checked_contact_details(details.contact, refusals)
    refusals.refuse()
    organisation.sector = details.sector
    organisation.kind = details.kind
    for name, value in asdict(contact).items():
        setattr(organisation, name, value)
    organisation.notes = details.notes.strip()
    organisation.neighbourhoods = _neighbourhoods(session, details.neighbourhood_ids)
    organisation.area_company_of = _neighbourhoods(session, details.area_company_of)
    organisation.tags = _tags_named(session, details.tags)


def create_organisation(session: Session, details: OrganisationDetails) -> Organisation:
    """Register a new actor; a name or organisation number already in use is refused."""
    organisation = Organisation()
    return add_record(session, organisation, lambda: _apply(session, organisation, details))


def update_organisation(session: Session, organisation: Organisation, details: OrganisationDetails) -> None:
    """Change an organisation's details under the same rules as creating one."""
    _apply(session, organisation, details)
    session.flush()


SORTS = {
    "name": Organisation.name_key,
    "sector": Organisation.sector,
    "kind": Organisation.kind,
    "updated": Organisation.updated_at,
}


def joined_within(first: date | None, last: date | None) -> list:
    """Return the conditions that an organisation joined the programme on or between two days.

    The dashboard and the steering-group report count new actors by the same day (see joining.py).
    """
    conditions = []
    if first:
        conditions.append(Organisation.joined_on >= first)
    if last:
        conditions.append(Organisation.joined_on <= last)
    return conditions


def organisation_query(*, search: str = "", sector: Sector | None = None, kind: OrganisationKind | None = None,
                       neighbourhood_id: int | None = None, tag: str = "", include_archived: bool = False,
                       joined_from: date | None = None, joined_to: date | None = None,
                       sort: str = "name") -> Select:
    """Select organisations matching a list page's filters, in the order asked for."""
    query = select(Organisation).where(*joined_within(joined_from, joined_to))
    if search.strip():
        query = query.where(or_(
            Organisation.name_key.contains(match_key(search), autoescape=True),
            Organisation.org_number.contains(search.strip(), autoescape=True),
        ))
    if sector:
        query = query.where(Organisation.sector == sector)
    if kind:
        query = query.where(Organisation.kind == kind)
    if neighbourhood_id:
        query = query.where(Organisation.neighbourhoods.any(Neighbourhood.id == neighbourhood_id))
    if tag.strip():
        query = query.where(Organisation.tags.any(Tag.name == tidy(tag).lower()))
    if not include_archived:
        query = query.where(Organisation.archived_at.is_(None))
    column = SORTS.get(sort.lstrip("-"), Organisation.name_key)
    order = column.desc() if sort.startswith("-") else column.asc()
    return query.order_by(order, Organisation.id)
