"""Contacts with an actor outside meetings: a call, an e-mail, a visit, a note."""
import enum
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import db
from .actors import Organisation, Person
from .base import Timestamped, Versioned, enum_column


class InteractionKind(enum.StrEnum):
    CALL = "call"
    EMAIL = "email"
    VISIT = "visit"
    NOTE = "note"


class Interaction(Versioned, Timestamped, db.Model):
    """Staff in touch with an organisation, and perhaps one of its people, on a day.

    Marked as joint work, it ties the organisation to the organisation the person worked for
    that day in the collaboration network (``coalition/collaboration/rows.py``).
    """

    __tablename__ = "interactions"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("persons.id", ondelete="SET NULL"), index=True)
    kind: Mapped[InteractionKind] = mapped_column(enum_column(InteractionKind))
    happened_on: Mapped[date] = mapped_column(index=True)
    text: Mapped[str] = mapped_column(sa.Text, default="")
    joint_work: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    organisation: Mapped[Organisation] = relationship()
    person: Mapped[Person | None] = relationship()

    def __repr__(self) -> str:
        return f"<Interaction {self.id}>"
