"""The collaboration network as a page, JSON, GraphML/GEXF/CSV downloads and a command."""
import csv
import io
import json
from datetime import date, datetime

import networkx as nx
import pytest

from coalition.collaboration import ANONYMISED
from coalition.db import db
from coalition.models import Commitment, CommitmentKind, Participation, Sector
from coalition.models.relationships import Relationship, RelationshipKind
from coalition.network import NetworkFilter, figures


@pytest.fixture
def coalition(make_organisation, make_person, make_neighbourhood, make_meeting):
    """Four actors in two neighbourhoods: a workshop in Backen, a meeting in Dalen, a joint promise."""
    backen, dalen = make_neighbourhood("Backen"), make_neighbourhood("Dalen")
    city = make_organisation("Norrvik stad", Sector.PUBLIC, neighbourhoods=[backen, dalen])
    club = make_organisation("Backens IF", Sector.CIVIL, neighbourhoods=[backen])
    homes = make_organisation("Hem AB", Sector.PRIVATE, neighbourhoods=[dalen])
    college = make_organisation("Norrviks högskola", Sector.ACADEMIC)
    people = {org.id: make_person(organisation=org) for org in (city, club, homes)}

    make_meeting("Framtidsverkstad", datetime(2025, 3, 4, 18), neighbourhood_ids=[backen.id],
                 attendees=[people[city.id], people[club.id]], no_show=[people[homes.id]])
    make_meeting("Trygghetsvandring", datetime(2025, 9, 2, 18), neighbourhood_ids=[dalen.id],
                 attendees=[people[city.id], people[homes.id]])
    db.session.add(Commitment(kind=CommitmentKind.STAFF_TIME, description="Läxhjälp", parties=[city, club],
                              made_on=date(2025, 3, 4)))
    db.session.add(Relationship(from_organisation=homes, to_organisation=college, kind=RelationshipKind.CONTRACT))
    db.session.commit()
    return {"backen": backen, "dalen": dalen, "city": city, "club": club, "homes": homes, "college": college}


def _graph_from_api(response) -> nx.Graph:
    assert response.status_code == 200
    return nx.node_link_graph(response.get_json(), edges="links")


def test_the_api_serves_the_network_with_figures_a_user_can_recompute(client_as, coalition):
    graph = _graph_from_api(client_as("viewer").get("/api/network"))
    city, club, homes, college = (coalition[k].id for k in ("city", "club", "homes", "college"))
    assert sorted(graph.nodes) == sorted([city, club, homes, college])
    # The workshop and the joint promise: weight 2; the no-show at the workshop made no tie.
    assert graph.edges[city, club]["weight"] == 2
    assert graph.edges[city, homes]["weight"] == 1
    assert graph.edges[homes, college]["declared_kinds"] == ["contract"]
    assert not graph.has_edge(club, homes)
    recomputed = figures(graph)
    for node in graph:
        for key in ("degree", "strength", "betweenness", "clustering"):
            assert graph.nodes[node][key] == pytest.approx(recomputed.actors[node][key])
    assert graph.nodes[city]["label"] == "Norrvik stad"
    assert graph.graph["ties"] == 3 and graph.graph["components"] == 1


def test_filters_narrow_the_network(client_as, coalition):
    viewer = client_as("viewer")
    in_backen = _graph_from_api(viewer.get(f"/api/network?neighbourhood={coalition['backen'].id}&sources=co_participation"))
    assert sorted(in_backen.nodes) == sorted([coalition["city"].id, coalition["club"].id])
    autumn = _graph_from_api(viewer.get("/api/network?from=2025-07-01&to=2025-12-31&sources=co_participation"))
    assert list(autumn.edges) in ([(coalition["city"].id, coalition["homes"].id)],
                                  [(coalition["homes"].id, coalition["city"].id)])
    strong = _graph_from_api(viewer.get("/api/network?min_weight=2"))
    assert strong.number_of_edges() == 1
    civic = _graph_from_api(viewer.get("/api/network?sectors=public,civil"))
    assert sorted(civic.nodes) == sorted([coalition["city"].id, coalition["club"].id])


def test_bad_filters_are_answered_with_messages_not_errors(client_as, coalition):
    viewer = client_as("viewer")
    response = viewer.get("/api/network?from=2025-12-31&to=2025-01-01&sectors=pirates&min_weight=-1&level=cats")
    assert response.status_code == 400
    errors = response.get_json()["errors"]
    assert set(errors) == {"to", "sectors", "min_weight", "level"}
    page = viewer.get("/network/?min_weight=heavy")
    assert page.status_code == 200
    assert "Correct the filters above" in page.get_data(as_text=True)
    assert viewer.get("/network/export.graphml?sectors=pirates").status_code == 400
    assert viewer.get("/network/export.exe").status_code == 404


