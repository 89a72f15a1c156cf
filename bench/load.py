"""Load: 10 logged-in clients browsing Coalition served as in production, with the latency per page kind.

    .venv/bin/python bench/load.py [--database-url URL] [--clients 10] [--requests 1000] [--workers N] [--think 1]
    .venv/bin/python bench/load.py --sqlite      # the same load on a SQLite file
    .venv/bin/python bench/load.py --think 0     # no pause between requests: the most the server serves
    .venv/bin/python bench/load.py --warm-up 1000  # after each process has served every page once

Builds (once, then reuses) the design-scale programme of bench/network_programme.py (5,000
organisations, 10,000 meetings, 200,000 participations, 20,000 commitments) in the database,
stores the whole-programme network (as the worker would), starts `scripts/serve` on it
(gunicorn with the production settings, the external worker, Redis at REDIS_URL, emptied of
the figures an earlier run shared, then given each neighbourhood's figures computed ahead as
the worker computes them), and sends
``--requests`` requests from ``--clients`` threads, half logged in as staff and half as viewers:
lists (with filters and pages), record pages, the network page and its JSON API; one staff
request in 50 saves a new organisation, so writers meet readers. Prints p50/p95/p99 per page
kind, the errors, and whether the server logged "database is locked".

Between two requests each client pauses as a person reading the page would, ``--think`` seconds
on average (drawn from an exponential distribution, so some click at once): with the default of
one second, ten people clicking about once a second, faster than staff really browse. With
``--think 0`` the clients send their next request the moment the last answer arrives, and the
figures say how many requests a second the machine serves and how long they queue when it is
saturated: on two cores shared with the database, ten such clients wait for each other.

PostgreSQL by default (BENCH_DATABASE_URL or postgresql://postgres@127.0.0.1:5432/bench_load,
created when missing); its tables are reused between runs. Target: p95 at most 200 ms for lists
and record pages, no error.
"""
import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import sqlalchemy as sa

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from bench.network_programme import MEETINGS, NEIGHBOURHOODS, ORGANISATIONS, prepare  # noqa: E402
from bench.proxy_client import ProxiedClient  # noqa: E402
from coalition import create_app  # noqa: E402
from coalition.accounts.users import create_user  # noqa: E402
from coalition.collaboration import network_view, shared  # noqa: E402
from coalition.collaboration.job import refresh_whole_network  # noqa: E402
from coalition.db import db  # noqa: E402
from coalition.models import Organisation, Role, User  # noqa: E402
from coalition.network import NetworkFilter  # noqa: E402
from coalition.web.figures_ahead import compute_figures_ahead  # noqa: E402

PASSWORD = "bench-load-password-2026"
# The server's, and the one the figures computed ahead are signed with: shared figures signed otherwise are refused.
SECRET_KEY = "bench-load-" + "k" * 40
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14")
USERS = {"staff": "load-staff@example.se", "viewer": "load-viewer@example.se"}


def _pages(rng: random.Random, role: str) -> tuple[str, str]:
    """One request a user of this role might make: (kind, path)."""
    organisation, meeting = rng.randrange(1, ORGANISATIONS + 1), rng.randrange(1, MEETINGS + 1)
    neighbourhood = rng.randrange(1, NEIGHBOURHOODS + 1)
    choices = [
        ("list", f"/organisations/?page={rng.randrange(1, 50)}"),
        ("list", f"/organisations/?q=Organisation+{rng.randrange(1, 500)}"),
        ("list", f"/meetings/?page={rng.randrange(1, 50)}"),
        ("list", f"/commitments/?page={rng.randrange(1, 50)}"),
        ("list", f"/neighbourhoods/?page={rng.randrange(1, 4)}"),
        ("record", f"/organisations/{organisation}"),
        ("record", f"/meetings/{meeting}"),
        ("record", f"/neighbourhoods/{neighbourhood}"),
        ("network", "/network/"),
        ("network", f"/network/?neighbourhood={neighbourhood}"),
        ("api", f"/api/network?neighbourhood={neighbourhood}"),
    ]
    if role == "staff":
        choices += [("list", f"/people/?page={rng.randrange(1, 50)}"), ("record", f"/people/{rng.randrange(1, 20001)}")]
    return rng.choice(choices)


def _prepare(url: str) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False})
    with app.app_context():
        # The organisations an earlier run saved, so that the programme is the design-scale one again.
        # Only when there are some: a DELETE raises the network's change counter even when it finds nothing.
        saved = Organisation.name.like("Load test %")
        if sa.inspect(db.engine).has_table(Organisation.__tablename__) and db.session.scalar(
                sa.select(sa.func.count()).select_from(Organisation).where(saved)):
            db.session.execute(sa.delete(Organisation).where(saved))
            db.session.commit()
        print(f"database: {prepare()}", flush=True)
        for role, email in USERS.items():
            if db.session.scalar(sa.select(User.id).where(User.email == email)) is None:
                create_user(db.session, email, PASSWORD, Role(role), f"Load {role}")
        db.session.commit()
        whole = network_view(db.session, NetworkFilter())
        if whole.from_job and whole.computed_at is not None and not whole.stale:
            print("whole network: stored and current", flush=True)
            return
        db.session.rollback()  # on SQLite every transaction takes the write lock, which the job's claim needs
        started = time.perf_counter()
        state = refresh_whole_network()
        print(f"whole network stored ({time.perf_counter() - started:.0f} s)" if state else "whole network: busy",
              flush=True)


