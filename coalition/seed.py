"""Load the demo coalition from seed_data/: `flask seed`.

Every record goes in through the operation staff and the importers use (register an
organisation, record a meeting and put people on its list, record a commitment and each change
of its status, declare a relationship, ...), so the demo obeys the rules real data obeys; a
file that breaks one is refused with the record and the rule named. Each record is matched by its natural key: an organisation by name, a person by e-mail (or by
name within their organisation), a neighbourhood by name and municipality, a meeting by title
and start, a commitment by description and date made, and so on. A record that already exists
is left as it is, with everything recorded under it (memberships, attendance, history); only
what is missing is added, so a second run adds nothing.

One loader per seed file, kept together (some 460 lines; places.yaml's are in ``seed_places``) because each takes the same three
steps (find what is there by its natural key, add the rest through the operation, count it)
over the lookups of ``Found`` that the later files share.
"""
import os
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import click
import yaml
from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from . import PROJECT_ROOT
from .accounts.users import create_user
from .attendance import add_participant
from .audit import set_actor
from .commitments import CommitmentDetails, create_commitment, record_status_change
from .contact_details import CONTACT_FIELDS, ContactDetails
from .db import db
from .errors import DomainError
from .headcounts import set_headcounts
from .initiatives import InitiativeDetails, create_initiative
from .kpis import (
    KpiDetails,
    MeasurementDetails,
    TargetDetails,
    create_kpi,
    record_measurement,
    set_target,
)
from .meetings import MeetingDetails, add_action, create_meeting, mark_action_done
from .models import (
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    Direction,
    Engagement,
    HeadcountGroup,
    Initiative,
    InitiativeStatus,
    Kpi,
    LawfulBasis,
    Meeting,
    MeetingKind,
    MeetingPlace,
    Membership,
    Neighbourhood,
    Organisation,
    OrganisationKind,
    ParticipationRole,
    ParticipationStatus,
    Person,
    Relationship,
    RelationshipKind,
    Role,
    Sector,
    Stage,
    StakeholderAssessment,
    Unit,
    User,
)
from .neighbourhoods import NeighbourhoodDetails, change_stage, create_neighbourhood
from .organisations import OrganisationDetails, create_organisation
from .people import PersonDetails, add_membership, create_person
from .relationships import RelationshipDetails, create_relationship
from .seed_places import load_local_jobs, load_places
from .seed_proposals import load_proposals
from .seed_surveys import load_surveys
from .stakeholders import record_assessment
from .text import match_key

SEED_DATA = PROJECT_ROOT / "seed_data"


class SeedDataError(Exception):
    """A seed file names something that no seed file defines, or breaks a rule of the operations."""


try:  # LibYAML's safe parser when PyYAML was built with it: ten times faster on the demo's files
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML without LibYAML
    from yaml import SafeLoader


def read_seed_file(topic: str, directory: Path = SEED_DATA):
    """Return the parsed contents of seed_data/<topic>.yaml."""
    return yaml.load((directory / f"{topic}.yaml").read_text(encoding="utf-8"), Loader=SafeLoader)


@contextmanager
def _about(topic: str, name: str):
    """Name the record of seed_data/<topic>.yaml that an operation refused, and why."""
    try:
        yield
    except DomainError as error:
        raise SeedDataError(f"seed_data/{topic}.yaml, {name}: {error.message}") from None
    except SeedDataError as error:
        raise SeedDataError(f"seed_data/{topic}.yaml, {name}: {error}") from None


@dataclass
class Found:
    """The records the seed files define, under the names the files use for them."""

    neighbourhoods: dict[str, Neighbourhood] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    initiatives: dict[str, Initiative] = field(default_factory=dict)
    places: dict[str, MeetingPlace] = field(default_factory=dict)
    headcount_groups: dict[str, HeadcountGroup] = field(default_factory=dict)

    def get(self, topic: str, name: str | None):
        """Return the record a file names, None for no name; an unknown name is an error."""
        if name is None:
            return None
        try:
            return getattr(self, topic)[name]
        except KeyError:
            raise SeedDataError(f"{topic}: no record named {name!r} in seed_data/{topic}.yaml") from None


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
            with _about("neighbourhoods", row["name"]):
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
            with _about("organisations", row["name"]):
                organisation = create_organisation(session, _organisation_details(row, found))
            added["organisations"] += 1
        found.organisations[row["name"]] = organisation


