"""Time the migration-sized imports through the CLI, with each run's peak memory.

    .venv/bin/python bench/imports.py [--runs 3] [--database-url PG_URL] [--only attendance|commitments]

(a) `flask import attendance` of a 200,000-row register (4,000 meetings of 50 people drawn from
20,000 people at 5,000 organisations, the design scale of ../shared/DESIGN.md), into an empty,
freshly migrated database each run. (b) `flask import commitments` of 20,000 rows naming the
organisations of bench/network_programme.py's design-scale programme, into that programme's
database; the commitments are deleted again after each run.

Each import runs as its own process, as an office would run it, so the peak resident memory
printed (from wait4's rusage) is the command's own. The goal of issue 18: attendance in at most
30 s and 500 MB, commitments in at most 10 s.

The database is a SQLite file under /tmp, unless --database-url names a PostgreSQL database:
it is then DROPPED and rebuilt (attendance) or filled with the programme (commitments).

Figures on the shared 2-core machine, medians of 3 runs unless said (the CPU seconds say more
than the wall time when others load the machine; about 3.5 CPU s and 210 MB of each are the
app's start-up, the same for a one-row file):

    before (SQLite, load 6-11)       attendance 97.6 s wall, 68.9 CPU s, 685 MB
                                     commitments 238.1 s wall, 42.6 CPU s, 590 MB
    after bulk writes (SQLite,       attendance 27.8 s wall (min 25.9), 25.6 CPU s, 408 MB
    2026-12-04, load 2)              commitments 8.8 s wall (min 8.4), 8.4 CPU s, 270 MB
    PostgreSQL (load 1.5)            attendance 40.6 s wall (min 33.8), 26.0-32.7 CPU s (the command's;
                                     the server shares the 2 cores), 409 MB
    PostgreSQL, rows written with    attendance 45.0 s wall (min 43.3), 18.6 CPU s in the command and 7.9 in
    COPY (2026-12-04, load 6.4-7.3)  the server's backend, 411 MB; the same run before COPY (one run, load
                                     5.5): 78.4 s wall, 27.7 CPU s and 15.3 in the server
                                     commitments 16.3 s wall (min 15.2), 7.6 CPU s and 1.9 in the server,
                                     270 MB; before COPY (one run, load 6.1): 18.7 s, 9.0 CPU s and 3.4
    the bench itself, load 4.5-5.5   attendance 41.6 s wall (min 31.4), 19.4-23.7 CPU s, 411 MB
                                     commitments 16.5 s wall (min 16.4), 8.3-8.6 CPU s, 270 MB
    SQLite at load 8-11 (same day)   attendance 119.0 s wall, 29.0 CPU s, 411 MB: the load's, not the code's

At loads of 6 and more the wall time is mostly waiting for a core; the command's CPU seconds plus
the server's say what an idle 2-core machine would take (the two overlap while rows stream in).
The server's were read from /proc for the backend serving the import's database.
"""
import argparse
import csv
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "bench"))

from bench.attendance import KINDS, ORGANISATION_PATTERNS, PLACES, THEMES, people  # noqa: E402
from bench.growth import _commitments_file  # noqa: E402
from bench.network_programme import FULL  # noqa: E402

ORGANISATIONS, PEOPLE, MEETINGS, PER_MEETING = 5_000, 20_000, 4_000, 50
rng = random.Random(2026)


def attendance_register() -> str:
    """200,000 rows: every person and organisation new to an empty database."""
    organisations = [(f"{pattern.format(place=place)} {number}", sector)
                     for number in range(1, ORGANISATIONS // 400 + 2)
                     for pattern, sector in ORGANISATION_PATTERNS for place in PLACES][:ORGANISATIONS]
    everyone = [(p["name"], p["email"], p["organisation"], p["sector"]) for p in people(organisations, PEOPLE)]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["meeting", "date", "kind", "name", "email", "organisation", "sector", "role", "status"])
    first_day = date(2017, 1, 9)
    for number in range(MEETINGS):
        day = first_day + timedelta(days=number)
        title = f"{THEMES[number % len(THEMES)]} {PLACES[number % len(PLACES)]} {number + 1}"
        for seat, (name, email, organisation, sector) in enumerate(rng.sample(everyone, PER_MEETING)):
            role = {0: "organiser", 1: "facilitator"}.get(seat, "participant")
            status = rng.choices(["attended", "no_show", "cancelled"], weights=[88, 8, 4])[0]
            writer.writerow([title, day.isoformat(), KINDS[number % len(KINDS)], name, email, organisation, sector,
                             role, status])
    return out.getvalue()


