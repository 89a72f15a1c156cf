"""The database handle, migrations, and the SQLite settings that make it safe to share."""
from contextlib import contextmanager
from contextvars import ContextVar

from flask import Flask, has_request_context, request
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

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
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        reading = has_request_context() and request.method in READ_ONLY_METHODS
        if reading or _begin_deferred.get():
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def init_app(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.config["MIGRATIONS_DIRECTORY"]))
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            _prepare_sqlite(db.engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])
