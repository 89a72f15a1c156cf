"""The whole-programme network as a background job on Huey, and its stored result.

The queue is Huey: SQLite storage in the instance folder by default, Redis when
``HUEY_REDIS_URL`` is set (then install ``redis``). Where the job runs:

- ``NETWORK_JOB_CONSUMER=embedded`` (the default) runs Huey's own consumer, one worker thread,
  inside the web process, started when the first job is queued. A laptop then needs no second
  process. Huey's ``Consumer.start()`` installs signal handlers, which Python allows only in the
  main thread, and the web server owns the signals anyway: the only change is to skip that.
- ``NETWORK_JOB_CONSUMER=external`` leaves the queue to ``flask network-worker`` (Huey's consumer
  in the foreground, with its signal handling), the production way: one worker process beside
  several web processes, on Redis or the shared SQLite file.
- Tests use Huey's immediate mode: a queued job runs at once, in the caller.

Every web process reads the result from the ``network_snapshots`` table, so it does not matter
which process computed it. One job runs at a time: a job is queued only by claiming the row
with a conditional UPDATE, which one caller wins.
"""
import pickle
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import Flask, current_app
from huey import RedisHuey, SqliteHuey
from huey.consumer import Consumer

from . import network_data
from .db import db
from .models import NetworkSnapshot
from .models.base import utcnow
from .network import (
    NetworkFilter,
    build_network,
    helix_coverage,
    layout,
    quarterly_figures,
    reduce_for_drawing,
    suggest_introductions,
)
from .network import figures as network_figures
from .network.meanings import N_

__all__ = ["JobState", "WholeNetwork", "start_refresh", "job_state", "refresh_whole_network", "whole_network"]

WHOLE = "whole"
# Betweenness from 100 sampled sources (the reference) takes about 5 s with igraph on a
# design-scale graph (5,000 actors, 500,000 ties); exact would take minutes. The page calls
# the figures estimates.
BETWEENNESS_SAMPLE = 100
# A job whose worker died (a restart mid-run) holds the claim no longer than this without a heartbeat.
ABANDONED_AFTER = timedelta(minutes=10)

# The share of the whole run done when each step starts: from bench/network.py at design scale.
# N_ marks the names for translation; the page shows them with _(step).
STEPS = (
    (N_("reading rows"), 0.0),
    (N_("building the graph"), 0.05),
    (N_("figures"), 0.10),
    (N_("suggestions"), 0.75),
    (N_("quarterly figures"), 0.80),
    (N_("drawing"), 0.92),
    (N_("storing"), 0.97),
)
STEP_NAMES = tuple(name for name, _ in STEPS)


@dataclass(frozen=True)
class JobState:
    """Where the background job stands, without its (large) result."""

    status: str  # idle, queued, running, failed
    step: str
    fraction: float
    computed_at: datetime | None
    seconds: float | None
    data_version: str | None
    error: str | None

    @property
    def busy(self) -> bool:
        return self.status in ("queued", "running")


@dataclass(frozen=True)
class WholeNetwork:
    """What the network page shows for the whole programme, computed once by the job."""

    computed: network_data.ComputedNetwork
    introductions: list
    quarters: list
    coverage: list
    drawing: object
    positions: dict


class _EmbeddedConsumer(Consumer):
    """Huey's consumer, run from a thread of the web process: signals stay the web server's."""

    def _set_signal_handlers(self):
        pass


def _snapshots():
    return NetworkSnapshot.__table__


def _make_huey(app: Flask):
    immediate = bool(app.config.get("TESTING"))
    redis_url = app.config.get("HUEY_REDIS_URL")
    if redis_url:
        return RedisHuey("coalition", url=redis_url, immediate=immediate)
    return SqliteHuey("coalition", filename=str(app.config["HUEY_SQLITE_FILE"]), immediate=immediate)


def init_app(app: Flask) -> None:
    """Give the app its queue and register the job on it (nothing starts until a job is queued)."""
    app.config.setdefault("HUEY_SQLITE_FILE", f"{app.instance_path}/huey.sqlite")
    huey = _make_huey(app)

    @huey.task(name="refresh_whole_network")
    def refresh_task():
        with app.app_context():
            refresh_whole_network(claimed=True)

    app.extensions["network_job"] = {"huey": huey, "task": refresh_task, "consumer": None}


def _ensure_row(connection) -> None:
    if connection.execute(sa.select(_snapshots().c.id).where(_snapshots().c.name == WHOLE)).first() is None:
        connection.execute(sa.insert(_snapshots()).values(name=WHOLE, status="idle", step="", fraction=0.0))


def _claim(status: str) -> bool:
    """Mark the job queued or running unless another one is: True when this caller won."""
    table = _snapshots()
    now = utcnow()
    with db.engine.begin() as connection:
        _ensure_row(connection)
    with db.engine.begin() as connection:
        free = sa.or_(table.c.status.not_in(("queued", "running")), table.c.heartbeat_at < now - ABANDONED_AFTER)
        claimed = connection.execute(
            sa.update(table).where(table.c.name == WHOLE, free)
            .values(status=status, step="", fraction=0.0, started_at=now, heartbeat_at=now, error=None)
        )
        return claimed.rowcount == 1


