"""What a load balancer asks before sending requests here: can this process serve, and will jobs run?

Each check answers "ok" or says in a few words what is wrong; nothing about the data is told,
since the answer is public. The worker check applies only when jobs run in an external worker
(``NETWORK_JOB_CONSUMER=external``): an embedded worker lives and dies with this process.
"""
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from flask import current_app

from . import background
from .db import db

# A worker writes its heartbeat every background.HEARTBEAT_SECONDS; three missed beats is gone.
WORKER_SILENT_AFTER = 3 * background.HEARTBEAT_SECONDS + 5


@dataclass(frozen=True)
class Health:
    checks: dict[str, str]

    @property
    def ok(self) -> bool:
        return all(answer == "ok" for answer in self.checks.values())


@cache
def _code_heads(migrations_directory: Path) -> frozenset[str]:
    # The code does not change under a running process, so one read is enough.
    return frozenset(ScriptDirectory(str(migrations_directory)).get_heads())


def _database() -> str:
    db.session.execute(sa.text("SELECT 1"))
    return "ok"


def _migrations() -> str:
    applied = frozenset(db.session.scalars(sa.text("SELECT version_num FROM alembic_version")))
    if applied != _code_heads(Path(current_app.config["MIGRATIONS_DIRECTORY"])):
        return "not current: run flask db upgrade"
    return "ok"


def _queue() -> str:
    background.pending_jobs()
    return "ok"


def _worker() -> str:
    if current_app.config.get("NETWORK_JOB_CONSUMER", "embedded") != "external":
        return "ok"
    seen = background.worker_last_seen()
    if seen is None:
        return "never seen"
    if time.time() - seen > WORKER_SILENT_AFTER:
        return f"silent for {int(time.time() - seen)} s"
    return "ok"


def check() -> Health:
    """Run every check; one that raises is reported as unreachable, never as a server error."""
    checks = {}
    for name, probe in (("database", _database), ("migrations", _migrations), ("queue", _queue), ("worker", _worker)):
        try:
            checks[name] = probe()
        except Exception as error:  # noqa: BLE001 (any failure of a dependency means "not healthy")
            db.session.rollback()
            checks[name] = f"unreachable ({type(error).__name__})"
    return Health(checks)
