"""Fixtures: an app on a migrated database (SQLite, and PostgreSQL when TEST_DATABASE_URL is
set), clients logged in by role, and builders for the records a test needs."""
import itertools
import os
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from flask_migrate import upgrade

from coalition import attendance, create_app, meetings
from coalition.accounts.users import create_user
from coalition.audit import set_actor
from coalition.collaboration import network_cache
from coalition.db import db, deferred_transactions
from coalition.models import (
    HeadcountGroup,
    LawfulBasis,
    Meeting,
    MeetingKind,
    Membership,
    Neighbourhood,
    Organisation,
    OrganisationKind,
    ParticipationStatus,
    Person,
    Role,
    Sector,
    User,
)
from coalition.models.base import utcnow

PASSWORD = "correct horse battery staple"
os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")


@pytest.fixture(scope="session", autouse=True)
def swedish_catalogue(tmp_path_factory):
    """Compile the translations, so that plain `pytest` sees the Swedish interface too.

    Each pytest-xdist worker compiles its own copy and moves it into place in one step, so no
    worker ever reads a catalogue another is halfway through writing.
    """
    for po_file in (Path(__file__).resolve().parents[1] / "coalition" / "translations").glob("*/LC_MESSAGES/*.po"):
        compiled = tmp_path_factory.mktemp("catalogue") / "messages.mo"
        subprocess.run([sys.executable, "-m", "babel.messages.frontend", "compile", "-i", str(po_file),
                        "-o", str(compiled)], check=True, capture_output=True)
        os.replace(compiled, po_file.with_suffix(".mo"))


def _backends() -> list[str]:
    return ["sqlite", "postgresql"] if os.environ.get("TEST_DATABASE_URL") else ["sqlite"]


def _psycopg_url(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1) if url.startswith("postgresql://") else url


def _database_beside(url: str, suffix: str) -> str:
    """The PostgreSQL database named after ``url``'s with a suffix, made if missing."""
    parsed = sa.make_url(url)
    name = f"{parsed.database}_{suffix}"
    admin = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        if connection.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}) is None:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


def _worker_database(url: str, worker_id: str) -> str:
    """The PostgreSQL database of this pytest-xdist worker (made if missing): TEST_DATABASE_URL's own without xdist."""
    return url if worker_id == "master" else _database_beside(url, worker_id)


def _emptied(url: str) -> str:
    """Drop everything in a PostgreSQL database's public schema, so the migrations build it from nothing."""
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP SCHEMA public CASCADE")
        connection.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()
    return url


@pytest.fixture(scope="session", params=_backends())
def database_url(request, tmp_path_factory, worker_id):
    """A database built from nothing by the migrations, once per backend (and per xdist worker)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'coalition.sqlite'}"
    else:
        url = _emptied(_worker_database(_psycopg_url(os.environ["TEST_DATABASE_URL"]), worker_id))
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return url


class FreshRequestClient(FlaskClient):
    """Send each request in its own app context, with its own session and user, as a server would.

    The test's session commits first, so the request sees what the builders made and the test
    then reads what the request changed, instead of both sharing one session and one `g`.
    """

    def open(self, *args, **kwargs):
        db.session.commit()
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app({
        "SQLALCHEMY_DATABASE_URI": database_url,
        "TESTING": True,
        "WTF_CSRF_ENABLED": False,
        "ATTACHMENT_DIR": tmp_path / "attachments",
    })
    app.test_client_class = FreshRequestClient
    with app.app_context(), deferred_transactions():
        set_actor(db.session, None, "tests")
        yield app
        db.session.rollback()
        db.session.remove()
        _empty_every_table()
        db.engine.dispose()


def _empty_every_table() -> None:
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture(autouse=True)
def fresh_cache():
    """Nothing computed for one test's programme is reused by the next (ids and counters start alike)."""
    network_cache.clear()
    yield
    network_cache.clear()


@pytest.fixture
def statements(app):
    """Record every SQL statement sent to the database from here on, to show what a page reads."""
    sent: list[str] = []

    def record(_connection, _cursor, statement, _parameters, _context, _executemany):
        sent.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    yield sent
    sa.event.remove(db.engine, "before_cursor_execute", record)


