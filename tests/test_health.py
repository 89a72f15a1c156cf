"""`/healthz`: what a load balancer reads, answered without login and without a server error."""
import logging
import time

import sqlalchemy as sa

from coalition import background
from coalition.db import db


def test_a_healthy_process_answers_200_with_every_check_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "checks": {"database": "ok", "migrations": "ok", "queue": "ok",
                                                              "worker": "ok"}}
    assert response.headers["Cache-Control"] == "no-store"


def test_a_database_behind_the_code_is_reported_as_not_current(app, client):
    applied = db.session.scalar(sa.text("SELECT version_num FROM alembic_version"))
    db.session.execute(sa.text("UPDATE alembic_version SET version_num = 'older'"))
    db.session.commit()
    try:
        response = client.get("/healthz")
    finally:
        db.session.execute(sa.text("UPDATE alembic_version SET version_num = :v"), {"v": applied})
        db.session.commit()
    assert response.status_code == 503
    assert response.get_json()["checks"]["migrations"] == "not current: run flask db upgrade"


def test_an_external_worker_that_never_beat_or_went_silent_fails_the_check(app, client):
    app.config["NETWORK_JOB_CONSUMER"] = "external"
    assert client.get("/healthz").get_json()["checks"]["worker"] == "never seen"

    queue = app.extensions["background"]
    queue.huey.put("worker-heartbeat", 1_000_000.0)  # a beat from long ago
    assert client.get("/healthz").status_code == 503

    queue.huey.put("worker-heartbeat", time.time())
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["checks"]["worker"] == "ok"


def test_an_unreachable_queue_is_a_503_not_a_server_error(app, client, monkeypatch):
    def unreachable():
        raise ConnectionError("Redis refused")

    monkeypatch.setattr(background, "pending_jobs", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["queue"] == "unreachable (ConnectionError)"


def test_every_request_carries_an_id_into_its_log_line_and_back_to_the_client(client_as, caplog):
    staff = client_as("staff")
    with caplog.at_level(logging.INFO, logger="coalition.requests"):
        given = staff.get("/organisations/?q=Åsa", headers={"X-Request-ID": "from-the-proxy-1"})
        made = staff.get("/organisations/", headers={"X-Request-ID": "bad id; with spaces"})
    assert given.headers["X-Request-ID"] == "from-the-proxy-1"
    assert made.headers["X-Request-ID"] not in ("", "bad id; with spaces")
    lines = [record.getMessage() for record in caplog.records if record.name == "coalition.requests"]
    assert any(line.startswith("GET /organisations/ 200") and "request_id=from-the-proxy-1" in line for line in lines)
    assert not any("Åsa" in line for line in lines)  # the query, which may hold a name, is not logged
