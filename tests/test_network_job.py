"""The whole-programme network computed as a background job: stored, shown with its time, refreshed by staff."""
import re

import pytest

from coalition import network_data, network_job
from coalition.db import db
from coalition.models import Sector
from coalition.models.relationships import Relationship, RelationshipKind


@pytest.fixture(autouse=True)
def whole_programme_is_large(monkeypatch):
    """Treat every programme as large, so the default network page is the job's."""
    monkeypatch.setattr(network_data, "JOB_ABOVE_ORGANISATIONS", 0)
    network_data.network_cache.clear()
    yield
    network_data.network_cache.clear()


@pytest.fixture
def partners(make_organisation):
    city = make_organisation("Norrvik stad", Sector.PUBLIC)
    club = make_organisation("Backens IF", Sector.CIVIL)
    db.session.add(Relationship(from_organisation=city, to_organisation=club, kind=RelationshipKind.PARTNERSHIP))
    db.session.commit()
    return city, club


def _computed_on(page: str) -> str:
    found = re.search(r"these figures are from (\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC", page)
    assert found, "the page should say when the figures were computed"
    return found.group(1)


def test_the_job_runs_on_huey_in_immediate_mode_in_tests(app):
    assert app.extensions["network_job"]["huey"].immediate


def test_before_the_first_run_staff_are_offered_to_compute_the_whole_network(client_as, partners):
    page = client_as("staff").get("/network/").get_data(as_text=True)
    assert "Compute the whole network" in page
    assert "Backens IF" not in page


def test_staff_start_the_job_and_the_page_shows_its_stored_figures_and_time(client_as, partners):
    staff = client_as("staff")
    response = staff.post("/network/refresh")
    assert response.status_code == 302
    page = staff.get("/network/").get_data(as_text=True)
    assert "Backens IF" in page and "Norrvik stad" in page
    assert _computed_on(page) == network_job.job_state().computed_at.strftime("%Y-%m-%d %H:%M")
    assert "the data has not changed since" in page
    assert ">Refresh<" in page


def test_a_viewer_sees_the_stored_figures_but_cannot_start_the_job(client_as, partners):
    client_as("staff").post("/network/refresh")
    viewer = client_as("viewer")
    page = viewer.get("/network/").get_data(as_text=True)
    assert "Backens IF" in page
    assert ">Refresh<" not in page
    assert viewer.post("/network/refresh").status_code == 403


def test_the_page_shows_the_progress_of_a_running_job(client_as, partners):
    assert network_job._claim("running")
    network_job._update(step="figures", fraction=0.1)
    page = client_as("viewer").get("/network/").get_data(as_text=True)
    assert "Working: figures (10 %)" in page


def test_only_one_job_runs_at_a_time(client_as, partners):
    assert network_job._claim("running")
    staff = client_as("staff")
    page = staff.get("/network/").get_data(as_text=True)
    assert "Compute the whole network" not in page, "no button while a job runs"
    response = staff.post("/network/refresh", follow_redirects=True)
    assert "already being computed" in response.get_data(as_text=True)
    assert network_job.job_state().computed_at is None, "the second request did not run a job"


def test_a_change_in_the_data_marks_the_figures_stale(client_as, partners, make_organisation):
    staff = client_as("staff")
    staff.post("/network/refresh")
    make_organisation("Hem AB", Sector.PRIVATE)
    page = staff.get("/network/").get_data(as_text=True)
    assert "The data has changed since: these figures are from" in page
    assert "Hem AB" not in page, "the stored figures are shown until refreshed"
    staff.post("/network/refresh")
    assert "Hem AB" in staff.get("/network/").get_data(as_text=True)


def test_exports_and_json_answer_from_the_stored_result(client_as, partners):
    staff = client_as("staff")
    assert staff.get("/api/network").status_code == 503
    staff.post("/network/refresh")
    response = staff.get("/api/network")
    assert response.status_code == 200
    assert {node["label"] for node in response.get_json()["nodes"]} == {"Norrvik stad", "Backens IF"}


def test_network_refresh_command_computes_in_the_foreground_with_step_timings(runner, client_as, partners):
    result = runner.invoke(args=["network-refresh"])
    assert result.exit_code == 0, result.output
    for step in ("reading rows", "figures", "suggestions", "quarterly figures", "drawing", "storing"):
        assert re.search(rf"^{step}\s+\d+\.\d s$", result.output, re.MULTILINE), step
    assert "Backens IF" in client_as("viewer").get("/network/").get_data(as_text=True)


def test_network_refresh_command_refuses_while_a_job_runs(runner, partners):
    assert network_job._claim("running")
    result = runner.invoke(args=["network-refresh"])
    assert result.exit_code == 1
    assert "already" in result.output or "queued or running" in result.output
