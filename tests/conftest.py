"""Fixtures: an app on a migrated database (SQLite, and PostgreSQL when TEST_DATABASE_URL is
set), clients logged in by role, and builders for the records a test needs."""
import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from flask_migrate import upgrade

from coalition import create_app
from coalition.accounts import create_user
from coalition.audit import set_actor
from coalition.db import db, deferred_transactions
from coalition.models import (
    LawfulBasis,
    Membership,
    Neighbourhood,
    Organisation,
    OrganisationKind,
    Person,
    Role,
    Sector,
    User,
)

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


def _worker_database(url: str, worker_id: str) -> str:
    """The PostgreSQL database of this pytest-xdist worker (made if missing): TEST_DATABASE_URL's own without xdist."""
    if worker_id == "master":
        return url
    parsed = sa.make_url(url)
    name = f"{parsed.database}_{worker_id}"
    admin = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        if connection.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}) is None:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session", params=_backends())
def database_url(request, tmp_path_factory, worker_id):
    """A database built from nothing by the migrations, once per backend (and per xdist worker)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'coalition.sqlite'}"
    else:
        url = _worker_database(_psycopg_url(os.environ["TEST_DATABASE_URL"]), worker_id)
        engine = sa.create_engine(url)
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA public CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA public")
        engine.dispose()
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
