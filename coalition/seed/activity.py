"""Load what the demo coalition did from seed_data/: meetings with who came, initiatives,
commitments with their history, declared relationships, and KPIs with their targets and measurements."""
from collections import Counter
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..attendance import add_participant
from ..commitments import CommitmentDetails, create_commitment, record_status_change
from ..headcounts import set_headcounts
from ..initiatives import InitiativeDetails, create_initiative
from ..kpis import KpiDetails, MeasurementDetails, TargetDetails, create_kpi, record_measurement, set_target
from ..meetings import MeetingDetails, add_action, create_meeting, mark_action_done
from ..models import (
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    Direction,
    Initiative,
    InitiativeStatus,
    Kpi,
    Meeting,
    MeetingKind,
    ParticipationRole,
    ParticipationStatus,
    Relationship,
    RelationshipKind,
    Unit,
)
from ..relationships import RelationshipDetails, create_relationship
from .files import Found, SeedDataError, about, as_datetime


def _record_meeting(session: Session, row: dict, found: Found) -> Meeting:
    """Record a meeting, who was on its list, and its follow-up actions, as staff would."""
    meeting = create_meeting(session, MeetingDetails(
        kind=MeetingKind(row["kind"]), title=row["title"], starts_at=as_datetime(row["starts_at"]),
        duration_minutes=row.get("duration_minutes"), place=row.get("place", ""),
        place_id=found.id_of("places", row.get("meeting_place")),
        organiser_id=found.id_of("organisations", row.get("organiser")),
        neighbourhood_ids=found.ids("neighbourhoods", row.get("neighbourhoods", [])),
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
                            responsible_person_id=found.id_of("people", entry.get("responsible")),
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
        meeting = existing.get((row["title"], as_datetime(row["starts_at"])))
        if meeting is None:
            with about("meetings", row["title"]):
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
            with about("initiatives", row["name"]):
                initiative = create_initiative(session, InitiativeDetails(
                    name=row["name"], description=row.get("description", ""),
                    status=InitiativeStatus(row["status"]),
                    lead_organisation_id=found.id_of("organisations", row.get("lead")),
                    participant_ids=found.ids("organisations", row.get("participants", [])),
                    neighbourhood_ids=found.ids("neighbourhoods", row.get("neighbourhoods", [])),
                    origin_meeting_id=found.id_of("meetings", row.get("origin_meeting")),
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
        party_ids=found.ids("organisations", row["parties"]),
        amount=Decimal(str(row["amount"])) if "amount" in row else None,
        unit=Unit(row["unit"]) if "unit" in row else None, unit_label=row.get("unit_label", ""),
        neighbourhood_id=found.id_of("neighbourhoods", row.get("neighbourhood")),
        initiative_id=found.id_of("initiatives", row.get("initiative")),
        meeting_id=found.id_of("meetings", row.get("meeting")),
        made_on=first["date"], due_on=row.get("due_on"), place_id=found.id_of("places", row.get("place")),
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
            with about("commitments", row["description"]):
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
            with about("relationships", f"{row['from_organisation']} – {row['to_organisation']}"):
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
        with about("kpis", row["name"]):
            _define_kpi(session, row, found)
        added["KPIs"] += 1
        added["KPI targets"] += len(row.get("targets", {}))
        added["KPI measurements"] += sum(len(values) for values in row.get("measurements", {}).values())
