"""Meeting places: list, page, create, edit, archive, and move to another stage."""
from datetime import date

from flask import Blueprint, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from .. import meeting_places
from ..auth import readable, staff_only
from ..db import db
from ..models import MeetingPlace, PlaceStage
from ..neighbourhoods import neighbourhood_choices
from ..vocabulary import label
from .downloads import csv_download
from .editing import add_archive_view, edit_form, edit_page, new_page, posted_stage_form
from .forms.fields import options
from .forms.places import NewPlaceForm, PlaceFilterForm, PlaceForm, PlaceStageForm
from .listing import ListPage, neighbourhood_options
from .place_page import place_page_context

bp = Blueprint("places", __name__, url_prefix="/places")


def _details(form: PlaceForm) -> meeting_places.PlaceDetails:
    return meeting_places.PlaceDetails(
        name=form.name.data or "", digital=form.digital.data, address=form.address.data or "",
        web_address=form.web_address.data or "", neighbourhood_id=form.neighbourhood_id.data,
        run_by_id=form.run_by_id.data, owner_ids=form.owner_ids.data or [], funder_ids=form.funder_ids.data or [],
        opened_on=form.opened_on.data, description=form.description.data or "",
    )


def _offer_neighbourhoods(form, keep: list[int] = ()) -> None:
    form.neighbourhood_id.choices = options(neighbourhood_choices(db.session, keep=keep), blank=_("No neighbourhood"))


def _kind(form) -> bool | None:
    kind = form.chosen("kind")
    return None if kind is None else kind == "digital"


place_list = ListPage(
    PlaceFilterForm, choices={"neighbourhood": neighbourhood_options},
    query=lambda form, sort: meeting_places.place_query(
        search=form.text("q"), neighbourhood_id=form.chosen("neighbourhood"), stage=form.chosen("stage", PlaceStage),
        digital=_kind(form), run_by_id=form.chosen("run_by"), include_archived=form.archived.data, sort=sort,
    ))


@bp.route("/")
@readable
def index():
    listing = place_list.read()
    page = listing.page(selectinload(MeetingPlace.neighbourhood), selectinload(MeetingPlace.run_by))
    return listing.render("places/index.html", page)


@bp.route("/export.csv")
@readable
def export():
    places = place_list.read().rows(selectinload(MeetingPlace.neighbourhood), selectinload(MeetingPlace.run_by))
    header = [_("Name"), _("Kind"), _("Stage"), _("Opening date"), _("Neighbourhood"), _("Run by"), _("Address"),
              _("Web address")]
    return csv_download("meeting_places.csv", header, (
        (place.name, _("Digital") if place.digital else _("Physical"), label(place.stage), place.opened_on,
         place.neighbourhood.name if place.neighbourhood else "", place.run_by.name if place.run_by else "",
         place.address, place.web_address) for place in places))


def _render_show(place: MeetingPlace, stage_form: PlaceStageForm):
    return render_template("places/show.html", place=place, stage_form=stage_form,
                           history=meeting_places.stage_history(db.session, place),
                           **place_page_context(place))


@bp.route("/<int:place_id>")
@readable
def show(place_id: int):
    place = db.get_or_404(MeetingPlace, place_id, options=[
        selectinload(MeetingPlace.owners), selectinload(MeetingPlace.funders)])
    stage_form = PlaceStageForm(formdata=None, stage=meeting_places.next_stage(place.stage).value,
                                changed_on=date.today())
    return _render_show(place, stage_form)


@bp.route("/new", methods=["GET", "POST"])
@staff_only
def new():
    form = NewPlaceForm()
    _offer_neighbourhoods(form)
    if request.method == "GET" and request.args.get("neighbourhood", type=int):
        form.neighbourhood_id.data = request.args.get("neighbourhood", type=int)
    return new_page(
        form, "places/form.html",
        lambda: meeting_places.create_place(db.session, _details(form), stage=PlaceStage(form.stage.data),
                                            stage_on=form.stage_on.data, changed_by_id=current_user.id),
        lambda place: _("%(name)s was registered.", name=place.name), "place_id", place=None)


@bp.route("/<int:place_id>/edit", methods=["GET", "POST"])
@staff_only
def edit(place_id: int):
    place = db.get_or_404(MeetingPlace, place_id)
    form = edit_form(PlaceForm, place, owner_ids=[o.id for o in place.owners],
                     funder_ids=[o.id for o in place.funders])
    _offer_neighbourhoods(form, keep=[place.neighbourhood_id] if place.neighbourhood_id else [])
    # Archived since, but still named on this place.
    form.run_by_id.keep([place.run_by])
    form.owner_ids.keep(place.owners)
    form.funder_ids.keep(place.funders)
    return edit_page(form, "places/form.html", place,
                     lambda: meeting_places.update_place(db.session, place, _details(form)),
                     lambda place: _("%(name)s was saved.", name=place.name), place=place)


add_archive_view(bp, MeetingPlace, "place_id", archived=lambda name: _(
    "%(name)s was archived. Its history is kept, also on the meetings held there.", name=name))


@bp.route("/<int:place_id>/stage", methods=["POST"])
@staff_only
def change_stage(place_id: int):
    place = db.get_or_404(MeetingPlace, place_id)
    form = PlaceStageForm()
    return posted_stage_form(form, place, meeting_places.change_place_stage, PlaceStage,
                             lambda: _render_show(place, form), own_checks_first=True)
