"""Load the demo coalition's accounts, neighbourhoods, organisations, people and stakeholder
assessments from seed_data/."""
from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..accounts.users import create_user
from ..contact_details import CONTACT_FIELDS, ContactDetails
from ..models import (
    Engagement,
    LawfulBasis,
    Membership,
    Neighbourhood,
    Organisation,
    OrganisationKind,
    Person,
    Role,
    Sector,
    Stage,
    StakeholderAssessment,
    User,
)
from ..neighbourhoods import NeighbourhoodDetails, change_stage, create_neighbourhood
from ..organisations import OrganisationDetails, create_organisation
from ..people import PersonDetails, add_membership, create_person
from ..stakeholders import record_assessment
from ..text import match_key
from .files import Found, about


def load_accounts(session: Session, accounts: dict, added: Counter) -> None:
    """Create the demo users, all with the demo password."""
    emails = [user["email"] for user in accounts["users"]]
    existing = set(session.scalars(select(User.email).where(User.email.in_(emails))))
    for user in accounts["users"]:
        if user["email"] not in existing:
            create_user(session, user["email"], accounts["password"], Role(user["role"]), user.get("name", ""))
            added["users"] += 1


def load_neighbourhoods(session: Session, rows: list[dict], found: Found, added: Counter) -> None:
    """Register the neighbourhoods and replay their programme stages."""
    existing = {
        (n.name_key, n.municipality_key): n
        for n in session.scalars(select(Neighbourhood).where(Neighbourhood.name_key.in_(
            [match_key(row["name"]) for row in rows])))
    }
    for row in rows:
        neighbourhood = existing.get((match_key(row["name"]), match_key(row["municipality"])))
        if neighbourhood is None:
            first, *later = row["stages"]
            with about("neighbourhoods", row["name"]):
                neighbourhood = create_neighbourhood(session, NeighbourhoodDetails(
                    row["name"], row["municipality"], row.get("population"), row.get("description", "")
                ), stage=Stage(first["stage"]), stage_on=first["date"], stage_note=first.get("note", ""))
                for change in later:
                    change_stage(session, neighbourhood, Stage(change["stage"]), changed_on=change["date"],
                                 note=change.get("note", ""))
            added["neighbourhoods"] += 1
            added["stage changes"] += len(row["stages"])
        found.neighbourhoods[row["name"]] = neighbourhood


def load_organisations(session: Session, rows: list[dict], found: Found, added: Counter) -> None:
    """Register the organisations, under the same rules as typed ones."""
    existing = {
        o.name_key: o for o in session.scalars(select(Organisation).where(Organisation.name_key.in_(
            [match_key(row["name"]) for row in rows])))
    }
    for row in rows:
        organisation = existing.get(match_key(row["name"]))
        if organisation is None:
            with about("organisations", row["name"]):
                organisation = create_organisation(session, _organisation_details(row, found))
            added["organisations"] += 1
        found.organisations[row["name"]] = organisation


def _organisation_details(row: dict, found: Found) -> OrganisationDetails:
    return OrganisationDetails(
        name=row["name"], sector=Sector(row["sector"]), kind=OrganisationKind(row["kind"]),
        org_number=row.get("org_number", ""), notes=row.get("notes", ""),
        neighbourhood_ids=found.ids("neighbourhoods", row.get("neighbourhoods", [])),
        tags=row.get("tags", []),
        area_company_of=found.ids("neighbourhoods", row.get("area_company_of", [])),
        contact=ContactDetails(**{name: str(row.get(name, "")) for name in CONTACT_FIELDS}),
    )


def _existing_people(session: Session, rows: list[dict], found: Found) -> dict:
    """Map e-mail, or (name key, organisation id) for people without one, to who is there."""
    emails = [row["email"].lower() for row in rows if row.get("email")]
    by_key: dict = {p.email: p for p in session.scalars(select(Person).where(Person.email.in_(emails)))}
    names = [match_key(row["name"]) for row in rows if not row.get("email")]
    for person, organisation_id in session.execute(
        select(Person, Membership.organisation_id).join(Person.memberships).where(Person.name_key.in_(names))
    ):
        by_key[person.name_key, organisation_id] = person
    return by_key


def _person_key(row: dict, found: Found):
    if row.get("email"):
        return row["email"].lower()
    return match_key(row["name"]), found.get("organisations", row["memberships"][0]["organisation"]).id


def _register_person(session: Session, row: dict, found: Found) -> Person:
    consent = row.get("consent", {})
    person = create_person(session, PersonDetails(
        name=row["name"], lawful_basis=LawfulBasis(row["lawful_basis"]), email=row.get("email", ""),
        phone=row.get("phone", ""), title=row.get("title", ""), notes=row.get("notes", ""),
        consent_given_on=consent.get("given_on"), consent_method=consent.get("method", ""),
        consent_text_version=str(consent.get("text_version", "")),
    ))
    for seat in row.get("memberships", []):
        add_membership(session, person, found.get("organisations", seat["organisation"]),
                       title=seat.get("title", ""), from_date=seat.get("from"), until_date=seat.get("until"))
    return person


def load_people(session: Session, rows: list[dict], found: Found, added: Counter) -> None:
    """Register the people with their lawful basis and memberships."""
    existing = _existing_people(session, rows, found)
    for row in rows:
        person = existing.get(_person_key(row, found))
        if person is None:
            with about("people", row["name"]):
                person = _register_person(session, row, found)
            added["people"] += 1
            added["memberships"] += len(row.get("memberships", []))
        found.people[row["name"]] = person


def load_assessments(session: Session, rows: list[dict], found: Found, added: Counter) -> None:
    """Record the stakeholder assessments."""
    assessed = [found.get("organisations", row["organisation"]) for row in rows]
    existing = {tuple(key) for key in session.execute(
        select(StakeholderAssessment.organisation_id, StakeholderAssessment.assessed_on)
        .where(StakeholderAssessment.organisation_id.in_({organisation.id for organisation in assessed}))
    )}
    for row, organisation in zip(rows, assessed):
        if (organisation.id, row["assessed_on"]) not in existing:
            with about("assessments", f"{row['organisation']} {row['assessed_on']}"):
                record_assessment(session, organisation, assessed_on=row["assessed_on"], influence=row["influence"],
                                  interest=row["interest"], engagement=Engagement(row["engagement"]),
                                  note=row.get("note", ""))
            added["stakeholder assessments"] += 1
