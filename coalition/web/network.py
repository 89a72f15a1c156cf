"""The collaboration network: the page with its drawing and figures, downloads, and the JSON API."""
import gzip
import json
import math

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from .. import network_data, network_job
from ..auth import readable, staff_only
from ..db import db
from ..exports import CSV_MIMETYPE, csv_text
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
    annotate,
    gexf_bytes,
    graphml_bytes,
    helix_coverage,
    node_link,
    node_rows,
    suggest_introductions,
    tie_rows,
)
from .change_chart import change_chart
from .forms.fields import options
from .forms.network import NetworkFilterForm, NetworkViewForm

# No url_prefix: the page lives under /network and its JSON under /api, as DESIGN.md asks.
bp = Blueprint("network", __name__)

TABLE_ROWS = 100
DOWNLOADS = {
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "nodes.csv": CSV_MIMETYPE,
    "ties.csv": CSV_MIMETYPE,
    "svg": "image/svg+xml",
}
SVG_SIZE = 1000
SVG_MARGIN = 40


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


def _actor_url_maker(level: Level, reduction: str, page_args: dict | None = None):
    """Return node -> the page of that actor (None where there is none to open)."""
    if reduction == "communities":  # a community opens as the drawing of its own actors
        args = request.args.to_dict(flat=False) if page_args is None else page_args
        return lambda node, data: url_for("network.index", **{**args, "community": node + 1})
    if level is Level.ORGANISATIONS:
        return lambda node, data: url_for("organisations.show", organisation_id=node)
    return lambda node, data: (None if data.get("label") == network_data.ANONYMISED
                               else url_for("people.show", person_id=node))


def _community_drawing(computed, network_filter: NetworkFilter, asked: str | None):
    """Return (drawing and positions, what the page says) for the ?community= a user opened."""
    if asked is None:
        return network_data.drawing_for(computed, network_filter), {}
    number = int(asked) - 1 if asked.isdigit() else -1  # the page numbers communities from 1
    found = network_data.community_drawing_for(computed, network_filter, number)
    if found is None:
        return network_data.drawing_for(computed, network_filter), {"community_missing": asked}
    return found, {"community": {"number": number + 1, "size": len(computed.figures.communities[number])}}


def _drawing_context(computed, network_filter: NetworkFilter, size_by: str, community: str | None = None,
                     page_args: dict | None = None) -> dict:
    """Positions and sizes of what to draw, in SVG coordinates."""
    (drawing, positions), community_view = _community_drawing(computed, network_filter, community)
    graph = drawing.graph
    values = {node: (computed.figures.actors.get(node, {}).get(size_by) or 0) for node in graph}
    if drawing.reduction == "communities":
        values = {node: graph.nodes[node].get("size", 1) for node in graph}
    top = max((float(v) for v in values.values()), default=0) or 1
    span = SVG_SIZE - 2 * SVG_MARGIN
    url_of = _actor_url_maker(network_filter.level, drawing.reduction, page_args)
    nodes = []
    for node, data in graph.nodes(data=True):
        x, y = positions.get(node, (0.0, 0.0))
        nodes.append({
            "id": node, "label": data.get("label", str(node)), "sector": data.get("sector") or "none",
            "x": round(SVG_MARGIN + (x + 1) / 2 * span, 1), "y": round(SVG_MARGIN + (y + 1) / 2 * span, 1),
            "r": round(5 + 15 * math.sqrt(max(float(values[node]), 0) / top), 1),
            "value": values[node], "url": url_of(node, data), "neighbours": " ".join(str(n) for n in graph[node]),
        })
    heaviest = max((w for _, _, w in graph.edges(data="weight", default=1)), default=1) or 1
    ties = [{"a": u, "b": v, "width": round(0.6 + 3 * float(w) / float(heaviest), 2)}
            for u, v, w in graph.edges(data="weight", default=1)]
    for node in nodes:  # labels on the right-hand side go to the left of their node, to stay in the picture
        right = node["x"] > SVG_SIZE * 0.7
        node.update(anchor="end" if right else "start", label_x=node["x"] - node["r"] - 3 if right else node["x"] + node["r"] + 3)
    by_id = {n["id"]: n for n in nodes}
    for tie in ties:
        tie.update(x1=by_id[tie["a"]]["x"], y1=by_id[tie["a"]]["y"], x2=by_id[tie["b"]]["x"], y2=by_id[tie["b"]]["y"])
    labelled = {n["id"] for n in sorted(nodes, key=lambda n: -n["r"])[:40]} if len(nodes) > 60 else set(by_id)
    return {"drawing": drawing, "nodes": nodes, "ties": ties, "labelled": labelled, "size": SVG_SIZE,
            "size_figure": FIGURES.get(size_by),
            "anonymised": network_data.ANONYMISED, **community_view}


