"""Indicators of social effect, their targets and measurements per neighbourhood."""
import enum
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import db
from .base import ExactDecimal, Timestamped, Versioned, enum_column
from .places import Neighbourhood


class Direction(enum.StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"


class Kpi(Versioned, Timestamped, db.Model):
    __tablename__ = "kpis"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    unit: Mapped[str] = mapped_column(sa.String(40))
    direction: Mapped[Direction] = mapped_column(enum_column(Direction))
    source: Mapped[str] = mapped_column(sa.String(300), default="")

    targets: Mapped[list["KpiTarget"]] = relationship(back_populates="kpi", cascade="all, delete-orphan")


class KpiTarget(Versioned, Timestamped, db.Model):
    """Where a neighbourhood started on a KPI and where it aims to be."""

    __tablename__ = "kpi_targets"
    __table_args__ = (sa.UniqueConstraint("kpi_id", "neighbourhood_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kpi_id: Mapped[int] = mapped_column(sa.ForeignKey("kpis.id", ondelete="CASCADE"))
    neighbourhood_id: Mapped[int] = mapped_column(sa.ForeignKey("neighbourhoods.id", ondelete="CASCADE"), index=True)
    baseline_value: Mapped[Decimal] = mapped_column(ExactDecimal)
    baseline_on: Mapped[date]
    target_value: Mapped[Decimal] = mapped_column(ExactDecimal)
    target_on: Mapped[date]

    kpi: Mapped[Kpi] = relationship(back_populates="targets")
    neighbourhood: Mapped[Neighbourhood] = relationship()


class KpiMeasurement(Versioned, Timestamped, db.Model):
    __tablename__ = "kpi_measurements"
    __table_args__ = (sa.UniqueConstraint("kpi_id", "neighbourhood_id", "measured_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kpi_id: Mapped[int] = mapped_column(sa.ForeignKey("kpis.id", ondelete="CASCADE"))
    neighbourhood_id: Mapped[int] = mapped_column(sa.ForeignKey("neighbourhoods.id", ondelete="CASCADE"), index=True)
    measured_on: Mapped[date]
    value: Mapped[Decimal] = mapped_column(ExactDecimal)
    source: Mapped[str] = mapped_column(sa.String(300), default="")

    kpi: Mapped[Kpi] = relationship()
    neighbourhood: Mapped[Neighbourhood] = relationship()
