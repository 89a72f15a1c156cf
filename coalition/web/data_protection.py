"""Data-protection tasks: consent withdrawal, a person's data (export), restriction, anonymisation, retention review."""
from datetime import date

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from wtforms import BooleanField, HiddenField, SelectMultipleField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from .. import dates
from ..attachments import attachments_to_review
from ..auth import admin_only, staff_only
from ..data_protection import consent, retention
from ..data_protection.anonymisation import REASON_LENGTH, anonymise_people, anonymise_person
from ..data_protection.subject_access import subject_access_json, subject_access_report
from ..db import db
from ..errors import DomainError
from ..i18n import lazy_gettext as _l
from ..models import Person
from .downloads import download
from .forms.base import Form
from .forms.fields import DateField, record_id

bp = Blueprint("data_protection", __name__)


class WithdrawConsentForm(Form):
    withdrawn_on = DateField(_l("Consent withdrawn on"), window=dates.PROGRAMME, validators=[DataRequired()])


class RestrictForm(Form):
    reason = TextAreaField(_l("Why processing is restricted"), validators=[DataRequired(), Length(max=REASON_LENGTH)],
                           render_kw={"rows": 2}, id="restriction_reason",
                           description=_l("E.g. the person contests the data's accuracy; the archive must keep it."))


class AnonymiseForm(Form):
    reason = TextAreaField(_l("Why the personal data is erased"),
                           validators=[DataRequired(), Length(max=REASON_LENGTH)],
                           render_kw={"rows": 2}, id="anonymisation_reason",
                           description=_l("E.g. the person's request of 2026-05-04."))
    confirm = BooleanField(_l("I understand that this cannot be undone."), validators=[InputRequired()])


class ReviewForm(Form):
    person_ids = SelectMultipleField(_l("People"), coerce=record_id, validate_choice=False)
    decision = HiddenField()
    reason = TextAreaField(_l("Reason for anonymising"), validators=[Length(max=REASON_LENGTH)], render_kw={"rows": 1})


def retention_months() -> int:
    """Return the retention period in months (the RETENTION_MONTHS setting)."""
    return current_app.config.get("RETENTION_MONTHS", retention.DEFAULT_MONTHS)


def _person(person_id: int) -> Person:
    return db.get_or_404(Person, person_id)


@bp.route("/people/<int:person_id>/consent/withdraw", methods=["POST"])
@staff_only
def withdraw_consent(person_id: int):
    person = _person(person_id)
    form = WithdrawConsentForm()
    if not form.validate_on_submit():
        flash(_("Give the date the consent was withdrawn."), "danger")
        return redirect(url_for("people.show", person_id=person_id))
    try:
        consent.withdraw_consent(db.session, person, form.withdrawn_on.data)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
    else:
        flash(_("The withdrawal of consent was recorded. The person's data is no longer processed; "
                "an admin decides whether to anonymise it."), "success")
    return redirect(url_for("people.show", person_id=person_id))


def _render_person(person: Person, restrict_form=None, anonymise_form=None, status: int = 200):
    return render_template(
        "data_protection/person.html", person=person,
        restrict_form=restrict_form or RestrictForm(formdata=None),
        anonymise_form=anonymise_form or AnonymiseForm(formdata=None),
        consent_withdrawn=consent.consent_is_withdrawn(person),
        attachments_to_review=attachments_to_review(db.session, person.id),
    ), status


@bp.route("/people/<int:person_id>/data-protection")
@admin_only
def person(person_id: int):
    return _render_person(_person(person_id))


@bp.route("/people/<int:person_id>/restrict", methods=["POST"])
@admin_only
def restrict(person_id: int):
    person = _person(person_id)
    form = RestrictForm()
    if form.validate_on_submit():
        try:
            consent.restrict_person(db.session, person, form.reason.data)
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            form.reason.errors.append(error.message)
        else:
            flash(_("Processing of this person's data is restricted: they are kept, but left out of lists, "
                    "pickers and new meetings."), "success")
            return redirect(url_for("data_protection.person", person_id=person_id))
    return _render_person(person, restrict_form=form, status=400)


