"""KPIs: list, page with a chart and table per neighbourhood, define and edit, targets and measurements."""
from functools import lru_cache

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup

from .. import kpis
from ..auth import readable, staff_only
from ..db import db
from ..i18n import number
from ..models import Direction, Kpi, KpiMeasurement, KpiTarget
from ..neighbourhoods import neighbourhood_choices
from ..reporting.charts import time_series_svg
from .editing import Outcome, edit_form, edit_page, form_page, new_page, posted_form, save
from .forms.fields import options
from .forms.kpis import KpiForm, MeasurementForm, TargetForm

bp = Blueprint("kpis", __name__, url_prefix="/kpis")


@lru_cache(maxsize=512)
def _drawn(title: str, label: str, series: tuple, unit: str, baseline, target, small: bool, locale: str,
           value_range: tuple[float, float] | None = None) -> str:
    # Drawing takes a tenth of a second or more; the same figures in the same language draw the same.
    return time_series_svg(
        [(label, list(series))], unit=unit, baseline=baseline, target=target, title=title,
        baseline_label=_("Baseline"), target_label=_("Target"), format_value=lambda value: number(round(value, 2)),
        size=(2.6, 1.0) if small else (6.4, 2.8), small=small, value_range=value_range)


@bp.app_template_global()
def kpi_value_range(items) -> tuple[float, float] | None:
    """The lowest and highest value (measured, baseline or target) of one KPI over several neighbourhoods."""
    values = [float(value) for item in items for _day, value in item.series]
    values += [float(value) for item in items if item.target
               for value in (item.target.baseline_value, item.target.target_value) if value is not None]
    return (min(values), max(values)) if values else None


@bp.app_template_global()
def kpi_chart(item: kpis.KpiInNeighbourhood, small: bool = False,
              value_range: tuple[float, float] | None = None) -> Markup:
    """Draw one neighbourhood's measurements of a KPI, with its baseline and target, as inline SVG.

    Charts of one KPI shown together pass the same `value_range`, so their heights compare.
    """
    target = item.target
    title = _("%(kpi)s in %(neighbourhood)s", kpi=item.kpi.name, neighbourhood=item.neighbourhood.name)
    svg = _drawn(title, item.neighbourhood.name, tuple(item.series), item.kpi.unit,
                 target.baseline_value if target else None, target.target_value if target else None, small,
                 str(get_locale()), value_range)
    # matplotlib escapes every text it draws, and charts.py the labels.
    return Markup(svg)  # nosec B704


def _kpi_details(form: KpiForm) -> kpis.KpiDetails:
    return kpis.KpiDetails(name=form.name.data, unit=form.unit.data, direction=Direction(form.direction.data),
                           description=form.description.data or "", source=form.source.data or "")


@bp.route("/")
@readable
def index():
    return render_template("kpis/index.html", summaries=kpis.kpi_summaries(db.session))


def _measurement_form(kpi: Kpi, **kwargs) -> MeasurementForm:
    form = MeasurementForm(**kwargs)
    form.neighbourhood_id.choices = options(neighbourhood_choices(db.session), blank="")
    return form


def _render_show(kpi: Kpi, measurement_form: MeasurementForm, status: int = 200):
    return render_template("kpis/show.html", kpi=kpi, followed=kpis.kpi_by_neighbourhood(db.session, kpi),
                           measurement_form=measurement_form), status


@bp.route("/<int:kpi_id>")
@readable
def show(kpi_id: int):
    kpi = db.get_or_404(Kpi, kpi_id)
    return _render_show(kpi, _measurement_form(kpi, formdata=None, neighbourhood_id=request.args.get(
        "neighbourhood", type=int)))


@bp.route("/new", methods=["GET", "POST"])
@staff_only
def new():
    form = KpiForm()
    return new_page(form, "kpis/form.html", lambda: kpis.create_kpi(db.session, _kpi_details(form)),
                    lambda kpi: _("The KPI %(name)s was defined.", name=kpi.name), "kpi_id", kpi=None)


@bp.route("/<int:kpi_id>/edit", methods=["GET", "POST"])
@staff_only
def edit(kpi_id: int):
    kpi = db.get_or_404(Kpi, kpi_id)
    form = edit_form(KpiForm, kpi, direction=kpi.direction.value)
    return edit_page(form, "kpis/form.html", kpi, lambda: kpis.update_kpi(db.session, kpi, _kpi_details(form)),
                     lambda kpi: _("The KPI %(name)s was saved.", name=kpi.name), kpi=kpi)


# Targets


def _target_details(form: TargetForm) -> kpis.TargetDetails:
    return kpis.TargetDetails(neighbourhood_id=form.neighbourhood_id.data, baseline_value=form.baseline_value.data,
                              baseline_on=form.baseline_on.data, target_value=form.target_value.data,
                              target_on=form.target_on.data)


