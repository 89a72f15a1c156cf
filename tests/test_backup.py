"""`flask backup` and `flask restore`: a copy taken while staff write, and a restore that checks first."""
import hashlib
import stat
import threading
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from coalition import create_app
from coalition.audit import set_actor
from coalition.backup.operations import checksum_path, default_backup_path, head_revision, write_checksum
from coalition.db import db
from coalition.models import Neighbourhood, Organisation, OrganisationKind, Sector

WRITER = "Skrivare"


class ContinuousWriter(threading.Thread):
    """Record a neighbourhood and an organisation in each transaction, numbered, until stopped."""

    def __init__(self, app):
        super().__init__(daemon=True)
        self.app, self.committed, self.errors = app, 0, []
        self.stop, self.started_writing = threading.Event(), threading.Event()

    def run(self):
        with self.app.app_context():
            set_actor(db.session, None, "tests")
            while not self.stop.is_set():
                number = self.committed
                try:
                    db.session.add(Neighbourhood(name=f"{WRITER} {number}", municipality="Malmö", population=number))
                    db.session.add(Organisation(name=f"{WRITER} {number}", sector=Sector.CIVIL,
                                                kind=OrganisationKind.ASSOCIATION))
                    db.session.commit()
                except Exception as error:  # collected: the test reports every failure
                    db.session.rollback()
                    self.errors.append(repr(error))
                    return
                self.committed = number + 1
                if self.committed >= 5:
                    self.started_writing.set()
            db.session.remove()


def _numbers(connection, table: str) -> set[int]:
    names = connection.execute(sa.text(f"SELECT name FROM {table} WHERE name LIKE :writer"),  # noqa: S608
                               {"writer": f"{WRITER} %"}).scalars()
    return {int(name.rsplit(" ", 1)[1]) for name in names}


def _app_on(url: str, tmp_path: Path):
    return create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True, "ATTACHMENT_DIR": tmp_path / "attachments"})


def test_a_backup_taken_while_staff_write_restores_to_a_whole_consistent_database(
        app, runner, tmp_path, fresh_database):
    backup_file = tmp_path / "during-writes.backup"
    writer = ContinuousWriter(app)
    writer.start()
    try:
        assert writer.started_writing.wait(60), writer.errors
        before = writer.committed
        result = runner.invoke(args=["backup", "--output", str(backup_file)])
        after = writer.committed
    finally:
        writer.stop.set()
        writer.join(60)
    assert result.exit_code == 0, result.output
    assert writer.errors == []
    assert "Backed up the database" in result.output
    assert stat.S_IMODE(backup_file.stat().st_mode) == 0o600

    restored_app = _app_on(fresh_database, tmp_path)
    with restored_app.app_context():  # else the command runs in the test's app, on the test's database
        restored = restored_app.test_cli_runner().invoke(args=["restore", str(backup_file), "--yes"])
        db.engine.dispose()
    assert restored.exit_code == 0, restored.output
    assert "Restored" in restored.output

    engine = sa.create_engine(fresh_database)
    try:
        with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == \
                head_revision(app.config["MIGRATIONS_DIRECTORY"])
            neighbourhoods = _numbers(connection, "neighbourhoods")
            organisations = _numbers(connection, "organisations")
    finally:
        engine.dispose()
    # A prefix of the writes, each transaction whole: both rows or neither, no gaps.
    assert neighbourhoods == organisations
    assert neighbourhoods == set(range(len(neighbourhoods)))
    assert before <= len(neighbourhoods) <= after


def test_restore_brings_the_database_back_to_the_backup(app, runner, tmp_path, make_neighbourhood):
    make_neighbourhood("Kept")
    backup_file = tmp_path / "kept.backup"
    assert runner.invoke(args=["backup", "--output", str(backup_file)]).exit_code == 0
    make_neighbourhood("Written after the backup")
    db.session.rollback()

    result = runner.invoke(args=["restore", str(backup_file), "--yes"])

    assert result.exit_code == 0, result.output
    names = set(db.session.scalars(sa.select(Neighbourhood.name)))
    assert names == {"Kept"}


def test_restore_asks_before_replacing_the_database(app, runner, tmp_path, make_neighbourhood):
    backup_file = tmp_path / "empty.backup"
    assert runner.invoke(args=["backup", "--output", str(backup_file)]).exit_code == 0
    make_neighbourhood("Still here")
    db.session.rollback()

    result = runner.invoke(args=["restore", str(backup_file)], input="n\n")

    assert result.exit_code == 1
    assert "Replace everything in" in result.output
    assert "Aborted" in result.output
    assert db.session.scalar(sa.select(Neighbourhood.name)) == "Still here"


