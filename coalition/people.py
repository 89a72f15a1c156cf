"""People: registering contacts with the lawful basis for holding their data, and their memberships."""
from dataclasses import dataclass
from datetime import date

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session

from .errors import DomainError
from .i18n import lazy_gettext as _l
from .models import LawfulBasis, Membership, Organisation, Person, Sector
from .text import match_key, tidy


@dataclass
class PersonDetails:
    """What staff type about a person, already in the right types."""

    name: str
    lawful_basis: LawfulBasis
    email: str = ""
    phone: str = ""
    title: str = ""
    notes: str = ""
    consent_given_on: date | None = None
    consent_method: str = ""
    consent_text_version: str = ""


def _refuse_if_anonymised(person: Person) -> None:
    if person.anonymised_at is not None:
        raise DomainError(_l("This person has been anonymised and can no longer be changed."))


def _checked_email(session: Session, raw: str, person_id: int | None) -> str | None:
    if not (raw or "").strip():
        return None
    try:
        email = validate_email(raw.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise DomainError(_l("Enter an e-mail address such as name@example.se."), field="email") from None
    existing = session.scalar(select(Person).where(Person.email == email))
    if existing is not None and existing.id != person_id:
        raise DomainError(
            _l("%(name)s already has this e-mail address.", name=existing.name), field="email", existing=existing
        )
    return email


def _checked_basis(details: PersonDetails) -> LawfulBasis:
    try:
        basis = LawfulBasis(details.lawful_basis)
    except ValueError:
        raise DomainError(_l("Say on what lawful basis the office holds this person's data."),
                          field="lawful_basis") from None
    if basis is LawfulBasis.CONSENT and details.consent_given_on is None:
        raise DomainError(_l("Consent needs the date it was given."), field="consent_given_on")
    if details.consent_given_on is not None and details.consent_given_on > date.today():
        raise DomainError(_l("Consent cannot be given in the future."), field="consent_given_on")
    return basis


def _apply(session: Session, person: Person, details: PersonDetails) -> None:
    name = tidy(details.name)
    if not name:
        raise DomainError(_l("A person needs a name."), field="name")
    person.name = name
    person.email = _checked_email(session, details.email, person.id)
    person.lawful_basis = _checked_basis(details)
    person.phone = tidy(details.phone)
    person.title = tidy(details.title)
    person.notes = details.notes.strip()
    person.consent_given_on = details.consent_given_on
    person.consent_method = tidy(details.consent_method)
    person.consent_text_version = tidy(details.consent_text_version)


def create_person(session: Session, details: PersonDetails) -> Person:
    """Register a contact; an e-mail address already in use is refused."""
    person = Person()
    _apply(session, person, details)
    session.add(person)
    session.flush()
    return person


def update_person(session: Session, person: Person, details: PersonDetails) -> None:
    """Change a person's details under the same rules as registering them."""
    _refuse_if_anonymised(person)
    _apply(session, person, details)
    session.flush()


def _check_period(from_date: date | None, until_date: date | None) -> None:
    if from_date is not None and until_date is not None and until_date < from_date:
        raise DomainError(_l("A membership cannot end before it starts."), field="until_date")


def add_membership(session: Session, person: Person, organisation: Organisation, *, title: str = "",
                   from_date: date | None = None, until_date: date | None = None) -> Membership:
    """Record that a person works for or represents an organisation over a period."""
    _refuse_if_anonymised(person)
    if person.restricted_at is not None:
        raise DomainError(_l("Processing of this person's data is restricted: nothing new can be recorded."),
                          field="organisation_id")
    _check_period(from_date, until_date)
    # Loaded before the new membership joins it: a lazy load afterwards would autoflush it half-built.
    existing = person.memberships
    if until_date is None and any(m.organisation is organisation and m.until_date is None for m in existing):
        raise DomainError(
            _l("%(person)s is already a current member of %(organisation)s; end that membership first.",
               person=person.name, organisation=organisation.name),
            field="organisation_id",
        )
    membership = Membership(person=person, organisation=organisation, title=tidy(title),
                            from_date=from_date, until_date=until_date)
    session.add(membership)
    session.flush()
    return membership


def end_membership(membership: Membership, until_date: date) -> None:
    """Close an open membership on the given date."""
    _refuse_if_anonymised(membership.person)
    if membership.until_date is not None:
        raise DomainError(_l("This membership has already ended."), field="until_date")
    _check_period(membership.from_date, until_date)
    membership.until_date = until_date


def remove_membership(session: Session, membership: Membership) -> None:
    """Delete a membership that was recorded by mistake (ending it keeps the history)."""
    _refuse_if_anonymised(membership.person)
    membership.person.memberships.remove(membership)
    session.flush()


def _current(condition):
    """Match people with a membership meeting the condition that has not ended (as current_memberships)."""
    return Person.memberships.any(and_(
        condition, or_(Membership.until_date.is_(None), Membership.until_date >= date.today())
    ))


SORTS = {
    "name": Person.name_key,
    "email": Person.email,
    "basis": Person.lawful_basis,
    "updated": Person.updated_at,
}


def person_query(*, search: str = "", organisation_id: int | None = None, sector: Sector | None = None,
                 lawful_basis: LawfulBasis | None = None, include_archived: bool = False,
                 sort: str = "name") -> Select:
    """Select the people a list page's filters match, in the order asked for; never the anonymised or restricted."""
    query = select(Person).where(Person.anonymised_at.is_(None), Person.restricted_at.is_(None))
    if search.strip():
        query = query.where(or_(
            Person.name_key.contains(match_key(search), autoescape=True),
            Person.email.contains(search.strip().lower(), autoescape=True),
        ))
    if organisation_id:
        query = query.where(_current(Membership.organisation_id == organisation_id))
    if sector:
        query = query.where(_current(Membership.organisation.has(Organisation.sector == sector)))
    if lawful_basis:
        query = query.where(Person.lawful_basis == lawful_basis)
    if not include_archived:
        query = query.where(Person.archived_at.is_(None))
    column = SORTS.get(sort.lstrip("-"), Person.name_key)
    order = column.desc() if sort.startswith("-") else column.asc()
    return query.order_by(order, Person.id)


def person_choices(session: Session) -> list[tuple[int, str]]:
    """Return (id, name) of every active, identifiable, unrestricted person, for pickers."""
    rows = session.execute(
        select(Person.id, Person.name)
        .where(Person.archived_at.is_(None), Person.anonymised_at.is_(None), Person.restricted_at.is_(None))
        .order_by(Person.name_key)
    )
    return [(row.id, row.name) for row in rows]
