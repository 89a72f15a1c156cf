"""``/healthz`` for load balancers: 200 when every check passes, 503 with the failing checks otherwise."""
from flask import Blueprint, jsonify

from .. import health
from ..auth import public

bp = Blueprint("health", __name__)


def _answers_plain_http(view):
    """Exempt a view from the redirect to https: load balancers ask over plain http, behind the TLS proxy.

    These are Talisman's per-view options, what its own ``@talisman(force_https=False)`` sets.
    """
    view.talisman_view_options = {"force_https": False}
    return view


@bp.route("/healthz")
@public
@_answers_plain_http
def healthz():
    result = health.check()
    response = jsonify(status="ok" if result.ok else "failing", checks=result.checks)
    response.status_code = 200 if result.ok else 503
    response.headers["Cache-Control"] = "no-store"
    return response
