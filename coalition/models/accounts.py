"""Users of Coalition and their roles."""
import enum
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, validates

from ..db import db
from .base import Timestamped, Versioned, enum_column


class Role(enum.StrEnum):
    ADMIN = "admin"
    STAFF = "staff"
    VIEWER = "viewer"


class User(UserMixin, Versioned, Timestamped, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role))
    active: Mapped[bool] = mapped_column(default=True)
    # Bumped at logout and password change: it is part of the session's user id, so every
    # session cookie issued before the bump stops matching.
    session_generation: Mapped[int] = mapped_column(default=1)
    last_login_at: Mapped[datetime | None]
    # SHA-256 of the secret in the user's calendar-feed address, never the secret itself, so a
    # copy of the database does not give away anyone's feed. None: no feed address.
    calendar_feed_token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)

    @validates("email")
    def _lowercase_email(self, _key, value: str) -> str:
        return value.strip().lower()

    def get_id(self) -> str:
        return f"{self.id}:{self.session_generation}"

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def can_edit(self) -> bool:
        return self.role in (Role.ADMIN, Role.STAFF)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN
