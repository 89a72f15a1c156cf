"""Write seed_data/ for the demo coalition from the story in bench/demo_coalition/.

The story (two municipalities, seven neighbourhoods, two years of meetings, commitments and
KPIs, meeting places and local jobs) is told as plans in the modules of ``demo_coalition``; this script draws who came to each
meeting with a fixed random seed, checks the story's promises with the app's own network code,
prints the figures, and writes the YAML files that `flask seed` loads (accounts.yaml and the
example import files are written by hand). Running it again writes the same files. From the
project root:

    .venv/bin/python bench/generate_seed_data.py [--out DIRECTORY]

Review the diff of seed_data/ before committing it.
"""
import argparse
import sys
from collections import defaultdict
from pathlib import Path

from demo_coalition import checks, kpis, places, proposals, work
from demo_coalition.actors import BY_ALIAS, CONTACTS, NAME
from demo_coalition.attendance import attendance, meeting_record
from demo_coalition.norrvik_meetings import norrvik_meetings
from demo_coalition.people import NAME_POOLS, Staff, ascii_fold, person_record
from demo_coalition.programme_meetings import programme_meetings
from demo_coalition.sjoberga_meetings import sjoberga_meetings
from demo_coalition.story import NEIGHBOURHOODS, day
from demo_coalition.ties import ASSESSMENTS, RELATIONSHIPS, assessment_record, relationship_record
from demo_coalition.writing import write

__all__ = ["NAME_POOLS", "ascii_fold", "main"]  # bench/attendance.py names people from the same pools

SEED_DATA = Path(__file__).resolve().parent.parent / "seed_data"


def neighbourhood_records() -> list[dict]:
    records = []
    for name, municipality, population, description, stages in NEIGHBOURHOODS:
        record = {"name": name, "municipality": municipality}
        if population is not None:
            record["population"] = population
        record["description"] = description
        record["stages"] = [{"stage": stage, "date": day(when), **({"note": note} if note else {})}
                            for stage, when, note in stages]
        records.append(record)
    return records


def organisation_records() -> list[dict]:
    keys = ("name", "sector", "kind", "org_number", "website", "neighbourhoods", "tags", "notes")
    records = []
    for alias, o in BY_ALIAS.items():
        record = {key: o[key] for key in keys if o[key]}
        if alias in places.AREA_COMPANIES:
            record["area_company_of"] = places.AREA_COMPANIES[alias]
        record.update(CONTACTS.get(alias, {}))
        records.append(record)
    return records


def drawn_meetings(staff: Staff) -> list:
    plans = sorted(programme_meetings() + norrvik_meetings() + sjoberga_meetings(), key=lambda p: p.starts_at)
    titles = [p.title for p in plans]
    assert len(titles) == len(set(titles)), "meeting titles must be unique within the seed data"
    weekend = [p.title for p in plans if p.starts_at.weekday() >= 5 and not p.weekend]
    assert not weekend, f"only the future workshops fall on a weekend: {weekend}"
    committed = defaultdict(set)  # the parties were there when they made a commitment at a meeting
    for row in work.COMMITMENTS:
        committed[row["made"]].update(row["parties"])
    drawn = [(plan, attendance(plan, staff, frozenset(committed[plan.title]))) for plan in plans]
    for plan, seats in drawn:
        for seat in seats:
            if seat.status == "attended" and seat.member.first_attended is None:
                seat.member.first_attended = plan.day
    return drawn


def main(directory: Path = SEED_DATA) -> None:
    staff = Staff()
    drawn = drawn_meetings(staff)
    meeting_days = {plan.title: plan.day for plan, _seats in drawn}
    commitments = [work.commitment_record(row, meeting_days) for row in work.COMMITMENTS]
    for row, record in zip(work.COMMITMENTS, commitments):
        invested_in = places.place_invested_in(row["description"], row["neighbourhood"])
        if invested_in:
            record["place"] = invested_in
    facts = [{"parties": row["parties"], "made_on": record["made_on"], "status": record["history"][-1]["status"],
              "neighbourhood": row["neighbourhood"], "meeting": record.get("meeting"),
              "description": row["description"]} for row, record in zip(work.COMMITMENTS, commitments)]
    rows = checks.Rows(drawn, facts, work.INITIATIVES, RELATIONSHIPS)
    try:
        lines = checks.check_story(rows)
    except checks.StoryBroken as broken:
        sys.exit(f"The demo's story does not hold: {broken}")

    write(directory, "neighbourhoods", neighbourhood_records())
    write(directory, "organisations", organisation_records())
    write(directory, "people", [person_record(member, NAME) for member in staff.members])
    write(directory, "places", [{"headcount_groups": [{"sv": sv, "en": en} for sv, en in places.HEADCOUNT_GROUPS]},
                                {"places": places.place_records()}, {"local_jobs": places.local_jobs_records()}])
    write(directory, "meetings", [meeting_record(plan, seats, staff) for plan, seats in drawn])
    write(directory, "initiatives", [work.initiative_record(row) for row in work.INITIATIVES])
    write(directory, "commitments", commitments)
    write(directory, "proposals", proposals.proposal_records())
    write(directory, "relationships", [relationship_record(row) for row in RELATIONSHIPS])
    write(directory, "kpis", kpis.kpi_records())
    write(directory, "assessments", [assessment_record(row) for row in ASSESSMENTS])
    participations = sum(len(seats) for _plan, seats in drawn)
    print(f"Wrote {len(BY_ALIAS)} organisations, {len(staff.members)} people, {len(drawn)} meetings with "
          f"{participations} participations, {len(commitments)} commitments, {len(work.INITIATIVES)} initiatives.")
    print("\n".join(lines))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SEED_DATA, help="where to write the files (default: seed_data/)")
    main(parser.parse_args().out)
