"""Neighbourhoods: list, page, create, edit, archive, and move to another programme stage."""
import functools
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
from flask_login import current_user

from .. import neighbourhood_profile, neighbourhoods
from ..auth import readable, staff_only
from ..charts import bar_chart_svg
from ..db import db
from ..kpis import neighbourhood_kpis
from ..models import Neighbourhood, Sector, Stage
from ..timelines import neighbourhood_timeline
from ..vocabulary import label
from .editing import Outcome, save
from .forms.fields import options
from .forms.neighbourhoods import (
    NeighbourhoodFilterForm,
    NeighbourhoodForm,
    NewNeighbourhoodForm,
    StageChangeForm,
)

bp = Blueprint("neighbourhoods", __name__, url_prefix="/neighbourhoods")


def _details(form: NeighbourhoodForm) -> neighbourhoods.NeighbourhoodDetails:
    return neighbourhoods.NeighbourhoodDetails(
        name=form.name.data, municipality=form.municipality.data,
        population=form.population.data, description=form.description.data or "",
    )


# The chart shows the last three years; the table below it has every quarter.
CHARTED_QUARTERS = 12


@functools.lru_cache(maxsize=256)
def _stacked_bars(categories: tuple[str, ...], series: tuple[tuple[str, tuple[int, ...]], ...], unit: str,
                  title: str) -> str:
    # Drawing takes about half a second; the same figures in the same language draw the same chart.
    return bar_chart_svg(list(categories), dict(series), stacked=True, unit=unit, title=title,
                         format_value=lambda v: f"{v:.0f}", size=(7.2, 3.2))


def _attendance_chart(quarters: list[neighbourhood_profile.Quarter]) -> str | None:
    """Draw the attendances of the latest quarters, stacked by sector; None when there is nothing to draw."""
    shown = quarters[-CHARTED_QUARTERS:]
    if not any(q.total_attended for q in shown):
        return None
    # In this order the chart palette's first four colours come close to the sectors' own (blue for
    # public, orange for private, green for civil, purple-pink for academic), so all four are always drawn.
    groups = [Sector.PUBLIC, Sector.PRIVATE, Sector.CIVIL, Sector.ACADEMIC]
    if any(q.attended.get(None) for q in shown):
        groups.append(None)
    series = tuple((str(label(sector)) if sector else _("No organisation"),
                    tuple(q.attended.get(sector, 0) for q in shown)) for sector in groups)
    return _stacked_bars(tuple(q.label for q in shown), series, _("people attending"),
                         _("Attendances at meetings here, by sector"))


def _render_show(neighbourhood: Neighbourhood, stage_form: StageChangeForm):
    found = neighbourhood_profile.profile(db.session, neighbourhood)
    return render_template(
        "neighbourhoods/show.html", neighbourhood=neighbourhood, stage_form=stage_form,
        history=neighbourhoods.stage_history(db.session, neighbourhood), profile=found,
        missing_means=neighbourhood_profile.WHAT_A_MISSING_SECTOR_MEANS,
        attendance_chart=_attendance_chart(found.quarters),
        quarter_groups=[*Sector, *([None] if any(None in q.attended for q in found.quarters) else [])],
        timeline=neighbourhood_timeline(db.session, neighbourhood.id),
        kpi_section=neighbourhood_kpis(db.session, neighbourhood.id),
    )


@bp.route("/")
@readable
def index():
    form = NeighbourhoodFilterForm(request.args)
    form.municipality.choices = options(
        ((m, m) for m in neighbourhoods.municipalities(db.session)), blank=_("All municipalities"))
    form.validate()
    query = neighbourhoods.neighbourhood_query(
        search=form.q.data or "",
        municipality="" if form.municipality.errors else form.municipality.data or "",
        stage=Stage(form.stage.data) if form.stage.data and not form.stage.errors else None,
        include_archived=form.archived.data, sort=request.args.get("sort", "name"),
    )
    page = db.paginate(query, per_page=current_app.config["PAGE_SIZE"])
    counts = neighbourhoods.active_organisation_counts(db.session, [n.id for n in page])
    return render_template("neighbourhoods/index.html", form=form, page=page, counts=counts)


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
    outcome = Outcome()
    if form.validate_on_submit():
        outcome = save(form, lambda: neighbourhoods.create_neighbourhood(
            db.session, _details(form), stage=Stage(form.stage.data), stage_on=form.stage_on.data,
            changed_by_id=current_user.id,
        ))
        if outcome.saved:
            flash(_("%(name)s was registered.", name=outcome.result.name), "success")
            return redirect(url_for("neighbourhoods.show", neighbourhood_id=outcome.result.id))
    return render_template("neighbourhoods/form.html", form=form, neighbourhood=None, outcome=outcome)


@bp.route("/<int:neighbourhood_id>/edit", methods=["GET", "POST"])
@staff_only
def edit(neighbourhood_id: int):
    neighbourhood = db.get_or_404(Neighbourhood, neighbourhood_id)
    form = NeighbourhoodForm(obj=neighbourhood)
    if request.method == "GET":
        form.version.data = neighbourhood.version
    outcome = Outcome()
    if form.validate_on_submit():
        outcome = save(form, lambda: neighbourhoods.update_neighbourhood(db.session, neighbourhood, _details(form)),
                       edited=neighbourhood, reload_url=url_for("neighbourhoods.edit", neighbourhood_id=neighbourhood_id))
        if outcome.saved:
            flash(_("%(name)s was saved.", name=neighbourhood.name), "success")
            return redirect(url_for("neighbourhoods.show", neighbourhood_id=neighbourhood.id))
    return render_template("neighbourhoods/form.html", form=form, neighbourhood=neighbourhood,
                           outcome=outcome), outcome.status


@bp.route("/<int:neighbourhood_id>/archive", methods=["POST"])
@staff_only
def archive(neighbourhood_id: int):
    neighbourhood = db.get_or_404(Neighbourhood, neighbourhood_id)
    if request.form.get("restore"):
        neighbourhood.restore()
        message = _("%(name)s is back in the lists.", name=neighbourhood.name)
    else:
        neighbourhood.archive()
        message = _("%(name)s was archived. Its history is kept.", name=neighbourhood.name)
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("neighbourhoods.show", neighbourhood_id=neighbourhood.id))


@bp.route("/<int:neighbourhood_id>/stage", methods=["POST"])
@staff_only
def change_stage(neighbourhood_id: int):
    neighbourhood = db.get_or_404(Neighbourhood, neighbourhood_id)
    form = StageChangeForm()
    if form.validate_on_submit():
        outcome = save(form, lambda: neighbourhoods.change_stage(
            db.session, neighbourhood, Stage(form.stage.data), changed_on=form.changed_on.data,
            note=form.note.data or "", changed_by_id=current_user.id,
        ), default_field="stage")
        if outcome.saved:
            flash(_("%(name)s is now at the stage %(stage)s.", name=neighbourhood.name, stage=label(neighbourhood.stage)),
                  "success")
            return redirect(url_for("neighbourhoods.show", neighbourhood_id=neighbourhood.id))
    return _render_show(neighbourhood, form)
