"""The instance folder: the live database, its logs, queue, keys and attachments, private to the app's user.

Folders are made with mode 700 and files with mode 600 at the moment they are created, never
opened up first and closed afterwards: in between, another local user could open them and keep
the handle. SQLite gives a database's `-wal` and `-shm` files the database file's own mode, so
creating the (empty) database file first is enough for all three. A folder left open to others
by an older version is closed at start, which also closes every file in it.
"""
import logging
import os
import stat
from pathlib import Path

from flask import Flask
from sqlalchemy.engine import make_url

__all__ = ["create_private_file", "init_app", "open_private", "private_folder"]

log = logging.getLogger(__name__)

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def private_folder(path: Path) -> Path:
    """Make the folder, and any missing folder above it, readable by the app's user only."""
    path = Path(path)
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            pass  # another process made it meanwhile
    return path


def open_private(path: Path, flags: int = os.O_WRONLY | os.O_APPEND | os.O_CREAT) -> int:
    """Open a file descriptor, creating the file (and its folders) readable by the app's user only."""
    private_folder(Path(path).parent)
    return os.open(path, flags, FILE_MODE)


def create_private_file(path: Path) -> bool:
    """Create the file empty and private unless it exists; True when this call created it."""
    try:
        os.close(open_private(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        return False
    return True


def _close_if_open(folder: Path) -> None:
    if folder.is_dir() and stat.S_IMODE(folder.stat().st_mode) & 0o077:
        log.warning("The instance folder %s was open to other users; it is now readable by this user only.", folder)
        folder.chmod(FOLDER_MODE)


def _sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:" \
            or parsed.database.startswith("file:"):
        return None
    return Path(parsed.database)


def init_app(app: Flask) -> None:
    """Close the instance folder, and create the SQLite files the app will open as private files."""
    instance = Path(app.instance_path)
    _close_if_open(instance)
    database = _sqlite_file(app.config["SQLALCHEMY_DATABASE_URI"])
    if database is not None and (database.parent.is_dir() or database.parent == instance):
        create_private_file(database)
    # The queue's SQLite file, unless it lives in Redis or (in the tests) in memory.
    if not app.config.get("HUEY_REDIS_URL") and not app.testing:
        create_private_file(Path(app.config["HUEY_SQLITE_FILE"]))
