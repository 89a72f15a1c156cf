"""Compute each neighbourhood's figures ahead, in the background worker, so that no visitor waits for them.

With several web processes sharing what they compute through Redis (``collaboration.shared``),
a neighbourhood's page still made its first visitor wait while one process built its graph,
its helix standing, its collaboration by quarter and its attendance chart: 0.5-1 s at design
scale, for each of a hundred neighbourhoods, and again for those whose rows a save changed.
This job computes all of it, and the network page's figures of each neighbourhood, into the
shared store: when the worker starts and after each commit that changed the network's rows
(one run at a time; changes during a run queue one more). Only with ``FIGURES_REDIS_URL``:
without it nothing a worker computes reaches the web processes.
"""
import logging
import time

from flask import Flask, current_app, has_app_context
from flask_babel import force_locale
from sqlalchemy import select

from .. import background, neighbourhood_profile
from ..collaboration import network_view
from ..collaboration.changes import when_changes_commit
from ..db import db, deferred_transactions
from ..models import Neighbourhood
from ..network import NetworkFilter
from .neighbourhoods import attendance_chart

__all__ = ["compute_figures_ahead", "init_app"]

QUEUED_AS = "neighbourhood_figures_ahead"
# Set while a run is queued and not yet started, so a burst of saves queues one run, not one per save.
_QUEUED_FLAG = "neighbourhood-figures-ahead-queued"

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    if not app.config.get("FIGURES_REDIS_URL"):
        return
    background.add_job(app, QUEUED_AS, _run, at_worker_start=True)
    when_changes_commit(_queue_once)


def _queue_once() -> None:
    queue = current_app.extensions.get("background") if has_app_context() else None
    # Another app in this process (the tests make several) may not compute ahead; and Huey's immediate
    # mode (the tests') would run the job inside the commit that queued it.
    if queue is None or QUEUED_AS not in queue.jobs or queue.huey.immediate:
        return
    try:
        storage = background.storage()
        if storage.put_if_empty(_QUEUED_FLAG, "1"):
            try:
                background.enqueue(QUEUED_AS)
            except Exception:
                storage.delete(_QUEUED_FLAG)  # no run will take it: let the next change queue one
                raise
    except Exception as error:  # noqa: BLE001 (the queue is down: the pages compute what they show, as before)
        log.warning("neighbourhood figures not queued to be computed ahead: %s", error)


def _run() -> None:
    background.storage().get(_QUEUED_FLAG)  # reading takes the flag: a change from now on queues another run
    started = time.perf_counter()
    count = compute_figures_ahead()
    log.info("neighbourhood figures computed ahead: %d neighbourhoods in %.1f s", count,
             time.perf_counter() - started)


def compute_figures_ahead() -> int:
    """Compute what each active neighbourhood's page and network page show, in every language; return how many.

    Each value goes where the pages look for it (``shared``), under the rows it came from: a
    neighbourhood whose rows are unchanged costs a read of its rows and a few lookups.
    """
    with deferred_transactions():  # only reads: on SQLite it must not hold the write lock that saves wait for
        return _compute_each(db.session)


def _compute_each(session) -> int:
    neighbourhoods = session.scalars(select(Neighbourhood).where(Neighbourhood.archived_at.is_(None))
                                     .order_by(Neighbourhood.id)).all()
    for neighbourhood in neighbourhoods:
        view = network_view(session, NetworkFilter(neighbourhood_id=neighbourhood.id))
        _ = view.computed, view.quarters, view.collaboration  # the network page, its API and the effect table
        found = neighbourhood_profile.profile(session, neighbourhood)  # its graph and helix standing
        for language in current_app.config["LANGUAGES"]:
            with force_locale(language):
                attendance_chart(found.quarters)
        session.rollback()  # end the read: a long run holds no snapshot
    return len(neighbourhoods)
