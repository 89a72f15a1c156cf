"""Meeting places in the neighbourhoods, physical or digital, and the stages they go through."""
import enum
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import db
from .actors import Organisation
from .base import Archivable, NotedChange, Timestamped, Versioned, enum_column, keeps_match_key
from .links import meeting_place_funders, meeting_place_owners
from .places import Neighbourhood


class PlaceStage(enum.StrEnum):
    """Where a meeting place stands, in the order a place usually goes through them."""

    IDEA = "idea"
    DESIGN = "design"
    BEING_BUILT = "being_built"
    OPEN = "open"
    CLOSED = "closed"


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

    _keep_name_key = keeps_match_key("name", tidied=True)

    def __repr__(self) -> str:
        return f"<MeetingPlace {self.id} {self.name!r}>"


class PlaceStageChange(NotedChange, db.Model):
    """A meeting place reaching a stage on a date, with why: its history."""

    __tablename__ = "place_stage_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    place_id: Mapped[int] = mapped_column(sa.ForeignKey("meeting_places.id", ondelete="CASCADE"), index=True)
    stage: Mapped[PlaceStage] = mapped_column(enum_column(PlaceStage))

    place: Mapped[MeetingPlace] = relationship(back_populates="stage_changes")
