"""Headcounts: the admin's list of groups (in Swedish and English), and the meeting page's fast entry."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from .. import headcounts
from ..auth import admin_only
from ..db import db
from ..models import HeadcountGroup, Meeting
from .editing import edit_form, form_page
from .forms.headcounts import HeadcountForm, HeadcountGroupForm

bp = Blueprint("headcounts", __name__, url_prefix="/admin/headcount-groups")


def _locale() -> str:
    return str(get_locale())


def _group_details(form: HeadcountGroupForm) -> headcounts.GroupDetails:
    return headcounts.GroupDetails(form.name_sv.data, form.name_en.data)


def headcount_form(meeting: Meeting, **kwargs) -> HeadcountForm:
    """The fast-entry form of a meeting: the active groups, and archived ones the meeting already counts."""
    groups = headcounts.groups(db.session, keep=[h.group_id for h in meeting.headcounts])
    form = HeadcountForm.for_groups(groups, {g.id: headcounts.group_name(g, _locale()) for g in groups}, **kwargs)
    if kwargs.get("formdata", True) is None:
        for headcount in meeting.headcounts:
            form[headcounts.headcount_field(headcount.group_id)].data = headcount.count
    return form


def headcount_context(meeting: Meeting, form: HeadcountForm | None) -> dict:
    """What the meeting page shows of its headcounts: each group's count and the form to change them."""
    locale = _locale()
    counted = [(headcounts.group_name(h.group, locale), h.count) for h in sorted(
        meeting.headcounts, key=lambda h: (h.group.position, h.group_id))]
    return {"counted": counted, "counted_total": sum(count for _name, count in counted),
            "headcount_form": form or headcount_form(meeting, formdata=None)}


@bp.route("/")
@admin_only
def index():
    return render_template("admin/headcount_groups.html",
                           groups=headcounts.groups(db.session, include_archived=True))


@bp.route("/new", methods=["GET", "POST"])
@admin_only
def new():
    form = HeadcountGroupForm()
    return form_page(
        form, "admin/headcount_group_form.html", lambda: headcounts.create_group(db.session, _group_details(form)),
        lambda group: (_("The group %(name)s was added.", name=headcounts.group_name(group, _locale())),
                       url_for("headcounts.index")),
        default_field="name_sv", group=None)


@bp.route("/<int:group_id>/edit", methods=["GET", "POST"])
@admin_only
def edit(group_id: int):
    group = db.get_or_404(HeadcountGroup, group_id)
    form = edit_form(HeadcountGroupForm, group)
    return form_page(
        form, "admin/headcount_group_form.html",
        lambda: headcounts.update_group(db.session, group, _group_details(form)),
        lambda _group: (_("The group %(name)s was saved.", name=headcounts.group_name(group, _locale())),
                        url_for("headcounts.index")),
        edited=group, reload_url=url_for("headcounts.edit", group_id=group_id), default_field="name_sv", group=group)


@bp.route("/<int:group_id>/archive", methods=["POST"])
@admin_only
def archive(group_id: int):
    group = db.get_or_404(HeadcountGroup, group_id)
    name = headcounts.group_name(group, _locale())
    if request.form.get("restore"):
        group.restore()
        message = _("%(name)s can be counted at meetings again.", name=name)
    else:
        group.archive()
        message = _("%(name)s is no longer offered at meetings. What was counted stays.", name=name)
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("headcounts.index"))
