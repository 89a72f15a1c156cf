"""Backing up the database while the app runs, and bringing a checked backup back.

SQLite is copied with `VACUUM INTO`, which reads one snapshot (WAL lets the app go on writing)
and writes a compact, self-contained file. PostgreSQL is copied with `pg_dump` in its custom
format, which also reads one snapshot. Each backup gets a SHA-256 checksum beside it
(`FILE.sha256`, in `sha256sum`'s format). Before a backup is restored it is checked: its
checksum must match, so that a copy damaged or altered since is refused even where the format
would still read; it must be a whole database of this version of the code (its Alembic revision
is the code's head); and its schema must be the one that revision has (`schema.py`): the same
tables, columns and indexes, and no trigger or view. Attachments are files under ATTACHMENT_DIR
and are not in the backup: see the README ("Backups and restore") for why and how they are copied.
"""
import hashlib
import os
import re
import sqlite3

# Only fixed argument lists of the PostgreSQL client tools are run, never through a shell.
import subprocess  # nosec B404
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from ..db import db
from ..instance_folder import create_private_file
from .schema import Schema, differences, dump_schema, expected_schema, sqlite_schema

__all__ = ["BackupError", "BackupCheck", "back_up", "check_backup", "checksum_path", "default_backup_path",
           "restore", "head_revision", "write_checksum"]

_PG_TOOLS_TIMEOUT = 6 * 60 * 60  # a dump of a large programme takes minutes; a hung one is stopped


class BackupError(Exception):
    """A backup cannot be made, or a file cannot be restored, and why."""


@dataclass
class BackupCheck:
    """What checking a backup found: its revision and the tables it holds."""

    revision: str
    tables: set[str]


def head_revision(migrations_directory: Path) -> str:
    """Return the Alembic revision the code's migrations end at."""
    heads = ScriptDirectory(str(migrations_directory)).get_heads()
    if len(heads) != 1:
        raise BackupError(f"The migrations have {len(heads)} heads; merge them before backing up or restoring.")
    return heads[0]


def default_backup_path(instance_path: Path, dialect: str, now: datetime | None = None) -> Path:
    """Return instance/backups/coalition-YYYYMMDD-HHMMSS.<sqlite|dump>."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    suffix = "sqlite" if dialect == "sqlite" else "dump"
    return Path(instance_path) / "backups" / f"coalition-{stamp}.{suffix}"


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise BackupError("Only a SQLite database kept in a file can be backed up or restored.")
    return Path(database)


def _libpq(url: str) -> tuple[str, dict]:
    """Return the URL the client tools take (no driver, no password) and their environment.

    The password goes in PGPASSWORD, not in the argument list, which other users can read.
    """
    parsed = make_url(url)
    environment = dict(os.environ)
    if parsed.password:
        environment["PGPASSWORD"] = parsed.password
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), environment


def _run(argv: list[str], environment: dict, what: str) -> str:
    try:
        done = subprocess.run(argv, env=environment, capture_output=True, text=True,  # nosec B603
                              timeout=_PG_TOOLS_TIMEOUT, check=False)
    except FileNotFoundError:
        raise BackupError(f"{argv[0]} is not installed; install the PostgreSQL client tools.") from None
    if done.returncode != 0:
        raise BackupError(f"{what} failed: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def _major(version_text: str) -> int:
    """The major version in "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"."""
    found = re.search(r"\(PostgreSQL\)\s*(\d+)", version_text)
    if not found:
        raise BackupError(f"Cannot tell the version from “{version_text.strip()}”.")
    return int(found.group(1))


def _check_client_version(url: str, environment: dict) -> None:
    """Refuse when pg_dump is older than the server, which it cannot read, with both versions named."""
    client = _major(_run(["pg_dump", "--version"], environment, "pg_dump --version"))
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            server = int(connection.exec_driver_sql("SHOW server_version_num").scalar()) // 10000
    finally:
        engine.dispose()
    if client < server:
        raise BackupError(f"pg_dump {client} cannot back up a PostgreSQL {server} server; "
                          f"install the client tools of version {server} or later.")


def _create_private(path: Path) -> None:
    """Create an empty file only its owner can read, refusing to overwrite one."""
    if not create_private_file(path):
        raise BackupError(f"{path} exists already; choose another file.")


def checksum_path(backup: Path) -> Path:
    """Return where a backup's checksum is kept: beside it, FILE.sha256."""
    backup = Path(backup)
    return backup.with_name(backup.name + ".sha256")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def write_checksum(backup: Path) -> Path:
    """Write the backup's SHA-256 beside it (mode 600), as `sha256sum FILE > FILE.sha256` would."""
    target = checksum_path(backup)
    _create_private(target)
    target.write_text(f"{_sha256(backup)}  {Path(backup).name}\n", encoding="ascii")
    return target


