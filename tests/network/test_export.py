"""Exports open elsewhere: node-link JSON, GraphML and GEXF read back by networkx, CSV rows."""
import io
import json
from datetime import date

import networkx as nx
import pytest

from coalition.network import (
    ACTOR_FIGURES,
    DeclaredRelationship,
    NetworkFilter,
    annotate,
    build_network,
    figures,
    gexf_bytes,
    graphml_bytes,
    node_link,
    node_rows,
    tie_rows,
)

from .builders import meeting, organisation


@pytest.fixture
def annotated():
    actors = [organisation(1, "public", {10}, "Malmö stad"), organisation(2, "civil", {10}),
              organisation(3, "academic"), organisation(4, "private")]
    attendances = meeting(1, [1, 2, 3], on=date(2025, 1, 5)) + meeting(2, [1, 2], on=date(2025, 2, 5))
    declared = [DeclaredRelationship(1, 3, "funding")]
    graph = build_network(actors, attendances, relationships=declared, network_filter=NetworkFilter(weighting="newman"))
    return annotate(graph, figures(graph))


def test_node_link_json_holds_figures_and_survives_strict_json(annotated):
    data = node_link(annotated)
    text = json.dumps(data, allow_nan=False)
    back = nx.node_link_graph(json.loads(text), edges="links")
    assert set(back.nodes) == {1, 2, 3, 4}
    node = next(n for n in data["nodes"] if n["id"] == 1)
    assert node["label"] == "Malmö stad" and node["sector"] == "public"
    assert {f.key for f in ACTOR_FIGURES} <= set(node)
    assert next(n for n in data["nodes"] if n["id"] == 4)["constraint"] is None
    link = next(link for link in data["links"] if {link["source"], link["target"]} == {1, 2})
    assert link["weight"] == pytest.approx(1 / 2 + 1)
    assert data["graph"]["ties"] == 3 and data["graph"]["isolates"] == 1
    assert len(data["graph"]["sector_mixing"]) == 4


def test_graphml_reads_back_with_the_same_actors_ties_and_figures(annotated):
    back = nx.read_graphml(io.BytesIO(graphml_bytes(annotated)), node_type=int)
    assert set(back.nodes) == set(annotated.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in annotated.edges}
    for u, v, weight in annotated.edges(data="weight"):
        assert back.edges[u, v]["weight"] == pytest.approx(weight)
    assert back.edges[1, 3]["declared_kinds"] == '["funding"]'
    for node, data in annotated.nodes(data=True):
        assert back.nodes[node]["label"] == data["label"]
        assert back.nodes[node]["betweenness"] == pytest.approx(data["betweenness"])
        assert back.nodes[node]["degree"] == data["degree"]
    assert "constraint" not in back.nodes[4]  # undefined for an isolate: left out, not "None"
    assert json.loads(back.graph["sector_mixing"]) == annotated.graph["sector_mixing"]
    assert back.graph["betweenness_estimated"] is False


def test_gexf_reads_back_for_gephi(annotated):
    back = nx.read_gexf(io.BytesIO(gexf_bytes(annotated)), node_type=int)
    assert set(back.nodes) == set(annotated.nodes)
    assert back.nodes[1]["label"] == "Malmö stad"
    assert back.nodes[2]["sector"] == "civil"
    assert back.nodes[1]["pagerank"] == pytest.approx(annotated.nodes[1]["pagerank"])
    for u, v, weight in annotated.edges(data="weight"):
        assert back.edges[u, v]["weight"] == pytest.approx(weight)


def test_csv_rows_have_a_header_and_one_row_per_actor_and_tie(annotated):
    nodes = node_rows(annotated)
    assert nodes[0][:3] == ["id", "label", "sector"] and "betweenness" in nodes[0]
    assert [row[0] for row in nodes[1:]] == [1, 2, 3, 4]
    assert nodes[4][nodes[0].index("constraint")] == ""
    ties = tie_rows(annotated)
    assert ties[0][:5] == ["source", "target", "source_label", "target_label", "weight"]
    declared = next(row for row in ties[1:] if row[:2] == [1, 3])
    assert declared[2] == "Malmö stad" and declared[ties[0].index("declared_kinds")] == "funding"
    assert len(ties) == 1 + 3
