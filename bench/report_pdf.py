"""Time the steering report's PDF on the demo coalition, when it must be made (nothing stored).

Creates the app on a fresh SQLite database, runs the migrations, loads the demo coalition (as
`flask seed` does) and runs the whole-network job (as the worker does after a change), logs the
demo viewer in, then for each run deletes the stored reports and times
GET /reports/steering?format=pdf (with --cold, the network cache is cleared as well, as when the
data changed). The first run of a process also imports WeasyPrint. Each request is split into building the report's HTML (the
figures and the template) and WeasyPrint's layout and writing. Run from the project root:

    .venv/bin/python bench/report_pdf.py [--runs 5] [--lang en] [--cold] [--keep DIR]

--keep writes the last PDF of each language to DIR, to look at (pdftoppm -png -r 60).
Note the machine's load (printed) when comparing runs: the machine has 2 shared cores.
"""
import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coalition import create_app  # noqa: E402
from coalition.collaboration import network_cache  # noqa: E402
from coalition.collaboration.job import refresh_whole_network  # noqa: E402
from coalition.db import db  # noqa: E402
from coalition.models import StoredReport  # noqa: E402
from coalition.seed import load_demo_coalition, read_seed_file  # noqa: E402
from coalition.web import reports  # noqa: E402

# Measured on 2026-12-04, machine idle (load 0.2-0.9) unless said, seconds: total (CPU) / HTML / WeasyPrint, 17 -> 7 pages.
REFERENCE = (
    ("before, en (median of 3): Bootstrap's stylesheet, ten effect views", "17.40 (17.41) / 0.54 / 17.02"),
    ("after, en (median of 5): report_print.css, effect in two tables", "2.41 (2.42) / 0.31 / 2.11"),
    ("after, sv (median of 5)", "2.01 (2.02) / 0.30 / 1.63"),
    # The same code and the next, back to back on the shared machine at load 6-6.5: the wall time is
    # the load's, the CPU seconds compare.
    ("that code again at load 6.5, en / sv (median of 5)", "6.54 (2.36) / 1.34 / 4.91 and 5.87 (2.68) / 0.85 / 4.88"),
    ("cycle collector held off, chart markers in place, en / sv (median of 5, load 6.3)",
     "3.24 (1.98) / 0.63 / 2.28 and 3.59 (1.84) / 0.54 / 2.63"),
)


class Split:
    """Time spent in the report's two steps during one request."""

    def __init__(self):
        self.html = self.pdf = 0.0

    def wrap(self, function, attribute: str):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                setattr(self, attribute, getattr(self, attribute) + time.perf_counter() - start)
        return timed


def prepare(app) -> None:
    from flask_migrate import upgrade

    with app.app_context():
        start = time.perf_counter()
        upgrade()
        load_demo_coalition(db.session)
        db.session.commit()
        print(f"demo coalition loaded in {time.perf_counter() - start:.1f} s", flush=True)
        start = time.perf_counter()
        refresh_whole_network()
        db.session.remove()
        print(f"whole-network job: {time.perf_counter() - start:.1f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lang", choices=("en", "sv", "both"), default="both")
    parser.add_argument("--cold", action="store_true",
                        help="Also clear the network cache before each run, as a change of the data does.")
    parser.add_argument("--keep", type=Path, help="Write the last PDF of each language here.")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="coalition-report-pdf-"))
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'demo.sqlite'}", "WTF_CSRF_ENABLED": False,
                      "HUEY_SQLITE_FILE": str(workdir / "huey.sqlite"), "RATELIMIT_ENABLED": False,
                      "REPORT_RENDERS_PER_USER": "1000 per minute"})
    prepare(app)
    client = app.test_client()
    response = client.post("/login", data={"email": "viewer@example.se",
                                           "password": read_seed_file("accounts")["password"]})
    assert response.status_code == 302, response.status_code

    split = Split()
    real_render, real_pdf = reports._render, reports._pdf
    reports._render = split.wrap(real_render, "html")
    reports._pdf = split.wrap(real_pdf, "pdf")
    print(f"load average: {open('/proc/loadavg').read().strip()}", flush=True)
    languages = ("en", "sv") if args.lang == "both" else (args.lang,)
    for language in languages:
        totals, cpus, htmls, pdfs, pages = [], [], [], [], 0
        for _ in range(args.runs):
            if args.cold:
                network_cache.clear()
            with app.app_context():
                db.session.execute(sa.delete(StoredReport))
                db.session.commit()
                db.session.remove()
            split.html = split.pdf = 0.0
            start, cpu = time.perf_counter(), time.process_time()
            response = client.get(f"/reports/steering?format=pdf&lang={language}")
            totals.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
            assert response.status_code == 200 and response.mimetype == "application/pdf", response.status_code
            htmls.append(split.html)
            pdfs.append(split.pdf)
            pages = len(PdfReader(io.BytesIO(response.data)).pages)
        print(f"{language}: PDF made {statistics.median(totals):6.2f} s, CPU {statistics.median(cpus):.2f} s "
              f"(median of {args.runs}; "
              f"HTML {statistics.median(htmls):.2f} s, WeasyPrint {statistics.median(pdfs):.2f} s), "
              f"{len(response.data) // 1024} KB, {pages} pages", flush=True)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            (args.keep / f"steering-{language}.pdf").write_bytes(response.data)
    print(f"load average: {open('/proc/loadavg').read().strip()}", flush=True)
    for line, figures in REFERENCE:
        print(f"reference: {line}: {figures}")


if __name__ == "__main__":
    main()
