"""A survey's recipients for staff: chosen by filter or by hand, the person addressed, their links,
and the answers staff type in from paper or a phone call."""
from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..auth import staff_only
from ..db import db
from ..errors import DomainError
from ..models import AnswerChannel, Membership, Organisation, OrganisationKind, Person, Sector, Survey, SurveyRecipient
from ..models.base import utcnow
from ..surveys import answering, building
from .downloads import csv_download
from .forms.fields import options
from .forms.surveys import ContactForm, PaperAnswerForm, RecipientFilterForm, RecipientPickForm
from .listing import neighbourhood_options
from .surveys import act

bp = Blueprint("survey_recipients", __name__, url_prefix="/surveys")


def _recipient(survey_id: int, recipient_id: int) -> SurveyRecipient:
    recipient = db.get_or_404(SurveyRecipient, recipient_id)
    if recipient.survey_id != survey_id:
        abort(404)
    return recipient


def _recipients(survey: Survey) -> list[SurveyRecipient]:
    return list(db.session.scalars(
        select(SurveyRecipient).join(Organisation).where(SurveyRecipient.survey_id == survey.id)
        .options(selectinload(SurveyRecipient.organisation), selectinload(SurveyRecipient.contact_person))
        .order_by(Organisation.name_key)))


def _contacts(recipients: list[SurveyRecipient]) -> dict[int, list[Person]]:
    """Each recipient organisation's people, to choose the one addressed."""
    ids = [r.organisation_id for r in recipients]
    rows = db.session.execute(
        select(Membership.organisation_id, Person).join(Person)
        .where(Membership.organisation_id.in_(ids), Person.anonymised_at.is_(None)).order_by(Person.name_key)) \
        if ids else []
    found: dict[int, list[Person]] = {}
    for organisation_id, person in rows:
        found.setdefault(organisation_id, []).append(person)
    return found


def _filter_form() -> RecipientFilterForm:
    form = RecipientFilterForm(prefix="filter")
    form.neighbourhood_ids.choices = neighbourhood_options()[1:]
    return form


def _page(survey: Survey, filter_form: RecipientFilterForm, pick_form: RecipientPickForm, status: int = 200):
    recipients = _recipients(survey)
    return render_template("surveys/recipients.html", survey=survey, recipients=recipients,
                           contacts=_contacts(recipients), filter_form=filter_form, pick_form=pick_form,
                           contact_form=ContactForm()), status


@bp.route("/<int:survey_id>/recipients")
@staff_only
def recipients(survey_id: int):
    survey = db.get_or_404(Survey, survey_id)
    return _page(survey, _filter_form(), RecipientPickForm(prefix="pick"))


def _add(survey: Survey, organisations: list[Organisation]):
    try:
        added = building.add_recipients(db.session, survey, organisations, secret=current_app.config["SECRET_KEY"])
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
        return redirect(url_for("survey_recipients.recipients", survey_id=survey.id))
    flash(_("%(count)d organisations were added.", count=added) if added else
          _("No organisation was added: those chosen are among the recipients already, or none matched."),
          "success" if added else "info")
    return redirect(url_for("survey_recipients.recipients", survey_id=survey.id))


@bp.route("/<int:survey_id>/recipients/by-filter", methods=["POST"])
@staff_only
def add_by_filter(survey_id: int):
    survey = db.get_or_404(Survey, survey_id)
    form = _filter_form()
    if not form.validate():
        return _page(survey, form, RecipientPickForm(prefix="pick"), 400)
    chosen = building.RecipientFilter(
        sectors=[Sector(s) for s in form.sectors.data or []], kinds=[OrganisationKind(k) for k in form.kinds.data or []],
        neighbourhood_ids=form.neighbourhood_ids.data or [])
    return _add(survey, building.matching_organisations(db.session, chosen))


