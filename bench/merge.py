"""Time merging an organisation that holds 5,000 participations, and finding the duplicate pairs at design scale.

    .venv/bin/python bench/merge.py [--runs 3] [--database-url URL]

Each run builds a fresh, migrated database (bulk inserts, not timed): 5,000 organisations and
20,000 people named from generate_seed_data.py's pools, and "Norrviks Bostäder" registered
twice. The copy that goes holds 5,000 participations (1,000 meetings of five of its 50 people),
200 commitments, relationships and assessments; the kept one has meetings of its own, some
shared with the other's people. Then it times (a) ``merging.merge`` of the two plus the commit,
which issue 15 wants under 5 s, and (b) ``duplicates.find_pairs`` for organisations and for people.

The database is a temporary SQLite file, unless --database-url or BENCH_DATABASE_URL names a
PostgreSQL database: its public schema is DROPPED and rebuilt for every run, so give it one
that holds nothing you need.
"""
import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attendance import fresh_app  # noqa: E402 (bench scripts import each other from bench/)
from generate_seed_data import NAME_POOLS  # noqa: E402

from coalition import duplicates, merging  # noqa: E402
from coalition.audit import set_actor  # noqa: E402
from coalition.db import db  # noqa: E402
from coalition.models import (  # noqa: E402
    Commitment,
    Meeting,
    Membership,
    Organisation,
    Participation,
    Person,
    Relationship,
    StakeholderAssessment,
)
from coalition.models.commitments import commitment_parties  # noqa: E402
from coalition.text import match_key  # noqa: E402

ORGANISATIONS, PEOPLE = 5000, 20000
GONE_MEETINGS, PER_MEETING, GONE_PEOPLE = 1000, 5, 50
KEPT_MEETINGS = 300
rng = random.Random(2026)
SECTORS = ["private", "public", "civil", "academic"]


def _rows(table, rows: list[dict]) -> list[int]:
    """Insert rows in bulk and return their ids (the next ids of an empty table, in order)."""
    start = (db.session.scalar(sa.select(sa.func.max(table.c.id))) or 0) + 1
    for offset, row in enumerate(rows):
        row["id"] = start + offset
    for chunk in range(0, len(rows), 2000):
        db.session.execute(sa.insert(table), rows[chunk:chunk + 2000])
    return [row["id"] for row in rows]


