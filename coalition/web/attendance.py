"""Putting people on a meeting's list: by type-ahead, from a pasted sign-in list, and in bulk."""
from datetime import date

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy.orm.exc import StaleDataError

from .. import attendance, headcounts, sign_in_list
from ..auth import staff_only
from ..db import db
from ..errors import DomainError
from ..models import Meeting, ParticipationRole, ParticipationStatus, Sector
from ..vocabulary import label
from .forms.attendance import AddPeopleForm, ChangeParticipantsForm, SignInListForm
from .headcounts import headcount_form
from .meeting_page import save_numbers, show_again

bp = Blueprint("attendance", __name__)


def status_when_added(meeting: Meeting) -> str:
    """The status the add forms offer first: registered for a meeting still to come, attended for one held."""
    return attendance.default_status(meeting.starts_at.date(), date.today()).value


def _back_to_list(meeting_id: int):
    return redirect(url_for("meetings.show", meeting_id=meeting_id, _anchor="participants"))


@bp.route("/api/people/suggestions")
@staff_only  # names and e-mail addresses: for the staff who fill in meetings
def suggestions():
    meeting_id = request.args.get("meeting", type=int)
    meeting = db.get_or_404(Meeting, meeting_id) if meeting_id is not None else None
    found = attendance.suggest_people(db.session, meeting, request.args.get("q", ""))
    return jsonify(results=[{
        "id": s.person.id,
        "name": s.person.name,
        "organisation": s.organisation.name if s.organisation else "",
        "on_the_list": s.on_the_list,
    } for s in found])


@bp.route("/meetings/<int:meeting_id>/participants", methods=["POST"])
@staff_only
def add_people(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    form = AddPeopleForm(status=status_when_added(meeting))
    if form.validate_on_submit():
        try:
            added = attendance.add_people(db.session, meeting, form.person_ids.data,
                                          role=ParticipationRole(form.role.data),
                                          status=ParticipationStatus(form.status.data))
        except DomainError as error:
            db.session.rollback()
            form.person_ids.errors.append(error.message)
        else:
            db.session.commit()
            flash(ngettext("%(num)d person was added.", "%(num)d people were added.", len(added)), "success")
            return _back_to_list(meeting_id)
    return show_again(meeting, add_form=form)


def _choices(preview: sign_in_list.SignInPreview) -> sign_in_list.SignInChoices:
    form = request.form
    return sign_in_list.SignInChoices(
        person_for_line={row.line.number: form.get(row.choice_field, "") for row in preview.rows},
        sector_for_organisation={key: form.get(preview.sector_field(key), "") for key in preview.new_organisations},
        skipped_lines={row.line.number for row in preview.rows if form.get(row.skip_field)},
    )


def _render_preview(meeting: Meeting, form: SignInListForm, preview, choices, missing=None):
    return render_template(
        "meetings/sign_in_preview.html", meeting=meeting, form=form, preview=preview, choices=choices,
        missing=missing or {}, Verdict=sign_in_list.Verdict, NEW_PERSON=sign_in_list.NEW_PERSON,
        sectors=[(sector.value, label(sector)) for sector in Sector],
        label_role=label(ParticipationRole(form.role.data)), label_status=label(ParticipationStatus(form.status.data)),
    )


@bp.route("/meetings/<int:meeting_id>/participants/sign-in", methods=["POST"])
@staff_only
def sign_in(meeting_id: int):
    """Preview a pasted list; with `confirm`, add it as resolved on the preview."""
    meeting = db.get_or_404(Meeting, meeting_id)
    form = SignInListForm(status=status_when_added(meeting))
    if not form.validate_on_submit() or "edit" in request.form:
        return show_again(meeting, sign_in_form=form)
    try:
        preview = sign_in_list.preview_sign_in_list(db.session, meeting, form.text.data)
    except DomainError as error:
        form.text.errors.append(error.message)
        return show_again(meeting, sign_in_form=form)
    choices = _choices(preview)
    if "confirm" not in request.form:
        return _render_preview(meeting, form, preview, choices)
    missing = sign_in_list.missing_choices(preview, choices)
    if missing:
        return _render_preview(meeting, form, preview, choices, missing), 422
    try:
        result = sign_in_list.add_sign_in_list(db.session, meeting, preview, choices,
                                               role=ParticipationRole(form.role.data),
                                               status=ParticipationStatus(form.status.data))
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
        return _render_preview(meeting, form, preview, choices), 422
    db.session.commit()
    flash(_("%(added)s (%(people)s, %(organisations)s).",
            added=ngettext("%(num)d added to the list", "%(num)d added to the list", result.added),
            people=ngettext("%(num)d new person", "%(num)d new people", result.new_people),
            organisations=ngettext("%(num)d new organisation", "%(num)d new organisations", result.new_organisations)),
          "success")
    return _back_to_list(meeting_id)


@bp.route("/meetings/<int:meeting_id>/participants/change", methods=["POST"])
@staff_only
def change(meeting_id: int):
    """Set the role and/or status of the ticked participants, or take them off the list."""
    meeting = db.get_or_404(Meeting, meeting_id)
    form = ChangeParticipantsForm()
    if form.validate_on_submit():
        try:
            if "remove" in request.form:
                count = attendance.remove_participations(db.session, meeting, form.participation_ids.data)
                message = ngettext("%(num)d person was taken off the list.",
                                   "%(num)d people were taken off the list.", count)
            else:
                count = attendance.change_participations(
                    db.session, meeting, form.participation_ids.data,
                    role=ParticipationRole(form.role.data) if form.role.data else None,
                    status=ParticipationStatus(form.status.data) if form.status.data else None)
                message = ngettext("%(num)d participant was changed.", "%(num)d participants were changed.", count)
        except DomainError as error:
            db.session.rollback()
            getattr(form, error.field or "participation_ids").errors.append(error.message)
        except StaleDataError:
            db.session.rollback()
            form.participation_ids.errors.append(
                _("Someone else changed these participants meanwhile. Look at the list again and repeat."))
        else:
            db.session.commit()
            flash(message, "success")
            return _back_to_list(meeting_id)
    return show_again(meeting, change_form=form)


@bp.route("/meetings/<int:meeting_id>/headcounts", methods=["POST"])
@staff_only
def count(meeting_id: int):
    """Record how many people of each group came without registering: a number per group, all or none."""
    meeting = db.get_or_404(Meeting, meeting_id)
    return save_numbers(meeting, headcount_form(meeting), "headcount_form", headcounts.set_headcounts,
                        saved=_("The headcounts were saved."), section="headcounts")
