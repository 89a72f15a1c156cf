"""The meeting-place pickers' type-ahead: a few places that fit what was typed."""
from flask import Blueprint, jsonify, request

from ..auth import readable
from ..db import db
from ..meeting_places import place_label, suggest_places
from ..vocabulary import label
from .forms.organisation_picker import submitted_ids

bp = Blueprint("places_api", __name__)


@bp.route("/api/places/suggestions")
@readable  # names and neighbourhoods, as the places list shows them
def suggestions():
    """Up to 15 places whose name fits `q`; `keep` ids may be archived."""
    keep, _bad = submitted_ids(request.args.getlist("keep"))
    return jsonify(results=[{
        "id": place.id,
        "name": place_label(place),
        "detail": str(label(place.stage)),
        "archived": place.archived_at is not None,
    } for place in suggest_places(db.session, request.args.get("q", ""), keep=keep)])