def build() -> tuple[int, int]:
    """Fill the database; return the ids of the organisation kept and the one that goes."""
    now = datetime(2026, 1, 1)
    stamp = {"version": 1, "created_at": now, "updated_at": now}
    names = [("Norrviks Bostäder AB", "private"), ("Norrviks Bostäder", "private")]
    names += [(f"Aktör {number:05d} {rng.choice(['AB', 'förening', 'stiftelse', 'kommun'])}", rng.choice(SECTORS))
              for number in range(ORGANISATIONS - 2)]
    organisation_ids = _rows(Organisation.__table__, [
        {"name": name, "name_key": match_key(name), "sector": sector, "kind": "other", "website": "", "notes": "",
         "joined_because": "registered", **stamp} for name, sector in names])
    kept, gone = organisation_ids[0], organisation_ids[1]
    people = []
    for number in range(PEOPLE):
        firsts, lasts, _weight = rng.choices(NAME_POOLS, weights=[pool[2] for pool in NAME_POOLS])[0]
        name = f"{rng.choice(firsts)} {rng.choice(lasts)}"
        people.append({"name": name, "name_key": match_key(name), "email": f"p{number}@example.se" if number % 3 else None,
                       "phone": "", "title": "", "notes": "", "lawful_basis": "legitimate_interest",
                       "consent_method": "", "consent_text_version": "", "restriction_reason": "", **stamp})
    person_ids = _rows(Person.__table__, people)
    works_for = {person: (gone if i < GONE_PEOPLE else kept if i < 2 * GONE_PEOPLE else rng.choice(organisation_ids))
                 for i, person in enumerate(person_ids)}
    _rows(Membership.__table__, [{"person_id": p, "organisation_id": o, "title": "", **stamp}
                                 for p, o in works_for.items()])
    gone_people, kept_people = person_ids[:GONE_PEOPLE], person_ids[GONE_PEOPLE:2 * GONE_PEOPLE]
    meetings = _rows(Meeting.__table__, [
        {"kind": "workshop", "title": f"Samråd {number}", "starts_at": now + timedelta(days=number % 3000, hours=number % 9),
         "place": "", "agenda": "", "minutes": "", **stamp} for number in range(GONE_MEETINGS + KEPT_MEETINGS)])
    participations = []
    for index, meeting in enumerate(meetings):
        going = index < GONE_MEETINGS
        for person in rng.sample(gone_people if going else kept_people, PER_MEETING):
            participations.append({"meeting_id": meeting, "person_id": person, "organisation_id": gone if going else kept,
                                   "role": "participant", "status": "attended", **stamp})
        participations.append({"meeting_id": meeting, "person_id": rng.choice(person_ids[2 * GONE_PEOPLE:]),
                               "organisation_id": rng.choice(organisation_ids[2:]), "role": "participant",
                               "status": "attended", **stamp})
    _rows(Participation.__table__, participations)
    commitments = _rows(Commitment.__table__, [
        {"kind": "staff_time", "description": f"Åtagande {number}", "unit_label": "", "status": "agreed", **stamp}
        for number in range(200)])
    db.session.execute(sa.insert(commitment_parties), [
        {"commitment_id": c, "organisation_id": party} for c in commitments for party in {gone, rng.choice(organisation_ids)}])
    _rows(Relationship.__table__, [
        {"from_organisation_id": gone, "to_organisation_id": other, "kind": "partnership", "notes": "", **stamp}
        for other in rng.sample(organisation_ids[2:], 30)] + [
        {"from_organisation_id": kept, "to_organisation_id": gone, "kind": "informal", "notes": "", **stamp}])
    _rows(StakeholderAssessment.__table__, [
        {"organisation_id": gone, "assessed_on": date(2025, 1, 1) + timedelta(days=30 * n), "influence": 3,
         "interest": 4, "engagement": "involved", "note": ""} for n in range(10)])
    db.session.commit()
    return kept, gone


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def figures(seconds: list[float]) -> str:
    return f"median {statistics.median(seconds):.2f} s, slowest {max(seconds):.2f} s (runs: {len(seconds)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    args = parser.parse_args()
    merges, organisation_pairs, person_pairs = [], [], []
    with tempfile.TemporaryDirectory() as workdir:
        for run in range(args.runs):
            app = fresh_app(args.database_url, Path(workdir), run)
            with app.app_context():
                set_actor(db.session, None, "bench")
                kept, gone = build()
                moving = db.session.scalar(sa.select(sa.func.count()).where(Participation.organisation_id == gone))
                seconds, found = timed(lambda: duplicates.find_pairs(db.session, "organisation"))
                organisation_pairs.append(seconds)
                person_seconds, people_found = timed(lambda: duplicates.find_pairs(db.session, "person"))
                person_pairs.append(person_seconds)

                def merge_and_commit():
                    merging.merge(db.session, Organisation, kept, gone)
                    db.session.commit()

                seconds, _ = timed(merge_and_commit)
                merges.append(seconds)
                held = db.session.scalar(sa.select(sa.func.count()).where(Participation.organisation_id == kept))
                print(f"run {run + 1}: merged {moving} participations in {seconds:.2f} s (kept one now holds {held}); "
                      f"{len(found)} organisation pairs, {len(people_found)} person pairs", flush=True)
                db.session.remove()
                db.engine.dispose()
    backend = "postgresql" if args.database_url else "sqlite"
    print(f"\n[{backend}] merge of an organisation with {GONE_MEETINGS * PER_MEETING} participations: {figures(merges)}")
    print(f"[{backend}] duplicate pairs among {ORGANISATIONS} organisations: {figures(organisation_pairs)}")
    print(f"[{backend}] duplicate pairs among {PEOPLE} people: {figures(person_pairs)}")


if __name__ == "__main__":
    main()
