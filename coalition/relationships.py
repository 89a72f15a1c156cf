"""Declared relationships: ties that staff record between two organisations."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from . import dates
from .errors import DomainError, Refusals
from .i18n import lazy_gettext as _l
from .models import Organisation, Relationship, RelationshipKind
from .records import add_record, change_record

CURRENT = "current"
ENDED = "ended"


@dataclass
class RelationshipDetails:
    """What staff type about a tie, already in the right types."""

    from_organisation_id: int
    to_organisation_id: int
    kind: RelationshipKind
    from_date: date | None = None
    until_date: date | None = None
    notes: str = ""


def _is_open(until_date: date | None, today: date) -> bool:
    return until_date is None or until_date >= today


def _open_duplicate(session: Session, details: RelationshipDetails, today: date,
                    leave_out: int | None) -> Relationship | None:
    """Return an open tie of the same kind between the same pair (in either direction), if any."""
    first, second = details.from_organisation_id, details.to_organisation_id
    query = select(Relationship).where(
        Relationship.kind == details.kind,
        or_(and_(Relationship.from_organisation_id == first, Relationship.to_organisation_id == second),
            and_(Relationship.from_organisation_id == second, Relationship.to_organisation_id == first)),
        or_(Relationship.until_date.is_(None), Relationship.until_date >= today),
    )
    if leave_out is not None:
        query = query.where(Relationship.id != leave_out)
    return session.scalars(query.order_by(Relationship.id).limit(1)).first()


def _check_period(from_date: date | None, until_date: date | None, refusals: Refusals) -> None:
    in_window = [refusals.date(from_date, dates.TIES, "from_date"), refusals.date(until_date, dates.TIES, "until_date")]
    if all(in_window) and from_date and until_date and until_date < from_date:
        refusals.add(_l("The end date must not be before the start date."), "until_date")


def _apply(session: Session, relationship: Relationship, details: RelationshipDetails, today: date) -> None:
    refusals = Refusals()
    for field in ("from_organisation_id", "to_organisation_id"):
        if getattr(details, field) is None or session.get(Organisation, getattr(details, field)) is None:
            refusals.add(_l("Choose a registered organisation."), field)
    if details.from_organisation_id == details.to_organisation_id:
        refusals.add(_l("A relationship is between two different organisations."), "to_organisation_id")
    _check_period(details.from_date, details.until_date, refusals)
    if not refusals and _is_open(details.until_date, today):
        existing = _open_duplicate(session, details, today, leave_out=relationship.id)
        if existing is not None:
            refusals.add(_l("These two organisations already have a current tie of this kind. "
                            "Edit that one, or end it first."), "kind")
    refusals.refuse()
    relationship.from_organisation_id = details.from_organisation_id
    relationship.to_organisation_id = details.to_organisation_id
    relationship.kind = details.kind
    relationship.from_date = details.from_date
    relationship.until_date = details.until_date
    relationship.notes = (details.notes or "").strip()


def create_relationship(session: Session, details: RelationshipDetails, *, today: date | None = None) -> Relationship:
    """Declare a new tie between two organisations."""
    relationship = Relationship()
    return add_record(session, relationship, lambda: _apply(session, relationship, details, today or date.today()))


def update_relationship(session: Session, relationship: Relationship, details: RelationshipDetails, *,
                        today: date | None = None) -> None:
    """Change a tie under the same rules as declaring one."""
    change_record(session, lambda: _apply(session, relationship, details, today or date.today()))


def end_relationship(session: Session, relationship: Relationship, until_date: date, *,
                     today: date | None = None) -> None:
    """Record the last day of a tie that has come to an end."""
    if not _is_open(relationship.until_date, today or date.today()):
        raise DomainError(_l("This relationship already ended on %(day)s.", day=relationship.until_date.isoformat()),
                          field="until_date")
    refusals = Refusals()
    _check_period(relationship.from_date, until_date, refusals)
    refusals.refuse()
    relationship.until_date = until_date
    session.flush()


def delete_relationship(session: Session, relationship: Relationship) -> None:
    """Remove a tie declared by mistake (one that really ended is ended, not deleted)."""
    session.delete(relationship)
    session.flush()


def relationship_query(*, organisation_id: int | None = None, kind: RelationshipKind | None = None,
                       state: str = "", today: date | None = None) -> Select:
    """Select the ties a list's filters match: newest start first, then by the first organisation's name.

    `state` is CURRENT (no end date, or ending today or later), ENDED, or anything else for all.
    """
    today = today or date.today()
    first = aliased(Organisation)
    query = select(Relationship).join(first, first.id == Relationship.from_organisation_id)
    if organisation_id:
        query = query.where(or_(Relationship.from_organisation_id == organisation_id,
                                Relationship.to_organisation_id == organisation_id))
    if kind:
        query = query.where(Relationship.kind == kind)
    if state == CURRENT:
        query = query.where(or_(Relationship.until_date.is_(None), Relationship.until_date >= today))
    elif state == ENDED:
        query = query.where(Relationship.until_date < today)
    return query.order_by(Relationship.from_date.desc().nulls_last(), first.name_key, Relationship.id)


def relationships_of(session: Session, organisation_id: int, *, today: date | None = None) -> list[Relationship]:
    """Return an organisation's declared ties, current ones first."""
    today = today or date.today()
    query = relationship_query(organisation_id=organisation_id, today=today).options(
        selectinload(Relationship.from_organisation), selectinload(Relationship.to_organisation))
    ties = session.scalars(query).all()
    return sorted(ties, key=lambda tie: not _is_open(tie.until_date, today))


def partner_of(relationship: Relationship, organisation_id: int) -> Organisation:
    """Return the other organisation of a tie, seen from one of its two."""
    if relationship.from_organisation_id == organisation_id:
        return relationship.to_organisation
    return relationship.from_organisation


def is_current(relationship: Relationship, today: date | None = None) -> bool:
    """Say whether a tie is in force today (not ended before today)."""
    return _is_open(relationship.until_date, today or date.today())