@bp.route("/people/<int:person_id>/restriction/lift", methods=["POST"])
@admin_only
def lift_restriction(person_id: int):
    person = _person(person_id)
    try:
        consent.lift_restriction(db.session, person)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
    else:
        flash(_("The restriction was lifted."), "success")
    return redirect(url_for("data_protection.person", person_id=person_id))


@bp.route("/people/<int:person_id>/anonymise", methods=["POST"])
@admin_only
def anonymise(person_id: int):
    person = _person(person_id)
    form = AnonymiseForm()
    if form.validate_on_submit():
        try:
            erasure = anonymise_person(db.session, person, form.reason.data)
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            form.reason.errors.append(error.message)
        else:
            flash(_("The person's identifying data was erased: %(mentions)d mentions in texts and "
                    "%(records)d audit records were cleaned.", mentions=erasure.mentions,
                    records=erasure.audit_records), "success")
            if attachments_to_review(db.session, person_id):
                # Files cannot be cleaned like texts: the admin opens each on the page listing them.
                flash(_("Review the attachments of their meetings listed below: they may still name them."),
                      "warning")
                return redirect(url_for("data_protection.person", person_id=person_id, _anchor="attachments"))
            return redirect(url_for("people.show", person_id=person_id))
    return _render_person(person, anonymise_form=form, status=400)


@bp.route("/people/<int:person_id>/data")
@admin_only
def report(person_id: int):
    person = _person(person_id)
    return render_template("data_protection/report.html", person=person,
                           report=subject_access_report(db.session, person))


@bp.route("/people/<int:person_id>/data.json")
@admin_only
def report_json(person_id: int):
    person = _person(person_id)
    filename = f"person-{person.id}-{date.today().isoformat()}.json"
    return download(subject_access_json(db.session, person), "application/json", filename)


def _render_review(form: ReviewForm | None = None, status: int = 200):
    months = retention_months()
    before = retention.cutoff(date.today(), months)
    page = db.paginate(retention.due_for_review(before), per_page=current_app.config["PAGE_SIZE"] * 4)
    return render_template(
        "data_protection/review.html", page=page, months=months, before=before,
        last_activity=retention.last_activity(db.session, [p.id for p in page.items]),
        awaiting=db.session.scalars(retention.awaiting_decision().limit(200)).all(),
        restricted=db.session.scalars(retention.restricted().limit(200)).all(),
        form=form or ReviewForm(formdata=None, reason=_("Retention review: no activity for %(months)d months.",
                                                        months=months)),
    ), status


@bp.route("/admin/data-protection")
@admin_only
def review():
    return _render_review()


@bp.route("/admin/data-protection/review", methods=["POST"])
@admin_only
def decide():
    form = ReviewForm()
    if not form.validate_on_submit() or form.decision.data not in ("keep", "anonymise"):
        return _render_review(form, 400)
    if not form.person_ids.data:
        form.person_ids.errors.append(_("Tick the people to decide on."))
        return _render_review(form, 400)
    people = retention.to_decide(db.session, form.person_ids.data)
    try:
        if form.decision.data == "keep":
            retention.keep(db.session, people)
        else:
            anonymise_people(db.session, people, form.reason.data or "")
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        form.reason.errors.append(error.message)
        return _render_review(form, 400)
    if form.decision.data == "keep":
        flash(ngettext("%(num)d person is kept and leaves the list until the period has passed again.",
                       "%(num)d people are kept and leave the list until the period has passed again.",
                       len(people)), "success")
    else:
        flash(ngettext("%(num)d person was anonymised.", "%(num)d people were anonymised.", len(people)), "success")
    return redirect(url_for("data_protection.review"))
