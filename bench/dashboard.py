"""Time the programme dashboard (the landing page) and the steering-group report at design scale.

Uses the network benchmark's programme (``network_programme.py``: 5,000 organisations, 20,000
persons, 10,000 meetings, 200,000 participations, 100 neighbourhoods, 20,000 commitments),
built once and reused. The dashboard's network figures come from the whole-network job's stored
result, so the job runs first when that result is missing or stale. Run from the project root:

    .venv/bin/python bench/dashboard.py [--database URL] [--runs 5] [--pdf]
"""
import argparse
import statistics
import sys
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.network_programme import prepare  # noqa: E402
from coalition import create_app, network_data, network_job  # noqa: E402
from coalition.accounts import create_user  # noqa: E402
from coalition.db import db  # noqa: E402
from coalition.models import Role, User  # noqa: E402

WORKDIR = Path("/tmp/coalition-dashboard-bench")
EMAIL, PASSWORD = "bench-viewer@example.se", "bench password 2026"


def median_ms(label: str, action, runs: int, before=lambda: None) -> None:
    seconds = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - start)
    print(f"{label:<46} {statistics.median(seconds) * 1000:8.0f} ms (median of {runs})", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=f"sqlite:///{WORKDIR / 'bench.sqlite'}")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pdf", action="store_true", help="Also time the report's PDF (once).")
    args = parser.parse_args()
    WORKDIR.mkdir(exist_ok=True)
    app = create_app({"SQLALCHEMY_DATABASE_URI": args.database, "WTF_CSRF_ENABLED": False,
                      "HUEY_SQLITE_FILE": str(WORKDIR / "huey.sqlite"), "RATELIMIT_ENABLED": False})
    with app.app_context():
        start = time.perf_counter()
        print(f"database: {prepare()} in {time.perf_counter() - start:.0f} s", flush=True)
        if db.session.execute(sa.select(User.id).where(User.email == EMAIL)).first() is None:
            create_user(db.session, EMAIL, PASSWORD, Role.VIEWER, "Bench viewer")
            db.session.commit()
        state = network_job.job_state()
        if state is None or state.data_version != network_data.shared_data_version(db.session):
            db.session.rollback()
            start = time.perf_counter()
            network_job.refresh_whole_network()
            print(f"whole-network job: {time.perf_counter() - start:.0f} s", flush=True)
        db.session.rollback()

    client = app.test_client()
    client.post("/login", data={"email": EMAIL, "password": PASSWORD})

    def get(url: str, expect: bytes = b""):
        response = client.get(url)
        assert response.status_code == 200 and expect in response.data, (url, response.status_code)

    clear = network_data.network_cache.clear
    print("\nthe dashboard (/)")
    median_ms("first visit in a process (unpickles the job's result)", lambda: get("/", b"From the stored"),
              args.runs, before=clear)
    median_ms("cached", lambda: get("/", b"From the stored"), args.runs)
    print("\nthe steering-group report, this quarter")
    median_ms("cold (draws the quarter's network)", lambda: get("/reports/steering"), min(args.runs, 3), before=clear)
    median_ms("cached", lambda: get("/reports/steering"), args.runs)
    median_ms("another period, cold", lambda: get("/reports/steering?from=2024-02-01&to=2024-03-15"), 1, before=clear)
    if args.pdf:
        median_ms("PDF, cached", lambda: get("/reports/steering?format=pdf"), 1)


if __name__ == "__main__":
    main()
