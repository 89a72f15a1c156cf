"""The organisations and people an attendance import registers, kept light until they are written.

A migration's register names thousands of people and organisations nobody has registered yet.
An ORM object for each (and for each person's membership) cost the import a millisecond a row
at the flush and most of its memory. These records carry what the import needs of a Person or
an Organisation while it checks the rows: what `matching.Directory` matches by (name key,
e-mail, memberships' organisations) and, once written, the id its participations point to.
They are written by `write_new_actors`, with the values and audit records the ORM would give.
"""
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from .. import joining
from ..bulk import insert_new
from ..matching import NEW_PERSON_BASIS
from ..models import Membership, Organisation, Person, Sector
from ..text import match_key, tidy


@dataclass(eq=False, slots=True)
class PendingOrganisation:
    name: str
    sector: Sector
    name_key: str = ""
    id: int | None = None  # once written

    def __post_init__(self):
        # As Organisation's name validator has it.
        self.name = tidy(self.name)
        self.name_key = match_key(self.name)


@dataclass(eq=False, slots=True)
class PendingMembership:
    organisation: Organisation | PendingOrganisation


@dataclass(eq=False, slots=True)
class PendingPerson:
    """Someone a register names for the first time, at the organisation the row gives."""

    name: str
    email: str | None
    memberships: list[PendingMembership] = field(default_factory=list)
    name_key: str = ""
    id: int | None = None  # once written

    def __post_init__(self):
        # As Person's validators have it.
        self.name = tidy(self.name)
        self.name_key = match_key(self.name)
        self.email = (self.email or "").strip().lower() or None


def write_new_actors(session: Session, organisations: list[PendingOrganisation], people: list[PendingPerson]) -> None:
    """Register the new organisations, then the new people with their memberships, giving each its id.

    As `matching.new_person` does: the membership has no start date. The organisations' joining
    days are worked out as joining.py's flush hook would for a new organisation.
    """
    organisation_ids = insert_new(session, Organisation, (
        {"name": organisation.name, "name_key": organisation.name_key, "sector": organisation.sector}
        for organisation in organisations))
    for organisation, new_id in zip(organisations, organisation_ids, strict=True):
        organisation.id = new_id
    person_ids = insert_new(session, Person, (
        {"name": person.name, "name_key": person.name_key, "email": person.email, "lawful_basis": NEW_PERSON_BASIS}
        for person in people))
    for person, new_id in zip(people, person_ids, strict=True):
        person.id = new_id
    insert_new(session, Membership, ({"person_id": person.id, "organisation_id": membership.organisation.id}
                                     for person in people for membership in person.memberships))
    joining.work_out_again(session.connection(), organisation_ids)
