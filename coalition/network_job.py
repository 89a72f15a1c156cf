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

Once the figures are stored (the page shows them from then on) the job writes the whole
programme's downloads, GraphML, GEXF, CSV and node-link JSON, gzip-compressed into rows of
the same table named ``whole.<format>``: at design scale they take about 35 s together (the
GraphML and GEXF from ``network.xml_files``; networkx's own writers took 80 s), far too long
for a request, so the downloads and the JSON API serve these.
"""
import gzip
import hashlib
import hmac
import io
import json

# Only payloads signed with SECRET_KEY are unpickled (see _signed).
import pickle  # nosec B403
import time
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import BinaryIO

import networkx as nx
import sqlalchemy as sa
from flask import Flask, current_app
from huey import RedisHuey, SqliteHuey
from huey.consumer import Consumer

from . import network_data
from .db import db
from .exports import csv_text
from .models import NetworkSnapshot
from .models.base import utcnow
from .network import (
    NetworkFilter,
    QuarterFigures,
    annotate,
    build_network,
    flat_graph,
    helix_coverage,
    layout,
    node_link,
    node_rows,
    quarterly_figures,
    reduce_for_drawing,
    suggest_introductions,
    tie_rows,
    write_gexf,
    write_graphml,
)
from .network import figures as network_figures
from .network.meanings import N_

__all__ = ["DOWNLOADS", "JobState", "WholeNetwork", "start_refresh", "job_state", "refresh_whole_network",
           "stored_download", "stored_ego", "stored_network", "stored_quarters", "whole_network", "whole_with_ties"]

WHOLE = "whole"
# The quarter-by-quarter figures also get a small row of their own (JSON): the dashboard reads
# them without unpickling the whole result (tens of MB at design scale).
QUARTERS = f"{WHOLE}.quarters"
# The whole graph with its ties, apart from the rest of the result (see WholeNetwork).
TIES = f"{WHOLE}.ties"
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
    (N_("figures"), 0.08),
    (N_("suggestions"), 0.38),
    (N_("quarterly figures"), 0.49),
    (N_("drawing"), 0.57),
    (N_("storing"), 0.59),
    (N_("preparing the downloads"), 0.60),
)
STEP_NAMES = tuple(name for name, _ in STEPS)


class _Sources:
    """The stored result as the downloads need it, each form made once and only when asked for."""

    def __init__(self, computed: network_data.ComputedNetwork):
        self.computed = computed

    @cached_property
    def annotated(self):
        return annotate(self.computed.graph, self.computed.figures)

    @cached_property
    def flat(self):  # GraphML and GEXF share one copy with scalar attributes (seconds at design scale)
        return flat_graph(self.annotated)


def _csv(rows: list[list], out: BinaryIO) -> None:
    out.write(csv_text(rows[0], rows[1:]).encode("utf-8"))


def _json(sources: _Sources, out: BinaryIO) -> None:
    data = node_link(sources.annotated)
    data["graph"]["computed_at"] = sources.computed.computed_at.isoformat(timespec="seconds")
    out.write(json.dumps(data, ensure_ascii=False).encode("utf-8"))


# The whole programme's downloads the job stores: format -> write(sources, binary stream).
# The quick ones first: each is served as soon as it is stored.
DOWNLOADS = {
    "nodes.csv": lambda sources, out: _csv(node_rows(sources.annotated), out),
    "ties.csv": lambda sources, out: _csv(tie_rows(sources.annotated), out),
    "json": _json,
    "graphml": lambda sources, out: write_graphml(sources.flat, out),
    "gexf": lambda sources, out: write_gexf(sources.flat, out),
}


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
    """What the pages show of the whole programme, computed once by the job.

    ``computed.graph`` holds the actors with their attributes but **not the ties**: they are
    nearly all of the result's size (33 of 33.4 MB at design scale, about a second to read
    back) and the pages need them only to open one community, so they have a row of their
    own (``whole_with_ties``). What else needs ties is stored ready: the drawing
    (``computed.drawn``) and each actor's strongest ``partners``.
    """

    computed: network_data.ComputedNetwork
    introductions: list
    quarters: list
    coverage: list
    partners: dict | None = None  # None: stored by an older version that kept the ties here


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
        partners = network_data.strongest_partners(graph, graph.nodes)
        actors = nx.Graph(**graph.graph)
        actors.add_nodes_from(graph.nodes(data=True))
        whole = WholeNetwork(replace(computed, graph=actors, drawn=(drawing, positions)), introductions, quarters,
                             coverage, partners)
        _store_quarters(quarters, computed.computed_at)
        _put_row(TIES, _signed(pickle.dumps(graph, protocol=pickle.HIGHEST_PROTOCOL)), computed.computed_at)
        payload = _signed(pickle.dumps(whole, protocol=pickle.HIGHEST_PROTOCOL))
        _update(step="preparing the downloads", fraction=dict(STEPS)["preparing the downloads"],
                computed_at=computed.computed_at, seconds=round(time.perf_counter() - started, 1),
                data_version=version, payload=payload)
        step("preparing the downloads")
        _store_downloads(computed)
        _update(status="idle", step="", fraction=1.0)
        step(None)
    except Exception as error:
        db.session.rollback()
        _update(status="failed", error=f"{type(error).__name__}: {error}")
        raise
    return job_state()


def _digest(pickled: bytes) -> bytes:
    return hmac.new(current_app.config["SECRET_KEY"].encode(), pickled, hashlib.sha256).digest()


def _signed(pickled: bytes) -> bytes:
    """Prefix the pickle with its HMAC under SECRET_KEY.

    Unpickling runs code: a payload that came from elsewhere (a backup of another installation,
    a row written by someone with database access) must never be unpickled.
    """
    return _digest(pickled) + pickled


def _verified(payload: bytes) -> bytes | None:
    """Return the pickle if its HMAC is ours, else None (the network is then computed afresh)."""
    digest, pickled = payload[:32], payload[32:]
    return pickled if hmac.compare_digest(digest, _digest(pickled)) else None


def _download_name(fmt: str) -> str:
    return f"{WHOLE}.{fmt}"


def _put_row(name: str, payload: bytes, computed_at: datetime) -> None:
    """Write one stored part of a result (a download, the quarters, the ties) into its row, in its own transaction."""
    table = _snapshots()
    values = {"status": "idle", "step": "", "fraction": 1.0, "computed_at": computed_at, "payload": payload}
    with db.engine.begin() as connection:
        if connection.execute(sa.update(table).where(table.c.name == name).values(**values)).rowcount == 0:
            connection.execute(sa.insert(table).values(name=name, **values))


def _store_downloads(computed: network_data.ComputedNetwork) -> None:
    """Write each download of the stored result, gzip-compressed as it is written, each in its own row."""
    sources = _Sources(computed)
    for fmt, write in DOWNLOADS.items():
        buffer = io.BytesIO()
        with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=6, mtime=0) as packed:
            write(sources, packed)
        _put_row(_download_name(fmt), buffer.getvalue(), computed.computed_at)
        _update()  # a heartbeat: the claim stays this job's


def _store_quarters(quarters: list[QuarterFigures], computed_at: datetime) -> None:
    """Write the quarter-by-quarter figures as JSON into their own row, before the result they belong to."""
    body = json.dumps([{**asdict(row), "starts_on": row.starts_on.isoformat(), "ends_on": row.ends_on.isoformat()}
                       for row in quarters]).encode("utf-8")
    _put_row(QUARTERS, body, computed_at)


def stored_quarters(state: JobState | None) -> list[QuarterFigures] | None:
    """Return the stored result's quarter-by-quarter figures from their small row, read once per process and result."""
    if state is None or state.computed_at is None:
        return None
    key = ("whole-network quarters", db.engine.url.render_as_string(), state.computed_at)
    quarters = network_data.network_cache.get(key)
    if quarters is None:
        table = _snapshots()
        body = db.session.execute(sa.select(table.c.payload).where(
            table.c.name == QUARTERS, table.c.computed_at == state.computed_at)).scalar()
        if body is None:  # a result stored before the quarters had a row of their own
            whole = whole_network(state)
            return None if whole is None else whole.quarters
        quarters = [QuarterFigures(**{**row, "starts_on": date.fromisoformat(row["starts_on"]),
                                      "ends_on": date.fromisoformat(row["ends_on"])})
                    for row in json.loads(body)]
        network_data.network_cache.put(key, quarters)
    return quarters


