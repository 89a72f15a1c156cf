"""GraphML and GEXF written as a stream of text: the documents networkx's writers make, faster.

networkx's ``write_graphml`` and ``write_gexf`` first build an ElementTree of the whole
document, then indent and serialise it. The whole programme at design scale has 5,000 actors
and about 580,000 ties with six attributes each, some four million elements: 35 to 45 s per
format, most of the background job's time. These writers emit each element as text as they
go and take a few seconds.

They write the subset of those formats Coalition's graphs use (an undirected simple graph
whose attributes are str, int, float or bool: ``export.flat_graph`` makes them so) in networkx's
own layout, key ids and types, so networkx, Gephi and yEd read them as before:
``tests/network/test_xml_files.py`` checks the canonical XML equals networkx's. One
difference: an attribute's type is inferred from all its values, as networkx's GraphML
writer does with ``infer_numeric_types``, where networkx's GEXF writer takes the first value's
type (and then writes "2.5" as a ``long`` if an int came first).
"""
import math
import re
import time
from collections.abc import Iterable, Iterator
from typing import BinaryIO
from xml.sax.saxutils import escape

import networkx as nx

__all__ = ["write_gexf", "write_graphml"]

GRAPHML_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
    ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
GEXF_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
)
# The XML type names both of networkx's writers give Python's types.
XML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
# Attribute names GEXF keeps in the element itself (a node's label, a tie's weight) or that
# networkx's GEXF writer gives a meaning these writers do not implement.
GEXF_NODE_RESERVED = frozenset({"id", "pid", "start", "end", "viz", "parents", "spells", "slices"})
GEXF_EDGE_RESERVED = frozenset({"id", "label", "type", "start", "end", "viz", "spells", "slices"})
# Lines gathered before each write: few large writes, as a gzip stream wants.
BATCH = 20_000
_ATTRIBUTE_ENTITIES = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#09;"}
# What XML 1.0 cannot hold, even as a character reference: controls but tab and line breaks,
# lone surrogates, U+FFFE and U+FFFF. One in a name would make the whole file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _attribute(value) -> str:
    """``value`` as the text of an XML attribute, quoted."""
    return escape(_NOT_XML.sub("", value), _ATTRIBUTE_ENTITIES) if isinstance(value, str) else str(value)


def _text(value) -> str:
    return escape(_NOT_XML.sub("", value)) if isinstance(value, str) else str(value)


def _general_type(types: set[type]) -> type:
    """The type all of one attribute's values are written as: str over float over int (networkx's rule)."""
    if len(types) == 1:
        return next(iter(types))
    if str in types:
        return str
    return float if float in types else int


def _attribute_types(items: Iterable[dict], reserved: frozenset = frozenset()) -> dict[str, type]:
    """Each attribute name in ``items``, in the order first met, with the type its values are written as."""
    found: dict[str, set[type]] = {}
    for data in items:
        for name, value in data.items():
            if name in reserved:
                raise ValueError(f"the attribute {name!r} is not written by this writer")
            kind = type(value)
            if kind not in XML_TYPES:
                raise TypeError(f"attribute {name!r} holds a {kind.__name__}: only str, int, float and bool are written")
            found.setdefault(name, set()).add(kind)
    return {name: _general_type(types) for name, types in found.items()}


def _check(graph: nx.Graph) -> None:
    if graph.is_directed() or graph.is_multigraph():
        raise ValueError("only undirected simple graphs are written")


def _batched(lines: Iterator[str], stream: BinaryIO) -> None:
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= BATCH:
            stream.write("".join(batch).encode("utf-8"))
            batch.clear()
    stream.write("".join(batch).encode("utf-8"))


def write_graphml(graph: nx.Graph, stream: BinaryIO) -> None:
    """Write ``graph`` to the binary ``stream`` as networkx's ``write_graphml(infer_numeric_types=True)`` would.

    >>> import io; graph = nx.Graph(); graph.add_edge(1, 2, weight=2)
    >>> buffer = io.BytesIO(); write_graphml(graph, buffer)
    >>> nx.read_graphml(io.BytesIO(buffer.getvalue()), node_type=int).edges[1, 2]["weight"]
    2
    """
    _check(graph)
    _batched(_graphml_lines(graph), stream)


