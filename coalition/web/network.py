"""The collaboration network: the page with its drawing and figures, downloads, and the JSON API."""
import gzip

from flask import Blueprint, Response, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth import readable, staff_only
from ..collaboration import (
    ANONYMISED,
    DORMANT_MONTHS,
    MapChoice,
    NotComputedYet,
    derived,
    network_alerts,
    network_view,
    start_refresh,
)
from ..db import db
from ..exports import CSV_MIMETYPE
from ..models import Neighbourhood, Sector
from ..neighbourhoods import neighbourhood_choices
from ..network import (
    ACTOR_FIGURES,
    FIGURES,
    HELIX_COVERAGE,
    NETWORK_FIGURES,
    SECTORS,
    Level,
    NetworkFilter,
    Source,
    Weighting,
)
from ..text import match_key
from .change_chart import change_chart
from .downloads import content_disposition
from .forms.fields import options
from .forms.network import NetworkFilterForm, NetworkViewForm
from .introductions import introductions_context

# No url_prefix: the page lives under /network and its JSON under /api, as DESIGN.md asks.
bp = Blueprint("network", __name__)

TABLE_ROWS = 100
# How many alerts of one kind the network page lists; the rest are on the kind's own page (at the
# design scale thousands of dormant ties would make the page megabytes long and seconds to draw).
ALERTS_LISTED = 100
# The alert kinds that have a page of their own: the key in the address -> NetworkAlerts' list.
ALERT_KINDS = {"lone-broker": "brokers", "dormant-tie": "dormant", "sector-gap": "gaps",
               "no-commitment": "idle", "influence": "influence"}
# The map's own controls: how the network is shown, not which network (the other parameters).
MAP_FIELDS = ("find", "colour", "size", "steps", "quarter", "focus")
# How many actors a search that fits several offers.
FOUND_OFFERED = 10
DOWNLOADS = {
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "nodes.csv": CSV_MIMETYPE,
    "ties.csv": CSV_MIMETYPE,
    "svg": "image/svg+xml",
}


def _filter_form(form_class=NetworkViewForm):
    if request.args.get("level") == Level.PERSONS.value and not current_user.can_edit:
        abort(403)  # persons are named: staff's view; the steering group sees organisations and aggregates
    form = form_class(request.args)
    if not current_user.can_edit:
        form.level.choices = [choice for choice in form.level.choices if choice.value != Level.PERSONS.value]
    form.neighbourhood.choices = options(neighbourhood_choices(db.session), blank=_("All neighbourhoods"))
    valid = form.validate()
    return form, valid


def _errors_by_parameter(form) -> dict:
    """Field errors keyed by the query parameter the user sent, as plain strings."""
    return {field.name: [str(message) for message in field.errors] for field in form if field.errors}


def _filename(network_filter: NetworkFilter, extension: str) -> str:
    """Name a download after its filters, so two downloads of different views never clash."""
    parts = ["network", str(network_filter.level)]
    if network_filter.date_from or network_filter.date_to:
        parts.append(f"{network_filter.date_from or ''}--{network_filter.date_to or ''}")
    if network_filter.neighbourhood_id is not None:
        parts.append(f"neighbourhood{network_filter.neighbourhood_id}")
    if network_filter.meeting_kinds:
        parts.append("-".join(sorted(network_filter.meeting_kinds)))
    if network_filter.sectors:
        parts.append("-".join(sorted(network_filter.sectors)))
    if network_filter.sources != frozenset(Source):
        parts.append("-".join(sorted(network_filter.sources)))
    if network_filter.min_weight:
        parts.append(f"min{network_filter.min_weight:g}")
    if network_filter.weighting is not Weighting.MEETINGS:
        parts.append(str(network_filter.weighting))
    return "_".join(parts) + "." + extension


def _dormant_months() -> int:
    """The months without joint work after which the alerts call a tie dormant (?dormant_months=, 6 by default)."""
    asked = request.args.get("dormant_months", type=int)
    return asked if asked in DORMANT_MONTHS else DORMANT_MONTHS[0]


def _page_args() -> dict:
    return request.args.to_dict(flat=False)


def _response(download, mimetype: str, filename: str | None = None) -> Response:
    """Send a file; one the job stored gzip-compressed goes so to a client that takes gzip, else unpacked."""
    headers = {}
    if filename:
        headers["Content-Disposition"] = content_disposition(filename)
    body = download.body
    if download.gzipped:
        headers["Vary"] = "Accept-Encoding"
        if request.accept_encodings["gzip"]:
            headers["Content-Encoding"] = "gzip"
        else:
            body = gzip.decompress(body)
    return Response(body, mimetype=mimetype, headers=headers)


