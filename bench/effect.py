"""Time the social-effect views at design scale: a neighbourhood's effect view and the comparison across neighbourhoods.

Uses the network benchmark's programme (``network_programme.py``: 5,000 organisations, 20,000
persons, 10,000 meetings, 200,000 participations, 100 neighbourhoods, 20,000 commitments over
ten years), built once in a database of its own and reused, and adds what the effect view reads
and that programme lacks: populations, stage histories (half the neighbourhoods reach "acting",
at different quarters), SEK and hours on the commitments (a third delivered), and four KPIs
measured every quarter of the ten years in every neighbourhood (16,000 measurements). Run from
the project root:

    .venv/bin/python bench/effect.py [--database URL] [--runs 5] [--full-export]

The whole-network job runs first when its stored result is missing or stale (the comparison reads
each neighbourhood's cross-sector share from it). "Cold" clears the network cache first (as after a change of
the data or in a fresh process);
"cached" is the same request again.

Measured on 2026-12-04, SQLite, 2 cores shared with other sessions (load average 12-16, so
wall times run 3-5 times the CPU time; medians of 3, ms): a neighbourhood's page with its effect
view 3,734 cold / 1,078 cached; its CSV 193; the comparison 18,516 cold / 9,276 cached (most of
it drawing 400 small multiples); the comparison's CSV 1,843.

The effect table of all 100 neighbourhoods (--full-export) is a background job: the button
answers in 155 ms, and the file is ready 95 s later cold, 4.2 s cached (the network figures of
every neighbourhood kept until the data changes); the process spends 22.6 s / 1.2 s of CPU on
it. Before, in the request, it took 229 s cold / 121 s cached (load 6-13): each neighbourhood's
own network by quarter, which the network cache (64 entries) could not keep for 100. Read one
neighbourhood at a time that table costs 30.1 s of CPU, in one pass 20.6 s: most of what is
left is walking 4,000 quarter graphs (building each one and its articulation points).
"""
import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.dashboard import EMAIL, PASSWORD, ready_for_pages  # noqa: E402
from bench.network_programme import NEIGHBOURHOODS, prepare  # noqa: E402
from bench.pages import logged_in, median_ms  # noqa: E402
from coalition import create_app  # noqa: E402
from coalition.collaboration import network_cache  # noqa: E402
from coalition.db import db  # noqa: E402
from coalition.models import Commitment, Kpi, KpiMeasurement, KpiTarget, StageChange  # noqa: E402
from coalition.models.base import utcnow  # noqa: E402
from coalition.models.places import Neighbourhood  # noqa: E402

WORKDIR = Path("/tmp/coalition-effect-bench")
FIRST_QUARTER_END = date(2017, 3, 31)
QUARTERS = 40
KPIS = (("Employment", "higher_is_better"), ("Insecurity", "lower_is_better"), ("Young people in clubs",
        "higher_is_better"), ("School absence", "lower_is_better"))


def _quarter_end(index: int) -> date:
    year, quarter = 2017 + index // 4, index % 4 + 1
    return date(year, 12, 31) if quarter == 4 else date(year, 3 * quarter + 1, 1) - timedelta(days=1)


def add_effect_rows() -> str:
    """Add populations, stages, amounts and KPIs unless they are there; say which."""
    present = db.session.scalar(sa.select(sa.func.count()).select_from(Kpi))
    db.session.rollback()  # the writes below take SQLite's lock: no read may stay open
    if present:
        return "reused"
    rng = random.Random(20)
    now = utcnow()
    with db.engine.begin() as connection:
        acting_from = {}
        for n in range(1, NEIGHBOURHOODS + 1):
            connection.execute(sa.update(Neighbourhood).where(Neighbourhood.id == n)
                               .values(population=None if n % 25 == 0 else rng.randrange(1500, 12000)))
            acting_from[n] = rng.randrange(8, 36) if n % 2 else None
            stages = [("mapping", 0), ("mobilising", 4)] + ([("acting", acting_from[n])] if acting_from[n] else [])
            connection.execute(sa.insert(StageChange.__table__), [
                {"neighbourhood_id": n, "stage": stage, "changed_on": _quarter_end(q) - timedelta(days=20), "note": "",
                 } for stage, q in stages])
        connection.execute(sa.text(
            "UPDATE commitments SET amount = (id % 50 + 1) * 1000000, unit = 'sek' WHERE id % 3 = 0"))
        connection.execute(sa.text("UPDATE commitments SET amount = (id % 40 + 1) * 100, unit = 'hours' WHERE id % 3 = 1"))
        connection.execute(sa.text(
            "UPDATE commitments SET status = 'delivered', delivered_on = made_on WHERE id % 3 = 0 AND id % 2 = 0"))
        for index, (name, direction) in enumerate(KPIS, 1):
            connection.execute(sa.insert(Kpi.__table__), [{
                "id": index, "name": name, "unit": "%", "direction": direction, "description": "", "source": "", "version": 1,
                "created_at": now, "updated_at": now}])
            sign = 1 if direction == "higher_is_better" else -1
            targets, measurements = [], []
            for n in range(1, NEIGHBOURHOODS + 1):
                level = rng.uniform(20, 60)
                targets.append({"kpi_id": index, "neighbourhood_id": n, "baseline_value": Decimal(f"{level:.2f}"),
                                "baseline_on": FIRST_QUARTER_END, "target_value": Decimal(f"{level + sign * 8:.2f}"),
                                "target_on": date(2027, 12, 31)})
                for q in range(QUARTERS):
                    acted = max(0, q - acting_from[n]) if acting_from[n] else 0
                    value = level + sign * 0.2 * acted + rng.uniform(-0.5, 0.5)
                    measurements.append({"kpi_id": index, "neighbourhood_id": n, "measured_on": _quarter_end(q),
                                         "value": Decimal(f"{value:.2f}"), "source": ""})
            connection.execute(sa.insert(KpiTarget.__table__), [{**t, **_stamps(KpiTarget, now)} for t in targets])
            connection.execute(sa.insert(KpiMeasurement.__table__),
                               [{**m, **_stamps(KpiMeasurement, now)} for m in measurements])
    return "added"


