"""Organisations: list, page, create, edit, archive."""
from datetime import date

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from .. import network_job, organisations
from ..auth import readable, staff_only
from ..commitment_register import delivery_record, pledged_and_delivered, with_party
from ..db import db
from ..models import Membership, Organisation, OrganisationKind, Sector
from ..neighbourhoods import neighbourhood_choices
from ..network import FIGURES
from ..network_data import ego_network
from ..timelines import organisation_commitments, organisation_timeline
from .editing import Outcome, save
from .forms.fields import options
from .forms.organisations import OrganisationFilterForm, OrganisationForm
from .relationships import organisation_relationships
from .stakeholders import assessment_panel

bp = Blueprint("organisations", __name__, url_prefix="/organisations")


def _details(form: OrganisationForm) -> organisations.OrganisationDetails:
    return organisations.OrganisationDetails(
        name=form.name.data, sector=Sector(form.sector.data), kind=OrganisationKind(form.kind.data),
        org_number=form.org_number.data or "", website=form.website.data or "", notes=form.notes.data or "",
        neighbourhood_ids=form.neighbourhood_ids.data or [], tags=form.tags.data or [],
    )



@bp.route("/")
@readable
def index():
    form = OrganisationFilterForm(request.args)
    form.neighbourhood.choices = options(neighbourhood_choices(db.session), blank=_("All neighbourhoods"))
    form.validate()
    query = organisations.organisation_query(
        search=form.q.data or "",
        sector=Sector(form.sector.data) if form.sector.data and not form.sector.errors else None,
        kind=OrganisationKind(form.kind.data) if form.kind.data and not form.kind.errors else None,
        neighbourhood_id=form.neighbourhood.data if not form.neighbourhood.errors else None,
        tag=form.tag.data or "", include_archived=form.archived.data,
        registered_from=form.registered_from.data if not form.registered_from.errors else None,
        registered_to=form.registered_to.data if not form.registered_to.errors else None,
        sort=request.args.get("sort", "name"),
    ).options(selectinload(Organisation.neighbourhoods))
    page = db.paginate(query, per_page=current_app.config["PAGE_SIZE"])
    return render_template("organisations/index.html", form=form, page=page)


@bp.route("/<int:organisation_id>")
@readable
def show(organisation_id: int):
    organisation = db.get_or_404(Organisation, organisation_id, options=[
        selectinload(Organisation.memberships).selectinload(Membership.person),
        selectinload(Organisation.neighbourhoods), selectinload(Organisation.tags),
    ])
    return render_template("organisations/show.html", organisation=organisation,
                           timeline=organisation_timeline(db.session, organisation.id),
                           commitment_timeline=organisation_commitments(db.session, organisation.id),
                           delivery=delivery_record(db.session, organisation.id, today=date.today()),
                           pledged=pledged_and_delivered(db.session, with_party(organisation.id)),
                           ego=ego_network(db.session, organisation.id, stored=network_job.stored_ego),
                           figures_meaning=FIGURES,
                           declared_relationships=organisation_relationships(organisation),
                           stakeholder=assessment_panel(organisation))


@bp.route("/new", methods=["GET", "POST"])
@staff_only
def new():
    form = OrganisationForm()
    form.neighbourhood_ids.choices = options(neighbourhood_choices(db.session))
    outcome = Outcome()
    if form.validate_on_submit():
        outcome = save(form, lambda: organisations.create_organisation(db.session, _details(form)))
        if outcome.saved:
            flash(_("%(name)s was registered.", name=outcome.result.name), "success")
            return redirect(url_for("organisations.show", organisation_id=outcome.result.id))
    return render_template("organisations/form.html", form=form, organisation=None, outcome=outcome)


@bp.route("/<int:organisation_id>/edit", methods=["GET", "POST"])
@staff_only
def edit(organisation_id: int):
    organisation = db.get_or_404(Organisation, organisation_id)
    form = OrganisationForm(obj=organisation)
    linked = [n.id for n in organisation.neighbourhoods]
    form.neighbourhood_ids.choices = options(neighbourhood_choices(db.session, keep=linked))
    if request.method == "GET":
        form.version.data = organisation.version
        form.sector.data = organisation.sector.value
        form.kind.data = organisation.kind.value
        form.neighbourhood_ids.data = linked
        form.tags.data = [t.name for t in organisation.tags]
    outcome = Outcome()
    if form.validate_on_submit():
        outcome = save(form, lambda: organisations.update_organisation(db.session, organisation, _details(form)),
                       edited=organisation, reload_url=url_for("organisations.edit", organisation_id=organisation_id))
        if outcome.saved:
            flash(_("%(name)s was saved.", name=organisation.name), "success")
            return redirect(url_for("organisations.show", organisation_id=organisation.id))
    return render_template("organisations/form.html", form=form, organisation=organisation,
                           outcome=outcome), outcome.status


@bp.route("/<int:organisation_id>/archive", methods=["POST"])
@staff_only
def archive(organisation_id: int):
    organisation = db.get_or_404(Organisation, organisation_id)
    if request.form.get("restore"):
        organisation.restore()
        message = _("%(name)s is back in the lists.", name=organisation.name)
    else:
        organisation.archive()
        message = _("%(name)s was archived. Its history is kept.", name=organisation.name)
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("organisations.show", organisation_id=organisation.id))