def test_restore_refuses_a_file_that_is_not_a_backup(app, runner, tmp_path, make_neighbourhood):
    make_neighbourhood("Still here")
    db.session.rollback()
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("Minutes of the steering group\n" * 200)

    result = runner.invoke(args=["restore", str(not_a_backup), "--yes"])

    assert result.exit_code == 1
    assert "Not restored." in result.output
    assert db.session.scalar(sa.select(Neighbourhood.name)) == "Still here"


def test_restore_refuses_a_damaged_backup(app, runner, tmp_path, make_neighbourhood):
    for number in range(200):
        db.session.add(Neighbourhood(name=f"Område {number}", municipality="Lund", description="x" * 500))
    db.session.commit()
    backup_file = tmp_path / "damaged.backup"
    assert runner.invoke(args=["backup", "--output", str(backup_file)]).exit_code == 0
    data = bytearray(backup_file.read_bytes())
    if db.engine.dialect.name == "sqlite":
        data[4096 * 3:4096 * 6] = b"\xff" * (4096 * 3)  # pages in the middle of the file
    else:
        data[:64] = b"\x00" * 64  # the archive's header
    backup_file.write_bytes(bytes(data))

    result = runner.invoke(args=["restore", str(backup_file), "--yes"])

    assert result.exit_code == 1
    assert "Not restored." in result.output
    assert db.session.scalar(sa.select(sa.func.count(Neighbourhood.id))) == 200


def test_restore_refuses_a_backup_made_by_another_version(app, runner, tmp_path, make_neighbourhood):
    head = head_revision(app.config["MIGRATIONS_DIRECTORY"])
    with db.engine.begin() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = 'older0000000'"))
    backup_file = tmp_path / "older.backup"
    try:
        assert runner.invoke(args=["backup", "--output", str(backup_file)]).exit_code == 0
    finally:
        with db.engine.begin() as connection:
            connection.execute(sa.text("UPDATE alembic_version SET version_num = :head"), {"head": head})
    make_neighbourhood("Still here")
    db.session.rollback()

    result = runner.invoke(args=["restore", str(backup_file), "--yes"])

    assert result.exit_code == 1
    assert "older0000000" in result.output and head in result.output
    assert db.session.scalar(sa.select(Neighbourhood.name)) == "Still here"


def test_restore_refuses_a_sqlite_backup_that_lacks_a_table(app, runner, tmp_path):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("a SQLite file edited by hand")
    backup_file = tmp_path / "partial.sqlite"
    assert runner.invoke(args=["backup", "--output", str(backup_file)]).exit_code == 0
    edited = sa.create_engine(f"sqlite:///{backup_file}")
    with edited.begin() as connection:
        connection.exec_driver_sql("DROP TABLE relationships")
    edited.dispose()
    _checksum_again(backup_file)  # as someone would who altered it on purpose

    result = runner.invoke(args=["restore", str(backup_file), "--yes"])

    assert result.exit_code == 1
    assert "it lacks the table relationships" in result.output


def test_backup_goes_to_the_instance_folder_by_default_readable_only_by_its_owner(app, runner, tmp_path):
    app.instance_path = str(tmp_path / "instance")

    result = runner.invoke(args=["backup"])

    assert result.exit_code == 0, result.output
    written = sorted((tmp_path / "instance" / "backups").iterdir())
    assert len(written) == 2  # the backup and its checksum
    suffix = "sqlite" if db.engine.dialect.name == "sqlite" else "dump"
    assert written[0].name.startswith("coalition-") and written[0].suffix == f".{suffix}"
    assert written[1].name == written[0].name + ".sha256"
    assert [stat.S_IMODE(path.stat().st_mode) for path in written] == [0o600, 0o600]
    assert str(app.config["ATTACHMENT_DIR"]) in result.output


def test_backup_never_overwrites_a_file(app, runner, tmp_path):
    existing = tmp_path / "existing.backup"
    existing.write_text("an older backup")

    result = runner.invoke(args=["backup", "--output", str(existing)])

    assert result.exit_code == 1
    assert "exists already" in result.output
    assert existing.read_text() == "an older backup"


def test_backup_names_say_when_they_were_made():
    path = default_backup_path(Path("/srv/coalition/instance"), "postgresql", datetime(2026, 11, 23, 14, 5, 9))
    assert path == Path("/srv/coalition/instance/backups/coalition-20261123-140509.dump")
    assert default_backup_path(Path("i"), "sqlite", datetime(2026, 1, 2, 3, 4, 5)).name == \
        "coalition-20260102-030405.sqlite"



# --- checksums and schema: what `pg_restore` or SQLite would accept without a word -----------

def _checksum_again(backup_file: Path) -> None:
    checksum_path(backup_file).unlink()
    write_checksum(backup_file)


