"""Keep the background job's results in ``network_results``: one row per computation, the newest shown.

Every web process reads the result from the database, so it does not matter which process
computed it. A row holds its parts apart, each read only when a page needs it:

- ``summary``: the actors with their attributes but **not the ties**, the figures, the drawing,
  suggested introductions, helix coverage and each actor's strongest partners (under 1 MB at
  design scale; the ties are 33 of the 33.4 MB and about a second to read back);
- ``graph_with_ties``: the whole graph, read only to open one community's drawing;
- ``quarters``: the quarter-by-quarter figures as JSON, which the dashboard reads alone;
- ``drawings``: each community's drawing for the map, with its activity by quarter, each
  pickled on its own inside the signed whole, so that opening one unpickles only that one;
- five downloads, gzip-compressed, written after the rest (about 35 s at design scale).

Pickles are signed with SECRET_KEY and unpickled only when the signature is ours.
"""

# The drawings inside a signed whole are pickled on their own (see put_result).
import pickle  # nosec B403
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime

import networkx as nx
import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..db import db
from ..models import NetworkResult
from ..network import QuarterFigures
from .cache import cached
from .computed import ComputedNetwork
from .signed import signed, unpickled

__all__ = ["DOWNLOAD_COLUMNS", "StoredDrawings", "StoredResult", "WholeNetwork", "forget_results_naming",
           "latest_result", "put_download", "put_result", "read_download", "read_drawings", "read_quarters",
           "read_summary", "read_with_ties"]

# Each download's column.
DOWNLOAD_COLUMNS = {"nodes.csv": "nodes_csv_gz", "ties.csv": "ties_csv_gz", "json": "node_link_json_gz",
                    "graphml": "graphml_gz", "gexf": "gexf_gz"}


@dataclass(frozen=True)
class StoredResult:
    """Which stored result, when it was computed, how long it took, from which data."""

    id: int
    computed_at: datetime
    seconds: float
    data_version: str


@dataclass(frozen=True)
class WholeNetwork:
    """What the pages show of the whole programme, as the job stored it (the ``summary`` part).

    ``computed.graph`` holds the actors without their ties; ``computed.drawn`` is the drawing.
    """

    computed: ComputedNetwork
    introductions: list
    coverage: list
    partners: dict  # actor -> its strongest partners, see ego.strongest_partners


def _table():
    return NetworkResult.__table__


def put_result(*, computed_at: datetime, seconds: float, data_version: str, whole: WholeNetwork,
               graph_with_ties: nx.Graph, quarters: list[QuarterFigures], drawings: dict | None = None) -> int:
    """Store a new result and drop the older ones, in one transaction of its own; return its id."""
    quarter_rows = [{**asdict(row), "starts_on": row.starts_on.isoformat(), "ends_on": row.ends_on.isoformat()}
                    for row in quarters]
    with db.engine.begin() as connection:
        result_id = connection.execute(sa.insert(_table()).values(
            computed_at=computed_at, seconds=seconds, data_version=data_version, summary=signed(whole),
            graph_with_ties=signed(graph_with_ties), quarters=quarter_rows,
            drawings=None if drawings is None else signed(
                {community: pickle.dumps(drawn, protocol=pickle.HIGHEST_PROTOCOL) for community, drawn in drawings.items()}),
        ).returning(_table().c.id)).scalar_one()
        connection.execute(sa.delete(_table()).where(_table().c.id != result_id))
    return result_id


def put_download(result_id: int, fmt: str, body: bytes) -> None:
    """Store one gzip-compressed download of a result, in a transaction of its own."""
    with db.engine.begin() as connection:
        connection.execute(sa.update(_table()).where(_table().c.id == result_id)
                           .values({DOWNLOAD_COLUMNS[fmt]: body}))