def _verify_checksum(backup: Path) -> None:
    sidecar = checksum_path(backup)
    if not sidecar.is_file():
        raise BackupError(
            f"{backup} has no checksum beside it ({sidecar.name}), so a damaged or altered copy could not be told "
            f"apart. `flask backup` writes one with each backup; if you trust this file, write its checksum with "
            f"`sha256sum {backup.name} > {sidecar.name}` in its folder.")
    recorded = sidecar.read_text(encoding="ascii", errors="replace").split()
    if not recorded or recorded[0].lower() != _sha256(backup):
        raise BackupError(f"{backup} does not match its checksum ({sidecar.name}): it was damaged or altered "
                          "after the backup was made.")


def back_up(url: str, output: Path) -> Path:
    """Write a consistent copy of the database at `url` to `output` (mode 600), and its checksum, while others write."""
    output = Path(output)
    if make_url(url).get_backend_name() == "sqlite" and not _sqlite_path(url).is_file():
        raise BackupError(f"There is no database at {_sqlite_path(url)}.")
    if checksum_path(output).exists():
        raise BackupError(f"{checksum_path(output)} exists already; choose another file.")
    _create_private(output)
    try:
        if make_url(url).get_backend_name() == "sqlite":
            source = sqlite3.connect(_sqlite_path(url), timeout=30)
            try:
                # One read snapshot: writers carry on in the WAL while the copy is written.
                source.execute("VACUUM INTO ?", (str(output),))
            finally:
                source.close()
        else:
            target, environment = _libpq(url)
            _check_client_version(url, environment)
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={output}",
                  f"--dbname={target}"], environment, "pg_dump")
        write_checksum(output)
    except BaseException:
        output.unlink(missing_ok=True)
        checksum_path(output).unlink(missing_ok=True)
        raise
    return output


def _check_sqlite_file(path: Path) -> tuple[str, Schema]:
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise BackupError(f"{path} cannot be opened as a SQLite database: {error}.") from None
    try:
        verdict = connection.execute("PRAGMA integrity_check").fetchall()
        if verdict != [("ok",)]:
            raise BackupError(f"{path} fails SQLite's integrity check: "
                              + "; ".join(str(row[0]) for row in verdict[:5]))
        schema = sqlite_schema(connection)
        revision = ""
        if "alembic_version" in schema.tables:
            revision = ", ".join(row[0] for row in connection.execute("SELECT version_num FROM alembic_version"))
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a SQLite database: {error}.") from None
    finally:
        connection.close()
    return revision, schema


def _check_dump(path: Path, url: str) -> tuple[str, Schema]:
    _target, environment = _libpq(url)
    path = path.resolve()  # absolute: a name starting with "-" must not read as an option
    listing = _run(["pg_restore", "--list", str(path)], environment, "Reading the dump (pg_restore --list)")
    schema_sql = _run(["pg_restore", "--schema-only", "--file=-", str(path)], environment,
                      "Reading the dump's schema")
    schema = dump_schema(listing, schema_sql)
    revision = ""
    if "alembic_version" in schema.tables:
        data = _run(["pg_restore", "--data-only", "--table=alembic_version", "--file=-", str(path)],
                    environment, "Reading the dump's revision")
        rows = data.split("FROM stdin;", 1)[-1].split("\\.", 1)[0].split()
        revision = ", ".join(rows)
    return revision, schema


def check_backup(path: Path, url: str, migrations_directory: Path) -> BackupCheck:
    """Check that `path` is a whole, unaltered backup of this code's database for `url`'s kind; raise BackupError if not."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} is not a file.")
    _verify_checksum(path)
    if make_url(url).get_backend_name() == "sqlite":
        revision, schema = _check_sqlite_file(path)
    else:
        revision, schema = _check_dump(path, url)
    head = head_revision(migrations_directory)
    if revision != head:
        raise BackupError(
            f"{path} is at database revision “{revision or 'none'}”, but this code needs “{head}”. "
            "Restore it with the version of Coalition that made it, then run `flask db upgrade`.")
    different = differences(expected_schema(), schema)
    if different:
        raise BackupError(f"{path} does not have the schema of revision {head}: " + "; ".join(different[:10])
                          + (f"; and {len(different) - 10} more differences." if len(different) > 10 else "."))
    return BackupCheck(revision, set(schema.tables))


def restore(path: Path, url: str, migrations_directory: Path) -> BackupCheck:
    """Check the backup, then replace the database at `url` with it."""
    found = check_backup(path, url, migrations_directory)
    db.engine.dispose()  # our own pooled connections would hold locks the restore needs
    if make_url(url).get_backend_name() == "sqlite":
        target_path = _sqlite_path(url)
        target_path.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        target = sqlite3.connect(target_path, timeout=30)
        try:
            # The backup API copies page by page under SQLite's own locks, WAL included,
            # where copying the file over a database in use could leave it torn.
            source.backup(target)
        finally:
            target.close()
            source.close()
    else:
        target, environment = _libpq(url)
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
              f"--dbname={target}", str(Path(path).resolve())], environment, "pg_restore")
    return found
