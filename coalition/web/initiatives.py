"""Initiatives: list, export, page with its commitments and participants, create and edit."""
from flask import Blueprint, render_template, request
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from .. import initiatives
from ..auth import readable, staff_only
from ..commitments import meeting_choices
from ..db import db
from ..i18n import lazy_gettext as _l
from ..models import Initiative, InitiativeStatus, Meeting
from ..neighbourhoods import neighbourhood_choices
from ..vocabulary import label
from .editing import edit_form, edit_page, new_page
from .forms.fields import options
from .forms.initiatives import InitiativeFilterForm, InitiativeForm
from .listing import ListPage, add_export_views, neighbourhood_options

bp = Blueprint("initiatives", __name__, url_prefix="/initiatives")

# An initiative's page lists this many of its commitments; the register, filtered, has them all.
COMMITMENTS_SHOWN = 100


initiative_list = ListPage(
    InitiativeFilterForm, choices={"neighbourhood": neighbourhood_options},
    query=lambda form, sort: initiatives.initiative_query(
        search=form.text("q"), status=form.chosen("status", InitiativeStatus),
        neighbourhood_id=form.chosen("neighbourhood"), organisation_id=form.chosen("organisation"), sort=sort,
    ).options(selectinload(Initiative.lead_organisation), selectinload(Initiative.neighbourhoods)))


@bp.route("/")
@readable
def index():
    listing = initiative_list.read()
    page = listing.page()
    counts = initiatives.commitment_counts(db.session, [initiative.id for initiative in page.items])
    return listing.render("initiatives/index.html", page, counts=counts)


def _table() -> tuple[list[str], list[tuple]]:
    rows = list(initiative_list.read().rows(selectinload(Initiative.participants)))
    counts = initiatives.commitment_counts(db.session, [initiative.id for initiative in rows])
    header = [_("Name"), _("Status"), _("Lead organisation"), _("Participating organisations"), _("Neighbourhoods"),
              _("Started on"), _("Commitments"), _("Description")]
    return header, [
        (i.name, label(i.status), i.lead_organisation.name if i.lead_organisation else "",
         "; ".join(o.name for o in i.participants), ", ".join(n.name for n in i.neighbourhoods), i.started_on,
         counts.get(i.id, 0), i.description)
        for i in rows
    ]


add_export_views(bp, "initiatives", _table, sheet=_l("Initiatives"), widths=[30, 12, 30, 50, 30, 12, 12, 60])


@bp.route("/<int:initiative_id>")
@readable
def show(initiative_id: int):
    initiative = db.get_or_404(Initiative, initiative_id, options=[
        selectinload(Initiative.participants), selectinload(Initiative.neighbourhoods),
        selectinload(Initiative.lead_organisation), selectinload(Initiative.origin_meeting),
    ])
    found = initiatives.initiative_commitments(db.session, initiative, shown=COMMITMENTS_SHOWN)
    return render_template(
        "initiatives/show.html", initiative=initiative, commitments=found.latest, commitment_total=found.total,
        pledged=found.pledged,
        by_sector=initiatives.participants_by_sector(initiative),
    )


def _details(form: InitiativeForm) -> initiatives.InitiativeDetails:
    return initiatives.InitiativeDetails(
        name=form.name.data or "", description=form.description.data or "",
        status=InitiativeStatus(form.status.data), lead_organisation_id=form.lead_organisation_id.data,
        participant_ids=form.participant_ids.data or [], neighbourhood_ids=form.neighbourhood_ids.data or [],
        origin_meeting_id=form.origin_meeting_id.data, started_on=form.started_on.data,
    )


def _offer_choices(form: InitiativeForm, initiative: Initiative | None = None) -> None:
    """Fill the pickers; organisations and places already chosen stay on offer if archived since."""
    if initiative is not None:
        form.lead_organisation_id.keep([initiative.lead_organisation_id])
        form.participant_ids.keep(initiative.participants)
    form.neighbourhood_ids.choices = options(neighbourhood_choices(db.session, keep=form.neighbourhood_ids.data or []))
    form.origin_meeting_id.choices = options(meeting_choices(db.session, keep=form.origin_meeting_id.data),
                                             blank=_("No meeting"))


@bp.route("/new", methods=["GET", "POST"])
@staff_only
def new():
    form = InitiativeForm()
    if request.method == "GET":
        meeting_id = request.args.get("meeting", type=int)
        form.origin_meeting_id.data = meeting_id if meeting_id and db.session.get(Meeting, meeting_id) else None
    _offer_choices(form)
    return new_page(form, "initiatives/form.html", lambda: initiatives.create_initiative(db.session, _details(form)),
                    lambda initiative: _("%(name)s was recorded.", name=initiative.name), "initiative_id",
                    initiative=None)


@bp.route("/<int:initiative_id>/edit", methods=["GET", "POST"])
@staff_only
def edit(initiative_id: int):
    initiative = db.get_or_404(Initiative, initiative_id)
    form = edit_form(InitiativeForm, initiative, status=initiative.status.value,
                     participant_ids=[o.id for o in initiative.participants],
                     neighbourhood_ids=[n.id for n in initiative.neighbourhoods])
    _offer_choices(form, initiative)
    return edit_page(form, "initiatives/form.html", initiative,
                     lambda: initiatives.update_initiative(db.session, initiative, _details(form)),
                     lambda initiative: _("%(name)s was saved.", name=initiative.name), initiative=initiative)
