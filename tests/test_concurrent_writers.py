"""Several server processes writing at once, and one killed mid-write: nothing lost, nothing torn.

Each writer is a separate Python process that builds the app with `create_app` and writes
through `db.session`, as a server worker would, so that the app's own SQLite settings (WAL,
busy timeout, BEGIN IMMEDIATE) are what is tested.
"""
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import sqlalchemy as sa

from coalition import create_app
from coalition.audit import set_actor
from coalition.db import db
from coalition.models import Neighbourhood

PROJECT_ROOT = Path(__file__).resolve().parents[1]

_START = """
import sys
from coalition import create_app
from coalition.audit import set_actor
from coalition.db import db
from coalition.models import Neighbourhood

app = create_app({"SQLALCHEMY_DATABASE_URI": sys.argv[1], "TESTING": True})
"""

ADD_ONE_REPEATEDLY = _START + textwrap.dedent("""
    worker, rounds, counter_id = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    failures = 0
    with app.app_context():
        set_actor(db.session, None, "tests")
        print("ready", flush=True)
        sys.stdin.readline()  # wait until every writer is ready, so that they all write at once
        for number in range(rounds):
            try:
                counter = db.session.get(Neighbourhood, counter_id, with_for_update=True)
                counter.population += 1
                db.session.add(Neighbourhood(name=f"Writer {worker}-{number}", municipality="Malmö"))
                db.session.commit()
            except Exception as error:
                db.session.rollback()
                print(repr(error), file=sys.stderr, flush=True)
                failures += 1
    sys.exit(1 if failures else 0)
""")

WRITE_THEN_HANG_IN_A_TRANSACTION = _START + textwrap.dedent("""
    import time
    with app.app_context():
        set_actor(db.session, None, "tests")
        for number in range(3):
            db.session.add(Neighbourhood(name=f"Committed {number}", municipality="Malmö"))
            db.session.commit()
        # Enough to spill out of SQLite's page cache into the WAL before any commit.
        for number in range(60):
            db.session.add(Neighbourhood(name=f"Uncommitted {number}", municipality="Malmö",
                                         description="x" * 100_000))
        db.session.flush()
        print("in the middle of a transaction", flush=True)
        time.sleep(600)
""")


def _python(code: str, *args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], cwd=PROJECT_ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})


def _names(prefix: str) -> set[str]:
    db.session.rollback()  # read what the other processes committed, not the test's old snapshot
    return set(db.session.scalars(sa.select(Neighbourhood.name).where(Neighbourhood.name.like(f"{prefix}%"))))


def test_several_server_processes_writing_at_once_lose_nothing_and_never_find_the_database_locked(
        app, make_neighbourhood):
    counter_id = make_neighbourhood("Räknaren", population=0).id
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    processes, rounds = 4, 25
    writers = [_python(ADD_ONE_REPEATEDLY, url, worker, rounds, counter_id) for worker in range(processes)]
    for writer in writers:
        assert writer.stdout.readline().strip() == "ready", writer.stderr.read()
    for writer in writers:
        writer.stdin.write("go\n")
        writer.stdin.flush()
    outcomes = [writer.communicate(timeout=300) for writer in writers]

    errors = [stderr for _stdout, stderr in outcomes if stderr.strip()]
    assert not any("database is locked" in error for error in errors), errors
    assert [writer.returncode for writer in writers] == [0] * processes, errors
    assert len(_names("Writer ")) == processes * rounds
    assert db.session.get(Neighbourhood, counter_id).population == processes * rounds


def test_a_writer_killed_in_the_middle_of_a_transaction_leaves_the_database_whole_and_unlocked(app, tmp_path):
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    writer = _python(WRITE_THEN_HANG_IN_A_TRANSACTION, url)
    try:
        line = writer.stdout.readline().strip()
        assert line == "in the middle of a transaction", writer.stderr.read()
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(60)
    assert writer.returncode == -signal.SIGKILL

    if db.engine.dialect.name == "sqlite":
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    assert _names("Committed ") == {"Committed 0", "Committed 1", "Committed 2"}
    assert _names("Uncommitted ") == set()

    # With no busy timeout, a lock left behind by the dead writer would fail this write at once.
    next_writer = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True, "SQLITE_BUSY_TIMEOUT_MS": 0,
                              "ATTACHMENT_DIR": tmp_path / "attachments"})
    with next_writer.app_context():
        set_actor(db.session, None, "tests")
        db.session.add(Neighbourhood(name="Committed after the crash", municipality="Malmö"))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    assert "Committed after the crash" in _names("Committed ")
