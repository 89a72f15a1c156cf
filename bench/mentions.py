"""Time the search for a person's mentions at design scale, and print the figures.

    .venv/bin/python bench/mentions.py [--runs 3] [--database-url URL]

Fills a freshly migrated database with 10,000 meetings whose minutes are about 3,000 characters
of Markdown each, 20,000 follow-up actions and 20,000 commitments, and 100,000 audit records
holding those texts (written with Core, as at scale the audit trail is the largest table). Twenty
texts name the person, in the spellings the search must find (lower case, wrapped over lines,
decomposed). Then times the access export's search (the free texts and the audit trail), for a
name with a long ASCII piece to narrow with ("Åsa Öberg-Testsson") and for one without ("Lü
Yü"), whose every text is read.

The database is a temporary SQLite file, unless --database-url or BENCH_DATABASE_URL names a
PostgreSQL database: its public schema is DROPPED and rebuilt, so give it one that holds nothing
you need.
"""
import argparse
import os
import random
import statistics
import tempfile
import time
import unicodedata
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade

from coalition import create_app
from coalition.data_protection.mentions import MentionSearch, audit_records_mentioning, find_mentions
from coalition.db import db
from coalition.models import AuditRecord, Commitment, FollowUpAction, Meeting

MEETINGS, ACTIONS, COMMITMENTS, AUDIT_RECORDS = 10_000, 20_000, 20_000, 100_000
NAMED = 20
rng = random.Random(2026)
WORDS = ("mötet trygghet läxhjälp föreningen bostadsbolaget kommunen sommarjobb mötesplatsen ungdomar "
         "handlingsplan grönytor dialog nattvandring beslut uppföljning ansvar budget lokal").split()
SPELLINGS = ["åsa öberg-testsson", "Åsa\nÖberg-Testsson", unicodedata.normalize("NFD", "Åsa Öberg-Testsson"),
             "ÅSA ÖBERG-TESTSSONS", "Lü Yü", "lü  yü"]


def _prose(characters: int) -> str:
    lines, length = [], 0
    while length < characters:
        line = "- " + " ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "."
        lines.append(line)
        length += len(line) + 1
    return "\n".join(lines)


def _fill(connection) -> None:
    start = datetime(2020, 1, 1, 18, 0)
    now = datetime(2026, 1, 1)
    named = set(rng.sample(range(MEETINGS), NAMED))
    meetings = [{"id": number + 1, "kind": "workshop", "title": f"Workshop {number}", "place": "",
                 "starts_at": start + timedelta(days=number // 3), "agenda": "", "version": 1,
                 "minutes": _prose(3000) + (f"\nOrdförande: {rng.choice(SPELLINGS)}." if number in named else ""),
                 "created_at": now, "updated_at": now} for number in range(MEETINGS)]
    connection.execute(sa.insert(Meeting.__table__), meetings)
    connection.execute(sa.insert(FollowUpAction.__table__), [
        {"meeting_id": rng.randrange(MEETINGS) + 1, "description": _prose(120), "version": 1, "created_at": now,
         "updated_at": now} for _ in range(ACTIONS)])
    connection.execute(sa.insert(Commitment.__table__), [
        {"kind": "funding", "description": _prose(200), "status": "proposed", "version": 1, "created_at": now,
         "updated_at": now} for _ in range(COMMITMENTS)])
    connection.execute(sa.insert(AuditRecord.__table__), [
        {"at": now, "origin": "bench", "action": "update", "entity": "Meeting", "entity_id": str(number % MEETINGS + 1),
         "changes": {"minutes": [meetings[number % MEETINGS]["minutes"][:1500], _prose(400)]}}
        for number in range(AUDIT_RECORDS)])


def _time(search: MentionSearch) -> tuple[float, int]:
    started = time.perf_counter()
    found = len(find_mentions(db.session, search)) + len(audit_records_mentioning(db.session, search))
    db.session.rollback()
    return time.perf_counter() - started, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = arguments.database_url or f"sqlite:///{Path(folder) / 'mentions.sqlite'}"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
        with app.app_context():
            if db.engine.dialect.name == "postgresql":
                with db.engine.begin() as connection:
                    connection.exec_driver_sql("DROP SCHEMA public CASCADE")
                    connection.exec_driver_sql("CREATE SCHEMA public")
            upgrade()
            started = time.perf_counter()
            with db.engine.begin() as connection:
                _fill(connection)
            print(f"{db.engine.dialect.name}: filled in {time.perf_counter() - started:.1f} s "
                  f"({MEETINGS:,} minutes, {ACTIONS:,} actions, {COMMITMENTS:,} commitments, "
                  f"{AUDIT_RECORDS:,} audit records)")
            for name in ("Åsa Öberg-Testsson", "Lü Yü"):
                search = MentionSearch([name])
                runs = [_time(search) for _ in range(arguments.runs)]
                seconds = [run[0] for run in runs]
                print(f"{name!r} (narrowed by {search.needles or 'nothing: every text read'}): "
                      f"{runs[0][1]} mentions, median {statistics.median(seconds):.2f} s, "
                      f"slowest {max(seconds):.2f} s over {arguments.runs} runs")
            db.engine.dispose()


if __name__ == "__main__":
    main()
