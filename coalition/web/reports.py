"""Reports: the steering group's periodic report, on screen, printable and as a PDF.

The PDF is kept once made (``reporting.stored_pdf``). A viewer who opens a quarter's report on
screen queues its PDF in their language on the background queue, unless it is kept already, so
that "Download PDF" is served from storage rather than made while they wait. That rendering
counts against the viewer's few renders a minute like a download does.
"""
import gc
import logging
import mimetypes
import re
import time
from contextlib import contextmanager, nullcontext
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from flask import Blueprint, Response, current_app, render_template, request, url_for
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from werkzeug.exceptions import HTTPException, TooManyRequests
from werkzeug.security import safe_join

from .. import background
from ..accounts import throttle
from ..auth import readable
from ..collaboration import derived, drawing_for, picture_svg
from ..collaboration.picture import REPORT_FONT_SIZE
from ..db import db
from ..errors import DomainError
from ..i18n import number
from ..models import Sector, Stage
from ..network import PERIOD_FIGURES
from ..reporting import steering_report, stored_pdf
from ..reporting.charts import svg_as_image, time_series_svg
from ..reporting.period_figures import NETWORK_MEASURES, Period, attendance_table
from .downloads import download
from .effect import report_context

bp = Blueprint("reports", __name__, url_prefix="/reports")

# The job that renders a quarter's PDF ahead of its download.
_AHEAD_JOB = "render_steering_pdf"


def init_app(app) -> None:
    # Off in tests, where the queue runs a job at once, inside the request that queued it.
    app.config.setdefault("REPORT_PDF_AHEAD", not app.config.get("TESTING"))
    background.add_job(app, _AHEAD_JOB, _render_ahead)


def _period_args(period) -> dict:
    return {"from": period.starts_on.isoformat(), "to": period.ends_on.isoformat()}


def _links(period, language: str | None) -> dict:
    """The report's links to the periods either side, its PDF and its other language."""
    keep = {"lang": language} if language else {}
    shown = str(get_locale())
    other = "en" if shown == "sv" else "sv"
    return {
        "previous": url_for("reports.steering", **_period_args(period.previous()), **keep),
        "next": (url_for("reports.steering", **_period_args(period.following()), **keep)
                 if period.ends_on < date.today() else None),
        "pdf": url_for("reports.steering", **_period_args(period), format="pdf", lang=shown),
        "other_language": url_for("reports.steering", **_period_args(period), lang=other),
        "other_code": other,
    }


# WeasyPrint draws SVG without CSS variables or paint-order: give the PDF plain colours and
# labels without the white halo that would otherwise cover them.
_CSS_VARIABLE = re.compile(r"var\(--[\w-]+,\s*(#[0-9a-fA-F]{3,6})\)")
_HALO = re.compile(r"paint-order:\s*stroke;\s*stroke:\s*#fff;\s*stroke-width:\s*3px;")


def _picture(period, for_pdf: bool) -> dict:
    """The network page's drawing of the period's network and how it was reduced (drawn once per data version)."""
    computed = steering_report.network_picture(db.session, period)
    network_filter = steering_report.period_filter(period)
    drawing = drawing_for(computed, network_filter).drawing

    def draw() -> str:
        page_args = {"from": period.starts_on.isoformat(), "to": period.ends_on.isoformat()}
        svg = picture_svg(computed, network_filter, page_args=page_args, font_size=REPORT_FONT_SIZE)
        return svg_as_image(_HALO.sub("", _CSS_VARIABLE.sub(r"\1", svg))) if for_pdf else svg

    svg = derived(computed, ("report picture", for_pdf, str(get_locale())), draw)
    # Rendered by the network's autoescaping template.
    return {"picture": Markup(svg), "drawing": drawing}  # nosec B704


def _kpi_charts(report, for_pdf: bool) -> dict:
    """Draw each KPI's values up to the end of the period: baseline and target when one place is drawn.

    The PDF's charts write their text as text, which WeasyPrint draws in a fraction of the time,
    and are images (see ``charts.svg_as_image``).
    """
    charts = {}
    for progress in report.kpis:
        drawn = progress.charted
        if not drawn:
            continue
        only = drawn[0].target if len(drawn) == 1 else None
        svg = time_series_svg(
            [(item.neighbourhood.name, item.series) for item in drawn], unit=progress.kpi.unit,
            baseline=only.baseline_value if only else None, target=only.target_value if only else None,
            title=progress.kpi.name, baseline_label=_("Baseline"), target_label=_("Target"),
            format_value=lambda value: number(round(value, 2)), size=(6.4, 2.6), glyphs=not for_pdf)
        # charts.py escapes every text it draws.
        charts[progress.kpi.id] = Markup(svg_as_image(svg) if for_pdf else svg)  # nosec B704
    return charts


def _language() -> str | None:
    asked = request.args.get("lang")
    return asked if asked in current_app.config["LANGUAGES"] else None


@bp.route("/steering")
@readable
def steering():
    """Show the report for ?from=&to= (this quarter by default); &format=pdf downloads it."""
    language = _language()
    with force_locale(language) if language else nullcontext():
        return _steering(language)


def _steering(language: str | None):
    today = date.today()
    typed = {"from": request.args.get("from", ""), "to": request.args.get("to", "")}
    try:
        period = steering_report.parse_period(typed["from"], typed["to"], today=today)
    except DomainError as error:
        return render_template("reports/steering.html", error=error, typed=typed, language=language), 400
    as_pdf = request.args.get("format") == "pdf"
    if as_pdf:
        return _steering_pdf(period, language, typed, today)
    page = _render(period, language, typed, today, as_pdf=False)
    if period.is_quarter and current_app.config["REPORT_PDF_AHEAD"]:
        _queue_pdf(period, today)
    return page


def _queue_pdf(period, today: date) -> None:
    """Queue the PDF of the quarter shown, in the language shown, unless it is kept (three small queries)."""
    shown = str(get_locale())
    if stored_pdf.stored(db.session, stored_pdf.rendering_key(db.session, period, shown, today)) is not None:
        return
    if throttle.spend("REPORT_RENDERS_PER_USER", "report-render", str(current_user.id)):
        return  # the viewer's renders for now are spent: a download will say so
    try:
        background.enqueue(_AHEAD_JOB, request.url_root, period.starts_on.isoformat(), period.ends_on.isoformat(),
                           shown, today.isoformat())
    except Exception:  # an unreachable queue must not take the page down: the download renders it
        current_app.logger.exception("could not queue the steering report's PDF")


def _render_ahead(url_root: str, starts_on: str, ends_on: str, language: str, today: str) -> None:
    """Make and keep a quarter's PDF in the worker, unless the data changed since or it is kept already."""
    period = Period(date.fromisoformat(starts_on), date.fromisoformat(ends_on))
    day = date.fromisoformat(today)
    with current_app.test_request_context("/reports/steering", base_url=url_root), force_locale(language):
        key = stored_pdf.rendering_key(db.session, period, language, day)
        if stored_pdf.stored(db.session, key) is not None:
            return
        started = time.perf_counter()
        pdf = _made_pdf(period, language, {"from": "", "to": ""}, day)
        stored_pdf.keep(db.session, key, period, language, pdf, time.perf_counter() - started)
        db.session.commit()


def _render(period, language: str | None, typed: dict, today: date, *, as_pdf: bool) -> str:
    report = steering_report.steering_report(db.session, period, today=today)
    html = render_template(
        "reports/steering_pdf.html" if as_pdf else "reports/steering.html", report=report, typed=typed, language=language, as_pdf=as_pdf,
        links=_links(period, language), period_args=_period_args(period),
        attendance=attendance_table(report.activity), sectors=list(Sector), stages=list(Stage),
        network_measures=NETWORK_MEASURES, period_figures=PERIOD_FIGURES, kpi_charts=_kpi_charts(report, as_pdf), **_picture(period, as_pdf), **report_context(),
    )
    return html


@contextmanager
def _cycle_collector_held_off():
    """Run Python's cycle collector after, not during, the making of a PDF.

    Laying out the report keeps a few hundred thousand new objects alive until the PDF is
    written, which sets off full collections: each walks every object of the process (the
    network's caches, the loaded modules), and they were a third of the PDF's time. What the
    layout leaves is young, and the next collection after it finds it cheaply.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _made_pdf(period, language: str | None, typed: dict, today: date) -> bytes:
    with _cycle_collector_held_off():
        return _pdf(_render(period, language, typed, today, as_pdf=True))


def _steering_pdf(period, language: str | None, typed: dict, today: date) -> Response:
    """The PDF from storage; rendered (and kept) only when the data changed, a few times a minute per user."""
    shown = str(get_locale())
    key = stored_pdf.rendering_key(db.session, period, shown, today)
    pdf = stored_pdf.stored(db.session, key)
    if pdf is None:
        wait = throttle.spend("REPORT_RENDERS_PER_USER", "report-render", str(current_user.id))
        if wait:
            raise TooManyRequests(retry_after=wait)
        started = time.perf_counter()
        pdf = _made_pdf(period, language, typed, today)
        stored_pdf.keep(db.session, key, period, shown, pdf, time.perf_counter() - started)
        db.session.commit()
    filename = f"steering-report_{period.starts_on}_{period.ends_on}.pdf"
    return download(pdf, "application/pdf", filename)


def _static_file(url: str) -> tuple[bytes, str] | None:
    """Return (bytes, mimetype) of one of the app's own static files named by a URL, else None."""
    parts = urlsplit(url)
    root = urlsplit(request.url_root)
    if parts.scheme not in ("http", "https") or parts.netloc != root.netloc:
        return None
    try:
        endpoint, values = current_app.url_map.bind(root.netloc).match(parts.path)
    except HTTPException:
        return None
    if endpoint == "static":
        folder = current_app.static_folder
    elif endpoint.endswith(".static") and endpoint.split(".")[0] in current_app.blueprints:
        folder = current_app.blueprints[endpoint.split(".")[0]].static_folder
    else:
        return None
    path = safe_join(folder, values.get("filename", "")) if folder else None
    if path is None or not Path(path).is_file():
        return None
    return Path(path).read_bytes(), mimetypes.guess_type(path)[0] or "application/octet-stream"


def pdf_of(html: str) -> bytes:
    """Render a page of the app's as a PDF that reaches only the app's own static files."""
    return _pdf(html)


def _pdf(html: str) -> bytes:
    # Imported when a PDF is asked for: WeasyPrint takes a moment to load.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesOnly(URLFetcher):
        """Serve WeasyPrint the app's own static files and inline data only: a PDF never reaches the network."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            found = _static_file(url)
            if found is None:
                raise ValueError(f"not one of the app's static files: {url[:80]}")
            content, mimetype = found
            return URLFetcherResponse(url, body=content, headers={"Content-Type": mimetype})

    # Bootstrap's screen rules (media queries, vendor selectors) mean nothing on paper: WeasyPrint
    # would log a hundred warnings per PDF about skipping them.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return HTML(string=html, base_url=request.url_root, url_fetcher=StaticFilesOnly()).write_pdf()
