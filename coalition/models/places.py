"""Neighbourhoods the programme works in, and their programme stage over time."""
import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import db
from .base import Archivable, NotedChange, Timestamped, Versioned, enum_column, keeps_match_key
from .links import organisation_neighbourhoods


class Stage(enum.StrEnum):
    MAPPING = "mapping"
    MOBILISING = "mobilising"
    ACTING = "acting"
    SUSTAINED = "sustained"


class Neighbourhood(Archivable, Versioned, Timestamped, db.Model):
    __tablename__ = "neighbourhoods"
    __table_args__ = (sa.UniqueConstraint("name_key", "municipality_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    name_key: Mapped[str] = mapped_column(sa.String(200), index=True)
    municipality: Mapped[str] = mapped_column(sa.String(200))
    municipality_key: Mapped[str] = mapped_column(sa.String(200))
    stage: Mapped[Stage] = mapped_column(enum_column(Stage), default=Stage.MAPPING)
    population: Mapped[int | None] = mapped_column(sa.CheckConstraint("population >= 0", name="population_not_negative"))
    description: Mapped[str] = mapped_column(sa.Text, default="")

    organisations = relationship(
        "Organisation", secondary=organisation_neighbourhoods, back_populates="neighbourhoods",
        order_by="Organisation.name",
    )
    stage_changes: Mapped[list["StageChange"]] = relationship(
        back_populates="neighbourhood", order_by="StageChange.changed_on.desc()", cascade="all, delete-orphan"
    )

    _keep_name_key = keeps_match_key("name", tidied=True)

    _keep_municipality_key = keeps_match_key("municipality", tidied=True)


class StageChange(NotedChange, db.Model):
    """A neighbourhood reaching a programme stage on a date: the history the steering group reads."""

    __tablename__ = "stage_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(sa.ForeignKey("neighbourhoods.id", ondelete="CASCADE"), index=True)
    stage: Mapped[Stage] = mapped_column(enum_column(Stage))

    neighbourhood: Mapped[Neighbourhood] = relationship(back_populates="stage_changes")
