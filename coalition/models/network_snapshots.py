"""Figures of the whole-programme network, computed by a background job and read by every web process."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..db import db


class NetworkSnapshot(db.Model):
    """One named computation: its progress while it runs, then its result.

    Written with Core statements, not the ORM, so that derived figures stay out of the audit
    trail and a progress update commits at once, apart from any request's transaction.
    """

    __tablename__ = "network_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(40), unique=True)
    # idle, queued, running, failed; the result below stays readable while a new run works.
    status: Mapped[str] = mapped_column(sa.String(20), default="idle")
    step: Mapped[str] = mapped_column(sa.String(80), default="")
    fraction: Mapped[float] = mapped_column(sa.Float, default=0.0)
    started_at: Mapped[datetime | None]
    heartbeat_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(sa.Text)
    computed_at: Mapped[datetime | None]
    seconds: Mapped[float | None] = mapped_column(sa.Float)
    data_version: Mapped[str | None] = mapped_column(sa.Text)
    payload: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
