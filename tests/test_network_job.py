"""The whole-programme network computed as a background job: stored, shown with its time, refreshed by staff."""
import functools
import gzip
import io
import json
import re

import networkx as nx
import pytest
import sqlalchemy as sa

from coalition.collaboration import drawing as network_drawing
from coalition.collaboration import job, network_alerts, view
from coalition.collaboration.changes import shared_data_version
from coalition.db import db
from coalition.models import Commitment, CommitmentKind, NetworkResult, Sector
from coalition.models.relationships import Relationship, RelationshipKind
from coalition.network import NetworkFilter, reduce_for_drawing


@pytest.fixture(autouse=True)
def whole_programme_is_large(monkeypatch):
    """Treat every programme as large, so the default network page is the job's."""
    monkeypatch.setattr(view, "JOB_ABOVE_ORGANISATIONS", 0)


def _computed_at() -> str:
    return job.job_state(db.session).computed_at.strftime("%Y-%m-%d %H:%M")


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
    assert app.extensions["background"].huey.immediate
    assert "refresh_whole_network" in app.extensions["background"].jobs


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
    assert _computed_on(page) == _computed_at()
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
    assert job.claim("running")
    job.record_progress(step="figures", progress=0.1)
    page = client_as("viewer").get("/network/").get_data(as_text=True)
    assert "Working: figures (10 %)" in page


def test_only_one_job_runs_at_a_time(client_as, partners):
    assert job.claim("running")
    staff = client_as("staff")
    page = staff.get("/network/").get_data(as_text=True)
    assert "Compute the whole network" not in page, "no button while a job runs"
    response = staff.post("/network/refresh", follow_redirects=True)
    assert "already being computed" in response.get_data(as_text=True)
    assert job.job_state(db.session).computed_at is None, "the second request did not run a job"


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
    assert job.claim("running")
    result = runner.invoke(args=["network-refresh"])
    assert result.exit_code == 1
    assert "already" in result.output or "queued or running" in result.output


def test_an_edit_that_keeps_counts_and_times_still_marks_the_figures_stale(client_as, partners):
    staff = client_as("staff")
    staff.post("/network/refresh")
    tie = db.session.scalar(db.select(Relationship))
    tie.kind, tie.updated_at = RelationshipKind.FUNDING, tie.updated_at  # same count, same latest time
    db.session.commit()
    page = staff.get("/network/").get_data(as_text=True)
    assert "The data has changed since: these figures are from" in page


def test_a_bulk_statement_and_a_swapped_party_mark_the_figures_stale(client_as, partners, make_organisation):
    city, club = partners
    homes = make_organisation("Hem AB", Sector.PRIVATE)
    commitment = Commitment(kind=CommitmentKind.STAFF_TIME, description="Läxhjälp", parties=[city, club])
    db.session.add(commitment)
    db.session.commit()
    staff = client_as("staff")
    staff.post("/network/refresh")
    before = shared_data_version(db.session)
    commitment.parties = [city, homes]  # the link table keeps its count
    db.session.commit()
    swapped = shared_data_version(db.session)
    db.session.execute(sa.update(Relationship).values(notes="Avtal 2026"))
    db.session.commit()
    assert len({before, swapped, shared_data_version(db.session)}) == 3
    assert "The data has changed since" in staff.get("/network/").get_data(as_text=True)


def test_the_whole_programme_downloads_are_the_stored_files_that_read_back_as_the_graph(client_as, partners):
    staff = client_as("staff")
    staff.post("/network/refresh")
    city, club = partners
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        response = staff.get(f"/network/export.{fmt}")
        assert response.status_code == 200
        graph = read(io.BytesIO(response.data), node_type=int)
        assert sorted(graph.nodes) == sorted([city.id, club.id])
        assert graph.edges[city.id, club.id]["weight"] == 1
        assert graph.nodes[city.id]["label"] == "Norrvik stad"
    ties = staff.get("/network/export.ties.csv").get_data(as_text=True)
    assert "Norrvik stad" in ties and "Backens IF" in ties