def _stored_or_computed(network_filter: NetworkFilter):
    """The background job's result where the network is its work (None until it has run), else computed now."""
    if network_data.needs_background_job(db.session, network_filter):
        return network_job.stored_network()
    return network_data.network_for(db.session, network_filter)


def _stored_download(fmt: str, mimetype: str, filename: str | None = None):
    """Return (the job's stored whole-programme file as a response, or None; whether the job is busy).

    The file is stored gzip-compressed: sent so to a client that takes gzip, else unpacked.
    """
    state, body = network_job.stored_download(fmt)
    if body is None:
        return None, state is not None and state.busy
    headers = {"Vary": "Accept-Encoding"}
    if filename:
        headers["Content-Disposition"] = f"attachment; filename={filename}"
    if request.accept_encodings["gzip"]:
        headers["Content-Encoding"] = "gzip"
    else:
        body = gzip.decompress(body)
    return Response(body, mimetype=mimetype, headers=headers), False


def _svg(context: dict) -> str:
    return render_template("network/_drawing.svg", **context)


def drawing_svg(computed, network_filter: NetworkFilter, size_by: str = "degree", page_args: dict | None = None) -> str:
    """Draw a computed network as the page's SVG picture, for other pages to show (the report).

    ``page_args`` is the network page's query for this network: a community's node links there.
    """
    return _svg(_drawing_context(computed, network_filter, size_by, page_args=page_args))


@bp.route("/network/")
@readable
def index():
    form, valid = _filter_form()
    if not valid:
        return render_template("network/index.html", form=form, computed=None)
    network_filter = form.network_filter()
    whole, job = None, {}
    if network_data.needs_background_job(db.session, network_filter):
        # The whole programme at this size is the background job's: answer from its stored result.
        state = network_job.job_state()
        whole = network_job.whole_network(state)
        job = {"job": state, "job_sample": network_job.BETWEENNESS_SAMPLE,
               "job_stale": whole is not None and state.data_version != network_data.shared_data_version(db.session)}
        if whole is None:
            return render_template("network/index.html", form=form, computed=None, **job)
        computed = whole.computed
        if request.args.get("community"):  # one community's drawing needs the ties, stored apart
            computed = network_job.whole_with_ties(state)
            if computed is None:
                abort(503, description=_("The whole network has not been computed yet: start it from the network page."))
    else:
        computed = network_data.network_for(db.session, network_filter)
    graph, result = computed.graph, computed.figures
    sort_by = form.sort.data
    ranked = sorted(graph.nodes, key=lambda n: (-(result.actors[n].get(sort_by) or 0), str(graph.nodes[n]["label"])))
    names = dict(db.session.execute(db.select(Neighbourhood.id, Neighbourhood.name)).all())
    if whole is not None:
        introductions, quarters, coverage = whole.introductions, whole.quarters, whole.coverage
    else:
        introductions = network_data.derived(computed, "introductions", lambda: suggest_introductions(
            graph, community=result.community_of) if graph.number_of_edges() else [])
        quarters = network_data.quarters_for(db.session, network_filter)
        coverage = network_data.derived(computed, "coverage", lambda: helix_coverage(graph))
    return render_template(
        "network/index.html", form=form, computed=computed, graph=graph, result=result,
        actor_figures=ACTOR_FIGURES, network_figures=NETWORK_FIGURES, helix=HELIX_COVERAGE,
        sectors=[Sector(s) for s in SECTORS], ranked=ranked[:TABLE_ROWS], total=len(ranked),
        sort_figure=FIGURES[sort_by], coverage=coverage, neighbourhood_names=names,
        introductions=introductions, quarters=quarters, change_chart=change_chart(quarters), **job,
        download_args=request.args.to_dict(flat=False),
        **network_data.derived(computed, ("page drawing", request.query_string, str(get_locale())),
                               lambda: _page_drawing(computed, network_filter, form.size.data)),
    )