def _restore_refused(runner, backup_file: Path) -> str:
    result = runner.invoke(args=["restore", str(backup_file), "--yes"])
    assert result.exit_code == 1, result.output
    assert "Not restored." in result.output
    assert db.session.scalar(sa.select(Neighbourhood.name)) == "Still here"
    return result.output


def test_a_backup_is_written_with_a_checksum_sha256sum_can_check(app, runner, tmp_path):
    backup_file = tmp_path / "nightly.backup"
    assert runner.invoke(args=["backup", "--output", str(backup_file)]).exit_code == 0
    recorded = checksum_path(backup_file).read_text()
    assert recorded == f"{hashlib.sha256(backup_file.read_bytes()).hexdigest()}  nightly.backup\n"
    assert stat.S_IMODE(checksum_path(backup_file).stat().st_mode) == 0o600


def test_restore_refuses_a_backup_whose_rows_were_changed_after_it_was_made(app, runner, tmp_path, make_neighbourhood):
    make_neighbourhood("Still here", population=1200)
    backup_file = tmp_path / "changed.backup"
    assert runner.invoke(args=["backup", "--output", str(backup_file)]).exit_code == 0
    if db.engine.dialect.name == "sqlite":
        edited = sa.create_engine(f"sqlite:///{backup_file}")  # a whole, valid database still
        with edited.begin() as connection:
            connection.exec_driver_sql("UPDATE neighbourhoods SET population = 0")
        edited.dispose()
    else:
        data = bytearray(backup_file.read_bytes())
        data[len(data) // 2] ^= 0x01  # one bit in the middle of the archive
        backup_file.write_bytes(bytes(data))

    assert "does not match its checksum" in _restore_refused(runner, backup_file)


def test_restore_refuses_a_backup_without_its_checksum(app, runner, tmp_path, make_neighbourhood):
    backup_file = tmp_path / "bare.backup"
    assert runner.invoke(args=["backup", "--output", str(backup_file)]).exit_code == 0
    checksum_path(backup_file).unlink()
    make_neighbourhood("Still here")
    db.session.rollback()

    assert "has no checksum beside it (bare.backup.sha256)" in _restore_refused(runner, backup_file)


def _backup_of_an_altered_schema(runner, backup_file: Path, alter: list[str], undo: list[str]) -> None:
    """Back up the database while its schema is altered as given, then put it back as it was."""
    with db.engine.begin() as connection:
        for statement in alter:
            connection.exec_driver_sql(statement)
    try:
        assert runner.invoke(args=["backup", "--output", str(backup_file)]).exit_code == 0
    finally:
        with db.engine.begin() as connection:
            for statement in undo:
                connection.exec_driver_sql(statement)


def test_restore_refuses_a_backup_with_a_planted_trigger_even_with_its_checksum(app, runner, tmp_path,
                                                                                 make_neighbourhood):
    backup_file = tmp_path / "trigger.backup"
    if db.engine.dialect.name == "sqlite":
        _backup_of_an_altered_schema(
            runner, backup_file, ["CREATE TRIGGER planted AFTER INSERT ON persons BEGIN DELETE FROM audit_records; END"],
            ["DROP TRIGGER planted"])
    else:
        _backup_of_an_altered_schema(runner, backup_file, [
            "CREATE FUNCTION planted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
            "CREATE TRIGGER planted AFTER INSERT ON persons FOR EACH ROW EXECUTE FUNCTION planted()",
        ], ["DROP TRIGGER planted ON persons", "DROP FUNCTION planted()"])
    make_neighbourhood("Still here")
    db.session.rollback()

    output = _restore_refused(runner, backup_file)

    assert "does not have the schema of revision" in output and "trigger" in output and "planted" in output


def test_restore_refuses_a_backup_with_a_changed_table_or_index(app, runner, tmp_path, make_neighbourhood):
    backup_file = tmp_path / "schema.backup"
    _backup_of_an_altered_schema(
        runner, backup_file,
        ["ALTER TABLE persons ADD COLUMN shadow_copy TEXT", "DROP INDEX ix_persons_name_key",
         "CREATE INDEX ix_planted ON meetings (minutes)"],
        ["ALTER TABLE persons DROP COLUMN shadow_copy", "CREATE INDEX ix_persons_name_key ON persons (name_key)",
         "DROP INDEX ix_planted"])
    make_neighbourhood("Still here")
    db.session.rollback()

    output = _restore_refused(runner, backup_file)

    assert "its table persons has a column shadow_copy that this version does not" in output
    assert "it lacks the index ix_persons_name_key" in output
    assert "it has an index ix_planted on meetings that this version does not" in output
