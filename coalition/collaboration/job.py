"""Compute the whole programme's network as a background job, one run at a time, and store the result.

The job runs on the app's queue (``coalition.background``). One runs at a time: a run is
queued only by claiming the job's row in ``network_jobs`` with a conditional UPDATE, which one
caller wins; a run whose worker died gives up its claim after ``ABANDONED_AFTER`` without a
heartbeat. Once the figures are stored (the page shows them from then on) the job writes the
whole programme's downloads into the same result (``store``), far too long for a request, so
the downloads and the JSON API serve these.
"""
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

import networkx as nx
import sqlalchemy as sa
from flask import Flask
from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, scoped_session

from .. import background
from ..db import db
from ..models import NetworkJob
from ..models.base import utcnow
from ..network import (
    NetworkFilter,
    build_network,
    figures,
    helix_coverage,
    period_row,
    quarterly_graphs,
    suggest_introductions,
)
from ..network.meanings import N_
from . import store
from .changes import shared_data_version
from .computed import ComputedNetwork
from .drawing import draw_ahead, with_activity
from .ego import strongest_partners
from .files import gzipped_files
from .rows import read_rows

__all__ = ["BETWEENNESS_SAMPLE", "INTRODUCTIONS_STORED", "JobState", "claim", "init_app", "job_state", "record_progress",
           "refresh_whole_network", "start_refresh"]

# The job's row in network_jobs, and its name on the queue.
WHOLE = "whole"
QUEUED_AS = "refresh_whole_network"
# Betweenness from 100 sampled sources (the reference) takes about 5 s with igraph on a
# design-scale graph (5,000 actors, 500,000 ties); exact would take minutes. The page calls
# the figures estimates.
BETWEENNESS_SAMPLE = 100
# Each actor's strongest partners stored: the map lists them for a focused actor (its organisation page, 5).
STORED_PARTNERS = 20
# The suggested introductions stored: the page pages through them, leaving out the pairs staff decided on.
INTRODUCTIONS_STORED = 100
# A job whose worker died (a restart mid-run) holds the claim no longer than this without a heartbeat.
ABANDONED_AFTER = timedelta(minutes=10)

# The share of the whole run done when each step starts: from bench/network.py at design scale.
# N_ marks the names for translation; the page shows them with _(step).
STEPS = (
    (N_("reading rows"), 0.0),
    (N_("building the graph"), 0.05),
    (N_("figures"), 0.08),
    (N_("suggestions"), 0.36),
    (N_("drawing"), 0.46),  # the map: the whole network and each community
    (N_("quarterly figures"), 0.50),  # with what of the map was active in each quarter
    (N_("storing"), 0.58),
    (N_("preparing the downloads"), 0.60),
)
STEP_NAMES = tuple(name for name, _ in STEPS)


@dataclass(frozen=True)
class JobState:
    """Where the background job stands, and which result it last stored (None before its first)."""

    status: str  # idle, queued, running, failed
    step: str
    progress: float
    error: str | None
    result: store.StoredResult | None

    @property
    def busy(self) -> bool:
        return self.status in ("queued", "running")

    @property
    def computed_at(self) -> datetime | None:
        return None if self.result is None else self.result.computed_at

    @property
    def seconds(self) -> float | None:
        return None if self.result is None else self.result.seconds

    @property
    def data_version(self) -> str | None:
        return None if self.result is None else self.result.data_version


def init_app(app: Flask) -> None:
    """Register the job on the app's queue (nothing runs until a run is queued)."""
    background.add_job(app, QUEUED_AS, lambda: refresh_whole_network(claimed=True))


def _table():
    return NetworkJob.__table__


def job_state(session: Session) -> JobState | None:
    """Return the job's progress and its latest stored result (two small queries), or None if never run."""
    table = _table()
    row = session.execute(sa.select(table.c.status, table.c.step, table.c.progress, table.c.error)
                          .where(table.c.name == WHOLE)).first()
    result = store.latest_result(session)
    if row is None and result is None:
        return None
    return JobState(*(row or ("idle", "", 0.0, None)), result)


def _claim(connection, status: str) -> bool:
    """Mark the job queued or running unless another run is, on ``connection``: True when this caller won."""
    table = _table()
    now = utcnow()
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    connection.execute(insert(table).values(name=WHOLE, status="idle", step="", progress=0.0)
                       .on_conflict_do_nothing(index_elements=[table.c.name]))
    free = sa.or_(table.c.status.not_in(("queued", "running")), table.c.heartbeat_at < now - ABANDONED_AFTER)
    claimed = connection.execute(
        sa.update(table).where(table.c.name == WHOLE, free)
        .values(status=status, step="", progress=0.0, started_at=now, heartbeat_at=now, error=None)
    )
    return claimed.rowcount == 1


def claim(status: str) -> bool:
    """Claim the job in a transaction of its own (``network-refresh``, which has no request to commit)."""
    with db.engine.begin() as connection:
        return _claim(connection, status)


def record_progress(**values) -> None:
    """Write the job's status, step or progress at once, apart from any request (a heartbeat even without values)."""
    with db.engine.begin() as connection:
        connection.execute(sa.update(_table()).where(_table().c.name == WHOLE)
                           .values(heartbeat_at=utcnow(), **values))


def start_refresh(session: Session) -> bool:
    """Claim the whole-network job in the session's transaction and queue it once that commits.

    Returns False when a run is already queued or running. The claim goes through the
    request's own transaction: on SQLite a write request holds the database's write lock, so
    a second connection could not write until the request ended. The run is queued after the
    commit, so a worker always finds the claim; when the queue is unreachable the job is marked
    failed and the error raised from the commit.
    """
    if not _claim(session.connection(), "queued"):
        return False
    # The request's own Session, not the scoped proxy (whose events would reach every thread's sessions).
    own = session() if isinstance(session, scoped_session) else session
    event.listen(own, "after_commit", _enqueue, once=True)
    return True


def _enqueue(_session) -> None:
    try:
        background.enqueue(QUEUED_AS)
    except Exception as error:  # the queue is unreachable: release the claim, say why
        record_progress(status="failed", error=f"{type(error).__name__}: {error}")
        raise


def refresh_whole_network(*, claimed: bool = False, report=None) -> JobState | None:
    """Compute the default whole-programme network, its suggestions, quarters and drawing, and store them.

    ``report(step, seconds)`` is told how long each step took. Returns None when another job
    holds the claim (only when ``claimed`` is False).
    """
    if not claimed and not claim("running"):
        return None
    network_filter = NetworkFilter()
    started = time.perf_counter()
    timer = [started, None]

    def step(name: str | None) -> None:
        now = time.perf_counter()
        if timer[1] is not None and report is not None:
            report(timer[1], now - timer[0])
        timer[:] = [now, name]
        if name in STEP_NAMES:
            record_progress(status="running", step=name, progress=dict(STEPS)[name])

    try:
        step("reading rows")
        version = shared_data_version(db.session)
        rows = read_rows(db.session)
        db.session.rollback()  # end the read transaction: the rest needs no database
        step("building the graph")
        graph = build_network(rows.actors, rows.attendances, rows.joint_work, rows.relationships, network_filter)
        step("figures")
        computed = ComputedNetwork(graph, figures(graph, betweenness_sample=BETWEENNESS_SAMPLE))
        step("suggestions")
        communities = computed.figures.community_of
        introductions = (suggest_introductions(graph, top=INTRODUCTIONS_STORED, community=communities)
                         if graph.number_of_edges() else [])
        step("drawing")
        coverage = helix_coverage(graph)
        whole_drawing, community_drawings = draw_ahead(graph, computed.figures.communities)
        step("quarterly figures")
        quarters = []

        def walked():  # the quarters' figures, as the map's activity walks them
            for label, first, last, quarter in quarterly_graphs(rows.actors, rows.attendances, rows.joint_work,
                                                                 rows.relationships, network_filter):
                quarters.append(period_row(label, first, last, quarter))
                yield label, first, last, quarter

        whole_drawn, drawings = with_activity(whole_drawing, community_drawings, computed.figures.communities,
                                              walked())
        step("storing")
        actors = nx.Graph(**graph.graph)
        actors.add_nodes_from(graph.nodes(data=True))
        whole = store.WholeNetwork(ComputedNetwork(actors, computed.figures, computed.computed_at, whole_drawn),
                                   introductions, coverage,
                                   strongest_partners(graph, graph.nodes, top=STORED_PARTNERS))
        result_id = store.put_result(computed_at=computed.computed_at, seconds=round(time.perf_counter() - started, 1),
                                     data_version=version, whole=whole, graph_with_ties=graph, quarters=quarters,
                                     drawings=drawings)
        step("preparing the downloads")
        for fmt, body in gzipped_files(computed):
            store.put_download(result_id, fmt, body)
            record_progress()  # a heartbeat: the claim stays this job's
        record_progress(status="idle", step="", progress=1.0)
        step(None)
    except Exception as error:
        db.session.rollback()
        record_progress(status="failed", error=f"{type(error).__name__}: {error}")
        raise
    return job_state(db.session)
