"""Time the programme dashboard (the landing page) and the steering-group report at design scale.

Uses the network benchmark's programme (``network_programme.py``: 5,000 organisations, 20,000
persons, 10,000 meetings, 200,000 participations, 100 neighbourhoods, 20,000 commitments),
built once and reused. The dashboard's network figures come from the whole-network job's stored
result, so the job runs first when that result is missing or stale. Run from the project root:

    .venv/bin/python bench/dashboard.py [--database URL] [--runs 5] [--pdf]

For PostgreSQL, reuse the network benchmark's schema, e.g.
``--database "postgresql+psycopg://postgres@127.0.0.1/test_h7?options=-csearch_path%3Dnetwork_bench"``.
The figures measured before and after the pages learnt to read only what they show are printed
at the end (``REFERENCE``), to compare a run with.
"""
import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pages import ensure_user, logged_in, median_ms, programme_app  # noqa: E402
from coalition.collaboration import network_cache  # noqa: E402
from coalition.collaboration.changes import shared_data_version  # noqa: E402
from coalition.collaboration.job import job_state, refresh_whole_network  # noqa: E402
from coalition.db import db  # noqa: E402
from coalition.models import Role  # noqa: E402

WORKDIR = Path("/tmp/coalition-dashboard-bench")

# Medians in ms on 2026-11-23, 2 shared cores with another CI run going. Before: 3 runs, another
# period once; its PDF never finished: WeasyPrint alone on that report's HTML ran over 600 s.
# After: 5 runs, the cold ones and the PDF 3 (--runs 5 --pdf).
# Before, the dashboard unpickled the whole network job's result (33 MB) for its quarter row; the
# report computed every figure (betweenness and all) of the period's network for its picture,
# read every network row for a period that is no quarter, and listed all 5,000 organisations
# registered in the quarter, which WeasyPrint lays out one inline box at a time.
# After: the job stores the quarters apart from the rest of its result; the picture builds the
# period's graph from the period's rows with only degrees and communities; a period reads its
# own rows and builds one graph; the report names 100 new actors and counts the rest.
REFERENCE = (
    # what, SQLite before, after, PostgreSQL before, after (None: not finished in 10 min)
    ("dashboard, first visit in a process", 2137, 65, 1884, 146),
    ("dashboard, cached", 92, 88, 144, 116),
    ("report this quarter, cold", 7084, 2887, 7482, 2529),
    ("report this quarter, cached", 370, 94, 777, 326),
    ("report another period, cold", 16409, 2819, 20545, 2234),
    ("report PDF this quarter, page cached", None, 9241, None, 9434),
)
EMAIL, PASSWORD = "bench-viewer@example.se", "bench password 2026"
VIEWER = (EMAIL, PASSWORD, Role.VIEWER, "Bench viewer")


def ready_for_pages() -> None:
    """Add the bench's viewer, and run the whole-network job when its stored result is missing or stale."""
    ensure_user(*VIEWER)
    state = job_state(db.session)
    if state is None or state.data_version != shared_data_version(db.session):
        db.session.rollback()
        start = time.perf_counter()
        refresh_whole_network()
        print(f"whole-network job: {time.perf_counter() - start:.0f} s", flush=True)
    db.session.rollback()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=f"sqlite:///{WORKDIR / 'bench.sqlite'}")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pdf", action="store_true", help="Also time the report's PDF (once).")
    args = parser.parse_args()
    app = programme_app(WORKDIR, args.database, user=VIEWER)
    with app.app_context():
        ready_for_pages()

    _, get = logged_in(app, EMAIL, PASSWORD)
    clear = network_cache.clear
    print("\nthe dashboard (/)")
    median_ms("first visit in a process (reads the stored quarters)", lambda: get("/", b"From the stored"),
              args.runs, before=clear)
    median_ms("cached", lambda: get("/", b"From the stored"), args.runs)
    print("\nthe steering-group report, this quarter")
    median_ms("cold (draws the quarter's network)", lambda: get("/reports/steering"), min(args.runs, 3), before=clear)
    median_ms("cached", lambda: get("/reports/steering"), args.runs)
    median_ms("another period, cold", lambda: get("/reports/steering?from=2024-02-01&to=2024-03-15"),
              min(args.runs, 3), before=clear)
    if args.pdf:
        median_ms("PDF, page cached", lambda: get("/reports/steering?format=pdf"), min(args.runs, 3))
    print_reference()


def print_reference() -> None:
    print("\nreference, ms (2026-11-23)            SQLite before  after   PostgreSQL before  after")
    for what, *figures in REFERENCE:
        cells = ["> 600 s" if value is None else f"{value:,}" for value in figures]
        print(f"{what:<38} {cells[0]:>13} {cells[1]:>6} {cells[2]:>18} {cells[3]:>6}")


if __name__ == "__main__":
    main()
