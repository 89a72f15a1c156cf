"""Neighbourhoods: list, page, create, edit, archive, and move to another programme stage."""
from datetime import date

from flask import Blueprint, render_template
from flask_babel import gettext as _
from flask_login import current_user

from .. import neighbourhood_profile, neighbourhoods
from ..auth import readable, staff_only
from ..collaboration.shared import shared
from ..db import db
from ..kpis import neighbourhood_kpis
from ..models import Neighbourhood, Sector, Stage
from ..quarterly_attendance import Quarter
from ..reporting.charts import bar_chart_svg
from ..timelines import neighbourhood_timeline
from ..vocabulary import NO_SECTOR_COLOUR, SECTOR_COLOURS, label
from .area_companies import neighbourhood_panel
from .editing import add_archive_view, edit_form, edit_page, new_page, posted_stage_form
from .effect import neighbourhood_effect_context
from .forms.fields import options
from .forms.neighbourhoods import NeighbourhoodFilterForm, NeighbourhoodForm, NewNeighbourhoodForm, StageChangeForm
from .listing import ListPage

bp = Blueprint("neighbourhoods", __name__, url_prefix="/neighbourhoods")


def _details(form: NeighbourhoodForm) -> neighbourhoods.NeighbourhoodDetails:
    return neighbourhoods.NeighbourhoodDetails(
        name=form.name.data, municipality=form.municipality.data,
        population=form.population.data, description=form.description.data or "",
    )


# People counted without names, apart from the four sectors' colours and the grey of "no organisation".
COUNTED_COLOUR = "#0e7490"

# The chart shows the last three years; the table below it has every quarter.
CHARTED_QUARTERS = 12


def _stacked_bars(categories: tuple[str, ...], series: tuple[tuple[str, tuple[int, ...]], ...], unit: str,
                  title: str, colours: tuple[str, ...]) -> str:
    # Drawing takes a fifth to half a second; the same figures in the same language draw the same
    # chart, so it is kept, and shared between the web processes like the network's figures.
    return shared(("attendance chart", categories, series, unit, title, colours), lambda: bar_chart_svg(
        list(categories), dict(series), stacked=True, unit=unit, title=title, format_value=lambda v: f"{v:.0f}",
        size=(7.2, 3.2), colours=colours))


def attendance_chart(quarters: list[Quarter]) -> str | None:
    """Draw the attendances of the latest quarters, stacked by sector; None when there is nothing to draw."""
    shown = quarters[-CHARTED_QUARTERS:]
    if not any(q.total_attended for q in shown):
        return None
    groups = list(Sector)
    if any(q.attended.get(None) for q in shown):
        groups.append(None)
    series = tuple((str(label(sector)) if sector else _("No organisation"),
                    tuple(q.attended.get(sector, 0) for q in shown)) for sector in groups)
    colours = tuple(SECTOR_COLOURS.get(sector, NO_SECTOR_COLOUR) for sector in groups)  # as the badges beside it
    if any(q.counted for q in shown):
        series += ((_("Counted without names"), tuple(q.counted for q in shown)),)
        colours += (COUNTED_COLOUR,)
    return _stacked_bars(tuple(q.label for q in shown), series, _("people attending"),
                         _("Attendances at meetings here, by sector"), colours)


def _render_show(neighbourhood: Neighbourhood, stage_form: StageChangeForm):
    found = neighbourhood_profile.profile(db.session, neighbourhood)
    return render_template(
        "neighbourhoods/show.html", neighbourhood=neighbourhood, stage_form=stage_form,
        history=neighbourhoods.stage_history(db.session, neighbourhood), profile=found,
        missing_means=neighbourhood_profile.WHAT_A_MISSING_SECTOR_MEANS,
        attendance_chart=attendance_chart(found.quarters),
        quarter_groups=[*Sector, *([None] if any(None in q.attended for q in found.quarters) else [])],
        timeline=neighbourhood_timeline(db.session, neighbourhood.id),
        kpi_section=neighbourhood_kpis(db.session, neighbourhood.id),
        **neighbourhood_panel(neighbourhood),
        **neighbourhood_effect_context(neighbourhood, met_by_quarter=found.quarters),  # read once for both
    )


neighbourhood_list = ListPage(
    NeighbourhoodFilterForm,
    choices={"municipality": lambda: options(((m, m) for m in neighbourhoods.municipalities(db.session)),
                                             blank=_("All municipalities"))},
    query=lambda form, sort: neighbourhoods.neighbourhood_query(
        search=form.text("q"), municipality=form.text("municipality"), stage=form.chosen("stage", Stage),
        include_archived=form.archived.data, sort=sort,
    ))


@bp.route("/")
@readable
def index():
    listing = neighbourhood_list.read()
    page = listing.page()
    counts = neighbourhoods.active_organisation_counts(db.session, [n.id for n in page])
    return listing.render("neighbourhoods/index.html", page, counts=counts)


@bp.route("/<int:neighbourhood_id>")
@readable
def show(neighbourhood_id: int):
    neighbourhood = db.get_or_404(Neighbourhood, neighbourhood_id)
    stage_form = StageChangeForm(stage=neighbourhoods.next_stage(neighbourhood.stage).value, changed_on=date.today())
    return _render_show(neighbourhood, stage_form)


@bp.route("/new", methods=["GET", "POST"])
@staff_only
def new():
    form = NewNeighbourhoodForm()
    return new_page(
        form, "neighbourhoods/form.html",
        lambda: neighbourhoods.create_neighbourhood(db.session, _details(form), stage=Stage(form.stage.data),
                                                    stage_on=form.stage_on.data, changed_by_id=current_user.id),
        lambda neighbourhood: _("%(name)s was registered.", name=neighbourhood.name), "neighbourhood_id",
        neighbourhood=None)


@bp.route("/<int:neighbourhood_id>/edit", methods=["GET", "POST"])
@staff_only
def edit(neighbourhood_id: int):
    neighbourhood = db.get_or_404(Neighbourhood, neighbourhood_id)
    form = edit_form(NeighbourhoodForm, neighbourhood)
    return edit_page(form, "neighbourhoods/form.html", neighbourhood,
                     lambda: neighbourhoods.update_neighbourhood(db.session, neighbourhood, _details(form)),
                     lambda neighbourhood: _("%(name)s was saved.", name=neighbourhood.name),
                     neighbourhood=neighbourhood)


add_archive_view(bp, Neighbourhood, "neighbourhood_id",
                 lambda name: _("%(name)s was archived. Its history is kept.", name=name))


@bp.route("/<int:neighbourhood_id>/stage", methods=["POST"])
@staff_only
def change_stage(neighbourhood_id: int):
    neighbourhood = db.get_or_404(Neighbourhood, neighbourhood_id)
    form = StageChangeForm()
    return posted_stage_form(form, neighbourhood, neighbourhoods.change_stage, Stage,
                             lambda: _render_show(neighbourhood, form))
