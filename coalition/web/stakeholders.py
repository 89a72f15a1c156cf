"""Stakeholder analysis: the power-interest grid, its table, and recording an organisation's assessment."""
from dataclasses import dataclass

from flask import Blueprint, current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import contains_eager

from .. import stakeholders
from ..auth import readable, staff_only
from ..db import db
from ..models import Engagement, Organisation, Sector, StakeholderAssessment
from ..stakeholders import QUADRANT_LABELS, SCALE, Quadrant, StakeholderFilter
from .editing import posted_form
from .forms.stakeholders import AssessmentForm, GridFilterForm
from .listing import neighbourhood_options

bp = Blueprint("stakeholders", __name__, url_prefix="/stakeholders")

# The grid's own filters, carried into a cell's link to the table and back.
_GRID_FILTERS = ("sector", "neighbourhood")


def _filter_form() -> tuple[GridFilterForm, StakeholderFilter]:
    form = GridFilterForm(request.args)
    form.neighbourhood.choices = neighbourhood_options()
    form.validate()
    return form, StakeholderFilter(
        sector=form.chosen("sector", Sector), neighbourhood_id=form.chosen("neighbourhood"),
        influence=form.chosen("influence"), interest=form.chosen("interest"),
        quadrant=form.chosen("quadrant", Quadrant),
    )


@bp.route("/")
@readable
def index():
    form, chosen = _filter_form()
    # The grid shows every cell; a cell or quadrant asked for narrows the table, not the grid.
    placed = stakeholders.grid(db.session, StakeholderFilter(sector=chosen.sector, neighbourhood_id=chosen.neighbourhood_id))
    return render_template(
        "stakeholders/index.html", form=form, grid=placed, scale=list(reversed(SCALE)), interests=list(SCALE),
        quadrant_of=stakeholders.quadrant_of, quadrant_labels=QUADRANT_LABELS, high_from=stakeholders.HIGH_FROM,
        quadrants=list(Quadrant), sectors=list(Sector), filter_args=form.applied_args(only=_GRID_FILTERS),
        unassessed=stakeholders.unassessed_count(db.session, chosen),
    )


@bp.route("/table")
@readable
def table():
    form, chosen = _filter_form()
    query = stakeholders.latest_assessments(chosen).options(contains_eager(StakeholderAssessment.organisation))
    page = db.paginate(query, per_page=current_app.config["PAGE_SIZE"])
    return render_template("stakeholders/table.html", form=form, page=page, quadrant_of=stakeholders.quadrant_of,
                           quadrant_labels=QUADRANT_LABELS, filter_args=form.applied_args(only=_GRID_FILTERS))


@dataclass
class AssessmentPanel:
    """What an organisation's page shows of its stakeholder assessments."""

    history: list[tuple[StakeholderAssessment, str | None]]
    form: AssessmentForm | None

    @property
    def current(self) -> StakeholderAssessment | None:
        return self.history[0][0] if self.history else None

    @staticmethod
    def quadrant(assessment: StakeholderAssessment) -> str:
        return QUADRANT_LABELS[stakeholders.quadrant_of(assessment.influence, assessment.interest)]


def assessment_panel(organisation: Organisation, form: AssessmentForm | None = None) -> AssessmentPanel:
    """Gather the organisation's assessments, latest first, and a blank form for staff."""
    if form is None and current_user.can_edit:
        form = AssessmentForm(formdata=None)
    return AssessmentPanel(stakeholders.assessment_history(db.session, organisation.id), form)


@bp.route("/organisations/<int:organisation_id>/assess", methods=["GET", "POST"])
@staff_only
def assess(organisation_id: int):
    organisation = db.get_or_404(Organisation, organisation_id)
    form = AssessmentForm()
    return posted_form(
        form, lambda: stakeholders.record_assessment(
            db.session, organisation, assessed_on=form.assessed_on.data, influence=form.influence.data,
            interest=form.interest.data, engagement=Engagement(form.engagement.data), note=form.note.data or "",
            assessed_by_id=current_user.id),
        lambda _assessment: (_("The assessment of %(name)s on %(date)s was recorded.", name=organisation.name,
                               date=form.assessed_on.data.isoformat()),
                             url_for("organisations.show", organisation_id=organisation.id) + "#stakeholder-assessment"),
        lambda: render_template("stakeholders/assess.html", organisation=organisation,
                                panel=assessment_panel(organisation, form)),
        default_field="assessed_on")