def _graphml_lines(graph: nx.Graph) -> Iterator[str]:
    scopes = (
        ("graph", _attribute_types([graph.graph])),
        ("node", _attribute_types(data for _, data in graph.nodes(data=True))),
        ("edge", _attribute_types(data for _, _, data in graph.edges(data=True))),
    )
    # networkx numbers the keys in the order first met (graph, nodes, ties) and lists them last first.
    keys = [(scope, name, kind) for scope, types in scopes for name, kind in types.items()]
    key_id = {(scope, name): f"d{number}" for number, (scope, name, _) in enumerate(keys)}
    yield GRAPHML_HEAD
    for number, (scope, name, kind) in reversed(list(enumerate(keys))):
        yield (f'  <key id="d{number}" for="{scope}" attr.name={_quoted(name)} '
               f'attr.type="{XML_TYPES[kind]}" />\n')
    yield '  <graph edgedefault="undirected">\n'

    def data_lines(scope: str, data: dict, indent: str) -> Iterator[str]:
        for name, value in data.items():
            yield f'{indent}<data key="{key_id[scope, name]}">{_text(value)}</data>\n'

    for node, data in graph.nodes(data=True):
        if data:
            yield f"    <node id={_quoted(str(node))}>\n"
            yield from data_lines("node", data, "      ")
            yield "    </node>\n"
        else:
            yield f"    <node id={_quoted(str(node))} />\n"
    for first, second, data in graph.edges(data=True):
        ends = f"source={_quoted(str(first))} target={_quoted(str(second))}"
        if data:
            yield f"    <edge {ends}>\n"
            yield from data_lines("edge", data, "      ")
            yield "    </edge>\n"
        else:
            yield f"    <edge {ends} />\n"
    yield from data_lines("graph", graph.graph, "    ")
    yield "  </graph>\n</graphml>\n"


def _quoted(value: str) -> str:
    return f'"{_attribute(value)}"'


def write_gexf(graph: nx.Graph, stream: BinaryIO, *, creator: str = "Coalition") -> None:
    """Write ``graph`` to the binary ``stream`` as GEXF 1.2, as networkx's ``write_gexf`` would.

    A node's ``label`` and a tie's ``weight`` go into the element; graph attributes other than
    ``mode`` and ``name`` have no place in GEXF and are left out, as networkx does.

    >>> import io; graph = nx.Graph(); graph.add_node(1, label="A"); graph.add_edge(1, 2, weight=2)
    >>> buffer = io.BytesIO(); write_gexf(graph, buffer)
    >>> read = nx.read_gexf(io.BytesIO(buffer.getvalue()), node_type=int)
    >>> read.nodes[1]["label"], read.edges[1, 2]["weight"]
    ('A', 2.0)
    """
    _check(graph)
    _batched(_gexf_lines(graph, creator), stream)


def _gexf_value(value) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("INF" if value > 0 else "-INF")
    return _attribute(value)


def _gexf_lines(graph: nx.Graph, creator: str) -> Iterator[str]:
    node_types = _attribute_types((data for _, data in graph.nodes(data=True)), GEXF_NODE_RESERVED)
    node_types.pop("label", None)
    edge_types = _attribute_types((data for _, _, data in graph.edges(data=True)), GEXF_EDGE_RESERVED)
    edge_types.pop("weight", None)
    # One numbering for both classes, nodes' first; networkx puts the class made last first.
    numbered = [("node", name, kind) for name, kind in node_types.items()]
    numbered += [("edge", name, kind) for name, kind in edge_types.items()]
    attribute_id = {(cls, name): str(number) for number, (cls, name, _) in enumerate(numbered)}
    mode = "dynamic" if graph.graph.get("mode") == "dynamic" else "static"
    yield GEXF_HEAD
    yield f'  <meta lastmodifieddate="{time.strftime("%Y-%m-%d")}">\n    <creator>{_text(creator)}</creator>\n  </meta>\n'
    yield (f'  <graph defaultedgetype="undirected" mode="{mode}" '
           f'name={_quoted(str(graph.graph.get("name", "")))}>\n')
    for cls in ("edge", "node"):
        declared = [(number, name, kind) for number, (c, name, kind) in enumerate(numbered) if c == cls]
        if declared:
            yield f'    <attributes mode="static" class="{cls}">\n'
            for number, name, kind in declared:
                yield f'      <attribute id="{number}" title={_quoted(name)} type="{XML_TYPES[kind]}" />\n'
            yield "    </attributes>\n"

    def attvalues(cls: str, data: dict, skip: str) -> Iterator[str]:
        values = [(name, value) for name, value in data.items() if name != skip]
        if values:
            yield "        <attvalues>\n"
            for name, value in values:
                yield f'          <attvalue for="{attribute_id[cls, name]}" value="{_gexf_value(value)}" />\n'
            yield "        </attvalues>\n"

    yield "    <nodes>\n"
    for node, data in graph.nodes(data=True):
        opening = f"      <node id={_quoted(str(node))} label={_quoted(str(data.get('label', node)))}"
        lines = list(attvalues("node", data, "label"))
        yield from ((f"{opening}>\n", *lines, "      </node>\n") if lines else (f"{opening} />\n",))
    yield "    </nodes>\n    <edges>\n"
    for number, (first, second, data) in enumerate(graph.edges(data=True)):
        opening = f"      <edge source={_quoted(str(first))} target={_quoted(str(second))} id=\"{number}\""
        if "weight" in data:
            opening += f' weight="{_attribute(data["weight"])}"'
        lines = list(attvalues("edge", data, "weight"))
        yield from ((f"{opening}>\n", *lines, "      </edge>\n") if lines else (f"{opening} />\n",))
    yield "    </edges>\n  </graph>\n</gexf>\n"
