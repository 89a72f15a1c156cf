"""Logging in and out, one's own password, and the interface language."""
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from werkzeug.exceptions import TooManyRequests

from ..accounts import security_log, throttle, users
from ..audit import set_actor
from ..auth import public, readable, start_session
from ..db import db
from ..errors import DomainError
from .forms.accounts import ChangePasswordForm, LoginForm

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Follow ?next= only to a path of this site, so the login page cannot be used to redirect away."""
    # Browsers drop tabs and line breaks from an address and read "\\" as "/": "/\t/evil.example"
    # and "/\\evil.example" would lead off the site, and a line break would split the response.
    if (target and target.startswith("/") and not target.startswith("//") and target.isprintable()
            and "\\" not in target and not urlsplit(target).netloc):
        return target
    return url_for("home.index")


def _refuse_if_paused(account_email: str, event: str, **fields) -> None:
    """Answer 429 before the password is even checked, when guessing is paused for this account or address."""
    pause = throttle.pause_for(account_email)
    if pause is not None:
        security_log.record(event, by=pause.by, **fields)
        raise TooManyRequests(retry_after=pause.seconds)


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        _refuse_if_paused(form.email.data, "login.throttled", email=security_log.keyed_hash(form.email.data))
        user = users.authenticate(db.session, form.email.data, form.password.data)
        if user is None:
            throttle.record_failure(form.email.data)
            _record_failed_login(form.email.data)
            flash(_("Wrong e-mail or password."), "danger")
        else:
            set_actor(db.session, user.id, "web")  # the login itself is theirs in the audit trail
            db.session.commit()
            start_session(user)
            security_log.record("login.succeeded", user=user.id)
            return redirect(_safe_next(request.args.get("next")))
    asked_for_a_page = _safe_next(request.args.get("next")) != url_for("home.index")
    return render_template("auth/login.html", form=form, asked_for_a_page=asked_for_a_page)


def _record_failed_login(email: str) -> None:
    # Never the typed e-mail: an unknown one may be a colleague's password typed in the wrong box.
    known = users.account_id(db.session, email)
    if known is None:
        security_log.record("login.failed", user="unknown", email=security_log.keyed_hash(email))
    else:
        security_log.record("login.failed", user=known)


@bp.route("/logout", methods=["POST"])
@readable
def logout():
    # Ending the session everywhere: a copy of this cookie must not work after logout.
    users.end_all_sessions(current_user)
    db.session.commit()
    security_log.record("logout", user=current_user.id)
    logout_user()
    session.clear()
    flash(_("You have logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@readable
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        # Guessing the current password with a borrowed session is throttled as logging in is.
        _refuse_if_paused(current_user.email, "password_change.throttled", user=current_user.id)
        if users.authenticate(db.session, current_user.email, form.current_password.data) is None:
            throttle.record_failure(current_user.email)
            security_log.record("password_change.failed", user=current_user.id)
            form.current_password.errors.append(_("This is not your current password."))
        else:
            user = current_user._get_current_object()
            try:
                users.change_password(user, form.new_password.data)
            except DomainError as error:
                form.new_password.errors.append(error.message)
            else:
                db.session.commit()
                start_session(user)
                security_log.record("password_change.succeeded", user=user.id)
                flash(_("Your password has been changed. Other sessions have been logged out."), "success")
                return redirect(url_for("home.index"))
    return render_template("auth/password.html", form=form)


@bp.route("/language", methods=["POST"])
@public
def set_language():
    language = request.form.get("language")
    if language in current_app.config["LANGUAGES"]:
        session["language"] = language
    return redirect(_safe_next(request.form.get("next")))
