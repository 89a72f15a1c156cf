"""What the collaboration network keeps in the database: its change counter, its job, its stored results.

Written with Core statements, not the ORM, so that derived figures stay out of the audit trail
and a progress update commits at once, apart from any request's transaction.
"""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..db import db


class NetworkChangeCount(db.Model):
    """How many writes have touched the rows the network is built from (one row, id 1)."""

    __tablename__ = "network_change_counts"

    id: Mapped[int] = mapped_column(primary_key=True)
    changes: Mapped[int] = mapped_column(sa.BigInteger, default=0)


class NetworkJob(db.Model):
    """Where the background computation of one network stands ("whole": the whole programme)."""

    __tablename__ = "network_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(40), unique=True)
    # idle, queued, running, failed; the latest stored result stays readable while a new run works.
    status: Mapped[str] = mapped_column(sa.String(20), default="idle")
    step: Mapped[str] = mapped_column(sa.String(80), default="")
    progress: Mapped[float] = mapped_column(sa.Float, default=0.0)  # share of the run done, 0 to 1
    started_at: Mapped[datetime | None]
    heartbeat_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(sa.Text)


class NetworkResult(db.Model):
    """One stored computation of the whole programme's network; the newest is the one shown.

    ``summary`` (the actors without their ties, figures, drawing, suggestions, helix coverage
    and strongest partners) and ``graph_with_ties`` are pickles signed with SECRET_KEY;
    ``quarters`` is JSON; ``drawings`` (a signed pickle, None in results stored before it was
    added) holds each community's drawing for the map; the five downloads are gzip-compressed
    files, empty until written.
    """

    __tablename__ = "network_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    computed_at: Mapped[datetime]
    seconds: Mapped[float] = mapped_column(sa.Float)  # how long the figures took, downloads aside
    data_version: Mapped[str] = mapped_column(sa.Text)  # the change counter and largest ids it was computed from
    summary: Mapped[bytes] = mapped_column(sa.LargeBinary)
    graph_with_ties: Mapped[bytes] = mapped_column(sa.LargeBinary)
    quarters: Mapped[list] = mapped_column(sa.JSON)
    drawings: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    nodes_csv_gz: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    ties_csv_gz: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    node_link_json_gz: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    graphml_gz: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    gexf_gz: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
