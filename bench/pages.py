"""What the benchmarks of pages share: the app on the network programme's database, with a user to
log in as, and a request's time as the median of several runs.

The programme (``network_programme.py``) is built once in the benchmark's work directory and reused.
"""
import statistics
import time
from pathlib import Path

import sqlalchemy as sa

from bench.network_programme import prepare
from coalition import create_app
from coalition.accounts.users import create_user
from coalition.db import db
from coalition.models import Role, User

__all__ = ["ensure_user", "logged_in", "median_ms", "programme_app"]


def median_ms(label: str, action, runs: int, before=lambda: None) -> float:
    """Print and return the median milliseconds of ``action`` over ``runs`` runs, ``before`` untimed."""
    seconds = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - start)
    middle = statistics.median(seconds) * 1000
    print(f"{label:<44} {middle:8.0f} ms  (median of {runs}, {min(seconds) * 1000:.0f}-{max(seconds) * 1000:.0f})",
          flush=True)
    return middle


def programme_app(workdir: Path, database: str, *, user: tuple[str, str, Role, str], rebuild: bool = False):
    """Return the app on the programme's database (built on first use, then reused) with `user`,
    (e-mail, password, role, name), to log in as."""
    workdir.mkdir(exist_ok=True)
    app = create_app({"SQLALCHEMY_DATABASE_URI": database, "WTF_CSRF_ENABLED": False,
                      "HUEY_SQLITE_FILE": str(workdir / "huey.sqlite"), "RATELIMIT_ENABLED": False})
    with app.app_context():
        start = time.perf_counter()
        built = prepare(rebuild=rebuild)
        print(f"database ({sa.make_url(database).get_backend_name()}): {built} in {time.perf_counter() - start:.0f} s",
              flush=True)
        ensure_user(*user)
        db.session.rollback()
    return app


def logged_in(app, email: str, password: str):
    """Log in as the benchmark's user; return the client and ``get(url, expect=b"", **headers)``, which asserts
    that the page came (200) with ``expect`` in it and returns the response."""
    client = app.test_client()
    client.post("/login", data={"email": email, "password": password})

    def get(url: str, expect: bytes = b"", **headers):
        response = client.get(url, headers=headers)
        assert response.status_code == 200 and expect in response.data, (url, response.status_code)
        return response

    return client, get


def ensure_user(email: str, password: str, role: Role, name: str) -> None:
    """Add the benchmark's user to log in as, unless it is there."""
    if db.session.execute(sa.select(User.id).where(User.email == email)).first() is None:
        create_user(db.session, email, password, role, name)
        db.session.commit()
