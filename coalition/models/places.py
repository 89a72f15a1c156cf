"""Neighbourhoods the programme works in, and their programme stage over time."""
import enum
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from ..db import db
from ..text import match_key, tidy
from .base import Archivable, Timestamped, Versioned, enum_column


class Stage(enum.StrEnum):
    MAPPING = "mapping"
    MOBILISING = "mobilising"
    ACTING = "acting"
    SUSTAINED = "sustained"


organisation_neighbourhoods = sa.Table(
    "organisation_neighbourhoods",
    db.metadata,
    sa.Column("organisation_id", sa.ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("neighbourhood_id", sa.ForeignKey("neighbourhoods.id", ondelete="CASCADE"), primary_key=True, index=True),
)


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

    @validates("name")
    def _keep_name_key(self, _key, value: str) -> str:
        value = tidy(value)
        self.name_key = match_key(value)
        return value

    @validates("municipality")
    def _keep_municipality_key(self, _key, value: str) -> str:
        value = tidy(value)
        self.municipality_key = match_key(value)
        return value


class StageChange(db.Model):
    """A neighbourhood reaching a programme stage on a date: the history the steering group reads."""

    __tablename__ = "stage_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(sa.ForeignKey("neighbourhoods.id", ondelete="CASCADE"), index=True)
    stage: Mapped[Stage] = mapped_column(enum_column(Stage))
    changed_on: Mapped[date]
    changed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(sa.Text, default="")

    neighbourhood: Mapped[Neighbourhood] = relationship(back_populates="stage_changes")
