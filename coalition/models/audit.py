"""The audit trail: who changed what, when."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import db
from .accounts import User
from .base import utcnow


class AuditRecord(db.Model):
    __tablename__ = "audit_records"
    __table_args__ = (
        sa.CheckConstraint("action IN ('insert', 'update', 'delete')", name="known_action"),
        sa.Index("ix_audit_records_entity", "entity", "entity_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # Where the change came from when no user made it: "cli", "seed", "import".
    origin: Mapped[str] = mapped_column(sa.String(40), default="web")
    action: Mapped[str] = mapped_column(sa.String(10))
    entity: Mapped[str] = mapped_column(sa.String(60))
    entity_id: Mapped[str] = mapped_column(sa.String(60))
    # {field: [before, after]}; for inserts before is null, for deletes after is null.
    changes: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    user: Mapped[User | None] = relationship()
