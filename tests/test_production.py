"""The production mode as `scripts/serve` starts it: two web servers (gunicorn) and the external
job worker, on one PostgreSQL database and one Redis, all on 127.0.0.1.

Runs when TEST_REDIS_URL is set (`.ci/run` sets it and starts Redis if the machine has not) and
the backend is PostgreSQL; the test plays the reverse proxy (bench/proxy_client.py).
"""
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from bench.proxy_client import ProxiedClient
from coalition.db import db

PROJECT = Path(__file__).resolve().parents[1]
PASSWORD = "production test password that is long"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def _healthy(port: int):
    try:
        status, _headers, body = ProxiedClient(port).request("/healthz")
    except OSError:
        return False
    return status == 200 and body


@pytest.fixture
def redis_url():
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set (.ci/run sets it)")
    import redis

    redis.Redis.from_url(url).flushdb()
    return url


@pytest.fixture
def production(app, fresh_database, redis_url, tmp_path):
    """Start `scripts/serve` twice (the second without a worker); yield (port_a, port_b, processes)."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the production mode runs on PostgreSQL")
    environment = {
        **os.environ, "DATABASE_URL": fresh_database, "REDIS_URL": redis_url, "SECRET_KEY": "x" * 40,
        "INSTANCE_PATH": str(tmp_path / "instance"), "COALITION_SETUP": "0", "WEB_WORKERS": "1",
        "TRUSTED_PROXIES": "1", "LOGIN_LIMIT_PER_ACCOUNT": "5 per minute",
        "NETWORK_JOB_ABOVE_ORGANISATIONS": "0",  # the whole network comes from the worker, as at scale
        "PATH": f"{PROJECT}/.venv/bin:{os.environ['PATH']}",
    }
    environment.pop("TESTING", None)
    ports = [_free_port(), _free_port()]
    processes, logs = [], []
    try:
        for number, port in enumerate(ports):
            log = (tmp_path / f"serve-{number}.log").open("w+")
            logs.append(log)
            processes.append(subprocess.Popen(
                ["bash", "scripts/serve"], cwd=PROJECT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                env={**environment, "BIND": f"127.0.0.1:{port}", "RUN_WORKER": "1" if number == 0 else "0"}))
            # One after the other: the second's `flask db upgrade` then finds nothing to do.
            _wait_until(lambda port=port: _healthy(port), 90, f"server {number} to be healthy")
        subprocess.run([f"{PROJECT}/.venv/bin/flask", "create-user", "staff@example.se", "--role", "staff",
                        "--password", PASSWORD], cwd=PROJECT, env={**environment, "FLASK_APP": "app"}, check=True,
                       capture_output=True)
        yield ports, processes, logs
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def test_two_web_servers_and_a_worker_share_the_database_the_queue_and_the_login_limiter(production):
    (port_a, port_b), processes, logs = production
    a = ProxiedClient(port_a)
    assert a.log_in("staff@example.se", PASSWORD) == 302
    b = ProxiedClient(port_b, cookies=a.cookies)  # the same session, served by the other server

    # Written through one server, read through the other.
    status, _headers, _page = a.post_form("/organisations/new", {"name": "Hamnens Fastigheter", "sector": "private",
                                                                 "kind": "other"})
    assert status == 302
    _status, _headers, page = b.request("/organisations/?q=Hamnens")
    assert "Hamnens Fastigheter" in page

    # The whole-network job is queued by one server, run by the worker, and seen by both.
    assert a.post_form("/network/refresh", {}, form_path="/network/")[0] == 302
    computed = "these figures are from"
    _wait_until(lambda: computed in b.request("/network/")[2], 120, "the worker to compute the network")
    assert computed in a.request("/network/")[2]

    # Wrong passwords counted in Redis: three at each server make six, and the sixth is paused.
    answers = [ProxiedClient(port).log_in("staff@example.se", "wrong password") for port in (port_a, port_b) * 3]
    assert answers[:5] == [200] * 5
    assert answers[5] == 429

    # Every request has its id, echoed to the client and on its line in the log on standard output.
    _status, headers, _page = a.request("/healthz", headers={"X-Request-ID": "proxy-given-id-42"})
    assert headers["X-Request-ID"] == "proxy-given-id-42"

    for process in processes:
        os.killpg(process.pid, signal.SIGTERM)
    assert [process.wait(timeout=30) for process in processes] == [0, 0]
    logs[0].seek(0)
    log = logs[0].read()
    assert "GET /healthz 200" in log and "request_id=proxy-given-id-42" in log
    assert "login.failed" in log  # the security log goes to standard output too
    # The worker computed the neighbourhoods' figures ahead when it started, and again after the saved organisation.
    assert log.count("neighbourhood figures computed ahead") >= 2
