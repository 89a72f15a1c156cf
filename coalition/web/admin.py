"""Admin pages: user accounts and the audit trail."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..accounts import security_log, throttle
from ..accounts.users import change_password, create_user, update_user
from ..audit_names import RECORD_TYPES
from ..audit_trail import audit_query, readable_changes
from ..auth import admin_only
from ..db import db
from ..models import Role, User
from .editing import Outcome, edit_form, form_page, save
from .forms.accounts import UserForm
from .forms.admin import AuditFilterForm
from .forms.fields import options

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/users")
@admin_only
def users():
    all_users = db.session.scalars(select(User).order_by(User.role, User.email)).all()
    return render_template("admin/users.html", users=all_users)


@bp.route("/users/new", methods=["GET", "POST"])
@admin_only
def new_user():
    form = UserForm()
    outcome = Outcome()
    if form.validate_on_submit():
        if not form.password.data:
            form.password.errors.append(_("A new user needs a password."))
        else:
            outcome = save(form, lambda: create_user(
                db.session, form.email.data, form.password.data, Role(form.role.data), form.name.data or ""
            ), default_field="email")
            if outcome.saved:
                flash(_("The account %(email)s was created.", email=outcome.result.email), "success")
                return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, user=None, outcome=outcome)


def _update_user(user: User, form: UserForm) -> None:
    update_user(user, name=form.name.data or "", role=Role(form.role.data),
                         active=form.active.data, acting_user=current_user)
    if form.password.data:
        change_password(user, form.password.data)


@bp.route("/users/<int:user_id>/edit", methods=["GET", "POST"])
@admin_only
def edit_user(user_id: int):
    user = db.get_or_404(User, user_id)
    form = edit_form(UserForm, user, role=user.role.value)
    del form.email  # the e-mail is the login name: a new address is a new account
    return form_page(
        form, "admin/user_form.html", lambda: _update_user(user, form),
        lambda result: (_("The account %(email)s was saved.", email=user.email), url_for("admin.users")), edited=user,
        default_field="role", reload_url=url_for("admin.edit_user", user_id=user_id), user=user,
        login_paused=throttle.account_paused(user.email))


@bp.route("/users/<int:user_id>/lift-login-pause", methods=["POST"])
@admin_only
def lift_login_pause(user_id: int):
    user = db.get_or_404(User, user_id)
    throttle.lift_pause(user.email)
    security_log.record("login.pause_lifted", user=user.id, by=current_user.id)
    flash(_("Logging in to %(email)s is no longer paused.", email=user.email), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.route("/audit")
@admin_only
def audit():
    form = AuditFilterForm(request.args)
    form.entity.choices = options(sorted(((entity, str(name)) for entity, name in RECORD_TYPES.items()),
                                         key=lambda choice: choice[1].lower()), blank=_("Any"))
    form.user_id.choices = options(
        ((str(u.id), u.email) for u in db.session.scalars(select(User).order_by(User.email))), blank=_("Anyone"))
    records = None
    if form.validate():
        query = audit_query(
            entity=form.entity.data or None, entity_id=(form.entity_id.data or "").strip() or None,
            action=form.action.data or None, user_id=int(form.user_id.data) if form.user_id.data else None,
            since=form.since.data, until=form.until.data,
        )
        records = db.paginate(query, per_page=50)
    changes = readable_changes(db.session, records.items) if records is not None else []
    return render_template("admin/audit.html", form=form, records=records, changes=changes)
