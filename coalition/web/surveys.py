"""Surveys for staff: the list, a survey's page, its texts and questions, and opening and closing it."""
from collections.abc import Callable
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from ..auth import readable, staff_only
from ..db import db
from ..errors import DomainError
from ..models import QuestionKind, Survey, SurveyQuestion, SurveyRecipient, SurveyStatus
from ..surveys import building
from ..text import tidy
from .editing import form_page
from .forms.surveys import QuestionForm, SurveyFilterForm, SurveyForm
from .listing import ListPage

bp = Blueprint("surveys", __name__, url_prefix="/surveys")

_SORTS = {
    "title": lambda: func.lower(Survey.title_sv),
    "status": lambda: Survey.status,
    "opened_on": lambda: Survey.opened_on,
}


def _survey_query(form: SurveyFilterForm, sort: str):
    query = select(Survey)
    words = tidy(form.text("q"))
    if words:
        query = query.where(or_(Survey.title_sv.icontains(words, autoescape=True),
                                Survey.title_en.icontains(words, autoescape=True)))
    status = form.chosen("status", SurveyStatus)
    if status:
        query = query.where(Survey.status == status)
    column = _SORTS.get(sort.lstrip("-"), _SORTS["opened_on"])()
    order = column.desc() if sort.startswith("-") else column.asc()
    return query.order_by(order.nulls_first(), Survey.id.desc())


survey_list = ListPage(SurveyFilterForm, query=_survey_query, default_sort="-opened_on")


def _counts(survey_ids: list[int]) -> dict[int, tuple[int, int]]:
    rows = db.session.execute(
        select(SurveyRecipient.survey_id, func.count(), func.count(SurveyRecipient.submitted_at))
        .where(SurveyRecipient.survey_id.in_(survey_ids)).group_by(SurveyRecipient.survey_id)) if survey_ids else []
    return {survey_id: (sent, answered) for survey_id, sent, answered in rows}


@bp.route("/")
@readable
def index():
    listing = survey_list.read()
    page = listing.page()
    return listing.render("surveys/index.html", page, counts=_counts([s.id for s in page.items]))


@bp.route("/<int:survey_id>")
@readable
def show(survey_id: int):
    survey = db.get_or_404(Survey, survey_id)
    sent, answered = _counts([survey.id]).get(survey.id, (0, 0))
    return render_template("surveys/show.html", survey=survey, sent=sent, answered=answered,
                           fixed=building.has_answers(db.session, survey))


def _survey_details(form: SurveyForm) -> building.SurveyDetails:
    return building.SurveyDetails(title_sv=form.title_sv.data or "", title_en=form.title_en.data or "",
                                  introduction_sv=form.introduction_sv.data or "",
                                  introduction_en=form.introduction_en.data or "")


@bp.route("/new", methods=["GET", "POST"])
@staff_only
def new():
    form = SurveyForm()
    return form_page(
        form, "surveys/form.html", lambda: building.create_survey(db.session, _survey_details(form)),
        lambda survey: (_("%(name)s was prepared as a draft. Now add its questions.", name=survey.title_sv),
                        url_for("surveys.show", survey_id=survey.id)),
        default_field="title_sv", survey=None)


@bp.route("/<int:survey_id>/edit", methods=["GET", "POST"])
@staff_only
def edit(survey_id: int):
    survey = db.get_or_404(Survey, survey_id)
    form = SurveyForm(obj=survey)
    return form_page(
        form, "surveys/form.html", lambda: building.update_survey(db.session, survey, _survey_details(form)),
        lambda _result: (_("%(name)s was saved.", name=survey.title_sv), url_for("surveys.show", survey_id=survey_id)),
        edited=survey, reload_url=url_for("surveys.edit", survey_id=survey_id), default_field="title_sv",
        survey=survey)


def _question_details(form: QuestionForm) -> building.QuestionDetails:
    return building.QuestionDetails(
        kind=QuestionKind(form.kind.data) if form.kind.data in set(QuestionKind) else QuestionKind.TEXT,
        text_sv=form.text_sv.data or "", text_en=form.text_en.data or "", required=bool(form.required.data),
        options_sv=form.options_sv.data or "", options_en=form.options_en.data or "",
        low_label_sv=form.low_label_sv.data or "", low_label_en=form.low_label_en.data or "",
        high_label_sv=form.high_label_sv.data or "", high_label_en=form.high_label_en.data or "",
        minimum=form.minimum.data, maximum=form.maximum.data)


@bp.route("/<int:survey_id>/questions/new", methods=["GET", "POST"])
@staff_only
def new_question(survey_id: int):
    survey = db.get_or_404(Survey, survey_id)
    form = QuestionForm()
    return form_page(
        form, "surveys/question_form.html", lambda: building.add_question(db.session, survey, _question_details(form)),
        lambda _question: (_("The question was added."), url_for("surveys.show", survey_id=survey_id)),
        default_field="text_sv", survey=survey, question=None)


def _question(survey_id: int, question_id: int) -> SurveyQuestion:
    question = db.get_or_404(SurveyQuestion, question_id)
    if question.survey_id != survey_id:
        abort(404)
    return question


@bp.route("/<int:survey_id>/questions/<int:question_id>/edit", methods=["GET", "POST"])
@staff_only
def edit_question(survey_id: int, question_id: int):
    question = _question(survey_id, question_id)
    form = QuestionForm(obj=question)
    if not form.is_submitted():
        form.kind.data = question.kind.value
    return form_page(
        form, "surveys/question_form.html",
        lambda: building.update_question(db.session, question, _question_details(form)),
        lambda _result: (_("The question was saved."), url_for("surveys.show", survey_id=survey_id)),
        edited=question, reload_url=url_for("surveys.edit_question", survey_id=survey_id, question_id=question_id),
        default_field="text_sv", survey=question.survey, question=question)


def act(operation: Callable[[], object], done: str, back: str):
    """Run one operation of a button, commit it and say so; or say why it was refused. Then go back."""
    try:
        operation()
        db.session.commit()
        flash(done, "success")
    except DomainError as error:
        db.session.rollback()
        for message in error.messages:
            flash(message, "danger")
    return redirect(back)


@bp.route("/<int:survey_id>/questions/<int:question_id>/move/<any(up, down):direction>", methods=["POST"])
@staff_only
def move_question(survey_id: int, question_id: int, direction: str):
    question = _question(survey_id, question_id)
    return act(lambda: building.move_question(db.session, question, -1 if direction == "up" else 1),
               _("The question was moved."), url_for("surveys.show", survey_id=survey_id) + "#questions")


@bp.route("/<int:survey_id>/questions/<int:question_id>/delete", methods=["POST"])
@staff_only
def delete_question(survey_id: int, question_id: int):
    question = _question(survey_id, question_id)
    return act(lambda: building.delete_question(db.session, question), _("The question was removed."),
               url_for("surveys.show", survey_id=survey_id) + "#questions")


@bp.route("/<int:survey_id>/open", methods=["POST"])
@staff_only
def open_survey(survey_id: int):
    survey = db.get_or_404(Survey, survey_id)
    return act(lambda: building.open_survey(db.session, survey, today=date.today()),
               _("The survey is open: its links work now. Copy them from the list of links."),
               url_for("surveys.show", survey_id=survey_id))


@bp.route("/<int:survey_id>/close", methods=["POST"])
@staff_only
def close_survey(survey_id: int):
    survey = db.get_or_404(Survey, survey_id)
    return act(lambda: building.close_survey(db.session, survey, today=date.today()),
               _("The survey is closed: its links no longer work."), url_for("surveys.show", survey_id=survey_id))