@bp.route("/<int:survey_id>/recipients/by-hand", methods=["POST"])
@staff_only
def add_by_hand(survey_id: int):
    survey = db.get_or_404(Survey, survey_id)
    form = RecipientPickForm(prefix="pick")
    if not form.validate():
        return _page(survey, _filter_form(), form, 400)
    ids = form.organisation_ids.data
    found = {o.id: o for o in db.session.scalars(select(Organisation).where(Organisation.id.in_(ids)))}
    return _add(survey, [found[i] for i in ids if i in found])


@bp.route("/<int:survey_id>/recipients/<int:recipient_id>/remove", methods=["POST"])
@staff_only
def remove(survey_id: int, recipient_id: int):
    recipient = _recipient(survey_id, recipient_id)
    return act(lambda: building.remove_recipient(db.session, recipient),
               _("%(name)s was taken off the survey.", name=recipient.organisation.name),
               url_for("survey_recipients.recipients", survey_id=survey_id))


@bp.route("/<int:survey_id>/recipients/<int:recipient_id>/contact", methods=["POST"])
@staff_only
def set_contact(survey_id: int, recipient_id: int):
    recipient = _recipient(survey_id, recipient_id)
    form = ContactForm()
    form.contact_person_id.choices = options(
        [(p.id, p.name) for p in _contacts([recipient]).get(recipient.organisation_id, [])], blank="")
    if not form.validate():
        flash(_("Choose one of the organisation's people."), "danger")
        return redirect(url_for("survey_recipients.recipients", survey_id=survey_id))
    return act(lambda: building.set_contact_person(db.session, recipient, form.contact_person_id.data),
               _("The contact person was saved."), url_for("survey_recipients.recipients", survey_id=survey_id))


def _link_rows(survey: Survey) -> list[tuple[str, str, str, str]]:
    secret = current_app.config["SECRET_KEY"]
    return [(r.organisation.name, r.contact_person.name if r.contact_person else "",
             (r.contact_person.email or "") if r.contact_person else "",
             url_for("survey_answers.answer", survey_id=survey.id, token=building.answer_link_token(r, secret),
                     _external=True))
            for r in _recipients(survey)]


def _secret(response) -> Response:
    # The links open the answers: the browser must not keep them in its cache.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/<int:survey_id>/links")
@staff_only
def links(survey_id: int):
    survey = db.get_or_404(Survey, survey_id)
    rows = _link_rows(survey)
    text = "\n".join("\t".join((organisation, person, email, link)) for organisation, person, email, link in rows)
    return _secret(Response(render_template("surveys/links.html", survey=survey, rows=rows, text=text)))


@bp.route("/<int:survey_id>/links.csv")
@staff_only
def links_csv(survey_id: int):
    survey = db.get_or_404(Survey, survey_id)
    return _secret(csv_download(f"survey-{survey.id}-links.csv", [_("Organisation"), _("Contact person"),
                                                                   _("E-mail"), _("Answer link")], _link_rows(survey)))


@bp.route("/<int:survey_id>/recipients/<int:recipient_id>/answer", methods=["GET", "POST"])
@staff_only
def paper_answer(survey_id: int, recipient_id: int):
    recipient = _recipient(survey_id, recipient_id)
    survey = recipient.survey
    form = PaperAnswerForm()
    values, errors = answering.shown_values(recipient), {}
    if form.validate_on_submit():
        values = {name: request.form.getlist(name) for name in request.form if name.startswith("q")}
        try:
            answering.save_answers(db.session, recipient, values, submit=True,
                                   channel=AnswerChannel(form.channel.data), now=utcnow(),
                                   entered_by_id=current_user.id)
            db.session.commit()
            flash(_("The answer of %(name)s was recorded.", name=recipient.organisation.name), "success")
            return redirect(url_for("survey_recipients.recipients", survey_id=survey_id))
        except DomainError as error:
            db.session.rollback()
            errors = {e.field: e.message for e in error.every}
    return render_template("surveys/paper_answer.html", survey=survey, recipient=recipient, form=form,
                           values=values, errors=errors, language=str(get_locale())), 400 if errors else 200
