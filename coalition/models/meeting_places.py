"""Meeting places in the neighbourhoods, physical or digital, and the stages they go through."""
import enum
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from ..db import db
from ..text import match_key, tidy
from .actors import Organisation
from .base import Archivable, Timestamped, Versioned, enum_column
from .places import Neighbourhood


class PlaceStage(enum.StrEnum):
    """Where a meeting place stands, in the order a place usually goes through them."""

    IDEA = "idea"
    DESIGN = "design"
    BEING_BUILT = "being_built"
    OPEN = "open"
    CLOSED = "closed"


meeting_place_owners = sa.Table(
    "meeting_place_owners",
    db.metadata,
    sa.Column("place_id", sa.ForeignKey("meeting_places.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("organisation_id", sa.ForeignKey("organisations.id"), primary_key=True, index=True),
)

meeting_place_funders = sa.Table(
    "meeting_place_funders",
    db.metadata,
    sa.Column("place_id", sa.ForeignKey("meeting_places.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("organisation_id", sa.ForeignKey("organisations.id"), primary_key=True, index=True),
)


class MeetingPlace(Archivable, Versioned, Timestamped, db.Model):
    """A place where residents and actors meet: a room, a square, a web forum."""

    __tablename__ = "meeting_places"
    __table_args__ = (
        sa.CheckConstraint("NOT digital OR web_address != ''", name="digital_has_web_address"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    name_key: Mapped[str] = mapped_column(sa.String(200), index=True)
    digital: Mapped[bool] = mapped_column(default=False)
    address: Mapped[str] = mapped_column(sa.String(300), default="")
    web_address: Mapped[str] = mapped_column(sa.String(300), default="")
    neighbourhood_id: Mapped[int | None] = mapped_column(sa.ForeignKey("neighbourhoods.id"), index=True)
    run_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    stage: Mapped[PlaceStage] = mapped_column(enum_column(PlaceStage), default=PlaceStage.IDEA)
    opened_on: Mapped[date | None]
    description: Mapped[str] = mapped_column(sa.Text, default="")

    neighbourhood: Mapped[Neighbourhood | None] = relationship()
    run_by: Mapped[Organisation | None] = relationship()
    owners: Mapped[list[Organisation]] = relationship(secondary=meeting_place_owners, order_by=Organisation.name)
    funders: Mapped[list[Organisation]] = relationship(secondary=meeting_place_funders, order_by=Organisation.name)
    stage_changes: Mapped[list["PlaceStageChange"]] = relationship(
        back_populates="place", order_by="PlaceStageChange.changed_on.desc()", cascade="all, delete-orphan"
    )

    @validates("name")
    def _keep_name_key(self, _key, value: str) -> str:
        value = tidy(value)
        self.name_key = match_key(value)
        return value

    def __repr__(self) -> str:
        return f"<MeetingPlace {self.id} {self.name!r}>"


class PlaceStageChange(db.Model):
    """A meeting place reaching a stage on a date, with why: its history."""

    __tablename__ = "place_stage_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    place_id: Mapped[int] = mapped_column(sa.ForeignKey("meeting_places.id", ondelete="CASCADE"), index=True)
    stage: Mapped[PlaceStage] = mapped_column(enum_column(PlaceStage))
    changed_on: Mapped[date]
    changed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(sa.Text, default="")

    place: Mapped[MeetingPlace] = relationship(back_populates="stage_changes")
