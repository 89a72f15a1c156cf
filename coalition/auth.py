"""Who may see what: login sessions and the access level every view declares."""
import enum
from datetime import datetime, timedelta

from flask import Flask, abort, current_app, request, session
from flask_login import LoginManager, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFProtect

from .accounts import security_log
from .audit import set_actor
from .db import db
from .models import User
from .models.base import utcnow

login_manager = LoginManager()
csrf = CSRFProtect()


class Access(enum.Enum):
    PUBLIC = "public"  # no login: the login page, static files
    READ = "read"  # any logged-in user, viewers included
    STAFF = "staff"  # admin and staff: every page that writes domain data
    ADMIN = "admin"  # users, audit trail, data protection


def _declare(level: Access):
    def decorate(view):
        view.access = level
        return view

    return decorate


public = _declare(Access.PUBLIC)
readable = _declare(Access.READ)
staff_only = _declare(Access.STAFF)
admin_only = _declare(Access.ADMIN)

# Static files of the app and of Bootstrap-Flask are not views of ours.
_STATIC_ENDPOINTS = {"static", "bootstrap.static"}


def access_of(app: Flask, endpoint: str) -> Access | None:
    """Return the access level a view declared, or None if it forgot to."""
    if endpoint in _STATIC_ENDPOINTS:
        return Access.PUBLIC
    return getattr(app.view_functions[endpoint], "access", None)


def check_every_view_declares_access(app: Flask) -> None:
    """Refuse to start when a view does not say who may use it: fail closed, not open."""
    missing = sorted(e for e in app.view_functions if access_of(app, e) is None)
    if missing:
        raise RuntimeError(f"Views without an access level: {', '.join(missing)}")


@login_manager.user_loader
def load_user(session_user_id: str) -> User | None:
    user_id, _, generation = session_user_id.partition(":")
    if not (user_id.isdigit() and generation.isdigit()):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_generation != int(generation) or not user.active:
        return None
    return user


def start_session(user: User) -> None:
    """Begin a fresh session for the user (a new cookie, so no fixation)."""
    # Nothing from before the login survives (not even the CSRF secret) but the chosen language.
    language = session.get("language")
    session.clear()
    if language in current_app.config["LANGUAGES"]:
        session["language"] = language
    session.permanent = True
    session["login_at"] = utcnow().isoformat()
    login_user(user)


def _session_too_old() -> bool:
    started = session.get("login_at")
    if not started:
        return True
    limit = timedelta(hours=current_app.config["SESSION_ABSOLUTE_HOURS"])
    return utcnow() - datetime.fromisoformat(started) > limit


def _enforce_access():
    if request.endpoint is None:
        return None  # 404 and 405 are answered by Flask itself
    level = access_of(current_app, request.endpoint)
    if level is Access.PUBLIC:
        return None
    if current_user.is_authenticated and _session_too_old():
        security_log.record("session.expired", user=current_user.id)
        logout_user()
        session.clear()
    if not current_user.is_authenticated:
        _record_refusal("anonymous", "login")
        return login_manager.unauthorized()
    set_actor(db.session, current_user.id, "web")
    if (level is Access.STAFF and not current_user.can_edit) or (level is Access.ADMIN and not current_user.is_admin):
        _record_refusal(current_user.id, "403")
        abort(403)
    return None


def _record_refusal(user, answer: str) -> None:
    security_log.record("access.refused", user=user, answer=answer, method=request.method, endpoint=request.endpoint)


def init_app(app: Flask) -> None:
    app.config.setdefault("SESSION_ABSOLUTE_HOURS", 12)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    # Nothing went wrong when a visitor is asked to log in: the login page says it quietly.
    login_manager.login_message = None
    csrf.init_app(app)
    app.before_request(_enforce_access)

    @app.context_processor
    def inject_roles():
        return {"can_edit": current_user.is_authenticated and current_user.can_edit,
                "is_admin": current_user.is_authenticated and current_user.is_admin}
