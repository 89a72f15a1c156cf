"""Initiatives: list, export, page with its commitments and participants, create and edit."""
from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from .. import initiatives
from ..auth import readable, staff_only
from ..commitment_register import pledged_and_delivered
from ..commitments import meeting_choices
from ..db import db
from ..exports import CSV_MIMETYPE, XLSX_MIMETYPE, Sheet, csv_text, xlsx_bytes
from ..models import Commitment, Initiative, InitiativeStatus, Meeting
from ..neighbourhoods import neighbourhood_choices
from ..vocabulary import label
from .editing import Outcome, save
from .forms.fields import options
from .forms.initiatives import InitiativeFilterForm, InitiativeForm

bp = Blueprint("initiatives", __name__, url_prefix="/initiatives")

# An initiative's page lists this many of its commitments; the register, filtered, has them all.
COMMITMENTS_SHOWN = 100


def _filter_form() -> InitiativeFilterForm:
    form = InitiativeFilterForm(request.args)
    form.neighbourhood.choices = options(neighbourhood_choices(db.session), blank=_("All neighbourhoods"))
    form.validate()
    return form


def _filtered_query(form: InitiativeFilterForm):
    def valid(field):
        return field.data if field.data and not field.errors else None

    status = valid(form.status)
    return initiatives.initiative_query(
        search=form.q.data or "", status=InitiativeStatus(status) if status else None,
        neighbourhood_id=valid(form.neighbourhood), organisation_id=valid(form.organisation),
        sort=request.args.get("sort", "name"),
    ).options(selectinload(Initiative.lead_organisation), selectinload(Initiative.neighbourhoods))


@bp.route("/")
@readable
def index():
    form = _filter_form()
    page = db.paginate(_filtered_query(form), per_page=current_app.config["PAGE_SIZE"])
    counts = initiatives.commitment_counts(db.session, [initiative.id for initiative in page.items])
    export_args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template("initiatives/index.html", form=form, page=page, counts=counts, export_args=export_args)


def _table(form: InitiativeFilterForm) -> tuple[list[str], list[tuple]]:
    rows = list(db.session.scalars(_filtered_query(form).options(selectinload(Initiative.participants))))
    counts = initiatives.commitment_counts(db.session, [initiative.id for initiative in rows])
    header = [_("Name"), _("Status"), _("Lead organisation"), _("Participating organisations"), _("Neighbourhoods"),
              _("Started on"), _("Commitments"), _("Description")]
    return header, [
        (i.name, label(i.status), i.lead_organisation.name if i.lead_organisation else "",
         "; ".join(o.name for o in i.participants), ", ".join(n.name for n in i.neighbourhoods), i.started_on,
         counts.get(i.id, 0), i.description)
        for i in rows
    ]


def _download(body, mimetype: str, filename: str) -> Response:
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f"attachment; filename={filename}"})


@bp.route("/export.csv")
@readable
def export_csv():
    header, rows = _table(_filter_form())
    return _download(csv_text(header, rows), CSV_MIMETYPE, "initiatives.csv")


@bp.route("/export.xlsx")
@readable
def export_xlsx():
    header, rows = _table(_filter_form())
    sheet = Sheet(_("Initiatives"), header, rows, widths=[30, 12, 30, 50, 30, 12, 12, 60])
    return _download(xlsx_bytes([sheet]), XLSX_MIMETYPE, "initiatives.xlsx")


@bp.route("/<int:initiative_id>")
@readable
def show(initiative_id: int):
    initiative = db.get_or_404(Initiative, initiative_id, options=[
        selectinload(Initiative.participants), selectinload(Initiative.neighbourhoods),
        selectinload(Initiative.lead_organisation), selectinload(Initiative.origin_meeting),
    ])
    ids = select(Commitment.id).where(Commitment.initiative_id == initiative.id)
    its_commitments = db.session.scalars(
        select(Commitment).where(Commitment.initiative_id == initiative.id)
        .options(selectinload(Commitment.parties))
        .order_by(Commitment.made_on.desc().nulls_last(), Commitment.id.desc())
        .limit(COMMITMENTS_SHOWN)
    ).all()
    return render_template(
        "initiatives/show.html", initiative=initiative, commitments=its_commitments,
        commitment_total=db.session.scalar(select(func.count()).select_from(ids.subquery())),
        pledged=pledged_and_delivered(db.session, ids),
        by_sector=initiatives.participants_by_sector(initiative),
    )


def _details(form: InitiativeForm) -> initiatives.InitiativeDetails:
    return initiatives.InitiativeDetails(
        name=form.name.data or "", description=form.description.data or "",
        status=InitiativeStatus(form.status.data), lead_organisation_id=form.lead_organisation_id.data,
        participant_ids=form.participant_ids.data or [], neighbourhood_ids=form.neighbourhood_ids.data or [],
        origin_meeting_id=form.origin_meeting_id.data, started_on=form.started_on.data,
    )


def _offer_choices(form: InitiativeForm, initiative: Initiative | None = None) -> None:
    """Fill the pickers; organisations and places already chosen stay on offer if archived since."""
    if initiative is not None:
        form.lead_organisation_id.keep([initiative.lead_organisation_id])
        form.participant_ids.keep(initiative.participants)
    form.neighbourhood_ids.choices = options(neighbourhood_choices(db.session, keep=form.neighbourhood_ids.data or []))
    form.origin_meeting_id.choices = options(meeting_choices(db.session, keep=form.origin_meeting_id.data),
                                             blank=_("No meeting"))


@bp.route("/new", methods=["GET", "POST"])
@staff_only
def new():
    form = InitiativeForm()
    if request.method == "GET":
        meeting_id = request.args.get("meeting", type=int)
        form.origin_meeting_id.data = meeting_id if meeting_id and db.session.get(Meeting, meeting_id) else None
    _offer_choices(form)
    outcome = Outcome()
    if form.validate_on_submit():
        outcome = save(form, lambda: initiatives.create_initiative(db.session, _details(form)))
        if outcome.saved:
            flash(_("%(name)s was recorded.", name=outcome.result.name), "success")
            return redirect(url_for("initiatives.show", initiative_id=outcome.result.id))
    return render_template("initiatives/form.html", form=form, initiative=None, outcome=outcome)


@bp.route("/<int:initiative_id>/edit", methods=["GET", "POST"])
@staff_only
def edit(initiative_id: int):
    initiative = db.get_or_404(Initiative, initiative_id)
    form = InitiativeForm(obj=initiative)
    if request.method == "GET":
        form.version.data = initiative.version
        form.status.data = initiative.status.value
        form.participant_ids.data = [o.id for o in initiative.participants]
        form.neighbourhood_ids.data = [n.id for n in initiative.neighbourhoods]
    _offer_choices(form, initiative)
    outcome = Outcome()
    if form.validate_on_submit():
        outcome = save(form, lambda: initiatives.update_initiative(db.session, initiative, _details(form)),
                       edited=initiative, reload_url=url_for("initiatives.edit", initiative_id=initiative_id))
        if outcome.saved:
            flash(_("%(name)s was saved.", name=initiative.name), "success")
            return redirect(url_for("initiatives.show", initiative_id=initiative_id))
    return render_template("initiatives/form.html", form=form, initiative=initiative, outcome=outcome), outcome.status