def latest_result(session: Session) -> StoredResult | None:
    """Return which result is the newest (one small query), None before the job's first run."""
    table = _table()
    row = session.execute(sa.select(table.c.id, table.c.computed_at, table.c.seconds, table.c.data_version)
                          .order_by(table.c.id.desc()).limit(1)).first()
    return None if row is None else StoredResult(*row)


def _key(part: str, result: StoredResult) -> tuple:
    # The time too: SQLite may give a later result the id of one deleted.
    return ("stored " + part, db.engine.url.render_as_string(), result.id, result.computed_at)


def _column(session: Session, result: StoredResult, column: str):
    return session.execute(sa.select(_table().c[column]).where(_table().c.id == result.id)).scalar()


def read_summary(session: Session, result: StoredResult) -> WholeNetwork | None:
    """Return the result without its ties, unpickled once per process (None if not ours or gone)."""
    return cached(_key("summary", result), lambda: unpickled(_column(session, result, "summary")))


def read_with_ties(session: Session, result: StoredResult) -> ComputedNetwork | None:
    """Return the result with its ties (for one community's drawing), read once per process."""
    def make() -> ComputedNetwork | None:
        whole = read_summary(session, result)
        graph = unpickled(_column(session, result, "graph_with_ties"))
        return None if whole is None or graph is None else replace(whole.computed, graph=graph)

    return cached(_key("graph with ties", result), make)


class StoredDrawings(Mapping):
    """Community -> (drawing, positions, activity) as the job drew them, each unpickled when first asked for."""

    def __init__(self, key: tuple, pickled: dict):
        self._key, self._pickled = key, pickled

    def __getitem__(self, community):
        pickled = self._pickled[community]  # a KeyError for a community the job did not draw
        if not isinstance(pickled, bytes):  # stored whole, before each was pickled on its own
            return pickled
        # Inside the whole that unpickled checked was signed by put_result with this SECRET_KEY.
        return cached(self._key + (community,), lambda: pickle.loads(pickled))  # nosec B301

    def __iter__(self):
        return iter(self._pickled)

    def __len__(self) -> int:
        return len(self._pickled)


def read_drawings(session: Session, result: StoredResult) -> StoredDrawings | None:
    """Return the communities' drawings as the job drew them, read once per process, each unpickled when opened.

    None for a result stored before the job drew them (or not ours).
    """
    key = _key("drawings", result)

    def make() -> StoredDrawings | None:
        pickled = unpickled(_column(session, result, "drawings"))
        return None if pickled is None else StoredDrawings(key, pickled)

    return cached(key, make)


def read_quarters(session: Session, result: StoredResult) -> list[QuarterFigures] | None:
    """Return the result's quarter-by-quarter figures from their small column, read once per process."""
    def make() -> list[QuarterFigures] | None:
        rows = _column(session, result, "quarters")
        if rows is None:
            return None
        return [QuarterFigures(**{**row, "starts_on": date.fromisoformat(row["starts_on"]),
                                  "ends_on": date.fromisoformat(row["ends_on"])}) for row in rows]

    return cached(_key("quarters", result), make)


def read_download(session: Session, result: StoredResult, fmt: str) -> bytes | None:
    """Return one gzip-compressed download of the result, None while it is still being written."""
    return _column(session, result, DOWNLOAD_COLUMNS[fmt]) if fmt in DOWNLOAD_COLUMNS else None


def forget_results_naming(session: Session, strings: list[str]) -> int:
    """Delete every stored result whose actors or ties hold one of the strings; return how many.

    Anonymisation calls this: the job computes the network again without the name, and the
    downloads (compressed, so not searchable) go with the rest of their row.
    """
    table = _table()
    needles = [s.encode() for s in strings]
    stored = session.execute(sa.select(table.c.id, table.c.summary, table.c.graph_with_ties, table.c.drawings))
    naming = [row.id for row in stored
              if any(needle in row.summary or needle in row.graph_with_ties or needle in (row.drawings or b"")
                     for needle in needles)]
    if naming:
        session.execute(sa.delete(table).where(table.c.id.in_(naming)))
    return len(naming)
