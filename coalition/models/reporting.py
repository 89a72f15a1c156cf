"""Rendered reports kept for reuse: the steering report's PDF costs seconds of CPU to make.

Written with Core statements, not the ORM, so that storing a rendering stays out of the audit
trail (whose newest id is part of what a rendering is keyed by).
"""
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..db import db


class StoredReport(db.Model):
    """The steering report's PDF for one period and language, as the data stood when it was made."""

    __tablename__ = "stored_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    # A hash of the period, language, day, data version and report layout (reporting/stored_pdf.py).
    key: Mapped[str] = mapped_column(sa.String(64), unique=True)
    period_from: Mapped[date]
    period_to: Mapped[date]
    language: Mapped[str] = mapped_column(sa.String(8))
    made_at: Mapped[datetime]
    seconds: Mapped[float] = mapped_column(sa.Float)  # how long the rendering took
    pdf: Mapped[bytes] = mapped_column(sa.LargeBinary)