def _engine_url(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def _environment(url: str) -> dict:
    return {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench-only-not-a-secret", "FLASK_APP": "app.py"}


def _flask(url: str, *arguments: str) -> tuple[float, float, str]:
    """Run `flask ARGUMENTS` in its own process: seconds, peak MB and its output.

    The CPU seconds it used are printed too: on a shared machine they say more than the wall time.
    """
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "flask", *arguments], cwd=PROJECT, env=_environment(url),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"flask {' '.join(arguments)} failed:\n{output[-3000:]}")
    print(f"    (flask {arguments[0]} {arguments[1]}: {usage.ru_utime + usage.ru_stime:.1f} CPU s, load now "
          f"{os.getloadavg()[0]:.1f})", flush=True)
    return seconds, usage.ru_maxrss / 1024, output


def _empty_database(base: str | None, workdir: Path) -> str:
    if not base:
        path = workdir / "attendance.sqlite"
        path.unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    else:
        url = _engine_url(base)
        engine = sa.create_engine(url)
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA public CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA public")
        engine.dispose()
    _flask(url, "db", "upgrade")
    return url


def _programme_database(base: str | None) -> str:
    """The design-scale programme (built once, then reused), without any commitments of earlier runs."""
    from bench.growth import _app, _database
    from bench.network_programme import prepare
    from coalition.db import db

    url = _database(base, FULL.share)
    with _app(url).app_context():
        prepare(scale=FULL)
        db.engine.dispose()
    return url


def _forget_imported_commitments(url: str) -> None:
    engine = sa.create_engine(_engine_url(url))
    with engine.begin() as connection:
        imported = "SELECT id FROM commitments WHERE description LIKE 'Imported promise %'"
        # Every table that points to them, by hand: this engine's SQLite connections do not cascade.
        # Through text(), which escapes the LIKE's % for psycopg's placeholders.
        connection.execute(sa.text(f"DELETE FROM commitment_parties WHERE commitment_id IN ({imported})"))
        connection.execute(sa.text(f"DELETE FROM commitment_status_changes WHERE commitment_id IN ({imported})"))
        connection.execute(sa.text(f"DELETE FROM commitments WHERE id IN ({imported})"))
    engine.dispose()


def _report(what: str, runs: list[tuple[float, float]]) -> None:
    seconds = [run[0] for run in runs]
    peaks = [run[1] for run in runs]
    print(f"{what}: median {statistics.median(seconds):.1f} s (min {min(seconds):.1f}), "
          f"peak memory median {statistics.median(peaks):.0f} MB (max {max(peaks):.0f}), {len(runs)} runs", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--only", choices=["attendance", "commitments"])
    args = parser.parse_args()
    print(f"Database: {'PostgreSQL' if args.database_url else 'SQLite'}; {os.cpu_count()} cores; "
          f"load {os.getloadavg()[0]:.1f}", flush=True)
    with tempfile.TemporaryDirectory() as workdir:
        if args.only in (None, "attendance"):
            register = Path(workdir) / "register.csv"
            register.write_text(attendance_register(), encoding="utf-8")
            runs = []
            for run in range(args.runs):
                url = _empty_database(args.database_url, Path(workdir))
                seconds, peak, output = _flask(url, "import", "attendance", str(register))
                runs.append((seconds, peak))
                print(f"  attendance run {run + 1}: {seconds:.1f} s, {peak:.0f} MB", flush=True)
            print(next((line for line in output.splitlines() if line.startswith("Read ")), ""))
            _report("Attendance, 200,000 rows into an empty database", runs)
        if args.only in (None, "commitments"):
            url = _programme_database(args.database_url)
            commitments = Path(workdir) / "commitments.csv"
            commitments.write_text(_commitments_file(FULL), encoding="utf-8")
            runs = []
            for run in range(args.runs):
                _forget_imported_commitments(url)
                seconds, peak, _output = _flask(url, "import", "commitments", str(commitments))
                runs.append((seconds, peak))
                print(f"  commitments run {run + 1}: {seconds:.1f} s, {peak:.0f} MB", flush=True)
            _forget_imported_commitments(url)
            _report("Commitments, 20,000 rows into the design-scale programme", runs)


if __name__ == "__main__":
    main()
