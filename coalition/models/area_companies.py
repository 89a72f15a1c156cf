"""Area companies (områdesföretag): the neighbourhoods they serve and the local jobs they report."""
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import db
from .actors import Organisation
from .base import ExactDecimal, Timestamped, Versioned
from .places import Neighbourhood


class LocalJobs(Versioned, Timestamped, db.Model):
    """The jobs an area company reports for one neighbourhood and quarter: numbers, never names."""

    __tablename__ = "local_jobs"
    __table_args__ = (
        sa.UniqueConstraint("organisation_id", "neighbourhood_id", "year", "quarter"),
        sa.CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter_1_to_4"),
        sa.CheckConstraint("positions >= 0", name="positions_not_negative"),
        sa.CheckConstraint("resident_positions >= 0 AND resident_positions <= positions",
                           name="residents_within_positions"),
        sa.CheckConstraint("full_time_equivalents >= 0", name="fte_not_negative"),
        sa.Index("ix_local_jobs_neighbourhood_id_year_quarter", "neighbourhood_id", "year", "quarter"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"))
    neighbourhood_id: Mapped[int] = mapped_column(sa.ForeignKey("neighbourhoods.id"))
    year: Mapped[int]
    quarter: Mapped[int]
    positions: Mapped[int]
    full_time_equivalents: Mapped[Decimal] = mapped_column(ExactDecimal)
    resident_positions: Mapped[int] = mapped_column(default=0)

    organisation: Mapped[Organisation] = relationship()
    neighbourhood: Mapped[Neighbourhood] = relationship()

    @property
    def label(self) -> str:
        return f"{self.year} Q{self.quarter}"
