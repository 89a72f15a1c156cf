"""The organisation pickers' type-ahead: a few organisations that fit what was typed."""
from flask import Blueprint, jsonify, request

from ..auth import readable
from ..db import db
from ..organisation_lookup import suggest_organisations
from ..vocabulary import label
from .forms.organisation_picker import submitted_ids

bp = Blueprint("organisation_picker", __name__)


@bp.route("/api/organisations/suggestions")
@readable  # names and sectors only, as the organisation list shows them; the lists' filters use it too
def suggestions():
    """Up to 15 organisations whose name or organisation number fits `q`; `keep` ids may be archived."""
    keep, _bad = submitted_ids(request.args.getlist("keep"))
    found = suggest_organisations(db.session, request.args.get("q", ""), keep=keep)
    return jsonify(results=[{
        "id": organisation.id,
        "name": organisation.name,
        "sector": label(organisation.sector),
        "org_number": organisation.org_number or "",
        "archived": organisation.archived_at is not None,
    } for organisation in found])