def test_a_client_that_takes_gzip_gets_the_stored_file_as_it_is(client_as, partners):
    staff = client_as("staff")
    staff.post("/network/refresh")
    response = staff.get("/api/network", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    data = json.loads(gzip.decompress(response.data))
    assert {node["label"] for node in data["nodes"]} == {"Norrvik stad", "Backens IF"}
    assert data["graph"]["computed_at"]


def test_while_the_downloads_are_prepared_a_download_says_so_instead_of_computing(client_as, partners):
    staff = client_as("staff")
    staff.post("/network/refresh")
    assert job.claim("running")
    job.record_progress(step="preparing the downloads")
    db.session.execute(sa.update(NetworkResult).values(graphml_gz=None, node_link_json_gz=None))  # not written yet
    db.session.commit()
    response = staff.get("/network/export.graphml")
    assert response.status_code == 503
    assert "being prepared" in response.get_data(as_text=True)
    assert response.headers["Retry-After"] == "60"
    assert staff.get("/api/network").status_code == 503


def test_on_a_large_programme_an_organisation_page_shows_its_place_from_the_stored_result(client_as, partners):
    city, club = partners
    viewer = client_as("viewer")
    assert "Place in the collaboration network" not in viewer.get(f"/organisations/{city.id}").get_data(as_text=True)
    client_as("staff").post("/network/refresh")
    page = viewer.get(f"/organisations/{city.id}").get_data(as_text=True)
    assert "Place in the collaboration network" in page
    assert f'href="/organisations/{club.id}">Backens IF</a> (1)' in page  # its one partner, weight 1
    assert _computed_at() in page


def test_a_community_of_the_stored_whole_network_opens_with_its_stored_ties(client_as, make_organisation,
                                                                          monkeypatch):
    """Two triangles of declared partners, drawn as two communities: group 1 opens as its three actors.

    A fourth partner joins group 1 after the run: the page still shows the stored group, as
    another web process would, with its ties read from where the job stored them.
    """
    actors = [make_organisation(f"Aktör {n}", Sector.CIVIL) for n in range(6)]
    for first, second in ((0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)):
        db.session.add(Relationship(from_organisation=actors[first], to_organisation=actors[second],
                                    kind=RelationshipKind.PARTNERSHIP))
    db.session.commit()
    monkeypatch.setattr(network_drawing, "reduce_for_drawing", functools.partial(reduce_for_drawing, max_nodes=2))
    client_as("staff").post("/network/refresh")
    newcomer = make_organisation("Nykomling", Sector.CIVIL)
    for partner in actors[:3]:
        db.session.add(Relationship(from_organisation=newcomer, to_organisation=partner,
                                    kind=RelationshipKind.PARTNERSHIP))
    db.session.commit()
    viewer = client_as("viewer")
    page = viewer.get("/network/").get_data(as_text=True)
    assert "The data has changed since" in page
    drawing = page.split('class="network-drawing ')[1].split("</svg>")[0]
    assert "community=1" in drawing and "community=2" in drawing
    opened = viewer.get("/network/?community=1").get_data(as_text=True)
    assert "Showing group 1 only: 3 actors." in opened
    drawing = opened.split('class="network-drawing ')[1].split("</svg>")[0]
    assert drawing.count('class="node ') == 3
    assert drawing.count("<line") == 3  # the triangle's ties, as stored
    assert "Nykomling" not in opened


def test_the_stored_result_replaces_the_one_before(client_as, partners):
    staff = client_as("staff")
    staff.post("/network/refresh")
    first = db.session.scalar(sa.select(NetworkResult.id))
    staff.post("/network/refresh")
    kept = db.session.scalars(sa.select(NetworkResult.id)).all()
    assert len(kept) == 1 and kept != [first], "one result is kept: the newest"
    stored = db.session.scalar(sa.select(NetworkResult))
    assert stored.quarters == [] and all(body is not None for body in (  # no meetings: no quarters
        stored.nodes_csv_gz, stored.ties_csv_gz, stored.node_link_json_gz, stored.graphml_gz, stored.gexf_gz))


def test_a_stored_result_signed_with_another_key_is_not_read(app, client_as, partners):
    client_as("staff").post("/network/refresh")
    app.config["SECRET_KEY"] = "another installation's key"
    page = client_as("viewer").get("/network/").get_data(as_text=True)
    assert "Backens IF" not in page and "Compute the whole network" not in page  # a viewer may not start it


def test_the_whole_programmes_alerts_are_kept_until_the_job_runs_again_as_its_network_is(partners, make_organisation):
    city, _club = partners
    job.refresh_whole_network()
    kept = network_alerts(db.session)
    newcomer = make_organisation("Nya föreningen", Sector.CIVIL)
    db.session.add(Relationship(from_organisation=city, to_organisation=newcomer, kind=RelationshipKind.PARTNERSHIP))
    db.session.commit()
    # The page shows the job's network as of its run, stale until it runs again: its alerts with it,
    # not computed again (seconds at design scale) by every web process after every save.
    assert network_alerts(db.session) is kept
    assert "Nya föreningen" not in kept.labels.values()
    job.refresh_whole_network()
    assert "Nya föreningen" in network_alerts(db.session).labels.values()
    here = NetworkFilter(sectors=frozenset({"civil", "public"}))  # any other filter: alerts as of the data
    before = network_alerts(db.session, here)
    db.session.add(make_organisation("Ännu en förening", Sector.CIVIL))
    db.session.commit()
    assert network_alerts(db.session, here) is not before
