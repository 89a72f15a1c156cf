"""The database handle, migrations, and the SQLite settings that make it safe to share."""
import logging
from contextlib import contextmanager
from contextvars import ContextVar

from flask import Flask, has_request_context, request
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session

log = logging.getLogger(__name__)

# Named constraints, so that migrations can drop and alter them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True)

READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_begin_deferred = ContextVar("begin_deferred", default=False)


@contextmanager
def deferred_transactions():
    """Begin this context's SQLite transactions deferred, taking the write lock only on a write.

    For code that holds a session open while others write, such as a test driving a live
    server: with BEGIN IMMEDIATE its idle transaction would hold the lock they wait for.
    """
    token = _begin_deferred.set(True)
    try:
        yield
    finally:
        _begin_deferred.reset(token)


def _prepare_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    """Turn on WAL, foreign keys and a busy timeout, and take the write lock up front.

    pysqlite's own BEGIN is deferred: two requests that read and then write both hold a
    read snapshot, and the second to write fails at once with "database is locked".
    BEGIN IMMEDIATE makes a writer wait for the lock (up to the busy timeout) before it
    reads. Requests that only read keep a deferred BEGIN so they never queue behind writers.
    """

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Overwrite what is deleted or changed with zeros: an erased name must not linger in free
        # space of the file, whatever the operating system's SQLite was built with.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        reading = has_request_context() and request.method in READ_ONLY_METHODS
        if reading or _begin_deferred.get():
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


_CHECKPOINT_AFTER_COMMIT = "checkpoint_after_commit"


def checkpoint_after_commit(session: Session) -> None:
    """Have SQLite move its write-ahead log into the database file and empty it once this transaction commits.

    For erasures: until a checkpoint, the log keeps the pages as they were before, erased values included.
    """
    session.info[_CHECKPOINT_AFTER_COMMIT] = True


def _checkpoint_if_asked(session: Session) -> None:
    if session.in_nested_transaction() or not session.info.pop(_CHECKPOINT_AFTER_COMMIT, False):
        return  # a savepoint released is not yet written: the whole transaction's commit is
    engine = session.get_bind()
    if engine.dialect.name != "sqlite":
        return
    # A connection of its own, outside any transaction: a checkpoint waits (up to the busy
    # timeout) for readers of older snapshots, which a transaction of its own would be.
    connection = engine.raw_connection()
    try:
        busy, _frames, _moved = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        connection.close()
    if busy:
        log.warning("The write-ahead log could not be emptied after an erasure: readers held it. "
                    "The next checkpoint empties it.")


def init_app(app: Flask) -> None:
    db.init_app(app)
    if not event.contains(db.session, "after_commit", _checkpoint_if_asked):
        event.listen(db.session, "after_commit", _checkpoint_if_asked)
    migrate.init_app(app, db, directory=str(app.config["MIGRATIONS_DIRECTORY"]))
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            _prepare_sqlite(db.engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])
