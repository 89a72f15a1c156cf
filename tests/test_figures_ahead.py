"""The worker's run that computes the neighbourhoods' figures ahead: queued once per burst of saves, never in their way."""
import sqlite3

import pytest
from huey import MemoryHuey

from coalition import background
from coalition import db as database
from coalition.collaboration import changes
from coalition.db import db
from coalition.web import figures_ahead


@pytest.fixture
def queue(app, monkeypatch):
    """The app as scripts/serve runs it: figures shared, jobs left on a queue for a worker (here, in memory)."""
    monkeypatch.setitem(app.config, "FIGURES_REDIS_URL", "redis://127.0.0.1:6379/13")
    monkeypatch.setitem(app.config, "NETWORK_JOB_CONSUMER", "external")  # no consumer thread takes the jobs
    waiting = background.Queue(MemoryHuey("figures-ahead-test", immediate=False))
    monkeypatch.setitem(app.extensions, "background", waiting)
    monkeypatch.setattr(changes, "_listeners", [])
    figures_ahead.init_app(app)
    return waiting


def test_a_burst_of_saves_queues_one_run_and_a_save_during_the_run_queues_another(queue, make_organisation,
                                                                                 monkeypatch):
    runs = []
    monkeypatch.setattr(figures_ahead, "compute_figures_ahead", lambda: runs.append("run") or 0)
    assert queue.at_worker_start == [figures_ahead.QUEUED_AS], "the worker computes them when it starts"
    for name in ("Kvarnängens IF", "Stenbacka Förvaltning AB", "Backens bibliotek"):
        make_organisation(name)
    assert queue.huey.pending_count() == 1

    task = queue.huey.dequeue()
    make_organisation("Sent sparad förening")  # saved after the run was queued, before it started
    assert queue.huey.pending_count() == 0, "the queued run has not started: it will see this save"
    queue.huey.execute(task)
    assert runs == ["run"]
    make_organisation("Sparad efteråt")  # the run started: this save needs another
    assert queue.huey.pending_count() == 1


def test_a_commit_that_changes_nothing_in_the_network_queues_nothing(queue, make_user):
    make_user("staff")
    assert queue.huey.pending_count() == 0


def test_computing_ahead_on_sqlite_leaves_the_write_lock_to_the_saves(app, make_neighbourhood, monkeypatch):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's write lock")
    make_neighbourhood("Kvarnängen")
    saved = []

    def a_save_meanwhile(_quarters):  # another process saves while the worker is in the middle of a neighbourhood
        other = sqlite3.connect(db.engine.url.database, timeout=0.2, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            saved.append(True)
        finally:
            other.close()

    monkeypatch.setattr(figures_ahead, "attendance_chart", a_save_meanwhile)
    db.session.rollback()
    outside_the_tests_deferring = database._begin_deferred.set(False)  # as in the worker, which has no request
    try:
        assert figures_ahead.compute_figures_ahead() == 1
    finally:
        database._begin_deferred.reset(outside_the_tests_deferring)
    assert saved == [True, True], "one save during each language's chart, neither refused as locked"
