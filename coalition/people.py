"""People: registering contacts with the lawful basis for holding their data, and their memberships."""
from dataclasses import dataclass
from datetime import date

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import Session

from . import dates
from .errors import DomainError, Refusals
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


def may_be_processed() -> ColumnElement[bool]:
    """Return the condition a person meets when their data may still be used: not anonymised, not restricted.

    Lists, pickers and type-aheads offer only these people (GDPR Art. 17 and 18); the record
    itself stays for the statistics.
    """
    return and_(Person.anonymised_at.is_(None), Person.restricted_at.is_(None))


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


def _checked_basis(details: PersonDetails, refusals: Refusals) -> LawfulBasis | None:
    try:
        basis = LawfulBasis(details.lawful_basis)
    except ValueError:
        refusals.add(_l("Say on what lawful basis the office holds this person's data."), "lawful_basis")
        basis = None
    if basis is LawfulBasis.CONSENT and details.consent_given_on is None:
        refusals.add(_l("Consent needs the date it was given."), "consent_given_on")
    if details.consent_given_on is not None and details.consent_given_on > date.today():
        refusals.add(_l("Consent cannot be given in the future."), "consent_given_on")
    refusals.date(details.consent_given_on, dates.PROGRAMME, "consent_given_on")
    return basis


def _apply(session: Session, person: Person, details: PersonDetails) -> None:
    refusals = Refusals()
    name = tidy(details.name)
    if not name:
        refusals.add(_l("A person needs a name."), "name")
    try:
        email = _checked_email(session, details.email, person.id)
    except DomainError as error:
        refusals.add_error(error)
    basis = _checked_basis(details, refusals)
    refusals.refuse()
    person.name = name
    person.email = email
    person.lawful_basis = basis
    person.phone = tidy(details.phone)
    person.title = tidy(details.title)
    person.notes = details.notes.strip()
    person.consent_given_on = details.consent_given_on
    person.consent_method = tidy(details.consent_method)
    person.consent_text_version = tidy(details.consent_text_version)


def namesakes(session: Session, name: str, email: str | None = None, organisation_id: int | None = None) -> list[Person]:
    """Return the registered people a new one of this name may repeat, as the sign-in list would match them.

    A namesake at the same organisation, or anywhere when one of the two has no e-mail address;
    two different e-mail addresses are two people. Anonymised people have no name to match.
    """
    email = (email or "").strip().lower()
    found = session.scalars(select(Person).where(Person.name_key == match_key(name), Person.anonymised_at.is_(None))
                            .order_by(Person.id)).all()
    at_organisation = set()
    if organisation_id is not None and found:
        at_organisation = set(session.scalars(select(Membership.person_id).where(
            Membership.organisation_id == organisation_id, Membership.person_id.in_([p.id for p in found]))))
    return [p for p in found if p.id in at_organisation or not (email and p.email)]


def create_person(session: Session, details: PersonDetails, *, check_namesakes: bool = False) -> Person:
    """Register a contact; an e-mail address already in use is refused.

    With `check_namesakes`, a registered person of the same name (see `namesakes`) is refused
    too, naming them, until staff confirm that this is someone else.
    """
    person = Person()
    _apply(session, person, details)
    if check_namesakes:
        same = namesakes(session, person.name, person.email)
        if same:
            raise DomainError(
                _l("%(name)s is already registered. Open that record to check; if this is someone else, tick the "
                   "box and save again.", name=same[0].name), field="another_person", existing=same[0])
    session.add(person)
    session.flush()
    return person


def update_person(session: Session, person: Person, details: PersonDetails) -> None:
    """Change a person's details under the same rules as registering them."""
    _refuse_if_anonymised(person)
    _apply(session, person, details)
    session.flush()


def _check_period(from_date: date | None, until_date: date | None) -> None:
    refusals = Refusals()
    in_window = [refusals.date(from_date, dates.TIES, "from_date"), refusals.date(until_date, dates.TIES, "until_date")]
    if all(in_window) and from_date is not None and until_date is not None and until_date < from_date:
        refusals.add(_l("A membership cannot end before it starts."), "until_date")
    refusals.refuse()


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
    query = select(Person).where(may_be_processed())
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
