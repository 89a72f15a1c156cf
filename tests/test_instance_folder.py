"""The instance folder holds the live database, its log and the keys: only the app's own user reads it."""
import io
import os
import stat
from datetime import datetime
from pathlib import Path

import pytest
from flask_migrate import upgrade

from coalition import create_app, meetings
from coalition.accounts.users import create_user
from coalition.attachments import store_attachment
from coalition.db import db
from coalition.models import MeetingKind, Role

from .conftest import PASSWORD, log_in

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _modes(folder: Path) -> dict[str, int]:
    return {str(path.relative_to(folder.parent)): stat.S_IMODE(path.stat().st_mode)
            for path in [folder, *folder.rglob("*")]}


@pytest.fixture
def fresh_instance(monkeypatch, tmp_path):
    """An app started for the first time in an empty instance folder, as an office installs it."""
    instance = tmp_path / "instance"
    monkeypatch.setenv("INSTANCE_PATH", str(instance))
    for name in ("SECRET_KEY", "DATABASE_URL", "SECURITY_LOG", "ATTACHMENT_DIR", "HUEY_REDIS_URL", "COALITION_ENV"):
        monkeypatch.delenv(name, raising=False)
    # The usual umask, under which a file made without a mode would be readable by everyone.
    previous = os.umask(0o022)
    changed_afterwards = []
    real_chmod = os.chmod
    monkeypatch.setattr(os, "chmod", lambda path, *args, **kwargs: (changed_afterwards.append(str(path)),
                                                                    real_chmod(path, *args, **kwargs)))
    try:
        yield instance, changed_afterwards
    finally:
        os.umask(previous)


def test_a_new_instance_folder_and_every_file_in_it_are_private_from_the_start(fresh_instance):
    instance, changed_afterwards = fresh_instance
    app = create_app({"WTF_CSRF_ENABLED": False})
    assert app.instance_path == str(instance)
    with app.app_context():
        upgrade()
        user = create_user(db.session, "anna@example.se", PASSWORD, Role.STAFF)
        meeting = meetings.create_meeting(db.session, meetings.MeetingDetails(
            kind=MeetingKind.WORKSHOP, title="Framtidsverkstad", starts_at=datetime(2026, 3, 4, 18, 0)))
        store_attachment(db.session, meeting, io.BytesIO(PDF), "Närvarolista.pdf", uploaded_by_id=user.id)
        db.session.commit()
        assert log_in(app.test_client(), "anna@example.se").status_code == 302  # writes the security log
        modes = _modes(instance)  # while the database is open: its -wal and -shm are there too
        db.engine.dispose()

    for name in ("coalition.sqlite", "coalition.sqlite-wal", "coalition.sqlite-shm", "security.log", "secret_key",
                 "huey.sqlite", "attachments"):
        assert f"instance/{name}" in modes, f"{name} should be in the instance folder"
    folders = {name: mode for name, mode in modes.items() if (instance.parent / name).is_dir()}
    files = {name: mode for name, mode in modes.items() if name not in folders}
    assert folders == dict.fromkeys(folders, 0o700)
    assert files == dict.fromkeys(files, 0o600)
    assert [path for path in changed_afterwards if path.startswith(str(instance))] == []


def test_an_existing_instance_folder_open_to_others_is_closed_at_start(fresh_instance):
    instance, _changed = fresh_instance
    instance.mkdir(mode=0o755)
    create_app({"WTF_CSRF_ENABLED": False})
    assert stat.S_IMODE(instance.stat().st_mode) == 0o700