@bp.route("/<int:kpi_id>/targets/new", methods=["GET", "POST"])
@staff_only
def new_target(kpi_id: int):
    kpi = db.get_or_404(Kpi, kpi_id)
    form = TargetForm(neighbourhood_id=request.args.get("neighbourhood", type=int))
    followed = {target.neighbourhood_id for target in kpi.targets}
    form.neighbourhood_id.choices = options(
        [(id_, name) for id_, name in neighbourhood_choices(db.session) if id_ not in followed], blank="")
    return form_page(
        form, "kpis/target_form.html", lambda: kpis.set_target(db.session, kpi, _target_details(form)),
        lambda result: (_("The baseline and target were recorded."), url_for("kpis.show", kpi_id=kpi.id, _anchor=f"neighbourhood-{form.neighbourhood_id.data}")),
        default_field="neighbourhood_id", kpi=kpi, target=None)


@bp.route("/targets/<int:target_id>/edit", methods=["GET", "POST"])
@staff_only
def edit_target(target_id: int):
    target = db.get_or_404(KpiTarget, target_id)
    kpi = target.kpi
    form = edit_form(TargetForm, target)
    # The neighbourhood is what the target is for; it is not changed here.
    form.neighbourhood_id.choices = options([(target.neighbourhood_id, target.neighbourhood.name)])
    form.neighbourhood_id.data = target.neighbourhood_id
    return form_page(
        form, "kpis/target_form.html", lambda: kpis.set_target(db.session, kpi, _target_details(form)),
        lambda result: (_("The baseline and target were saved."), url_for("kpis.show", kpi_id=kpi.id, _anchor=f"neighbourhood-{target.neighbourhood_id}")),
        edited=target, reload_url=url_for("kpis.edit_target", target_id=target_id), default_field="baseline_value",
        kpi=kpi, target=target)


@bp.route("/targets/<int:target_id>/delete", methods=["POST"])
@staff_only
def delete_target(target_id: int):
    target = db.get_or_404(KpiTarget, target_id)
    kpi_id, name = target.kpi_id, target.neighbourhood.name
    kpis.remove_target(db.session, target)
    db.session.commit()
    flash(_("The baseline and target for %(name)s were removed; its measurements are kept.", name=name), "success")
    return redirect(url_for("kpis.show", kpi_id=kpi_id))


# Measurements


def _measurement_details(form: MeasurementForm) -> kpis.MeasurementDetails:
    return kpis.MeasurementDetails(neighbourhood_id=form.neighbourhood_id.data, measured_on=form.measured_on.data,
                                   value=form.value.data, source=form.source.data or "")


@bp.route("/<int:kpi_id>/measurements", methods=["POST"])
@staff_only
def record_measurement(kpi_id: int):
    kpi = db.get_or_404(Kpi, kpi_id)
    form = _measurement_form(kpi)
    return posted_form(
        form, lambda: kpis.record_measurement(db.session, kpi, _measurement_details(form)),
        lambda measurement: (_("%(value)s was recorded for %(date)s.", value=number(measurement.value),
                               date=measurement.measured_on.isoformat()),
                             url_for("kpis.show", kpi_id=kpi.id, _anchor=f"neighbourhood-{form.neighbourhood_id.data}")),
        lambda: _render_show(kpi, form, status=422), default_field="value")


@bp.route("/measurements/<int:measurement_id>/edit", methods=["GET", "POST"])
@staff_only
def edit_measurement(measurement_id: int):
    measurement = db.get_or_404(KpiMeasurement, measurement_id)
    kpi = measurement.kpi
    form = _measurement_form(kpi, obj=measurement)
    if request.method == "GET":
        form.version.data = measurement.version
    outcome = Outcome()
    if form.is_submitted():
        outcome = save(form, lambda: kpis.correct_measurement(db.session, measurement, _measurement_details(form)),
                       edited=measurement, reload_url=url_for("kpis.edit_measurement", measurement_id=measurement_id),
                       default_field="value")
        if outcome.saved:
            flash(_("The measurement was corrected."), "success")
            return redirect(url_for("kpis.show", kpi_id=kpi.id,
                                    _anchor=f"neighbourhood-{measurement.neighbourhood_id}"))
    status = outcome.status if outcome.conflict or not form.errors else 422
    return render_template("kpis/measurement_form.html", form=form, kpi=kpi, measurement=measurement,
                           outcome=outcome), status


@bp.route("/measurements/<int:measurement_id>/delete", methods=["POST"])
@staff_only
def delete_measurement(measurement_id: int):
    measurement = db.get_or_404(KpiMeasurement, measurement_id)
    kpi_id, neighbourhood_id, day = measurement.kpi_id, measurement.neighbourhood_id, measurement.measured_on
    kpis.delete_measurement(db.session, measurement)
    db.session.commit()
    flash(_("The measurement of %(date)s was deleted.", date=day.isoformat()), "success")
    return redirect(url_for("kpis.show", kpi_id=kpi_id, _anchor=f"neighbourhood-{neighbourhood_id}"))