def stored_download(fmt: str) -> tuple[JobState | None, bytes | None]:
    """Return the job's state and the gzip-compressed download of its latest result (None until written)."""
    state = job_state()
    if state is None or state.computed_at is None or fmt not in DOWNLOADS:
        return state, None
    table = _snapshots()
    body = db.session.execute(sa.select(table.c.payload).where(
        table.c.name == _download_name(fmt), table.c.computed_at == state.computed_at)).scalar()
    return state, body


def job_state() -> JobState | None:
    """Return the job's progress and the time of its last result (one small query), or None if never run."""
    table = _snapshots()
    row = db.session.execute(
        sa.select(table.c.status, table.c.step, table.c.fraction, table.c.computed_at, table.c.seconds,
                  table.c.data_version, table.c.error).where(table.c.name == WHOLE)
    ).first()
    return None if row is None else JobState(*row)


def stored_ego(organisation_id: int) -> network_data.EgoNetwork | None:
    """Return an organisation's place in the whole network as the job last stored it (None before its first run)."""
    whole = whole_network(job_state())
    if whole is None:
        return None
    return network_data.ego_in(whole.computed, organisation_id, partners=whole.partners.get(organisation_id))


def stored_network() -> network_data.ComputedNetwork | None:
    """Return the whole programme's actors, figures and drawing as the job last stored them (no ties; see WholeNetwork)."""
    whole = whole_network(job_state())
    return None if whole is None else whole.computed