def test_a_viewer_reads_the_network_page_with_its_figures(client_as, coalition):
    page = client_as("viewer").get("/network/?sort=degree").get_data(as_text=True)
    assert "Collaboration network" in page
    assert "Norrvik stad" in page and "<svg" in page
    assert "E-I index" in page and "Krackhardt" in page
    assert "2025-Q1" in page and "2025-Q3" in page
    assert "Backen" in page  # quadruple-helix coverage per neighbourhood
    # The club and Hem AB share a partner (the city) and are not tied: an introduction across sectors.
    pair = sorted((coalition["club"].id, coalition["homes"].id))
    assert f'data-pair="{pair[0]}-{pair[1]}"' in page and "Both work with Norrvik stad; never met." in page


def test_downloads_read_back_as_the_same_network(client_as, coalition):
    viewer = client_as("viewer")
    expected = _graph_from_api(viewer.get("/api/network"))
    graphml = viewer.get("/network/export.graphml")
    assert "network_organisations.graphml" in graphml.headers["Content-Disposition"]
    from_graphml = nx.read_graphml(io.BytesIO(graphml.data), node_type=int)
    gexf = viewer.get("/network/export.gexf")
    from_gexf = nx.read_gexf(io.BytesIO(gexf.data), node_type=int)
    for read in (from_graphml, from_gexf):
        assert sorted(read.nodes) == sorted(expected.nodes)
        assert {frozenset(e) for e in read.edges} == {frozenset(e) for e in expected.edges}
        for u, v in expected.edges:
            assert float(read.edges[u, v]["weight"]) == expected.edges[u, v]["weight"]
        for node in expected:
            assert float(read.nodes[node]["betweenness"]) == pytest.approx(expected.nodes[node]["betweenness"])
    nodes = list(csv.DictReader(io.StringIO(viewer.get("/network/export.nodes.csv").get_data(as_text=True).lstrip("\ufeff"))))
    assert {row["label"] for row in nodes} == {"Norrvik stad", "Backens IF", "Hem AB", "Norrviks högskola"}
    ties = viewer.get(f"/network/export.ties.csv?neighbourhood={coalition['dalen'].id}")
    assert f"neighbourhood{coalition['dalen'].id}" in ties.headers["Content-Disposition"]
    assert viewer.get("/network/export.svg").data.startswith(b"<svg")


def test_the_figures_follow_a_change_in_the_data(client_as, coalition):
    viewer = client_as("viewer")
    assert _graph_from_api(viewer.get("/api/network")).number_of_edges() == 3
    db.session.add(Relationship(from_organisation=coalition["club"], to_organisation=coalition["college"],
                                kind=RelationshipKind.PARTNERSHIP))
    db.session.commit()
    assert _graph_from_api(viewer.get("/api/network")).number_of_edges() == 4


def test_anonymised_people_appear_without_their_names(client_as, coalition):
    person = db.session.scalar(db.select(Participation).limit(1)).person
    name = person.name
    person.anonymised_at = date(2025, 10, 1)
    db.session.commit()
    staff = client_as("staff")  # the persons level is staff's view (viewers see organisations only)
    labels = [node["label"] for node in staff.get("/api/network?level=persons").get_json()["nodes"]]
    assert ANONYMISED in labels and name not in labels
    assert name not in staff.get("/network/?level=persons").get_data(as_text=True)


def test_an_organisation_page_shows_its_place_in_the_network(client_as, coalition):
    page = client_as("viewer").get(f"/organisations/{coalition['city'].id}").get_data(as_text=True)
    assert "Place in the collaboration network" in page
    assert "Backens IF</a> (2)" in page


@pytest.mark.parametrize("file_format", ["json", "graphml", "gexf"])
def test_the_command_writes_the_network(runner, coalition, tmp_path, file_format):
    target = tmp_path / f"network.{file_format}"
    result = runner.invoke(args=["export-network", "--format", file_format, "--output", str(target),
                                 "--sources", "co_participation"])
    assert result.exit_code == 0, result.output
    if file_format == "json":
        graph = nx.node_link_graph(json.loads(target.read_text(encoding="utf-8")), edges="links")
    elif file_format == "graphml":
        graph = nx.read_graphml(target, node_type=int)
    else:
        graph = nx.read_gexf(target, node_type=int)
    assert graph.number_of_nodes() == 4 and graph.number_of_edges() == 2


def test_the_command_writes_nodes_and_ties_as_csv_and_refuses_bad_filters(runner, coalition, tmp_path):
    result = runner.invoke(args=["export-network", "--format", "csv", "--output", str(tmp_path / "net.csv"),
                                 "--neighbourhood", str(coalition["backen"].id)])
    assert result.exit_code == 0, result.output
    assert "Backens IF" in (tmp_path / "net-nodes.csv").read_text(encoding="utf-8")
    assert "Backens IF" in (tmp_path / "net-ties.csv").read_text(encoding="utf-8")
    refused = runner.invoke(args=["export-network", "--from", "2025-12-01", "--to", "2025-01-01"])
    assert refused.exit_code != 0 and "date_from is after date_to" in refused.output


def test_default_filter_is_the_whole_programme(app):
    assert NetworkFilter() == NetworkFilter(sources={"co_participation", "joint_work", "declared"})
