"""Load the demo coalition's meeting places, headcount groups and local jobs from seed_data/places.yaml.

As the other loaders of this package do, through the operations staff use, each record matched by its
natural key (a group by its Swedish name, a place by name and neighbourhood, jobs by company,
neighbourhood and quarter) and left as it is when it exists, so a second run adds nothing.
"""
from collections import Counter
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..area_companies import LocalJobsDetails, record_local_jobs
from ..headcounts import GroupDetails, create_group
from ..meeting_places import PlaceDetails, change_place_stage, create_place
from ..models import HeadcountGroup, LocalJobs, MeetingPlace, PlaceStage
from ..text import match_key


def _groups(session: Session, rows: list[dict], found, added: Counter) -> None:
    existing = {match_key(g.name_sv): g for g in session.scalars(select(HeadcountGroup))}
    for row in rows:
        group = existing.get(match_key(row["sv"]))
        if group is None:
            group = create_group(session, GroupDetails(row["sv"], row["en"]))
            added["headcount groups"] += 1
        found.headcount_groups[row["sv"]] = group


def _places(session: Session, rows: list[dict], found, added: Counter, about) -> None:
    existing = {(p.name_key, p.neighbourhood_id): p for p in session.scalars(select(MeetingPlace))}
    for row in rows:
        neighbourhood = found.get("neighbourhoods", row.get("neighbourhood"))
        place = existing.get((match_key(row["name"]), neighbourhood.id if neighbourhood else None))
        if place is None:
            first, *later = row["stages"]
            with about("places", row["name"]):
                place = _register_place(session, row, found, neighbourhood, first, later)
            added["meeting places"] += 1
            added["place stage changes"] += len(row["stages"])
        found.places[row["name"]] = place


def _register_place(session: Session, row: dict, found, neighbourhood, first: dict, later: list[dict]) -> MeetingPlace:
    place = create_place(session, PlaceDetails(
        name=row["name"], digital=row.get("digital", False), address=row.get("address", ""),
        web_address=row.get("web_address", ""), neighbourhood_id=neighbourhood.id if neighbourhood else None,
        run_by_id=found.get("organisations", row.get("run_by")).id if row.get("run_by") else None,
        owner_ids=found.ids("organisations", row.get("owners", [])),
        funder_ids=found.ids("organisations", row.get("funders", [])),
        opened_on=row.get("opened_on"), description=row.get("description", ""),
    ), stage=PlaceStage(first["stage"]), stage_on=first["date"], stage_note=first.get("note", ""))
    for change in later:
        change_place_stage(session, place, PlaceStage(change["stage"]), changed_on=change["date"],
                           note=change.get("note", ""))
    return place


def _local_jobs(session: Session, rows: list[dict], found, added: Counter, about) -> None:
    existing = {(j.organisation_id, j.neighbourhood_id, j.year, j.quarter) for j in session.scalars(select(LocalJobs))}
    for row in rows:
        company = found.get("organisations", row["organisation"])
        neighbourhood = found.get("neighbourhoods", row["neighbourhood"])
        year, quarter = (int(part) for part in row["quarter"].split("-Q"))
        if (company.id, neighbourhood.id, year, quarter) in existing:
            continue
        with about("places", f"{row['organisation']} {row['quarter']}"):
            record_local_jobs(session, company, LocalJobsDetails(neighbourhood.id, year, quarter, row["positions"],
                                                                 Decimal(str(row["fte"])), row["residents"]))
        added["quarters of local jobs"] += 1


def load_places(session: Session, parts: list[dict], found, added: Counter, *, about) -> None:
    """Add the headcount groups and the meeting places (before the meetings that name them).

    `about(topic, name)` names the record an operation refused (``files.about``).
    """
    data = {key: value for part in parts for key, value in part.items()}
    _groups(session, data.get("headcount_groups", []), found, added)
    _places(session, data.get("places", []), found, added, about)


def load_local_jobs(session: Session, parts: list[dict], found, added: Counter, *, about) -> None:
    """Add the area companies' local jobs per quarter."""
    data = {key: value for part in parts for key, value in part.items()}
    _local_jobs(session, data.get("local_jobs", []), found, added, about)
