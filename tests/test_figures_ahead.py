"""The worker's run that computes the neighbourhoods' figures ahead is queued once per burst of saves."""
import pytest
from huey import MemoryHuey

from coalition import background
from coalition.collaboration import changes
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
