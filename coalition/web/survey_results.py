"""A survey's results: response rates by sector and neighbourhood, each question's figures, exports."""
from flask import Blueprint, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _

from ..auth import readable
from ..db import db
from ..exports import Sheet
from ..models import Sector, Survey
from ..surveys import results
from ..vocabulary import label
from .downloads import csv_download, xlsx_download
from .forms.surveys import ResultFilterForm
from .listing import neighbourhood_options

bp = Blueprint("survey_results", __name__, url_prefix="/surveys")

def _read(survey: Survey):
    form = ResultFilterForm(request.args)
    form.neighbourhood.choices = neighbourhood_options()
    form.validate()
    recipients = results.recipients_of(db.session, survey, sector=form.chosen("sector", Sector),
                                       neighbourhood_id=form.chosen("neighbourhood"))
    return form, recipients


@bp.route("/<int:survey_id>/results")
@readable
def results_page(survey_id: int):
    survey = db.get_or_404(Survey, survey_id)
    form, recipients = _read(survey)
    language = str(get_locale())
    return render_template("surveys/results.html", survey=survey, form=form, language=language,
                           rates=results.response_rates(recipients),
                           questions=results.question_results(survey, recipients, language))


def _table(survey: Survey) -> tuple[list[str], list[tuple]]:
    _form, recipients = _read(survey)
    language = str(get_locale())
    header = [_("Organisation"), _("Sector"), _("Neighbourhoods"), _("Answered on"), _("Answer received"),
              *(f"{i}. {q.text(language)}" for i, q in enumerate(survey.questions, start=1))]
    rows = [(name, label(sector), places, day, label(channel), *answers)
            for name, sector, places, day, channel, *answers in results.answer_rows(survey, recipients, language)]
    return header, rows


@bp.route("/<int:survey_id>/results.csv")
@readable
def export_csv(survey_id: int):
    survey = db.get_or_404(Survey, survey_id)
    return csv_download(f"survey-{survey.id}.csv", *_table(survey))


@bp.route("/<int:survey_id>/results.xlsx")
@readable
def export_xlsx(survey_id: int):
    survey = db.get_or_404(Survey, survey_id)
    header, rows = _table(survey)
    return xlsx_download(f"survey-{survey.id}.xlsx", [Sheet(_("Answers"), header, rows,
                                                            widths=[30, 14, 24, 12, 14] + [30] * len(survey.questions))])
