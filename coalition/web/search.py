"""Search everything: the results page behind the header's search box (works without JavaScript)."""
from flask import Blueprint, render_template, request, url_for
from flask_login import current_user

from ..auth import readable
from ..db import db
from ..search import LONGEST, SHORTEST, search_everything

bp = Blueprint("search", __name__, url_prefix="/search")


def _more_url(kind, text: str) -> str | None:
    if kind.list_endpoint is None:
        return None
    return url_for(kind.list_endpoint, q=text, **kind.list_arguments)


@bp.route("/")
@readable
def index():
    text = request.args.get("q", "")[:LONGEST]
    found = search_everything(db.session, text, personal_allowed=current_user.can_edit)
    groups = [(group, [(hit, url_for(group.kind.show_endpoint, **{group.kind.id_argument: hit.id}))
                        for hit in group.hits], _more_url(group.kind, text)) for group in found]
    return render_template("search/index.html", text=text, groups=groups, shortest=SHORTEST,
                           total=sum(group.total for group in found))
