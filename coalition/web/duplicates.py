"""Finding and merging duplicates: the likely pairs, a side-by-side merge screen with its preview, and "not a duplicate"."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from flask_sqlalchemy.pagination import Pagination

from .. import duplicates, merging
from ..auth import staff_only
from ..db import db
from ..errors import DomainError
from ..models import Organisation
from ..vocabulary import label
from .forms.base import Form
from .forms.merging import FIELD_LABELS, merge_form_class

bp = Blueprint("duplicates", __name__, url_prefix="/duplicates")

PER_PAGE = 25
def _count_label(table: str, count: int) -> str:
    """Say how many rows of a referring table move, in words; a table added later shows its own name."""
    names = {
        "participations": lambda n: ngettext("%(num)d participation in meetings", "%(num)d participations in meetings", n),
        "memberships": lambda n: ngettext("%(num)d membership", "%(num)d memberships", n),
        "commitment_parties": lambda n: ngettext("%(num)d commitment as a party", "%(num)d commitments as a party", n),
        "initiative_participants": lambda n: ngettext("%(num)d initiative joined", "%(num)d initiatives joined", n),
        "initiatives": lambda n: ngettext("%(num)d initiative led", "%(num)d initiatives led", n),
        "relationships": lambda n: ngettext("%(num)d relationship", "%(num)d relationships", n),
        "stakeholder_assessments": lambda n: ngettext("%(num)d stakeholder assessment", "%(num)d stakeholder assessments", n),
        "follow_up_actions": lambda n: ngettext("%(num)d follow-up action", "%(num)d follow-up actions", n),
        "meetings": lambda n: ngettext("%(num)d meeting organised", "%(num)d meetings organised", n),
        "organisation_neighbourhoods": lambda n: ngettext("%(num)d neighbourhood", "%(num)d neighbourhoods", n),
        "organisation_tags": lambda n: ngettext("%(num)d tag", "%(num)d tags", n),
        "introduction_decisions": lambda n: ngettext("%(num)d suggested introduction decided", "%(num)d suggested introductions decided", n),
        "local_jobs": lambda n: ngettext("%(num)d report of local jobs", "%(num)d reports of local jobs", n),
        "meeting_places": lambda n: ngettext("%(num)d meeting place run", "%(num)d meeting places run", n),
        "meeting_place_owners": lambda n: ngettext("%(num)d meeting place owned", "%(num)d meeting places owned", n),
        "meeting_place_funders": lambda n: ngettext("%(num)d meeting place funded", "%(num)d meeting places funded", n),
        "interactions": lambda n: ngettext("%(num)d interaction", "%(num)d interactions", n),
        "proposal_backers": lambda n: ngettext("%(num)d proposal backed", "%(num)d proposals backed", n),
        "survey_recipients": lambda n: ngettext("%(num)d survey received", "%(num)d surveys received", n),
        "area_company_neighbourhoods": lambda n: ngettext("%(num)d neighbourhood as area company", "%(num)d neighbourhoods as area company", n),
    }
    return names[table](count) if table in names else f"{count} × {table}"


def _model(kind: str):
    model = duplicates.KINDS.get(kind)
    if model is None:
        abort(404)
    return model


class _Pairs(Pagination):
    """A page of pairs found in Python, for the list's usual footer."""

    def _query_items(self) -> list:
        return self._query_args["found"][self._query_offset:self._query_offset + self.per_page]

    def _query_count(self) -> int:
        return len(self._query_args["found"])


@bp.route("/")
@staff_only  # people's names: never for viewers
def index():
    kind = request.args.get("kind", "organisation")
    _model(kind)
    page = _Pairs(per_page=PER_PAGE, found=duplicates.find_pairs(db.session, kind))
    return render_template("duplicates/index.html", kind=kind, page=page, button_form=Form())


@bp.route("/<kind>/<int:first_id>/<int:second_id>/not-duplicate", methods=["POST"])
@staff_only
def not_duplicate(kind: str, first_id: int, second_id: int):
    _model(kind)
    if not Form().validate_on_submit():
        abort(400)
    try:
        duplicates.mark_not_duplicate(db.session, kind, first_id, second_id, current_user.id)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
    else:
        db.session.commit()
        flash(_("The pair is marked as not a duplicate and will not be offered again."), "success")
    return redirect(url_for("duplicates.index", kind=kind))


def _shown(record, name: str) -> str:
    value = getattr(record, name)
    if name == "lawful_basis":
        consent = record.consent_given_on.isoformat() if record.consent_given_on else ""
        return f"{label(value)} {consent}".strip()
    if hasattr(value, "value"):
        return label(value)
    return value or ""


def _page_of(record) -> str:
    if isinstance(record, Organisation):
        return url_for("organisations.show", organisation_id=record.id)
    return url_for("people.show", person_id=record.id)


@bp.route("/<kind>/<int:first_id>/<int:second_id>", methods=["GET", "POST"])
@staff_only
def merge(kind: str, first_id: int, second_id: int):
    model = _model(kind)
    first, second = db.session.get(model, first_id), db.session.get(model, second_id)
    if first is None or second is None:
        flash(_("One of the two records no longer exists: it may just have been merged."), "warning")
        return redirect(url_for("duplicates.index", kind=kind))
    form = merge_form_class(model)()
    if request.method == "GET":
        form.first_version.data, form.second_version.data = first.version, second.version
        for name in merging.FIELDS[model]:  # the left record's values, or the right one's where the left is empty
            if _shown(first, name) == "" and _shown(second, name) != "":
                form[name].data = "second"
    refusal = None
    try:
        previews = {"first": merging.preview(db.session, second, first), "second": merging.preview(db.session, first, second)}
    except DomainError as error:
        refusal, previews = error.message, None
    confirming = False
    if refusal is None and form.validate_on_submit():
        if request.form.get("step") == "merge":
            done, refusal = _merge(model, form, first, second)
            if done is not None:
                return done
        else:
            confirming = True
    rows = [(name, FIELD_LABELS[name], _shown(first, name), _shown(second, name), form[name])
            for name in merging.FIELDS[model]]
    result = {name: _result_value(form, name, first, second) for name in merging.FIELDS[model]}
    return render_template(
        "duplicates/merge.html", kind=kind, first=first, second=second, form=form, rows=rows, refusal=refusal,
        previews=previews, count_label=_count_label, confirming=confirming, result=result,
        first_url=_page_of(first), second_url=_page_of(second))


def _result_value(form, name: str, first, second) -> str:
    choice = form[name].data
    if choice == "both":
        return "\n\n".join(dict.fromkeys(v for v in (_shown(first, name), _shown(second, name)) if v))
    return _shown(second if choice == "second" else first, name)


def _merge(model, form, first, second):
    """Merge, commit and go to the kept record; or roll back and say why."""
    keep_first = form.keep.data == "first"
    kept, gone = (first, second) if keep_first else (second, first)
    choices = {}
    for name in merging.FIELDS[model]:
        side = form[name].data
        choices[name] = "both" if side == "both" else ("kept" if (side == "first") == keep_first else "gone")
    try:
        versions = {first.id: int(form.first_version.data), second.id: int(form.second_version.data)}
    except (TypeError, ValueError):
        abort(400)
    try:
        result = merging.merge(db.session, model, kept.id, gone.id, choices=choices, versions=versions,
                               user_id=current_user.id)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        return None, error.message
    flash(_("The two records are now one: %(name)s.", name=result.name), "success")
    return redirect(_page_of(result)), None
