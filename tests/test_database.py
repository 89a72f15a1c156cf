"""What the database itself guarantees, on SQLite and PostgreSQL alike."""
import threading
from datetime import datetime
from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from coalition.db import db
from coalition.models import Commitment, CommitmentKind, Meeting, MeetingKind, Neighbourhood, Participation, Unit
from coalition.web.editing import expect_version


def _refused(statement: str, **params) -> bool:
    try:
        with db.engine.begin() as connection:
            connection.execute(sa.text(statement), params)
    except IntegrityError:
        return True
    return False


def test_a_sector_outside_the_quadruple_helix_is_refused_by_the_database(app):
    assert _refused(
        "INSERT INTO organisations (name, name_key, sector, kind, website, notes, version, created_at, updated_at) "
        "VALUES ('X', 'x', 'media', 'other', '', '', 1, :now, :now)", now=datetime(2026, 1, 1))


def test_a_person_cannot_attend_the_same_meeting_twice(app, make_person):
    person = make_person()
    meeting = Meeting(kind=MeetingKind.WORKSHOP, title="Workshop", starts_at=datetime(2026, 3, 1, 9))
    db.session.add(meeting)
    db.session.add(Participation(meeting=meeting, person=person))
    db.session.commit()
    db.session.add(Participation(meeting=meeting, person=person))
    with pytest.raises(IntegrityError):
        db.session.commit()


def test_a_commitment_amount_must_be_positive_and_have_a_unit(app):
    db.session.add(Commitment(kind=CommitmentKind.FUNDING, description="Noll", amount=Decimal("0"), unit=Unit.SEK))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    db.session.add(Commitment(kind=CommitmentKind.FUNDING, description="Utan enhet", amount=Decimal("10")))
    with pytest.raises(IntegrityError):
        db.session.commit()


def test_amounts_add_up_to_the_ore_in_sql(app):
    for amount in ("0.10", "0.20", "1234567.35"):
        db.session.add(Commitment(kind=CommitmentKind.FUNDING, description=amount, amount=Decimal(amount), unit=Unit.SEK))
    db.session.commit()
    total = db.session.scalar(sa.select(sa.func.sum(Commitment.amount)))
    assert total == Decimal("1234567.65")


def test_an_update_from_a_stale_version_is_refused(app, make_neighbourhood):
    neighbourhood = make_neighbourhood("Ängen")
    opened = neighbourhood.version
    neighbourhood.description = "first edit"
    db.session.commit()
    expect_version(neighbourhood, str(opened))
    neighbourhood.description = "second edit from an old form"
    with pytest.raises(StaleDataError):
        db.session.commit()
    db.session.rollback()
    assert db.session.get(Neighbourhood, neighbourhood.id).description == "first edit"


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's own settings")
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_concurrent_read_modify_write_transactions_lose_nothing(app, make_neighbourhood):
    """With SQLite's deferred BEGIN most of these fail with "database is locked"."""
    neighbourhood_id = make_neighbourhood("Räknaren", population=0).id
    threads, rounds, errors = 8, 25, []

    def add_one_repeatedly():
        with app.app_context():
            for _ in range(rounds):
                try:
                    neighbourhood = db.session.get(Neighbourhood, neighbourhood_id, with_for_update=True)
                    neighbourhood.population += 1
                    db.session.commit()
                except Exception as error:  # collected: the test reports every failure
                    db.session.rollback()
                    errors.append(repr(error))
            db.session.remove()

    workers = [threading.Thread(target=add_one_repeatedly) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    db.session.rollback()  # leave the test's own snapshot, taken before the workers wrote
    assert errors == []
    assert db.session.get(Neighbourhood, neighbourhood_id).population == threads * rounds


def test_the_migrations_build_the_same_schema_as_the_models(app):
    """A model change without its migration would make `flask db upgrade` build the wrong schema."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []
