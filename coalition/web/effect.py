"""The social effect: a neighbourhood's quarters side by side, every neighbourhood compared, and the exports."""
import functools
from datetime import date

from babel.numbers import format_compact_decimal, get_decimal_symbol
from flask import Blueprint, render_template
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import neighbourhood_effect
from ..auth import readable
from ..db import db
from ..effect import NotAvailable, Reason, label
from ..effect.charts import PanelSpec, quarter_chart, small_multiple
from ..exports import Sheet
from ..i18n import number, sek
from ..models import Neighbourhood, Sector, Stage, Unit
from ..vocabulary import label as name_of
from .downloads import csv_download, xlsx_download

bp = Blueprint("effect", __name__, url_prefix="/effect")

# What "not available" means, said where a figure would stand.
REASONS = {
    Reason.NOT_MEASURED: _l("not measured in this quarter"),
    Reason.NO_TARGET: _l("no baseline and target set"),
    Reason.TARGET_IS_BASELINE: _l("the target equals the baseline: no distance to cover"),
    Reason.NO_POPULATION: _l("the neighbourhood's population is not recorded"),
    Reason.NO_INVESTMENT: _l("no SEK delivered"),
    Reason.NOT_MOVED: _l("the KPI has not moved towards its target"),
    Reason.TOO_FEW: _l("fewer than three neighbourhoods on one side"),
}


@bp.app_template_global()
def not_available(value) -> str | None:
    """Return why a figure is not available (None when it is)."""
    return str(REASONS[value.reason]) if isinstance(value, NotAvailable) else None


def _plain_number(value) -> str:
    """Write a KPI value with at most two decimals in the reader's decimal sign (fast: a chart writes thousands)."""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", _decimal_sign(str(get_locale())))


@functools.lru_cache(maxsize=8)
def _decimal_sign(locale: str) -> str:
    return get_decimal_symbol(locale)


def _whole(value) -> str:
    return number(round(float(value)))


def _one_decimal(value) -> str:
    return number(round(float(value), 1))


def _compact(value) -> str:
    return format_compact_decimal(float(value), locale=str(get_locale()), fraction_digits=1)


def _share(value) -> str:
    return f"{float(value) * 100:.0f} %"


def effect_chart(effect: neighbourhood_effect.NeighbourhoodEffect):
    """Lay out the neighbourhood's chart: SEK, attendances, cross-sector ties and each KPI on the same quarters."""
    quarters = effect.quarters
    labels = [q.label for q in quarters]
    specs = [
        PanelSpec(_("SEK committed and delivered"), [
            ("committed", [q.committed.get("sek") for q in quarters]),
            ("delivered", [q.delivered.get("sek") for q in quarters])], bars=True, lowest=0, format_value=sek,
            format_axis=_compact),
        PanelSpec(_("Attendances"), [("attended", [q.attendance_total or None for q in quarters])], bars=True,
                  lowest=0, format_value=number, format_axis=_whole),
        PanelSpec(_("Cross-sector ties"), [("share", [
            q.collaboration.figures.cross_sector_share if q.collaboration else None for q in quarters])],
            lowest=0, highest=1, format_value=_share),
    ]
    for item in effect.kpis:
        kpi = item.kpi
        levels = [(css, value, text) for css, value, text in (
            ("baseline", kpi.baseline, _("Baseline")), ("target", kpi.target, _("Target"))) if value is not None]
        specs.append(PanelSpec(f"{kpi.name} ({kpi.unit})", [("kpi", [q.kpis.get(kpi.kpi_id) for q in quarters])],
                               levels=levels, format_value=_plain_number, format_axis=_one_decimal))
    acting = [q.quarter for q in quarters].index(effect.acting_from) if effect.acting_from in [
        q.quarter for q in quarters] else None
    return quarter_chart(labels, specs, acting)


def effect_context(effect: neighbourhood_effect.NeighbourhoodEffect) -> dict:
    """What the effect section needs, on the neighbourhood's page and in the steering report."""
    units = [str(u) for u in Unit if u in (Unit.SEK, Unit.HOURS) or any(
        str(u) in q.committed or str(u) in q.delivered for q in effect.quarters)]
    return {"effect": effect, "effect_chart": effect_chart(effect), "effect_units": units, **vocabulary()}


def vocabulary() -> dict:
    """The names of stages, sectors and units, by the plain values the effect figures hold."""
    return {"stage_names": {str(s): name_of(s) for s in Stage}, "sector_names": {str(s): name_of(s) for s in Sector},
            "unit_names": {str(u): name_of(u) for u in Unit}}


def neighbourhood_effect_context(neighbourhood: Neighbourhood, met_by_quarter: list | None = None) -> dict:
    return effect_context(neighbourhood_effect.neighbourhood_effect(db.session, neighbourhood,
                                                                    met_by_quarter=met_by_quarter))


# The steering report shows the effect of this many neighbourhoods, the furthest along first; the rest are linked.
REPORT_NEIGHBOURHOODS = 10


def report_context() -> dict:
    """The steering report's effect section: the comparison per KPI, and the furthest neighbourhoods' effect views."""
    shown, more = neighbourhood_effect.furthest_along(db.session, REPORT_NEIGHBOURHOODS)
    return {"effect_across": neighbourhood_effect.across_neighbourhoods(db.session, with_shares=False), "effect_more": more,
            "effect_sections": [neighbourhood_effect_context(n) for n in shown], **vocabulary()}


def _small_multiples(across: neighbourhood_effect.Across) -> dict:
    labels = [label(q) for q in across.quarters]
    charts = {}
    for item in across.kpis:
        for row in item.rows:
            values = dict(row.values)
            kpi = row.effect.kpi
            levels = [(css, value, text) for css, value, text in (
                ("baseline", kpi.baseline, _("Baseline")), ("target", kpi.target, _("Target"))) if value is not None]
            acting = across.quarters.index(row.acting_from) if row.acting_from in across.quarters else None
            charts[item.kpi.id, row.neighbourhood.id] = small_multiple(labels, PanelSpec(
                row.neighbourhood.name, [("kpi", [values.get(q) for q in across.quarters])], levels=levels,
                lowest=item.lowest, highest=item.highest, format_value=_plain_number, format_axis=_one_decimal), acting)
    return charts


@bp.route("/")
@readable
def index():
    across = neighbourhood_effect.across_neighbourhoods(db.session)
    return render_template("effect/index.html", across=across, small_multiples=_small_multiples(across), **vocabulary())


def effect_sheet(effects) -> Sheet:
    header, rows = neighbourhood_effect.effect_table(effects)
    return Sheet(_("Effect"), header, rows)


RANKING_HEADER = ["kpi", "unit", "rank", "neighbourhood", "municipality", "population", "stage", "acting_from",
                  "baseline", "target", "latest", "latest_quarter", "progress_percent", "sek_delivered_per_resident",
                  "sek_delivered_per_point", "cross_sector_share"]


def _ranking_sheet(across: neighbourhood_effect.Across) -> Sheet:
    rows = []
    for item in across.kpis:
        for rank, row in enumerate(item.rows, 1):
            effect, place = row.effect, row.neighbourhood
            rows.append([item.kpi.name, item.kpi.unit, rank, place.name, place.municipality, place.population,
                         str(place.stage), label(row.acting_from) if row.acting_from else "",
                         *(("" if v is None else v) for v in (effect.kpi.baseline, effect.kpi.target, effect.latest)),
                         label(effect.latest_quarter) if effect.latest_quarter else "",
                         *(_cell(v) for v in (effect.progress, row.sek_per_resident, effect.sek_per_point)),
                         "" if row.cross_sector_share is None else round(row.cross_sector_share, 3)])
    return Sheet(_("Comparison"), RANKING_HEADER, rows)


def _cell(value):
    return f"n/a: {REASONS[value.reason]}" if isinstance(value, NotAvailable) else value


@bp.route("/comparison.csv", defaults={"fmt": "csv"})
@bp.route("/comparison.xlsx", defaults={"fmt": "xlsx"})
@readable
def export_comparison(fmt: str):
    sheet = _ranking_sheet(neighbourhood_effect.across_neighbourhoods(db.session))
    name = f"effect-comparison-{date.today().isoformat()}.{fmt}"
    return csv_download(name, sheet.header, sheet.rows) if fmt == "csv" else xlsx_download(name, [sheet])


@bp.route("/neighbourhoods/<int:neighbourhood_id>.csv", defaults={"fmt": "csv"})
@bp.route("/neighbourhoods/<int:neighbourhood_id>.xlsx", defaults={"fmt": "xlsx"})
@readable
def export_neighbourhood(neighbourhood_id: int, fmt: str):
    neighbourhood = db.get_or_404(Neighbourhood, neighbourhood_id)
    sheet = effect_sheet([neighbourhood_effect.neighbourhood_effect(db.session, neighbourhood)])
    name = f"effect-{neighbourhood.name}.{fmt}"
    return csv_download(name, sheet.header, sheet.rows) if fmt == "csv" else xlsx_download(name, [sheet])