@pytest.fixture
def fresh_database(app, tmp_path):
    """The URL of an empty database of the test's backend: a new SQLite file, or a new PostgreSQL database."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if db.engine.dialect.name == "sqlite":
        (tmp_path / "fresh").mkdir()
        yield f"sqlite:///{tmp_path / 'fresh' / 'coalition.sqlite'}"
        return
    parsed = sa.make_url(url)
    name = f"{parsed.database}_fresh"
    admin = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    yield parsed.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


_serial = itertools.count(1)


@pytest.fixture
def make_user(app):
    """Build a user who can log in with PASSWORD."""

    def build(role: str = "staff", email: str | None = None, name: str = "") -> User:
        user = create_user(db.session, email or f"{role}{next(_serial)}@example.se", PASSWORD, Role(role), name)
        db.session.commit()
        return user

    return build


# Control characters text may not hold even where it has lines: all but tab, line feed and return.
_NOT_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def badly_stored_text() -> list[str]:
    """Every stored text the session sees that holds a control character or is not composed (NFC)."""
    found = []
    for table in db.metadata.sorted_tables:
        columns = [column for column in table.columns if isinstance(column.type, sa.String)]
        if not columns:
            continue
        for row in db.session.execute(sa.select(*columns)):
            for column, value in zip(columns, row, strict=True):
                if isinstance(value, str) and (_NOT_IN_TEXT.search(value) or not unicodedata.is_normalized("NFC", value)):
                    found.append(f"{table.name}.{column.name}={value[:40]!r}")
    return found


def log_in(client, email: str, password: str = PASSWORD):
    return client.post("/login", data={"email": email, "password": password})


@pytest.fixture
def client_as(app, make_user):
    """Return a test client logged in as a new user with the given role."""

    def build(role: str):
        user = make_user(role)
        client = app.test_client()
        response = log_in(client, user.email)
        assert response.status_code == 302, "the login should succeed"
        client.user = user
        return client

    return build


@pytest.fixture
def make_neighbourhood(app):
    def build(name: str | None = None, municipality: str = "Malmö", **fields) -> Neighbourhood:
        neighbourhood = Neighbourhood(name=name or f"Område {next(_serial)}", municipality=municipality, **fields)
        db.session.add(neighbourhood)
        db.session.commit()
        return neighbourhood

    return build


@pytest.fixture
def make_organisation(app):
    def build(name: str | None = None, sector: Sector = Sector.CIVIL, **fields) -> Organisation:
        fields.setdefault("kind", OrganisationKind.ASSOCIATION)
        organisation = Organisation(name=name or f"Förening {next(_serial)}", sector=sector, **fields)
        db.session.add(organisation)
        db.session.commit()
        return organisation

    return build


@pytest.fixture
def make_person(app):
    def build(name: str | None = None, organisation: Organisation | None = None, **fields) -> Person:
        fields.setdefault("lawful_basis", LawfulBasis.LEGITIMATE_INTEREST)
        person = Person(name=name or f"Person {next(_serial)}", **fields)
        if organisation is not None:
            person.memberships.append(Membership(organisation=organisation))
        db.session.add(person)
        db.session.commit()
        return person

    return build


# Who took part: a person, (person, organisation they came for) or (person, organisation, status).
Attendee = Person | tuple[Person, Organisation | None] | tuple[Person, Organisation | None, ParticipationStatus]


@pytest.fixture
def make_meeting(app):
    """Build a meeting through the operations, as staff record one, with who took part.

    Each attendee attended unless a status is given, for the organisation given or else the one
    they worked for on the day; ``no_show`` lists people who did not come.
    """

    def build(title: str | None = None, starts_at: datetime = datetime(2026, 3, 4, 18, 0),
              kind: MeetingKind = MeetingKind.WORKSHOP, *, attendees: Iterable[Attendee] = (),
              no_show: Iterable[Attendee] = (), **details) -> Meeting:
        meeting = meetings.create_meeting(db.session, meetings.MeetingDetails(
            kind=kind, title=title or f"Möte {next(_serial)}", starts_at=starts_at, **details))
        on_the_list = {}
        chosen = [(a, ParticipationStatus.ATTENDED) for a in attendees]
        chosen += [(a, ParticipationStatus.NO_SHOW) for a in no_show]
        for attendee, default_status in chosen:
            person, organisation, status = (*attendee, default_status)[:3] if isinstance(attendee, tuple) else (
                attendee, None, default_status)
            attendance.add_participant(db.session, meeting, person, organisation=organisation, status=status,
                                       existing=on_the_list)
        db.session.commit()
        return meeting

    return build


@pytest.fixture
def headcount_groups(app) -> dict[str, HeadcountGroup]:
    """The groups counted at meetings without names, by English name: Residents, Young people, Others.

    The migration adds them, but every test after the session's first starts with empty tables.
    """
    from coalition.headcounts import GroupDetails, create_group

    db.session.execute(sa.delete(HeadcountGroup))
    groups = {en: create_group(db.session, GroupDetails(sv, en))
              for sv, en in (("Boende", "Residents"), ("Unga", "Young people"), ("Övriga", "Others"))}
    db.session.commit()
    return groups


class DemoCoalition:
    """The demo coalition seeded into a database of its own: where it is, and what `flask seed` printed."""

    def __init__(self, url: str, output: str):
        self.url, self.output = url, output


@pytest.fixture(scope="session")
def demo_coalition(database_url, tmp_path_factory) -> DemoCoalition:
    """`flask seed` run once per backend (and xdist worker) on an empty database of its own.

    Tests of the demo read it and change nothing, so it is seeded once rather than per test.
    """
    if database_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite'}"
    else:
        url = _emptied(_database_beside(database_url, "demo"))
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade()
        result = app.test_cli_runner().invoke(args=["seed"])
        assert result.exit_code == 0, result.output
        db.session.remove()
        db.engine.dispose()
    return DemoCoalition(url, result.output)


@pytest.fixture
def demo(demo_coalition):
    """An app on the seeded demo coalition; whatever a test leaves uncommitted is rolled back."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": demo_coalition.url, "TESTING": True})
    app.test_client_class = FreshRequestClient
    with app.app_context():
        yield app
        db.session.rollback()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def demo_viewer(demo):
    """A client signed in as the demo's viewer without a login request (a login would write to the demo)."""
    viewer = db.session.scalar(sa.select(User).where(User.email == "viewer@example.se"))
    client = demo.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = viewer.get_id()
        session["_fresh"] = True
        session["login_at"] = utcnow().isoformat()  # as coalition.auth.start_session marks it
    return client
