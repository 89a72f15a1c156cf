"""Accounts: creating users, checking passwords, ending sessions."""
from functools import cache

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..errors import DomainError
from ..i18n import lazy_gettext as _l
from ..models import Role, User
from ..models.base import utcnow
from . import passwords

MIN_PASSWORD_LENGTH = passwords.MIN_PASSWORD_LENGTH


@cache
def _dummy_hash() -> str:
    # Verifying against this keeps a login for an unknown e-mail as slow as one for a known
    # e-mail, so timing does not tell which part was wrong.
    return passwords.hash_password("not a real password, only for timing")


def hash_password(password: str, *, email: str = "", name: str = "") -> str:
    """Return an argon2id hash of the password, after checking it is long and uncommon enough."""
    passwords.check_password(password, email=email, name=name)
    return passwords.hash_password(password)


def create_user(session: Session, email: str, password: str, role: Role, name: str = "") -> User:
    """Add a user account; e-mail addresses are unique regardless of case."""
    email = email.strip().lower()
    if session.scalar(select(User).where(User.email == email)):
        raise DomainError(_l("There is already an account for this e-mail address."), field="email")
    user = User(email=email, name=name.strip(), role=role,
                password_hash=hash_password(password, email=email, name=name.strip()))
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """Return the active user with this e-mail and password, or None, whichever part was wrong."""
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    stored = user.password_hash if user else _dummy_hash()
    if not passwords.verify_password(stored, password):
        return None
    if user is None or not user.active:
        return None
    if passwords.needs_rehash(user.password_hash):  # an older or weaker hash: replace it now we know the password
        user.password_hash = passwords.hash_password(password)
    # Not a change of the account: written past the version check, so that two logins at once
    # (two tabs, a shared office laptop) do not refuse each other as conflicting edits.
    session.execute(update(User).where(User.id == user.id).values(last_login_at=utcnow()))
    return user


def account_id(session: Session, email: str) -> int | None:
    """Return the id of the account with this e-mail, if there is one."""
    return session.scalar(select(User.id).where(User.email == email.strip().lower()))


def change_password(user: User, new_password: str) -> None:
    """Set a new password and end every session the user had."""
    user.password_hash = hash_password(new_password, email=user.email, name=user.name)
    end_all_sessions(user)


def end_all_sessions(user: User) -> None:
    """Make every session cookie issued to the user so far useless."""
    user.session_generation += 1


def update_user(user: User, *, name: str, role: Role, active: bool, acting_user: User) -> None:
    """Change a user's name, role or access; an admin cannot lock themselves out."""
    if user.id == acting_user.id and (role != Role.ADMIN or not active):
        raise DomainError(_l("You cannot remove your own admin role or deactivate yourself."), field="role")
    if not active and user.active:
        end_all_sessions(user)
        # A calendar app must not start reading again if the account is ever reactivated.
        user.calendar_feed_token_hash = None
    user.name = name.strip()
    user.role = role
    user.active = active
