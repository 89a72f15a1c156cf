"""`scripts/start` serves on the port a newcomer asks for (5000 is AirPlay's on a Mac)."""
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture
def start(tmp_path):
    """Run a copy of scripts/start whose install is skipped and whose `flask` says what it was asked."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(PROJECT / "scripts" / "start", tmp_path / "scripts" / "start")
    (tmp_path / "scripts" / "setup-env").write_text("# installed already\n")
    flask = tmp_path / ".venv" / "bin" / "flask"
    flask.parent.mkdir(parents=True)
    flask.write_text('#!/bin/sh\necho "flask $*"\n')
    flask.chmod(flask.stat().st_mode | stat.S_IEXEC)

    def run(**environment) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", str(tmp_path / "scripts" / "start")], check=False, capture_output=True,
                              text=True, env={**{k: v for k, v in os.environ.items() if k != "PORT"}, **environment})

    return run


def test_the_app_is_served_on_port_5000_unless_asked_otherwise(start):
    result = start()
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "flask run --host 127.0.0.1 --port 5000"


def test_port_chooses_where_the_app_is_served(start):
    result = start(PORT="8123")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "flask run --host 127.0.0.1 --port 8123"


@pytest.mark.parametrize("port", ["eighty", "0", "70000", "80 --debug"])
def test_a_port_that_is_not_one_is_refused_before_anything_is_installed(start, port):
    result = start(PORT=port)
    assert result.returncode == 2
    assert f"PORT must be a port number from 1 to 65535, not '{port}'." in result.stderr
    assert result.stdout == ""


def test_the_seed_tells_where_to_log_in_on_the_chosen_port(demo):
    result = demo.test_cli_runner().invoke(args=["seed"], env={"PORT": "8123"})
    assert result.exit_code == 0, result.output
    assert "log in at http://127.0.0.1:8123" in result.output
