"""How cost grows with the programme: the network job, the imports and the list pages at 1,250,
2,500 and 5,000 organisations, with each one's growth exponent.

    .venv/bin/python bench/growth.py [--shares 0.25 0.5 1] [--runs 3] [--database-url PG_URL]

At each size the programme of bench/network_programme.py is drawn at that share (organisations,
persons, meetings, participations, commitments, initiatives and relationships all scaled) into
its own database (SQLite files under /tmp by default, reused between runs; or PostgreSQL
databases named after --database-url's with the size added). Then it times, as medians:

- the whole-programme network job (``refresh_whole_network``, what the worker runs);
- importing attendance of 40 rows per organisation (200,000 at 5,000) into an empty database;
- importing 4 commitments per organisation (20,000 at 5,000), rolled back afterwards;
- three list pages through the Flask test client, logged in as staff.

The growth exponent k is the slope of log(time) against log(organisations) (least squares over
the sizes): time grows as organisations^k, so k = 1 is linear and k = 2 quadratic. The last
column projects the time at 10,000 organisations from the largest size measured.
"""
import argparse
import csv
import io
import math
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "bench"))

from bench.attendance import organisations, people, register  # noqa: E402
from bench.network_programme import Scale, prepare  # noqa: E402
from coalition import create_app  # noqa: E402
from coalition.accounts.users import create_user  # noqa: E402
from coalition.audit import set_actor  # noqa: E402
from coalition.collaboration import network_cache  # noqa: E402
from coalition.collaboration.job import refresh_whole_network  # noqa: E402
from coalition.db import db  # noqa: E402
from coalition.imports.attendance import import_attendance  # noqa: E402
from coalition.imports.commitments import import_commitments  # noqa: E402
from coalition.models import NetworkJob, Role, User  # noqa: E402

PASSWORD = "bench-scaling-password-2026"
LIST_PAGES = ("/organisations/?page=2", "/meetings/?page=2", "/commitments/?page=2")
PER_MEETING = 50


def _database(base: str | None, share: float, empty: bool = False) -> str:
    suffix = f"{'empty_' if empty else ''}{round(share * 5000)}"
    if not base:
        return f"sqlite:////tmp/coalition-growth-{suffix}.sqlite"
    url = sa.make_url(base.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"{url.database}_{suffix}"
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        if empty:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if connection.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}) is None:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def _app(url: str):
    return create_app({"SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False,
                       "HUEY_SQLITE_FILE": str(Path(tempfile.gettempdir()) / "coalition-growth-huey.sqlite")})


def _median(action, runs: int, before=None) -> float:
    seconds = []
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def _commitments_file(scale: Scale) -> str:
    rng = random.Random(7)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["organisations", "kind", "description", "amount", "unit", "neighbourhood", "initiative",
                     "status", "due_date", "made_on", "delivered_on"])
    for number in range(scale.of(20_000)):
        parties = " | ".join(f"Organisation {rng.randrange(1, scale.organisations + 1)}" for _ in range(rng.randrange(1, 3)))
        made_on = date(2024, 1, 1) + timedelta(days=rng.randrange(900))
        writer.writerow([parties, "funding", f"Imported promise {number}", f"{rng.randrange(1, 500) * 1000}", "kr", "",
                         "", "agreed", "", made_on.isoformat(), ""])
    return out.getvalue()


def _network_job(url: str, runs: int) -> float:
    app = _app(url)
    with app.app_context():
        def fresh():  # as the worker runs each job: no cached figures, and no transaction left open by the last
            network_cache.clear()
            db.session.remove()
            # This database is the bench's own: a claim left by an interrupted run would make the job return at once.
            db.session.execute(sa.update(NetworkJob).values(status="idle"))
            db.session.commit()

        def run():
            if refresh_whole_network() is None:
                raise SystemExit("the network job did not run: another run holds its claim")

        seconds = _median(run, runs, before=fresh)
        db.engine.dispose()
    return seconds