def _page_drawing(computed, network_filter: NetworkFilter, size_by: str) -> dict:
    """The drawing's context with its SVG rendered once (thousands of ties: most of a page's time)."""
    context = _drawing_context(computed, network_filter, size_by, request.args.get("community"))
    # The SVG comes from an autoescaping template.
    return {**context, "drawing_svg": Markup(_svg(context))}  # nosec B704


@bp.route("/network/refresh", methods=["POST"])
@staff_only
def refresh():
    """Queue the whole-programme job; one at a time, so a second click while it runs is refused."""
    try:
        started = network_job.start_refresh()
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
    if fmt != "svg" and network_data.needs_background_job(db.session, network_filter):
        response, busy = _stored_download(fmt, DOWNLOADS[fmt], _filename(network_filter, fmt))
        if response is None and busy:
            abort(503, description=_("The whole network's files are being prepared; try again in a few minutes."),
                  retry_after=60)
        if response is None:
            abort(503, description=_("The whole network has not been computed yet: start it from the network page."))
        return response
    computed = _stored_or_computed(network_filter)
    if computed is None:
        abort(503, description=_("The whole network has not been computed yet: start it from the network page."))
    size = form.size.data or "degree"
    body = network_data.derived(computed, (fmt, size), lambda: _file(computed, network_filter, fmt, size))
    filename = _filename(network_filter, fmt)
    return Response(body, mimetype=DOWNLOADS[fmt], headers={"Content-Disposition": f"attachment; filename={filename}"})


def _file(computed, network_filter: NetworkFilter, fmt: str, size_by: str):
    annotated = annotate(computed.graph, computed.figures)
    if fmt == "graphml":
        return graphml_bytes(annotated)
    if fmt == "gexf":
        return gexf_bytes(annotated)
    if fmt == "svg":
        return _svg(_drawing_context(computed, network_filter, size_by))
    rows = node_rows(annotated) if fmt == "nodes.csv" else tie_rows(annotated)
    return csv_text(rows[0], rows[1:])


@bp.route("/api/network")
@readable
def api():
    form, valid = _filter_form(NetworkFilterForm)
    if not valid:
        return jsonify({"errors": _errors_by_parameter(form)}), 400
    if network_data.needs_background_job(db.session, form.network_filter()):
        response, busy = _stored_download("json", "application/json")
        if response is None:
            message = _("The whole network's files are being prepared; try again in a few minutes.") if busy \
                else _("The whole network has not been computed yet.")
            return jsonify({"errors": {"network": [message]}}), 503
        return response
    computed = _stored_or_computed(form.network_filter())
    if computed is None:
        return jsonify({"errors": {"network": [_("The whole network has not been computed yet.")]}}), 503
    return Response(network_data.derived(computed, "json", lambda: _json(computed)), mimetype="application/json")


def _json(computed) -> str:
    data = node_link(annotate(computed.graph, computed.figures))
    data["graph"]["computed_at"] = computed.computed_at.isoformat(timespec="seconds")
    return json.dumps(data, ensure_ascii=False)
