"""Load the demo coalition from seed_data/: `flask seed`.

Each record is matched by its natural key: an organisation by name, a person by e-mail (or by
name within their organisation), a neighbourhood by name and municipality, a meeting by title
and start, a commitment by description and date made, and so on. A record that already exists
is left as it is, with everything recorded under it (memberships, attendance, history); only
what is missing is added, so a second run adds nothing.
"""
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import click
import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from . import PROJECT_ROOT
from .accounts import create_user
from .audit import set_actor
from .db import db
from .errors import DomainError
from .kpis import (
    KpiDetails,
    MeasurementDetails,
    TargetDetails,
    create_kpi,
    record_measurement,
    set_target,
)
from .models import (
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    CommitmentStatusChange,
    Direction,
    Engagement,
    FollowUpAction,
    Initiative,
    InitiativeStatus,
    Kpi,
    LawfulBasis,
    Meeting,
    MeetingKind,
    Membership,
    Neighbourhood,
    Organisation,
    OrganisationKind,
    Participation,
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
from .stakeholders import record_assessment
from .text import match_key

SEED_DATA = PROJECT_ROOT / "seed_data"
DEMO_URL = "http://127.0.0.1:5000"


class SeedDataError(Exception):
    """A seed file names something that no seed file defines."""


def read_seed_file(topic: str, directory: Path = SEED_DATA):
    """Return the parsed contents of seed_data/<topic>.yaml."""
    return yaml.safe_load((directory / f"{topic}.yaml").read_text(encoding="utf-8"))


@dataclass
class Found:
    """The records the seed files define, under the names the files use for them."""

    neighbourhoods: dict[str, Neighbourhood] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    initiatives: dict[str, Initiative] = field(default_factory=dict)

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
            neighbourhood = create_neighbourhood(session, NeighbourhoodDetails(
                row["name"], row["municipality"], row.get("population"), row.get("description", "")
            ), stage=Stage(first["stage"]), stage_on=first["date"])
            # create_neighbourhood records the first stage without a note; the files have one.
            neighbourhood.stage_changes[0].note = first.get("note", "")
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
            organisation = create_organisation(session, _organisation_details(row, found))
            added["organisations"] += 1
        found.organisations[row["name"]] = organisation


def _organisation_details(row: dict, found: Found) -> OrganisationDetails:
    return OrganisationDetails(
        name=row["name"], sector=Sector(row["sector"]), kind=OrganisationKind(row["kind"]),
        org_number=row.get("org_number", ""), website=row.get("website", ""), notes=row.get("notes", ""),
        neighbourhood_ids=[found.get("neighbourhoods", n).id for n in row.get("neighbourhoods", [])],
        tags=row.get("tags", []),
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


def load_people(session: Session, rows: list[dict], found: Found, added: Counter) -> None:
    """Register the people with their lawful basis and memberships."""
    existing = _existing_people(session, rows, found)
    for row in rows:
        person = existing.get(_person_key(row, found))
        if person is None:
            consent = row.get("consent", {})
            person = create_person(session, PersonDetails(
                name=row["name"], lawful_basis=LawfulBasis(row["lawful_basis"]), email=row.get("email", ""),
                phone=row.get("phone", ""), title=row.get("title", ""), notes=row.get("notes", ""),
                consent_given_on=consent.get("given_on"), consent_method=consent.get("method", ""),
                consent_text_version=str(consent.get("text_version", "")),
            ))
            for seat in row.get("memberships", []):
                add_membership(session, person, found.get("organisations", seat["organisation"]),
                               title=seat.get("title", ""), from_date=seat.get("from"),
                               until_date=seat.get("until"))
            added["people"] += 1
            added["memberships"] += len(row.get("memberships", []))
        found.people[row["name"]] = person


def _new_meeting(row: dict, found: Found) -> Meeting:
    return Meeting(
        kind=MeetingKind(row["kind"]), title=row["title"], starts_at=_datetime(row["starts_at"]),
        duration_minutes=row.get("duration_minutes"), place=row.get("place", ""),
        organiser=found.get("organisations", row.get("organiser")), agenda=row.get("agenda", ""),
        minutes=row.get("minutes", ""),
        neighbourhoods=[found.get("neighbourhoods", name) for name in row.get("neighbourhoods", [])],
        participations=[Participation(
            person=found.get("people", p["person"]), organisation=found.get("organisations", p.get("for")),
            role=ParticipationRole(p.get("role", "participant")),
            status=ParticipationStatus(p.get("status", "attended")),
        ) for p in row["participants"]],
        actions=[FollowUpAction(
            description=a["description"], responsible_person=found.get("people", a.get("responsible")),
            due_on=a.get("due_on"), done_on=a.get("done_on"),
        ) for a in row.get("actions", [])],
    )


def _datetime(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def load_meetings(session: Session, rows: list[dict], found: Found, added: Counter) -> None:
    """Record the meetings with who came, for which organisation, and what is to follow up."""
    existing = {
        (m.title, m.starts_at): m
        for m in session.scalars(select(Meeting).where(Meeting.title.in_([row["title"] for row in rows])))
    }
    for row in rows:
        meeting = existing.get((row["title"], _datetime(row["starts_at"])))
        if meeting is None:
            meeting = _new_meeting(row, found)
            session.add(meeting)
            added["meetings"] += 1
            added["participations"] += len(meeting.participations)
            added["follow-up actions"] += len(meeting.actions)
        found.meetings[row["title"]] = meeting
    session.flush()


def load_initiatives(session: Session, rows: list[dict], found: Found, added: Counter) -> None:
    """Record the initiatives and the organisations that joined them."""
    existing = {i.name: i for i in session.scalars(select(Initiative).where(Initiative.name.in_(
        [row["name"] for row in rows])))}
    for row in rows:
        initiative = existing.get(row["name"])
        if initiative is None:
            initiative = Initiative(
                name=row["name"], description=row.get("description", ""), status=InitiativeStatus(row["status"]),
                lead_organisation=found.get("organisations", row.get("lead")),
                origin_meeting=found.get("meetings", row.get("origin_meeting")), started_on=row.get("started_on"),
                participants=[found.get("organisations", name) for name in row.get("participants", [])],
                neighbourhoods=[found.get("neighbourhoods", name) for name in row.get("neighbourhoods", [])],
            )
            session.add(initiative)
            added["initiatives"] += 1
        found.initiatives[row["name"]] = initiative
    session.flush()


def _new_commitment(row: dict, found: Found) -> Commitment:
    history = [CommitmentStatusChange(status=CommitmentStatus(h["status"]), changed_on=h["date"],
                                      comment=h.get("comment", "")) for h in row["history"]]
    delivered = [change.changed_on for change in history if change.status is CommitmentStatus.DELIVERED]
    return Commitment(
        kind=CommitmentKind(row["kind"]), description=row["description"],
        amount=Decimal(str(row["amount"])) if "amount" in row else None,
        unit=Unit(row["unit"]) if "unit" in row else None, unit_label=row.get("unit_label", ""),
        parties=[found.get("organisations", name) for name in row["parties"]],
        neighbourhood=found.get("neighbourhoods", row.get("neighbourhood")),
        initiative=found.get("initiatives", row.get("initiative")),
        meeting=found.get("meetings", row.get("meeting")),
        made_on=row.get("made_on"), due_on=row.get("due_on"),
        status=history[-1].status, delivered_on=delivered[-1] if delivered else None, status_changes=history,
    )


def load_commitments(session: Session, rows: list[dict], found: Found, added: Counter) -> None:
    """Record the commitments with their parties and status history."""
    existing = {tuple(made) for made in session.execute(select(Commitment.description, Commitment.made_on).where(
        Commitment.description.in_([row["description"] for row in rows])))}
    for row in rows:
        if (row["description"], row.get("made_on")) not in existing:
            commitment = _new_commitment(row, found)
            session.add(commitment)
            added["commitments"] += 1
            added["commitment status changes"] += len(commitment.status_changes)
    session.flush()


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
            session.add(Relationship(from_organisation_id=from_id, to_organisation_id=to_id, kind=kind,
                                     from_date=from_date, until_date=row.get("until_date"),
                                     notes=row.get("notes", "")))
            added["relationships"] += 1
    session.flush()


def load_kpis(session: Session, rows: list[dict], found: Found, added: Counter) -> None:
    """Define the KPIs with their targets and measurements per neighbourhood, through the operations staff use."""
    existing = set(session.scalars(select(Kpi.name).where(Kpi.name.in_([row["name"] for row in rows]))))
    for row in rows:
        if row["name"] in existing:
            continue
        kpi = create_kpi(session, KpiDetails(name=row["name"], unit=row["unit"], direction=Direction(row["direction"]),
                                             description=row.get("description", ""), source=row.get("source", "")))
        added["KPIs"] += 1
        for name, target in row.get("targets", {}).items():
            set_target(session, kpi, TargetDetails(
                neighbourhood_id=found.get("neighbourhoods", name).id, baseline_value=Decimal(str(target["baseline"])),
                baseline_on=target["baseline_on"], target_value=Decimal(str(target["target"])),
                target_on=target["target_on"]))
            added["KPI targets"] += 1
        for name, values in row.get("measurements", {}).items():
            for measured_on, value in values.items():
                record_measurement(session, kpi, MeasurementDetails(
                    neighbourhood_id=found.get("neighbourhoods", name).id, measured_on=measured_on,
                    value=Decimal(str(value))))
                added["KPI measurements"] += 1


def load_assessments(session: Session, rows: list[dict], found: Found, added: Counter) -> None:
    """Record the stakeholder assessments."""
    assessed = [found.get("organisations", row["organisation"]) for row in rows]
    existing = {tuple(key) for key in session.execute(
        select(StakeholderAssessment.organisation_id, StakeholderAssessment.assessed_on)
        .where(StakeholderAssessment.organisation_id.in_({organisation.id for organisation in assessed}))
    )}
    for row, organisation in zip(rows, assessed):
        if (organisation.id, row["assessed_on"]) not in existing:
            # Through the operation, so the demo data keeps the rules staff's assessments keep.
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
    load_meetings(session, read_seed_file("meetings", directory), found, added)
    load_initiatives(session, read_seed_file("initiatives", directory), found, added)
    load_commitments(session, read_seed_file("commitments", directory), found, added)
    load_relationships(session, read_seed_file("relationships", directory), found, added)
    load_kpis(session, read_seed_file("kpis", directory), found, added)
    load_assessments(session, read_seed_file("assessments", directory), found, added)
    return added


def _echo_how_to_log_in() -> None:
    accounts = read_seed_file("accounts")
    click.echo(f"\nOnce the app runs (scripts/start, or `flask run`), log in at {DEMO_URL}"
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