@bp.route("/network/")
@readable
def index():
    form, valid = _filter_form()
    if not valid and not _only_map_errors(form):
        return render_template("network/index.html", form=form, computed=None)
    network_filter = form.network_filter()
    view = network_view(db.session, network_filter)
    job = {"job": view.job, "job_sample": view.betweenness_sample, "job_stale": view.stale} if view.from_job else {}
    computed = view.computed
    if computed is None:  # the job's, before its first run
        return render_template("network/index.html", form=form, computed=None, **job)
    found = _found(computed, form.find.data) if form.find.data else None
    if found is not None and len(found["fits"]) == 1:
        args = {k: v for k, v in _page_args().items() if k not in ("find", "focus")}
        return redirect(url_for("network.index", **args, focus=found["fits"][0]))
    graph, result = computed.graph, computed.figures
    sort_by = form.sort.data
    ranked = sorted(graph.nodes, key=lambda n: (-(result.actors[n].get(sort_by) or 0), str(graph.nodes[n]["label"])))
    names = dict(db.session.execute(db.select(Neighbourhood.id, Neighbourhood.name)).all())
    choice = MapChoice(size_by=form.size.data or "degree", colour_by=form.colour.data or "sector",
                       focus=form.focus.data, steps=2 if form.steps.data == "2" else 1,
                       quarter=form.quarter.data or None, community=request.args.get("community"))
    picture = view.map_context(choice, page_args=_page_args(), names=names)
    if picture is None:
        abort(503, description=_("The whole network has not been computed yet: start it from the network page."))
    quarters = view.quarters
    return render_template(
        "network/index.html", form=form, computed=computed, graph=graph, result=result,
        actor_figures=ACTOR_FIGURES, network_figures=NETWORK_FIGURES, helix=HELIX_COVERAGE,
        sectors=[Sector(s) for s in SECTORS], ranked=ranked[:TABLE_ROWS], total=len(ranked),
        sort_figure=FIGURES[sort_by], coverage=view.coverage, neighbourhood_names=names,
        **introductions_context(view), quarters=quarters, change_chart=change_chart(quarters), **job,
        alerts=network_alerts(db.session, network_filter, dormant_months=_dormant_months()), dormant_choices=DORMANT_MONTHS,
        alerts_listed=ALERTS_LISTED,
        download_args=_page_args(), found=found, map=picture, drawing=picture["drawing"],
        map_args={k: v for k, v in _page_args().items() if k not in MAP_FIELDS},
        link_args={k: v for k, v in _page_args().items() if k not in ("find", "focus")},
        central=[n for n in sorted(graph, key=lambda n: -(result.actors[n].get("degree") or 0))][:10],
    )


@bp.route("/network/alerts/<alert>")
@readable
def alerts(alert: str):
    """Every alert of one kind for the network page's filters, when there are more than it lists."""
    listed_in = ALERT_KINDS.get(alert) or abort(404)
    form, valid = _filter_form()
    if not valid:  # the network page names what is wrong
        return redirect(url_for("network.index", **_page_args()))
    found = network_alerts(db.session, form.network_filter(), dormant_months=_dormant_months())
    return render_template("network/alerts.html", alerts=found, kind=alert, listed=len(getattr(found, listed_in)),
                           back_args=_page_args())


def _only_map_errors(form) -> bool:
    """True when only the map's own controls were wrong (a focus or quarter from an old link): show the map without them."""
    wrong = [field for field in form if field.errors]
    if not wrong or any(field.name not in ("focus", "quarter") for field in wrong):
        return False
    for field in wrong:
        field.data, field.errors = None, []
    return True


def _found(computed, typed: str) -> dict:
    """The actors of the network whose name fits what was typed, as the organisation pickers match names.

    Case, accents and spaces do not count; a name that is exactly what was typed wins, then names
    that start with it, then names that hold it.
    """
    key = match_key(typed)
    keyed = derived(computed, "names to find", lambda: sorted(
        (match_key(str(label)), str(label), node) for node, label in computed.graph.nodes(data="label")
        if label != ANONYMISED))
    exact = [node for name_key, _label, node in keyed if name_key == key]
    if len(exact) == 1 or not key:
        return {"typed": typed, "fits": exact, "more": 0}
    fits = sorted(((not name_key.startswith(key), label, node) for name_key, label, node in keyed if key in name_key))
    return {"typed": typed, "fits": [node for _, _, node in fits[:FOUND_OFFERED]],
            "more": max(0, len(fits) - FOUND_OFFERED)}


@bp.route("/network/refresh", methods=["POST"])
@staff_only
def refresh():
    """Queue the whole-programme job; one at a time, so a second click while it runs is refused."""
    try:
        started = start_refresh(db.session)
        db.session.commit()
    except Exception:  # the queue (Redis, say) is unreachable: the job is marked failed, say so
        flash(_("The background job could not be queued; ask the administrator to check the task queue."), "danger")
        return redirect(url_for("network.index"))
    if started:
        flash(_("The whole network is being computed in the background; this page shows its progress."), "info")
    else:
        flash(_("The whole network is already being computed; this page shows its progress."), "warning")
    return redirect(url_for("network.index"))


@bp.route("/network/export.<path:fmt>")
@readable
def export(fmt: str):
    if fmt not in DOWNLOADS:
        abort(404)
    form, valid = _filter_form()
    if not valid:
        abort(400, description=_("The filters are not valid: %(errors)s",
                                 errors="; ".join(f"{k}: {' '.join(v)}" for k, v in _errors_by_parameter(form).items())))
    network_filter = form.network_filter()
    try:
        download = network_view(db.session, network_filter).download(fmt, form.size.data or "degree", _page_args())
    except NotComputedYet as missing:
        if missing.busy:
            abort(503, description=_("The whole network's files are being prepared; try again in a few minutes."),
                  retry_after=60)
        abort(503, description=_("The whole network has not been computed yet: start it from the network page."))
    return _response(download, DOWNLOADS[fmt], _filename(network_filter, fmt))


@bp.route("/api/network")
@readable
def api():
    form, valid = _filter_form(NetworkFilterForm)
    if not valid:
        return jsonify({"errors": _errors_by_parameter(form)}), 400
    try:
        download = network_view(db.session, form.network_filter()).download("json")
    except NotComputedYet as missing:
        message = _("The whole network's files are being prepared; try again in a few minutes.") if missing.busy \
            else _("The whole network has not been computed yet.")
        return jsonify({"errors": {"network": [message]}}), 503
    return _response(download, "application/json")
