"""Area companies: their section on an organisation's page and on a neighbourhood's, and recording a quarter's jobs."""
from datetime import date

from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _

from .. import area_companies
from ..auth import staff_only
from ..db import db
from ..models import MeetingPlace, Neighbourhood, Organisation
from .editing import save
from .forms.area_companies import LocalJobsForm
from .forms.fields import options

bp = Blueprint("area_companies", __name__)


def _jobs_form(organisation: Organisation, form: LocalJobsForm | None = None) -> LocalJobsForm:
    form = form or LocalJobsForm.for_quarter_before(date.today())
    form.neighbourhood_id.choices = options((n.id, n.name) for n in organisation.area_company_of)
    if len(organisation.area_company_of) == 1 and form.neighbourhood_id.data is None:
        form.neighbourhood_id.data = organisation.area_company_of[0].id
    return form


def area_company_panel(organisation: Organisation, jobs_form: LocalJobsForm | None = None) -> dict:
    """What an organisation's page shows of it as an area company: where, the places it runs, its jobs."""
    return {
        "places_run": area_companies.places_run_by(db.session, organisation_id=organisation.id),
        "local_jobs": area_companies.local_jobs(db.session, organisation_id=organisation.id),
        "jobs_form": _jobs_form(organisation, jobs_form) if organisation.area_company_of else None,
    }


def neighbourhood_panel(neighbourhood: Neighbourhood) -> dict:
    """What a neighbourhood's page shows of its meeting places, area companies and local jobs."""
    places = db.session.scalars(
        db.select(MeetingPlace).where(MeetingPlace.neighbourhood_id == neighbourhood.id,
                                      MeetingPlace.archived_at.is_(None))
        .order_by(MeetingPlace.name_key)).all()
    return {
        "places_here": places,
        "area_companies": area_companies.area_companies_of(db.session, neighbourhood.id),
        "jobs_by_quarter": area_companies.jobs_by_quarter(db.session, neighbourhood.id),
    }


@bp.route("/organisations/<int:organisation_id>/jobs", methods=["POST"])
@staff_only
def record_jobs(organisation_id: int):
    """Record (or correct) an area company's jobs in one neighbourhood for one quarter."""
    organisation = db.get_or_404(Organisation, organisation_id)
    form = _jobs_form(organisation, LocalJobsForm())
    if form.validate_on_submit():
        outcome = save(form, lambda: area_companies.record_local_jobs(db.session, organisation, area_companies.LocalJobsDetails(
            form.neighbourhood_id.data, form.year.data, form.quarter.data, form.positions.data,
            form.full_time_equivalents.data, form.resident_positions.data)), default_field="positions")
        if outcome.saved:
            jobs, created = outcome.result
            flash(_("The jobs of %(quarter)s were recorded.", quarter=jobs.label) if created
                  else _("The jobs of %(quarter)s were corrected.", quarter=jobs.label), "success")
            return redirect(url_for("organisations.show", organisation_id=organisation_id, _anchor="area-company"))
    from .organisations import render_show  # the organisation page is the organisations blueprint's

    return render_show(organisation, jobs_form=form)