def _organisation_details(row: dict, found: Found) -> OrganisationDetails:
    return OrganisationDetails(
        name=row["name"], sector=Sector(row["sector"]), kind=OrganisationKind(row["kind"]),
        org_number=row.get("org_number", ""), notes=row.get("notes", ""),
        neighbourhood_ids=[found.get("neighbourhoods", n).id for n in row.get("neighbourhoods", [])],
        tags=row.get("tags", []),
        area_company_of=[found.get("neighbourhoods", n).id for n in row.get("area_company_of", [])],
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
            with _about("people", row["name"]):
                person = _register_person(session, row, found)
            added["people"] += 1
            added["memberships"] += len(row.get("memberships", []))
        found.people[row["name"]] = person


def _datetime(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _ids(found: Found, topic: str, names: list[str]) -> list[int]:
    return [found.get(topic, name).id for name in names]


def _id(found: Found, topic: str, name: str | None) -> int | None:
    record = found.get(topic, name)
    return None if record is None else record.id


def _record_meeting(session: Session, row: dict, found: Found) -> Meeting:
    """Record a meeting, who was on its list, and its follow-up actions, as staff would."""
    meeting = create_meeting(session, MeetingDetails(
        kind=MeetingKind(row["kind"]), title=row["title"], starts_at=_datetime(row["starts_at"]),
        duration_minutes=row.get("duration_minutes"), place=row.get("place", ""),
        place_id=_id(found, "places", row.get("meeting_place")),
        organiser_id=_id(found, "organisations", row.get("organiser")),
        neighbourhood_ids=_ids(found, "neighbourhoods", row.get("neighbourhoods", [])),
        agenda=row.get("agenda", ""), minutes=row.get("minutes", ""),
    ))
    on_the_list: dict = {}
    for entry in row["participants"]:
        added = add_participant(
            session, meeting, found.get("people", entry["person"]),
            organisation=found.get("organisations", entry.get("for")),
            role=ParticipationRole(entry.get("role", "participant")),
            status=ParticipationStatus(entry.get("status", "attended")), existing=on_the_list)
        if added is None:
            raise SeedDataError(f"{entry['person']} is on the list twice")
    session.flush()
    if row.get("headcounts"):
        set_headcounts(session, meeting, {found.get("headcount_groups", name).id: count
                                          for name, count in row["headcounts"].items()})
    for entry in row.get("actions", []):
        action = add_action(session, meeting, entry["description"],
                            responsible_person_id=_id(found, "people", entry.get("responsible")),
                            due_on=entry.get("due_on"))
        if entry.get("done_on"):
            mark_action_done(action, entry["done_on"])
    return meeting


def load_meetings(session: Session, rows: list[dict], found: Found, added: Counter) -> None:
    """Record the meetings with who came, for which organisation, and what is to follow up."""
    existing = {
        (m.title, m.starts_at): m
        for m in session.scalars(select(Meeting).where(Meeting.title.in_([row["title"] for row in rows])))
    }
    for row in rows:
        meeting = existing.get((row["title"], _datetime(row["starts_at"])))
        if meeting is None:
            with _about("meetings", row["title"]):
                meeting = _record_meeting(session, row, found)
            added["meetings"] += 1
            added["participations"] += len(row["participants"])
            added["people counted without names"] += sum(row.get("headcounts", {}).values())
            added["follow-up actions"] += len(row.get("actions", []))
        found.meetings[row["title"]] = meeting
    session.flush()


def load_initiatives(session: Session, rows: list[dict], found: Found, added: Counter) -> None:
    """Record the initiatives and the organisations that joined them."""
    existing = {i.name: i for i in session.scalars(select(Initiative).where(Initiative.name.in_(
        [row["name"] for row in rows])))}
    for row in rows:
        initiative = existing.get(row["name"])
        if initiative is None:
            with _about("initiatives", row["name"]):
                initiative = create_initiative(session, InitiativeDetails(
                    name=row["name"], description=row.get("description", ""),
                    status=InitiativeStatus(row["status"]),
                    lead_organisation_id=_id(found, "organisations", row.get("lead")),
                    participant_ids=_ids(found, "organisations", row.get("participants", [])),
                    neighbourhood_ids=_ids(found, "neighbourhoods", row.get("neighbourhoods", [])),
                    origin_meeting_id=_id(found, "meetings", row.get("origin_meeting")),
                    started_on=row.get("started_on"),
                ))
            added["initiatives"] += 1
        found.initiatives[row["name"]] = initiative


def _record_commitment(session: Session, row: dict, found: Found) -> None:
    """Record a commitment as it was made, then each status it reached, under the register's rules."""
    first, *later = row["history"]
    if first["date"] != row.get("made_on", first["date"]):
        raise SeedDataError("the first status is dated the day the commitment was made")
    commitment = create_commitment(session, CommitmentDetails(
        kind=CommitmentKind(row["kind"]), description=row["description"],
        party_ids=_ids(found, "organisations", row["parties"]),
        amount=Decimal(str(row["amount"])) if "amount" in row else None,
        unit=Unit(row["unit"]) if "unit" in row else None, unit_label=row.get("unit_label", ""),
        neighbourhood_id=_id(found, "neighbourhoods", row.get("neighbourhood")),
        initiative_id=_id(found, "initiatives", row.get("initiative")),
        meeting_id=_id(found, "meetings", row.get("meeting")),
        made_on=first["date"], due_on=row.get("due_on"), place_id=_id(found, "places", row.get("place")),
    ), status=CommitmentStatus(first["status"]), comment=first.get("comment", ""))
    for change in later:
        record_status_change(session, commitment, CommitmentStatus(change["status"]), changed_on=change["date"],
                             comment=change.get("comment", ""))


def load_commitments(session: Session, rows: list[dict], found: Found, added: Counter) -> None:
    """Record the commitments with their parties and status history."""
    existing = {tuple(made) for made in session.execute(select(Commitment.description, Commitment.made_on).where(
        Commitment.description.in_([row["description"] for row in rows])))}
    for row in rows:
        if (row["description"], row["history"][0]["date"]) not in existing:
            with _about("commitments", row["description"]):
                _record_commitment(session, row, found)
            added["commitments"] += 1
            added["commitment status changes"] += len(row["history"])


def load_relationships(session: Session, rows: list[dict], found: Found, added: Counter) -> None:
    """Record the declared ties between organisations."""
    ties = [(found.get("organisations", row["from_organisation"]).id,
             found.get("organisations", row["to_organisation"]).id, RelationshipKind(row["kind"]),
             row.get("from_date")) for row in rows]
    existing = {tuple(tie) for tie in session.execute(
        select(Relationship.from_organisation_id, Relationship.to_organisation_id, Relationship.kind,
               Relationship.from_date)
        .where(Relationship.from_organisation_id.in_({tie[0] for tie in ties}))
    )}
    for row, tie in zip(rows, ties):
        if tie not in existing:
            from_id, to_id, kind, from_date = tie
            with _about("relationships", f"{row['from_organisation']} – {row['to_organisation']}"):
                create_relationship(session, RelationshipDetails(
                    from_organisation_id=from_id, to_organisation_id=to_id, kind=kind, from_date=from_date,
                    until_date=row.get("until_date"), notes=row.get("notes", "")))
            added["relationships"] += 1


def _define_kpi(session: Session, row: dict, found: Found) -> None:
    kpi = create_kpi(session, KpiDetails(name=row["name"], unit=row["unit"], direction=Direction(row["direction"]),
                                         description=row.get("description", ""), source=row.get("source", "")))
    for name, target in row.get("targets", {}).items():
        set_target(session, kpi, TargetDetails(
            neighbourhood_id=found.get("neighbourhoods", name).id, baseline_value=Decimal(str(target["baseline"])),
            baseline_on=target["baseline_on"], target_value=Decimal(str(target["target"])),
            target_on=target["target_on"]))
    for name, values in row.get("measurements", {}).items():
        for measured_on, value in values.items():
            record_measurement(session, kpi, MeasurementDetails(
                neighbourhood_id=found.get("neighbourhoods", name).id, measured_on=measured_on,
                value=Decimal(str(value))))


def load_kpis(session: Session, rows: list[dict], found: Found, added: Counter) -> None:
    """Define the KPIs with their targets and measurements per neighbourhood, through the operations staff use."""
    existing = set(session.scalars(select(Kpi.name).where(Kpi.name.in_([row["name"] for row in rows]))))
    for row in rows:
        if row["name"] in existing:
            continue
        with _about("kpis", row["name"]):
            _define_kpi(session, row, found)
        added["KPIs"] += 1
        added["KPI targets"] += len(row.get("targets", {}))
        added["KPI measurements"] += sum(len(values) for values in row.get("measurements", {}).values())


def load_assessments(session: Session, rows: list[dict], found: Found, added: Counter) -> None:
    """Record the stakeholder assessments."""
    assessed = [found.get("organisations", row["organisation"]) for row in rows]
    existing = {tuple(key) for key in session.execute(
        select(StakeholderAssessment.organisation_id, StakeholderAssessment.assessed_on)
        .where(StakeholderAssessment.organisation_id.in_({organisation.id for organisation in assessed}))
    )}
    for row, organisation in zip(rows, assessed):
        if (organisation.id, row["assessed_on"]) not in existing:
            with _about("assessments", f"{row['organisation']} {row['assessed_on']}"):
                record_assessment(session, organisation, assessed_on=row["assessed_on"], influence=row["influence"],
                                  interest=row["interest"], engagement=Engagement(row["engagement"]),
                                  note=row.get("note", ""))
            added["stakeholder assessments"] += 1


def load_demo_coalition(session: Session, directory: Path = SEED_DATA) -> Counter:
    """Add whatever of the demo coalition the database lacks; return how many of each were added."""
    added: Counter = Counter()
    found = Found()
    load_accounts(session, read_seed_file("accounts", directory), added)
    load_neighbourhoods(session, read_seed_file("neighbourhoods", directory), found, added)
    load_organisations(session, read_seed_file("organisations", directory), found, added)
    load_people(session, read_seed_file("people", directory), found, added)
    load_places(session, read_seed_file("places", directory), found, added, about=_about)
    load_meetings(session, read_seed_file("meetings", directory), found, added)
    load_initiatives(session, read_seed_file("initiatives", directory), found, added)
    load_commitments(session, read_seed_file("commitments", directory), found, added)
    load_proposals(session, read_seed_file("proposals", directory), found, added, about=_about)
    load_relationships(session, read_seed_file("relationships", directory), found, added)
    load_kpis(session, read_seed_file("kpis", directory), found, added)
    load_assessments(session, read_seed_file("assessments", directory), found, added)
    load_local_jobs(session, read_seed_file("places", directory), found, added, about=_about)
    load_surveys(session, read_seed_file("surveys", directory), found, added, about=_about,
                 secret=current_app.config["SECRET_KEY"])
    return added


def _echo_how_to_log_in() -> None:
    accounts = read_seed_file("accounts")
    demo_url = f"http://127.0.0.1:{os.environ.get('PORT') or 5000}"  # the port scripts/start serves on
    click.echo(f"\nOnce the app runs (scripts/start, or `flask run`), log in at {demo_url}"
               f" with the demo password {accounts['password']}:")
    for user in accounts["users"]:
        click.echo(f"  {user['email']:<20} {user['role']}")


@click.command("seed")
def seed_command() -> None:
    """Load the demo coalition from seed_data/; running it again changes nothing."""
    set_actor(db.session, None, "seed")
    try:
        added = load_demo_coalition(db.session)
    except (SeedDataError, DomainError) as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    if added:
        click.echo("Loaded the demo coalition from seed_data/:")
        for topic, count in added.items():
            click.echo(f"  {count:>4} {topic}")
    else:
        click.echo("The demo coalition is already loaded; nothing was added.")
    _echo_how_to_log_in()
