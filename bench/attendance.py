"""Time the attendance import and the meeting page, and print the figures.

    .venv/bin/python bench/attendance.py [--runs 3] [--page-runs 10] [--database-url URL]

(a) Writes a register of 10,000 rows (200 meetings of 50 people each, drawn from 3,000 people
at 400 organisations, named from generate_seed_data.py's pools, so every person and
organisation is new), imports it into an empty, freshly migrated database and commits; each
run starts from a new database. The same file is
then imported once more, which must add nothing. (b) Puts 500 people on one meeting and times
GET /meetings/<id> through the Flask test client, logged in as staff.

The database is a temporary SQLite file, unless --database-url or BENCH_DATABASE_URL names a
PostgreSQL database: its public schema is DROPPED and rebuilt for every run, so give it one
that holds nothing you need.
"""
import argparse
import csv
import io
import os
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade
from generate_seed_data import NAME_POOLS, ascii_fold

from coalition import create_app
from coalition.accounts.users import create_user
from coalition.audit import set_actor
from coalition.db import db
from coalition.imports.attendance import import_attendance
from coalition.models import Meeting, Participation, Role

PASSWORD = "bench-password-1234"
MEETINGS, PER_MEETING, PEOPLE, ORGANISATIONS = 200, 50, 3000, 400
PAGE_PARTICIPANTS = 500
rng = random.Random(2026)

PLACES = """Kvarnängen Solbacka Ekhöjden Strandparken Backen Hagalund Tallbo Björkdal Lindhem Ängby Sjöviken
Granberga Ekeby Rosendal Åsen Norrmalm Söderby Vallby Hammarby Lövsta Bergsjö Östermark Fagerlid Kungsgärdet
Tornby""".split()
# Patterns of organisation names, with their sector: 25 places x 16 patterns = 400 organisations.
ORGANISATION_PATTERNS = [
    ("{place}s Bygg AB", "private"), ("{place} Fastigheter AB", "private"), ("{place}s Livs", "private"),
    ("Café {place}", "private"),
    ("{place}skolan", "public"), ("Vårdcentralen {place}", "public"), ("Norrvik kommun, fritidsgården {place}", "public"),
    ("Biblioteket i {place}", "public"),
    ("{place}s IF", "civil"), ("Hyresgästföreningen {place}", "civil"), ("Föräldranätverket {place}", "civil"),
    ("Kulturföreningen i {place}", "civil"), ("Stadsodlarna i {place}", "civil"),
    ("Norrviks universitet, {place}studien", "academic"), ("Institutet för stadsdelsforskning, {place}", "academic"),
    ("Folkhögskolan i {place}", "academic"),
]
KINDS = ["workshop", "coordination", "information", "steering_group", "site_visit", "interview"]
THEMES = ["Trygga stråk", "Sommarjobb", "Läxhjälp", "Föreningslyftet", "Mötesplatsen", "Ungas fritid",
          "Handlingsplan", "Grönytor", "Boendedialog", "Nattvandring"]


def organisations() -> list[tuple[str, str]]:
    return [(pattern.format(place=place), sector) for pattern, sector in ORGANISATION_PATTERNS for place in PLACES]


def people(orgs: list[tuple[str, str]], count: int = PEOPLE) -> list[dict]:
    """`count` people (3,000 by default), unique by name and organisation; seven in ten have an e-mail address."""
    chosen, seen = [], set()
    while len(chosen) < count:
        firsts, lasts, _weight = rng.choices(NAME_POOLS, weights=[pool[2] for pool in NAME_POOLS])[0]
        name = f"{rng.choice(firsts.split())} {rng.choice(lasts.split())}"
        organisation, sector = rng.choice(orgs)
        if (name, organisation) in seen:
            continue
        seen.add((name, organisation))
        email = f"{ascii_fold(name.split()[0])}.{ascii_fold(name.split()[-1])}.{len(chosen)}@example.se" \
            if rng.random() < 0.7 else ""
        chosen.append({"name": name, "email": email, "organisation": organisation, "sector": sector})
    return chosen


