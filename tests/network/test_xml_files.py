"""The streaming GraphML and GEXF writers make the documents networkx's own writers make.

Compared as canonical XML (C14N 2.0, whitespace between elements stripped): the same
elements, attributes, key ids, types and values, in the same order, except where GraphML
leaves the order open and networkx's two writers differ (see ``_canonical``).
"""
import io
from datetime import date
from xml.etree import ElementTree
from xml.etree.ElementTree import canonicalize

import networkx as nx
import pytest

from coalition.network import (
    DeclaredRelationship,
    annotate,
    build_network,
    figures,
    flat_graph,
    write_gexf,
    write_graphml,
)

from .builders import meeting, organisation

GRAPHML_DATA = "{http://graphml.graphdrawing.org/xmlns}data"


def _canonical(document: bytes) -> str:
    """Return the document as canonical XML, GEXF's <meta> left out, each graph's own <data> first.

    The <meta> says who wrote the file, and when. GraphML lets a graph's <data> stand anywhere
    among its nodes and edges: networkx writes it after the ties, or before the nodes when lxml
    is installed (then its lxml writer is used).
    """
    root = ElementTree.fromstring(document)
    for meta in [child for child in root if child.tag.endswith("}meta")]:
        root.remove(meta)
    for graph in root.iter("{http://graphml.graphdrawing.org/xmlns}graph"):
        graph[:] = sorted(graph, key=lambda child: child.tag != GRAPHML_DATA)  # stable: each group keeps its order
    return canonicalize(ElementTree.tostring(root, encoding="unicode"), strip_text=True)


def _ours(write, graph: nx.Graph) -> bytes:
    buffer = io.BytesIO()
    write(graph, buffer)
    return buffer.getvalue()


def _networkx_graphml(graph: nx.Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, infer_numeric_types=True)
    return buffer.getvalue()


def _networkx_gexf(graph: nx.Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer)
    return buffer.getvalue()


def _coalition() -> nx.Graph:
    """A four-sector coalition with every figure on it, as the downloads carry it."""
    actors = [organisation(1, "public", {10}, "Malmö stad"), organisation(2, "civil", {10}, 'Förening "Gården" & co'),
              organisation(3, "academic", set(), "<Lunds universitet>"), organisation(4, "private", set(), "Isolat AB")]
    attendances = meeting(1, [1, 2, 3], on=date(2025, 1, 5)) + meeting(2, [1, 2], on=date(2025, 2, 5))
    declared = [DeclaredRelationship(1, 3, "funding")]
    graph = build_network(actors, attendances, relationships=declared)
    return flat_graph(annotate(graph, figures(graph)))


def _awkward() -> nx.Graph:
    """Text that XML must escape, every attribute type, an attribute some nodes lack, a bare node and tie."""
    graph = nx.Graph(note='a "quoted" <note> & more\nover two lines', density=0.5, estimated=True, ties=1)
    graph.add_node(1, label='A & B "C"\ttab <d>', sector="civil", degree=2, strength=2.5, broker=True)
    graph.add_node(2, label="Åsa, Östra", sector="public", degree=1, strength=1.25)
    graph.add_node("x", label="no figures")
    graph.add_node(3)
    graph.add_edge(1, 2, weight=2, shared_meetings=2, declared_kinds='["funding"]')
    graph.add_edge(1, "x", weight=1, shared_meetings=0, declared_kinds="[]")
    graph.add_edge(2, 3)
    return graph


GRAPHS = {
    "star": lambda: nx.star_graph(4),
    "path": lambda: nx.path_graph(5),
    "two triangles and a bridge": lambda: nx.Graph([(1, 2), (2, 3), (1, 3), (3, 4), (4, 5), (5, 6), (4, 6)]),
    "empty": nx.Graph,
    "karate club": nx.karate_club_graph,
    "les miserables": nx.les_miserables_graph,
    "coalition with figures": _coalition,
    "awkward attributes": _awkward,
}


@pytest.mark.parametrize("name", GRAPHS)
def test_graphml_is_networkx_graphml(name):
    graph = GRAPHS[name]()
    assert _canonical(_ours(write_graphml, graph)) == _canonical(_networkx_graphml(graph))


@pytest.mark.parametrize("name", GRAPHS)
def test_gexf_is_networkx_gexf(name):
    graph = GRAPHS[name]()
    assert _canonical(_ours(write_gexf, graph)) == _canonical(_networkx_gexf(graph))


def test_both_read_back_with_every_actor_tie_and_value():
    graph = _coalition()
    for document, read in ((_ours(write_graphml, graph), nx.read_graphml), (_ours(write_gexf, graph), nx.read_gexf)):
        back = read(io.BytesIO(document), node_type=int)
        assert set(back.nodes) == {1, 2, 3, 4}
        assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in graph.edges}
        assert back.nodes[2]["label"] == 'Förening "Gården" & co'
        assert back.nodes[3]["label"] == "<Lunds universitet>"
        for node, data in graph.nodes(data=True):
            assert back.nodes[node]["pagerank"] == pytest.approx(data["pagerank"])
        for u, v, weight in graph.edges(data="weight"):
            assert back.edges[u, v]["weight"] == pytest.approx(weight)


def test_gexf_declares_an_attribute_holding_ints_and_floats_as_double_so_gephi_can_read_it():
    """networkx's GEXF writer types an attribute by its first value: "long", then 2.5 fails to read back."""
    graph = nx.Graph()
    graph.add_node(1, strength=2)
    graph.add_node(2, strength=2.5)
    graph.add_edge(1, 2)
    with pytest.raises(ValueError):
        nx.read_gexf(io.BytesIO(_networkx_gexf(graph)), node_type=int)
    back = nx.read_gexf(io.BytesIO(_ours(write_gexf, graph)), node_type=int)
    assert back.nodes[1]["strength"] == 2.0 and back.nodes[2]["strength"] == 2.5


def test_what_the_formats_cannot_hold_is_refused_rather_than_written_wrongly():
    with pytest.raises(ValueError, match="undirected"):
        write_graphml(nx.DiGraph([(1, 2)]), io.BytesIO())
    with pytest.raises(TypeError, match="list"):
        write_graphml(nx.Graph([(1, 2, {"kinds": ["funding"]})]), io.BytesIO())
    with pytest.raises(ValueError, match="start"):
        write_gexf(nx.Graph([(1, 2, {"start": 2020})]), io.BytesIO())


def test_a_label_holding_characters_xml_cannot_hold_is_written_without_them():
    graph = nx.Graph()
    graph.add_node(1, label="Backens\x07 IF\x1b[0m", sector="civil\ufffe")
    graph.add_node("x\x0by", label="Tab\tand\nline stay")
    graph.add_edge(1, "x\x0by", weight=2, declared_kinds="funding\x00")
    for write, read in ((write_graphml, nx.read_graphml), (write_gexf, nx.read_gexf)):
        back = read(io.BytesIO(_ours(write, graph)))
        assert back.nodes["1"]["label"] == "Backens IF[0m"
        assert "xy" in back.nodes
        assert back.edges["1", "xy"]["weight"] == 2
