"""The graph as files: node-link JSON, GraphML and GEXF (for Gephi), and CSV rows.

Call them on ``figures.annotate(graph, result)`` to carry the figures along.
"""
import enum
import io
import json
import math
from datetime import date, datetime

import networkx as nx
import numpy as np

from .meanings import ACTOR_FIGURES
from .xml_files import write_gexf, write_graphml

__all__ = ["flat_graph", "json_safe", "node_link", "graphml_bytes", "gexf_bytes", "node_rows", "tie_rows"]

TIE_COLUMNS = ("weight", "shared_meetings", "joint_commitments", "joint_initiatives", "joint_interactions", "declared",
               "declared_kinds")


def json_safe(value):
    """Return ``value`` with only JSON types: NaN/inf -> None, sets/tuples -> lists, numpy -> Python.

    >>> json_safe({"a": (1, float("nan")), "b": frozenset({2}), 3: np.float64(0.5)})
    {'a': [1, None], 'b': [2], '3': 0.5}
    """
    kind = type(value)  # the common cases first: millions of values at design scale
    if kind is str or kind is int or value is None:
        return value
    if kind is float:
        return value if math.isfinite(value) else None
    if isinstance(value, enum.Enum):
        return json_safe(value.value)
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return [json_safe(v) for v in sorted(value, key=repr)]
    if isinstance(value, list | tuple | np.ndarray):
        return [json_safe(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def node_link(graph: nx.Graph) -> dict:
    """Return networkx node-link data, ties under ``"links"``, ready for ``json.dumps``.

    Read it back with ``nx.node_link_graph(data, edges="links")``.

    >>> graph = nx.Graph(ei_index=float("nan")); graph.add_edge(1, 2, weight=2)
    >>> node_link(graph)["links"], node_link(graph)["graph"]
    ([{'weight': 2, 'source': 1, 'target': 2}], {'ei_index': None})
    """
    return json_safe(nx.node_link_data(graph, edges="links"))


def _scalar(value):
    """A value GraphML and GEXF accept, or None to leave the attribute out."""
    value = json_safe(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def flat_graph(graph: nx.Graph) -> nx.Graph:
    """A copy whose attributes are all str, int, float or bool, as GraphML and GEXF hold; missing values left out."""
    def clean(attributes: dict) -> dict:
        cleaned = {}
        for key, value in attributes.items():
            kind = type(value)
            if kind is not int and kind is not str:  # most values are; the rest need converting
                value = _scalar(value)
                if value is None:
                    continue
            cleaned[key] = value
        return cleaned

    flat = nx.Graph(**clean(graph.graph))
    flat.add_nodes_from((n, clean(d)) for n, d in graph.nodes(data=True))
    flat.add_edges_from((u, v, clean(d)) for u, v, d in graph.edges(data=True))
    return flat


def graphml_bytes(graph: nx.Graph) -> bytes:
    """Return the graph as GraphML; lists and matrices become JSON text, missing values are left out.

    >>> graph = nx.Graph(); graph.add_edge(1, 2, weight=2)
    >>> nx.read_graphml(io.BytesIO(graphml_bytes(graph)), node_type=int).edges[1, 2]["weight"]
    2
    """
    buffer = io.BytesIO()
    write_graphml(flat_graph(graph), buffer)
    return buffer.getvalue()


def gexf_bytes(graph: nx.Graph) -> bytes:
    """Return the graph as GEXF 1.2 for Gephi; node ``label`` becomes the GEXF label.

    GEXF has no place for arbitrary graph attributes: the figures of the whole graph are left out.

    >>> graph = nx.Graph(); graph.add_edge(1, 2, weight=2)
    >>> nx.read_gexf(io.BytesIO(gexf_bytes(graph)), node_type=int).edges[1, 2]["weight"]
    2.0
    """
    buffer = io.BytesIO()
    write_gexf(flat_graph(graph), buffer)
    return buffer.getvalue()


def _cell(value):
    kind = type(value)  # the common cases first: millions of cells at design scale
    if kind is int or kind is str:
        return value
    value = json_safe(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def node_rows(graph: nx.Graph) -> list[list]:
    """Return a header and one row per actor: id, label, sector, then the figures present.

    >>> graph = nx.Graph(); graph.add_node(1, label="A", sector="civil", degree=0)
    >>> node_rows(graph)
    [['id', 'label', 'sector', 'degree'], [1, 'A', 'civil', 0]]
    """
    present = {key for _, data in graph.nodes(data=True) for key in data}
    columns = ["label", "sector"] + [f.key for f in ACTOR_FIGURES if f.key in present]
    rows = [["id", *columns]]
    rows += [[_cell(node), *(_cell(data.get(c)) for c in columns)] for node, data in graph.nodes(data=True)]
    return rows


def tie_rows(graph: nx.Graph) -> list[list]:
    """Return a header and one row per tie: both ends with their labels, then what makes up the tie.

    >>> graph = nx.Graph(); graph.add_edge(1, 2, weight=2, declared_kinds=("funding", "partnership"))
    >>> tie_rows(graph)[1]
    [1, 2, '', '', 2, '', '', '', '', '', 'funding;partnership']
    """
    label = graph.nodes
    rows = [["source", "target", "source_label", "target_label", *TIE_COLUMNS]]
    for u, v, data in graph.edges(data=True):
        rows.append([_cell(u), _cell(v), _cell(label[u].get("label")), _cell(label[v].get("label")),
                     *(_cell(data.get(c)) for c in TIE_COLUMNS)])
    return rows
