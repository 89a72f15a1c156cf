"""Write a computed network as the files it is downloaded as: CSV of actors and ties, JSON, GraphML, GEXF.

The same writers serve a filtered network computed on request and the whole programme's
files the background job stores gzip-compressed. GraphML and GEXF come from
``network.xml_files`` (a stream; networkx's own writers took 80 s at design scale).
"""
import gzip
import io
import json
from collections.abc import Iterator
from functools import cached_property
from typing import BinaryIO

from ..exports import csv_text
from ..network import annotate, flat_graph, node_link, node_rows, tie_rows, write_gexf, write_graphml

__all__ = ["FORMATS", "file_bytes", "gzipped_files"]


class _Sources:
    """The computed network as the files need it, each form made once and only when asked for."""

    def __init__(self, computed):
        self.computed = computed

    @cached_property
    def annotated(self):
        return annotate(self.computed.graph, self.computed.figures)

    @cached_property
    def flat(self):  # GraphML and GEXF share one copy with scalar attributes (seconds at design scale)
        return flat_graph(self.annotated)


def _csv(rows: list[list], out: BinaryIO) -> None:
    out.write(csv_text(rows[0], rows[1:]).encode("utf-8"))


def _json(sources: _Sources, out: BinaryIO) -> None:
    data = node_link(sources.annotated)
    data["graph"]["computed_at"] = sources.computed.computed_at.isoformat(timespec="seconds")
    out.write(json.dumps(data, ensure_ascii=False).encode("utf-8"))


# format -> write(sources, binary stream); the quick ones first: the job stores them first.
FORMATS = {
    "nodes.csv": lambda sources, out: _csv(node_rows(sources.annotated), out),
    "ties.csv": lambda sources, out: _csv(tie_rows(sources.annotated), out),
    "json": _json,
    "graphml": lambda sources, out: write_graphml(sources.flat, out),
    "gexf": lambda sources, out: write_gexf(sources.flat, out),
}


def file_bytes(computed, fmt: str) -> bytes:
    """Return one file of a computed network (``fmt`` is a key of ``FORMATS``)."""
    buffer = io.BytesIO()
    FORMATS[fmt](_Sources(computed), buffer)
    return buffer.getvalue()


def gzipped_files(computed) -> Iterator[tuple[str, bytes]]:
    """Yield (format, gzip-compressed file) for every format, each written as it is compressed."""
    sources = _Sources(computed)
    for fmt, write in FORMATS.items():
        buffer = io.BytesIO()
        with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=6, mtime=0) as packed:
            write(sources, packed)
        yield fmt, buffer.getvalue()
