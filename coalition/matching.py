"""Finding the people and organisations that a sign-in list or a register names.

A batch of lines is matched against the database with a few bulk queries (a register may
hold thousands of rows), and the rules are the same for a pasted sign-in list and an import:
a person is the one with that e-mail, or else the one with that name at that organisation,
ignoring case, accents and spacing.
"""
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .models import LawfulBasis, Membership, Organisation, Person, Sector
from .text import match_key, tidy

# IN lists stay well under SQLite's and PostgreSQL's parameter limits.
_CHUNK = 500
# Why the office may hold the data of someone a sign-in list or a register names first: it
# documents the programme's work. Staff can record consent on the person's page afterwards.
NEW_PERSON_BASIS = LawfulBasis.LEGITIMATE_INTEREST


@dataclass
class PersonMatch:
    """Whom a line means: one person, several that staff must choose between, or nobody yet."""

    person: Person | None = None
    candidates: list[Person] = field(default_factory=list)


def _chunks(values: Iterable[str]) -> Iterable[list[str]]:
    values = sorted(set(values))
    for start in range(0, len(values), _CHUNK):
        yield values[start:start + _CHUNK]


def _member_of(person: Person, organisation_key: str) -> bool:
    return any(m.organisation.name_key == organisation_key for m in person.memberships)


class Directory:
    """The people and organisations a batch of lines could mean, loaded once."""

    def __init__(self, session: Session, *, names: Iterable[str] = (), emails: Iterable[str] = (),
                 organisation_names: Iterable[str] = ()):
        self._organisations: dict[str, Organisation] = {}
        for keys in _chunks(match_key(name) for name in organisation_names if tidy(name)):
            for organisation in session.scalars(select(Organisation).where(Organisation.name_key.in_(keys))):
                self._organisations[organisation.name_key] = organisation

        load_memberships = selectinload(Person.memberships).selectinload(Membership.organisation)
        # Anonymised people have no name or e-mail left to match, and must not come back.
        people = select(Person).where(Person.anonymised_at.is_(None)).options(load_memberships)
        self._by_email: dict[str, Person] = {}
        for chunk in _chunks(email.strip().lower() for email in emails if email and email.strip()):
            for person in session.scalars(people.where(Person.email.in_(chunk))):
                self._by_email[person.email] = person
        self._by_name: dict[str, list[Person]] = defaultdict(list)
        for keys in _chunks(match_key(name) for name in names if tidy(name)):
            for person in session.scalars(people.where(Person.name_key.in_(keys)).order_by(Person.id)):
                self._by_name[person.name_key].append(person)

    def organisation(self, name: str) -> Organisation | None:
        """The registered organisation with this name, ignoring case, accents and spacing."""
        return self._organisations.get(match_key(name))

    def match_person(self, *, name: str, email: str | None, organisation_name: str,
                     namesakes_are_candidates: bool = False) -> PersonMatch:
        """Find whom a line means.

        With `namesakes_are_candidates`, people with the same name at another organisation (or
        none) are offered as candidates, since someone may have changed job; an import, which
        cannot ask, treats them as somebody else.
        """
        email = (email or "").strip().lower()
        if email and email in self._by_email:
            return PersonMatch(person=self._by_email[email])
        namesakes = self._by_name.get(match_key(name), [])
        # Someone registered with another e-mail address is another person of the same name.
        plausible = [p for p in namesakes if not (email and p.email and p.email != email)]
        organisation_key = match_key(organisation_name)
        if organisation_key:
            at_organisation = [p for p in plausible if _member_of(p, organisation_key)]
        else:
            at_organisation = [p for p in plausible if not p.memberships]
        if len(at_organisation) == 1:
            return PersonMatch(person=at_organisation[0])
        if len(at_organisation) > 1:
            return PersonMatch(candidates=at_organisation)
        if namesakes_are_candidates and namesakes:
            return PersonMatch(candidates=namesakes)
        return PersonMatch()

    def remember_organisation(self, organisation: Organisation) -> None:
        """Let later lines of the batch find an organisation an earlier line created."""
        self._organisations[organisation.name_key] = organisation

    def remember_person(self, person: Person) -> None:
        """Let later lines of the batch find a person an earlier line created."""
        if person.email:
            self._by_email[person.email] = person
        self._by_name[person.name_key].append(person)


def organisation_on(person: Person, day: date) -> Organisation | None:
    """The organisation a person worked for on a day: the membership covering it, newest first."""
    for membership in person.memberships:
        started = membership.from_date is None or membership.from_date <= day
        not_ended = membership.until_date is None or membership.until_date >= day
        if started and not_ended:
            return membership.organisation
    return None


def new_organisation(session: Session, name: str, sector: Sector) -> Organisation:
    """Register an organisation that a sign-in list or a register mentions for the first time."""
    organisation = Organisation(name=name, sector=sector)
    session.add(organisation)
    return organisation


def new_person(session: Session, *, name: str, email: str | None, organisation: Organisation | None) -> Person:
    """Register someone who signed in for the first time.

    On the basis NEW_PERSON_BASIS. When they started at the organisation is not known, so the
    membership has no start date.
    """
    person = Person(name=name, email=email or None, lawful_basis=NEW_PERSON_BASIS)
    if organisation is not None:
        person.memberships.append(Membership(organisation=organisation))
    session.add(person)
    return person