def whole_network(state: JobState | None) -> WholeNetwork | None:
    """Return the stored result without its ties, unpickled once per process and result."""
    if state is None or state.computed_at is None:
        return None
    key = ("whole-network", db.engine.url.render_as_string(), state.computed_at)
    whole = network_data.network_cache.get(key)
    if whole is None:
        whole = _unpickled(WHOLE, None)
        if whole is None or whole.partners is None:  # none, not ours, or an older version's: compute again
            return None
        network_data.network_cache.put(key, whole)
    return whole


def whole_with_ties(state: JobState | None) -> network_data.ComputedNetwork | None:
    """Return the stored result with its ties (for one community's drawing), read once per process and result."""
    whole = whole_network(state)
    if whole is None:
        return None
    key = ("whole-network ties", db.engine.url.render_as_string(), state.computed_at)
    computed = network_data.network_cache.get(key)
    if computed is None:
        graph = _unpickled(TIES, state.computed_at)
        if graph is None:
            return None
        computed = replace(whole.computed, graph=graph)
        network_data.network_cache.put(key, computed)
    return computed


def _unpickled(name: str, computed_at: datetime | None):
    """Unpickle a stored row if its signature is ours (and it belongs to the result computed at ``computed_at``)."""
    table = _snapshots()
    query = sa.select(table.c.payload).where(table.c.name == name)
    if computed_at is not None:
        query = query.where(table.c.computed_at == computed_at)
    payload = db.session.execute(query).scalar()
    pickled = None if payload is None else _verified(payload)
    # Signed by refresh_whole_network with this SECRET_KEY, so it is our own pickle.
    return None if pickled is None else pickle.loads(pickled)  # nosec B301