def _stamps(model, now) -> dict:
    stamps = {name: now for name in ("created_at", "updated_at") if name in model.__table__.c}
    return {**stamps, "version": 1} if "version" in model.__table__.c else stamps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=f"sqlite:///{WORKDIR / 'bench.sqlite'}")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--full-export", action="store_true",
                        help="Also time the effect table of every neighbourhood (cold: minutes, every neighbourhood's network).")
    args = parser.parse_args()
    WORKDIR.mkdir(exist_ok=True)
    app = create_app({"SQLALCHEMY_DATABASE_URI": args.database, "WTF_CSRF_ENABLED": False,
                      "HUEY_SQLITE_FILE": str(WORKDIR / "huey.sqlite"), "RATELIMIT_ENABLED": False})
    with app.app_context():
        start = time.perf_counter()
        print(f"database: {prepare()} in {time.perf_counter() - start:.0f} s", flush=True)
        print(f"effect rows: {add_effect_rows()}", flush=True)
        ready_for_pages()  # the comparison reads the whole network's ties from the job's stored result
        busiest = db.session.scalar(sa.select(Commitment.neighbourhood_id).where(Commitment.neighbourhood_id.is_not(None))
                                    .group_by(Commitment.neighbourhood_id).order_by(sa.func.count().desc()).limit(1))
        db.session.rollback()

    client, get = logged_in(app, EMAIL, PASSWORD)
    clear = network_cache.clear
    runs, few = args.runs, min(args.runs, 3)
    print(f"\na neighbourhood's page with its effect view (/neighbourhoods/{busiest})")
    median_ms("cold", lambda: get(f"/neighbourhoods/{busiest}", b"effect-table-"), few, before=clear)
    median_ms("cached", lambda: get(f"/neighbourhoods/{busiest}", b"effect-table-"), runs)
    print(f"\nits effect table as CSV (/effect/neighbourhoods/{busiest}.csv)")
    median_ms("cached", lambda: get(f"/effect/neighbourhoods/{busiest}.csv"), runs)
    print("\nthe comparison across neighbourhoods (/effect/)")
    median_ms("cold (reads the whole network's stored ties)", lambda: get("/effect/", b"Association, not proof"), few,
              before=clear)
    median_ms("cached", lambda: get("/effect/", b"Association, not proof"), runs)
    print("\nthe exports of every neighbourhood")
    median_ms("comparison CSV, cached", lambda: get("/effect/comparison.csv"), runs)
    if args.full_export:  # a background job: the button's answer, then the file once the job is done
        def full_export():
            start, cpu = time.perf_counter(), time.process_time()
            response = client.post("/effect/effect.csv")
            answered.append(time.perf_counter() - start)
            assert response.status_code == 303, response.status_code
            job = response.headers["Location"]
            while not client.get(job + "/status").get_json()["finished"]:
                time.sleep(0.2)
            get(job + "/effect.csv")
            cpu_seconds.append(time.process_time() - cpu)  # the job runs in this process (embedded worker)

        answered, cpu_seconds = [], []
        median_ms("effect table CSV (4,000 rows), cold", full_export, 1, before=clear)
        median_ms("effect table CSV (4,000 rows), cached", full_export, few)
        print(f"{'the button answers in (slowest)':<46} {max(answered) * 1000:8.0f} ms")
        print(f"{'CPU of the process, cold / cached (median)':<46} {cpu_seconds[0]:6.1f} s / "
              f"{statistics.median(cpu_seconds[1:]):.1f} s")


if __name__ == "__main__":
    main()