def _attendance_import(base: str | None, share: float, runs: int, text: str) -> float:
    def fresh():
        url = _database(base, share, empty=True)
        if url.startswith("sqlite"):
            Path(sa.make_url(url).database).unlink(missing_ok=True)
        state["app"] = _app(url)
        with state["app"].app_context():
            upgrade()
            db.engine.dispose()

    def run():
        with state["app"].app_context():
            set_actor(db.session, None, "bench")
            result = import_attendance(db.session, text)
            assert result.ok, result.errors[:3]
            db.session.commit()
            db.engine.dispose()

    state = {}
    return _median(run, runs, before=fresh)


def _commitment_import(url: str, runs: int, text: str) -> float:
    app = _app(url)

    def run():
        with app.app_context():
            set_actor(db.session, None, "bench")
            result = import_commitments(db.session, text)
            assert result.ok, result.errors[:3]
            db.session.rollback()

    seconds = _median(run, runs)
    with app.app_context():
        db.engine.dispose()
    return seconds


def _list_pages(url: str, runs: int) -> float:
    app = _app(url)
    with app.app_context():
        if db.session.scalar(sa.select(User.id).where(User.email == "growth@example.se")) is None:
            create_user(db.session, "growth@example.se", PASSWORD, Role.STAFF, "Growth")
            db.session.commit()
    client = app.test_client()
    assert client.post("/login", data={"email": "growth@example.se", "password": PASSWORD}).status_code == 302
    for page in LIST_PAGES:  # templates compiled, caches as a working day has them
        assert client.get(page).status_code == 200

    def all_three():
        for page in LIST_PAGES:
            client.get(page)

    seconds = _median(all_three, runs) / len(LIST_PAGES)
    with app.app_context():
        db.engine.dispose()
    return seconds


def _exponent(sizes: list[int], seconds: list[float]) -> float:
    xs, ys = [math.log(size) for size in sizes], [math.log(value) for value in seconds]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)


def main() -> None:
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shares", type=float, nargs="+", default=[0.25, 0.5, 1.0])
    parser.add_argument("--runs", type=int, default=3, help="Runs per figure (the median is printed).")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"),
                        help="PostgreSQL base URL (databases named after it are made); default: SQLite files in /tmp")
    args = parser.parse_args()
    everyone = people(organisations())
    results: dict[str, list[float]] = {"network job": [], "attendance import": [], "commitment import": [],
                                       "list page": []}
    sizes = []
    for share in args.shares:
        scale = Scale(share)
        sizes.append(scale.organisations)
        url = _database(args.database_url, share)
        app = _app(url)
        with app.app_context():
            print(f"{scale.organisations:,} organisations: database {prepare(scale=scale)}", flush=True)
            db.engine.dispose()
        results["network job"].append(_network_job(url, args.runs))
        # Every third day from 2000: 4,000 meetings end in 2032, inside the dates an import accepts.
        attendance = register(everyone, scale.of(4_000), PER_MEETING, date(2000, 1, 5))
        results["attendance import"].append(_attendance_import(args.database_url, share, args.runs, attendance))
        results["commitment import"].append(_commitment_import(url, args.runs, _commitments_file(scale)))
        results["list page"].append(_list_pages(url, max(args.runs, 5)))
        print("  " + ", ".join(f"{name} {values[-1]:.2f} s" for name, values in results.items()), flush=True)
    backend = "postgresql" if args.database_url else "sqlite"
    print(f"\n{backend}; machine load {os.getloadavg()[0]:.1f}; medians of {args.runs} runs")
    print(f"{'':<20}" + "".join(f"{size:>10,}" for size in sizes) + f"{'exponent':>10}{'at 10,000':>11}")
    for name, values in results.items():
        exponent = _exponent(sizes, values) if len(sizes) > 1 else float("nan")
        projected = values[-1] * (10_000 / sizes[-1]) ** exponent
        print(f"{name:<20}" + "".join(f"{value:>9.2f}s" for value in values) + f"{exponent:>10.2f}{projected:>10.1f}s")


if __name__ == "__main__":
    main()
