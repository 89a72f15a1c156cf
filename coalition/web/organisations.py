"""Organisations: list, page, create, edit, archive."""
from datetime import date

from flask import Blueprint, render_template
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from .. import organisations
from ..auth import readable, staff_only
from ..collaboration import network_view
from ..commitment_register import delivery_record, pledged_and_delivered, with_party
from ..contact_details import CONTACT_FIELDS, ContactDetails
from ..db import db
from ..i18n import lazy_gettext as _l
from ..models import JoinedBecause, Membership, Neighbourhood, Organisation, OrganisationKind, Sector
from ..neighbourhoods import neighbourhood_choices
from ..network import FIGURES
from ..surveys.results import surveys_of_organisation
from ..timelines import organisation_commitments, organisation_timeline
from ..vocabulary import label
from .area_companies import area_company_panel
from .editing import add_archive_view, edit_form, edit_page, new_page
from .forms.fields import options
from .forms.organisations import OrganisationFilterForm, OrganisationForm
from .interactions import page_form
from .listing import ListPage, add_export_views, neighbourhood_options
from .network_words import place_in_words
from .relationships import organisation_relationships
from .stakeholders import assessment_panel

bp = Blueprint("organisations", __name__, url_prefix="/organisations")


def _details(form: OrganisationForm) -> organisations.OrganisationDetails:
    return organisations.OrganisationDetails(
        name=form.name.data, sector=Sector(form.sector.data), kind=OrganisationKind(form.kind.data),
        org_number=form.org_number.data or "", notes=form.notes.data or "",
        neighbourhood_ids=form.neighbourhood_ids.data or [], tags=form.tags.data or [], joined_on=form.joined_on.data,
        area_company_of=form.area_company_of.data or [],
        contact=ContactDetails(**{name: form[name].data or "" for name in CONTACT_FIELDS}),
    )


organisation_list = ListPage(
    OrganisationFilterForm, choices={"neighbourhood": neighbourhood_options},
    query=lambda form, sort: organisations.organisation_query(
        search=form.text("q"), sector=form.chosen("sector", Sector), kind=form.chosen("kind", OrganisationKind),
        neighbourhood_id=form.chosen("neighbourhood"), tag=form.text("tag"), include_archived=form.archived.data,
        joined_from=form.chosen("joined_from"), joined_to=form.chosen("joined_to"), sort=sort,
    ))


@bp.route("/")
@readable
def index():
    listing = organisation_list.read()
    return listing.render("organisations/index.html", listing.page(selectinload(Organisation.neighbourhoods)))


def _table() -> tuple[list[str], list[tuple]]:
    """The organisations the list's filters keep, with where they are reached, for the downloads."""
    header = [_("Name"), _("Sector"), _("Kind"), _("Organisation number"), _("Street address"), _("Postcode"),
              _("Town"), _("Phone"), _("E-mail"), _("Website"), _("Active in neighbourhoods"), _("Tags"),
              _("Joined the programme on"), _("Archived")]
    rows = organisation_list.read().rows(selectinload(Organisation.neighbourhoods), selectinload(Organisation.tags))
    return header, [
        (o.name, label(o.sector), label(o.kind), o.org_number or "", o.address, o.postcode, o.town, o.phone, o.email,
         o.website, ", ".join(n.name for n in o.neighbourhoods), ", ".join(t.name for t in o.tags), o.joined_on,
         o.archived_at.date() if o.archived_at else None)
        for o in rows
    ]


add_export_views(bp, "organisations", _table, sheet=_l("Organisations"),
                 widths=[36, 10, 16, 14, 30, 9, 16, 16, 28, 30, 30, 20, 12, 12])


def render_show(organisation: Organisation, *, jobs_form=None):
    """The organisation page; a jobs form given is one that failed, shown again with its messages and input."""
    ego = network_view(db.session).ego(organisation.id)
    places = dict(db.session.execute(db.select(Neighbourhood.id, Neighbourhood.name)).all()) if ego else {}
    return render_template("organisations/show.html", organisation=organisation,
                           timeline=organisation_timeline(db.session, organisation.id),
                           commitment_timeline=organisation_commitments(db.session, organisation.id),
                           delivery=delivery_record(db.session, organisation.id, today=date.today()),
                           pledged=pledged_and_delivered(db.session, with_party(organisation.id)),
                           ego=ego, place_words=place_in_words(ego.place, places) if ego else [],
                           figures_meaning=FIGURES,
                           declared_relationships=organisation_relationships(organisation),
                           stakeholder=assessment_panel(organisation),
                           surveys_sent=surveys_of_organisation(db.session, organisation, str(get_locale())),
                           interaction_form=page_form(organisation_id=organisation.id),
                           **area_company_panel(organisation, jobs_form))


@bp.route("/<int:organisation_id>")
@readable
def show(organisation_id: int):
    organisation = db.get_or_404(Organisation, organisation_id, options=[
        selectinload(Organisation.memberships).selectinload(Membership.person),
        selectinload(Organisation.neighbourhoods), selectinload(Organisation.tags),
    ])
    return render_show(organisation)


@bp.route("/new", methods=["GET", "POST"])
@staff_only
def new():
    form = OrganisationForm()
    form.neighbourhood_ids.choices = form.area_company_of.choices = options(neighbourhood_choices(db.session))
    return new_page(form, "organisations/form.html", lambda: organisations.create_organisation(db.session, _details(form)),
                    lambda organisation: _("%(name)s was registered.", name=organisation.name), "organisation_id",
                    organisation=None)


@bp.route("/<int:organisation_id>/edit", methods=["GET", "POST"])
@staff_only
def edit(organisation_id: int):
    organisation = db.get_or_404(Organisation, organisation_id)
    linked = [n.id for n in organisation.neighbourhoods]
    served = [n.id for n in organisation.area_company_of]
    form = edit_form(
        OrganisationForm, organisation, sector=organisation.sector.value, kind=organisation.kind.value,
        neighbourhood_ids=linked, area_company_of=served, tags=[t.name for t in organisation.tags],
        joined_on=organisation.joined_on if organisation.joined_because is JoinedBecause.STAFF else None)
    form.neighbourhood_ids.choices = options(neighbourhood_choices(db.session, keep=linked))
    form.area_company_of.choices = options(neighbourhood_choices(db.session, keep=served))
    return edit_page(form, "organisations/form.html", organisation,
                     lambda: organisations.update_organisation(db.session, organisation, _details(form)),
                     lambda organisation: _("%(name)s was saved.", name=organisation.name), organisation=organisation)


add_archive_view(bp, Organisation, "organisation_id",
                 lambda name: _("%(name)s was archived. Its history is kept.", name=name))