def register(everyone: list[dict], meetings: int, per_meeting: int, first_day: date) -> str:
    """A semicolon register, as Excel in Swedish saves it."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["meeting", "date", "kind", "name", "email", "organisation", "sector", "role", "status"])
    for number in range(meetings):
        day = first_day + timedelta(days=3 * number)
        title = f"{THEMES[number % len(THEMES)]} {PLACES[number % len(PLACES)]} {number + 1}"
        for seat, person in enumerate(rng.sample(everyone, per_meeting)):
            role = {0: "organiser", 1: "facilitator"}.get(seat, "participant")
            status = rng.choices(["attended", "no_show", "cancelled"], weights=[88, 8, 4])[0]
            writer.writerow([title, day.isoformat(), KINDS[number % len(KINDS)], person["name"], person["email"],
                             person["organisation"], person["sector"], role, status])
    return out.getvalue()


def fresh_app(url: str | None, workdir: Path, run: int):
    """An app on an empty, migrated database."""
    if url:
        engine = sa.create_engine(url)
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA public CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA public")
        engine.dispose()
    else:
        url = f"sqlite:///{workdir / f'bench-{run}.sqlite'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False})
    with app.app_context():
        upgrade()
    return app


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    outcome = action()
    return time.perf_counter() - start, outcome


def import_and_commit(text: str):
    result = import_attendance(db.session, text)
    assert result.ok, result.errors[:5]
    db.session.commit()
    return result


def bench_import(url: str | None, workdir: Path, runs: int, text: str) -> tuple[list[float], list[float]]:
    first, again = [], []
    for run in range(runs):
        app = fresh_app(url, workdir, run)
        with app.app_context():
            set_actor(db.session, None, "bench")
            seconds, result = timed(lambda: import_and_commit(text))
            assert result.added == MEETINGS * PER_MEETING, result.added
            first.append(seconds)
            seconds, result = timed(lambda: import_and_commit(text))
            assert result.added == 0 and result.already_recorded == MEETINGS * PER_MEETING
            again.append(seconds)
            db.engine.dispose()
        print(f"  run {run + 1}: {first[-1]:.2f} s, again {again[-1]:.2f} s", flush=True)
    return first, again


def bench_meeting_page(url: str | None, workdir: Path, runs: int, everyone: list[dict]) -> list[float]:
    app = fresh_app(url, workdir, "page")
    with app.app_context():
        set_actor(db.session, None, "bench")
        import_and_commit(register(everyone[:PAGE_PARTICIPANTS], 1, PAGE_PARTICIPANTS, date(2026, 5, 20)))
        meeting_id = db.session.scalar(sa.select(Meeting.id))
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Participation)) == PAGE_PARTICIPANTS
        create_user(db.session, "staff@example.se", PASSWORD, Role.STAFF)
        db.session.commit()
    client = app.test_client()
    assert client.post("/login", data={"email": "staff@example.se", "password": PASSWORD}).status_code == 302
    assert client.get(f"/meetings/{meeting_id}").status_code == 200  # warm the template cache
    seconds = []
    for _ in range(runs):
        elapsed, response = timed(lambda: client.get(f"/meetings/{meeting_id}"))
        assert response.status_code == 200
        seconds.append(elapsed)
    size = len(response.get_data())
    with app.app_context():
        db.engine.dispose()
    print(f"  page size {size / 1024:.0f} KiB")
    return seconds


def figures(seconds: list[float]) -> str:
    return f"median {statistics.median(seconds):.2f} s, min {min(seconds):.2f} s ({len(seconds)} runs)"


def main() -> None:
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=3, help="imports, each into a fresh database")
    parser.add_argument("--page-runs", type=int, default=10, help="renderings of the meeting page")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"),
                        help="a PostgreSQL database to use (its schema is dropped!); default: temporary SQLite")
    args = parser.parse_args()
    url = args.database_url
    if url and url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    backend = url.split(":", 1)[0] if url else "sqlite"

    orgs = organisations()
    everyone = people(orgs)
    text = register(everyone, MEETINGS, PER_MEETING, date(2025, 1, 7))
    print(f"Register: {MEETINGS * PER_MEETING:,} rows ({MEETINGS} meetings x {PER_MEETING}, {PEOPLE:,} people, "
          f"{len(orgs)} organisations), {len(text.encode()) / 1024:.0f} KiB; database: {backend}")
    with tempfile.TemporaryDirectory() as workdir:
        first, again = bench_import(url, Path(workdir), args.runs, text)
        print(f"Import into an empty database:      {figures(first)}")
        print(f"Same file again (adds nothing):     {figures(again)}")
        page = bench_meeting_page(url, Path(workdir), args.page_runs, everyone)
        print(f"Meeting page, {PAGE_PARTICIPANTS} participants:      {figures(page)}")


if __name__ == "__main__":
    main()