def _forget_shared_figures() -> None:
    """Start without the figures an earlier run's processes shared in Redis: each run measures a cold start."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    names = list(client.scan_iter(match=shared.PREFIX + "*"))
    if names:
        client.delete(*names)


def _figures_ahead(url: str) -> None:
    """Compute each neighbourhood's figures into Redis, as the worker does when it starts and after changes."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "FIGURES_REDIS_URL": REDIS_URL, "SECRET_KEY": SECRET_KEY})
    with app.app_context():
        started = time.perf_counter()
        count = compute_figures_ahead()
        print(f"figures of {count} neighbourhoods computed ahead ({time.perf_counter() - started:.0f} s)", flush=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(url: str, port: int, workers: int, threads: int, log) -> subprocess.Popen:
    environment = {**os.environ, "DATABASE_URL": url, "REDIS_URL": REDIS_URL,
                   "SECRET_KEY": SECRET_KEY, "COALITION_SETUP": "0", "WEB_WORKERS": str(workers), "WEB_THREADS": str(threads),
                   "BIND": f"127.0.0.1:{port}", "TRUSTED_PROXIES": "1", "INSTANCE_PATH": tempfile.mkdtemp(),
                   "LOGIN_LIMIT_PER_ADDRESS": "1000 per minute", "PATH": f"{PROJECT}/.venv/bin:{os.environ['PATH']}"}
    server = subprocess.Popen(["bash", "scripts/serve"], cwd=PROJECT, env=environment, stdout=log,
                              stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if ProxiedClient(port).request("/healthz")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.5)
    os.killpg(server.pid, signal.SIGTERM)
    raise SystemExit("the server did not become healthy; see its log")


def _client(port: int, role: str, count: int, seed: int, timings: list, errors: list, think: float = 0) -> None:
    rng = random.Random(seed)
    client = ProxiedClient(port)
    status = client.log_in(USERS[role], PASSWORD)
    if status != 302:
        errors.append((role, "login", status))
        return
    for number in range(count):
        if think:
            time.sleep(rng.expovariate(1 / think))
        if role == "staff" and number % 50 == 49:
            kind, path = "save", "/organisations/new"
            started = time.perf_counter()
            status = client.post_form(path, {"name": f"Load test {seed}-{number}", "sector": "civil",
                                             "kind": "other"})[0]
            ok = status == 302
        else:
            kind, path = _pages(rng, role)
            started = time.perf_counter()
            status = client.request(path)[0]
            ok = status == 200
        timings.append((kind, time.perf_counter() - started))
        if not ok:
            errors.append((role, path, status))


def _run_clients(port: int, clients: int, requests: int, think: float, *, seed: int, timings: list,
                 errors: list) -> float:
    """Send ``requests`` from ``clients`` threads at once, half staff and half viewers; return the seconds taken."""
    threads = [threading.Thread(target=_client, args=(port, ("staff", "viewer")[n % 2], requests // clients,
                                                      seed + n, timings, errors, think))
               for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL",
                                                                 "postgresql://postgres@127.0.0.1:5432/bench_load"))
    parser.add_argument("--sqlite", action="store_true", help="Use a SQLite file under /tmp instead.")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--requests", type=int, default=1000, help="In all, spread over the clients.")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn processes.")
    parser.add_argument("--threads", type=int, default=1, help="Threads per gunicorn process (WEB_THREADS).")
    parser.add_argument("--think", type=float, default=1.0,
                        help="Seconds each client pauses between requests, on average (0: none).")
    parser.add_argument("--warm-up", type=int, default=40,
                        help="Requests sent first, without pauses, and not counted (default 40). With several "
                             "hundred every web process has served each neighbourhood once: a working day's steady state.")
    parser.add_argument("--server-log", type=Path, help="Write the server's log here: one line per request with its time.")
    args = parser.parse_args()
    url = "sqlite:////tmp/coalition-load-bench.sqlite" if args.sqlite else args.database_url
    if url.startswith("postgresql") and not args.sqlite:
        admin = sa.create_engine(sa.make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            name = sa.make_url(url).database
            if connection.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}) is None:
                connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    _prepare(url)
    _forget_shared_figures()
    _figures_ahead(url)
    port = _free_port()
    with tempfile.NamedTemporaryFile("w+", suffix=".log") as log:
        server = _serve(url, port, args.workers, args.threads, log)
        try:
            # Warm-up, its figures not counted: each process's caches filled, as after a working day's first minutes.
            _run_clients(port, args.clients, args.warm_up, 0, seed=1000, timings=[], errors=[])
            timings, errors = [], []
            elapsed = _run_clients(port, args.clients, args.requests, args.think, seed=1, timings=timings, errors=errors)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)
        log.seek(0)
        server_log = log.read()
        if args.server_log:
            args.server_log.write_text(server_log)
        locked = server_log.count("database is locked")
        if errors:  # what the server said about them, for whoever reads the figures
            print("\n".join(line for line in server_log.splitlines()
                            if "Traceback" in line or "Error" in line or " 500 " in line)[-4000:])
    backend = sa.make_url(url).get_backend_name()
    print(f"\n{backend}, {args.workers} web processes of {args.threads} thread(s), {args.clients} clients pausing {args.think:g} s on average, "
          f"{len(timings)} requests in "
          f"{elapsed:.1f} s ({len(timings) / elapsed:.0f}/s); machine load {os.getloadavg()[0]:.1f}")
    print(f"{'kind':<10}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}")
    for kind in sorted({kind for kind, _ in timings}):
        values = sorted(seconds * 1000 for k, seconds in timings if k == kind)
        cuts = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else values * 99
        print(f"{kind:<10}{len(values):>6}{cuts[49]:>10.0f}{cuts[94]:>10.0f}{cuts[98]:>10.0f}")
    print(f"errors: {len(errors)}{' ' + repr(errors[:5]) if errors else ''}; 'database is locked' in the log: {locked}")


if __name__ == "__main__":
    main()