def _update(**values) -> None:
    with db.engine.begin() as connection:
        connection.execute(sa.update(_snapshots()).where(_snapshots().c.name == WHOLE)
                           .values(heartbeat_at=utcnow(), **values))


def start_refresh() -> bool:
    """Queue the whole-network job; False when one is already queued or running."""
    if not _claim("queued"):
        return False
    parts = current_app.extensions["network_job"]
    if not parts["huey"].immediate and current_app.config.get("NETWORK_JOB_CONSUMER", "embedded") == "embedded":
        _start_embedded_consumer(parts)
    try:
        parts["task"]()
    except Exception as error:  # the queue is unreachable: release the claim, say why
        _update(status="failed", error=f"{type(error).__name__}: {error}")
        raise
    return True


def _start_embedded_consumer(parts: dict) -> None:
    if parts["consumer"] is None:
        consumer = _EmbeddedConsumer(parts["huey"], workers=1, periodic=False)
        consumer.start()
        parts["consumer"] = consumer


def run_worker() -> None:
    """Run Huey's consumer in the foreground (``flask network-worker``) until interrupted."""
    Consumer(current_app.extensions["network_job"]["huey"], workers=1, periodic=False).run()


def refresh_whole_network(*, claimed: bool = False, report=None) -> JobState | None:
    """Compute the default whole-programme network, its suggestions, quarters and drawing, and store them.

    ``report(step, seconds)`` is told how long each step took. Returns None when another job
    holds the claim (only when ``claimed`` is False).
    """
    if not claimed and not _claim("running"):
        return None
    network_filter = NetworkFilter()
    started = time.perf_counter()
    timer = [started, None]

    def step(name: str) -> None:
        now = time.perf_counter()
        if timer[1] is not None and report is not None:
            report(timer[1], now - timer[0])
        timer[:] = [now, name]
        if name in STEP_NAMES:
            _update(status="running", step=name, fraction=dict(STEPS)[name])

    try:
        step("reading rows")
        version = network_data.shared_data_version(db.session)
        rows = network_data.read_rows(db.session)
        db.session.rollback()  # end the read transaction: the rest needs no database
        step("building the graph")
        graph = build_network(rows.actors, rows.attendances, rows.joint_work, rows.relationships, network_filter)
        step("figures")
        result = network_figures(graph, betweenness_sample=BETWEENNESS_SAMPLE)
        computed = network_data.ComputedNetwork(graph, result)
        step("suggestions")
        introductions = suggest_introductions(graph, community=result.community_of) if graph.number_of_edges() else []
        step("quarterly figures")
        quarters = quarterly_figures(rows.actors, rows.attendances, rows.joint_work, rows.relationships,
                                     network_filter)
        step("drawing")
        coverage = helix_coverage(graph)
        drawing = reduce_for_drawing(graph, communities=result.communities)
        positions = layout(drawing.graph)
        step("storing")
        whole = WholeNetwork(computed, introductions, quarters, coverage, drawing, positions)
        payload = pickle.dumps(whole, protocol=pickle.HIGHEST_PROTOCOL)
        _update(status="idle", step="", fraction=1.0, computed_at=computed.computed_at,
                seconds=round(time.perf_counter() - started, 1), data_version=version, payload=payload)
        step(None)
    except Exception as error:
        db.session.rollback()
        _update(status="failed", error=f"{type(error).__name__}: {error}")
        raise
    return job_state()


def job_state() -> JobState | None:
    """Return the job's progress and the time of its last result (one small query), or None if never run."""
    table = _snapshots()
    row = db.session.execute(
        sa.select(table.c.status, table.c.step, table.c.fraction, table.c.computed_at, table.c.seconds,
                  table.c.data_version, table.c.error).where(table.c.name == WHOLE)
    ).first()
    return None if row is None else JobState(*row)


def whole_network(state: JobState | None) -> WholeNetwork | None:
    """Return the stored result, unpickled once per process and result."""
    if state is None or state.computed_at is None:
        return None
    key = ("whole-network", db.engine.url.render_as_string(), state.computed_at)
    whole = network_data.network_cache.get(key)
    if whole is None:
        table = _snapshots()
        payload = db.session.execute(sa.select(table.c.payload).where(table.c.name == WHOLE)).scalar()
        if payload is None:
            return None
        whole = pickle.loads(payload)  # written only by refresh_whole_network above, never from outside
        network_data.network_cache.put(key, whole)
        # The page draws through drawing_for: hand it the stored drawing instead of a new layout.
        network_data.network_cache.put(("drawing", NetworkFilter(), id(whole.computed)),
                                       (whole.computed, whole.drawing, whole.positions))
    return whole
