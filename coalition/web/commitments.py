"""Commitments: the register with its totals and exports, a commitment's page, recording and
editing one, and recording its status changes (also with one click from a follow-up list)."""
from datetime import date
from functools import cache
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from .. import commitment_register, commitments
from ..auth import readable, staff_only
from ..db import db
from ..exports import Sheet
from ..initiatives import initiative_choices
from ..models import (
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    Initiative,
    Meeting,
    MeetingPlace,
    Organisation,
    Sector,
    Unit,
)
from ..neighbourhoods import neighbourhood_choices
from ..vocabulary import label
from .downloads import csv_download, xlsx_download
from .editing import Outcome, edit_form, edit_page, new_page, save
from .forms.commitments import CommitmentForm, NewCommitmentForm, RegisterFilterForm, StatusChangeForm
from .forms.fields import options
from .listing import ListPage, neighbourhood_options

bp = Blueprint("commitments", __name__, url_prefix="/commitments")
bp.app_template_global("is_overdue")(commitments.is_overdue)
bp.app_template_global("usual_next_status")(commitments.usual_next_status)
bp.app_template_global("commitments_made_at")(
    lambda meeting_id: commitment_register.commitments_made_at(db.session, meeting_id))


@bp.app_template_global()
def next_statuses(commitment: Commitment) -> tuple[CommitmentStatus, ...]:
    """The statuses a commitment may move to from where it is."""
    return commitments.TRANSITIONS[commitment.status]


def _back_to(target: str | None) -> str | None:
    """Follow a return address only within this site."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")) and not urlsplit(target).netloc:
        return target
    return None


# --- the register ---------------------------------------------------------------------------

def _filters(form: RegisterFilterForm) -> commitment_register.RegisterFilter:
    status = form.chosen("status")
    statuses = commitments.OPEN_STATUSES if status == "open" else (CommitmentStatus(status),) if status else ()
    return commitment_register.RegisterFilter(
        search=form.text("q"), statuses=statuses, kind=form.chosen("kind", CommitmentKind),
        sector=form.chosen("sector", Sector), organisation_id=form.chosen("organisation"),
        neighbourhood_id=form.chosen("neighbourhood"), initiative_id=form.chosen("initiative"),
        due_from=form.chosen("due_from"), due_to=form.chosen("due_to"),
        made_from=form.chosen("made_from"), made_to=form.chosen("made_to"),
        delivered_from=form.chosen("delivered_from"), delivered_to=form.chosen("delivered_to"),
        overdue=bool(form.overdue.data),
    )


register_list = ListPage(
    RegisterFilterForm, default_sort="-made_on",
    choices={"neighbourhood": neighbourhood_options,
             "initiative": lambda: options(initiative_choices(db.session), blank=_("All initiatives"))},
    query=lambda form, sort: commitment_register.register_query(_filters(form), today=date.today(), sort=sort),
)


@bp.route("/")
@readable
def index():
    listing = register_list.read()
    page = listing.page(selectinload(Commitment.parties), selectinload(Commitment.neighbourhood),
                        selectinload(Commitment.initiative))
    totals = commitment_register.filtered_totals(db.session, _filters(listing.form), today=date.today())
    return listing.render("commitments/index.html", page, totals=totals, today=date.today())


def _register_table(query) -> tuple[list[str], list[tuple]]:
    header = [_("Made on"), _("Due"), _("Commitment"), _("Parties"), _("Kind"), _("Amount"), _("Unit"),
              _("Neighbourhood"), _("Initiative"), _("Status"), _("Delivered on")]
    named = cache(lambda value: str(label(value)))  # translated once per export, not once per row
    rows = [
        (row.made_on, row.due_on, row.description, row.parties, named(row.kind), row.amount,
         row.unit_label if row.unit is Unit.COUNT else named(row.unit), row.neighbourhood, row.initiative,
         named(row.status), row.delivered_on)
        for row in commitment_register.register_rows(db.session, query)
    ]
    return header, rows


def _totals_table(totals: commitment_register.RegisterTotals) -> tuple[list[str], list[tuple]]:
    def heading(key):
        if key == commitment_register.SEVERAL_SECTORS:
            return _("Several sectors")
        return label(key) if key is not None else "—"

    header = [_("Totals by"), _("Heading"), _("Commitments"), _("SEK"), _("Hours")]
    rows = [(_("All"), _("Total"), totals.total.count, totals.total.sek, totals.total.hours)]
    for grouping, group in ((_("Status"), totals.by_status), (_("Sector"), totals.by_sector),
                            (_("Neighbourhood"), totals.by_neighbourhood)):
        rows += [(grouping, heading(row.key), row.count, row.sek, row.hours) for row in group]
    return header, rows


@bp.route("/export.csv")
@readable
def export_csv():
    return csv_download("commitments.csv", *_register_table(register_list.read().query))


@bp.route("/export.xlsx")
@readable
def export_xlsx():
    query = register_list.read().query
    header, rows = _register_table(query)
    totals_header, totals_rows = _totals_table(
        commitment_register.register_totals(db.session, commitment_register.ids_of(query)))
    return xlsx_download("commitments.xlsx", [
        Sheet(_("Commitments"), header, rows, widths=[12, 12, 50, 40, 16, 14, 14, 18, 24, 14, 12]),
        Sheet(_("Totals"), totals_header, totals_rows, widths=[16, 30, 14, 16, 12]),
    ])


# --- one commitment -------------------------------------------------------------------------

def _status_form(commitment: Commitment, **kwargs) -> StatusChangeForm:
    form = StatusChangeForm(**kwargs)
    form.status.choices = options((status.value, label(status)) for status in next_statuses(commitment))
    return form


def render_show(commitment: Commitment, *, status_form: StatusChangeForm | None = None, outcome: Outcome | None = None):
    """The commitment's page; a status form given is one that failed, shown again with its messages."""
    if status_form is None:
        status_form = _status_form(commitment, formdata=None, status=commitments.usual_next_status(commitment.status).value,
                                   changed_on=date.today(), version=commitment.version)
    return render_template("commitments/show.html", commitment=commitment, status_form=status_form,
                           outcome=outcome or Outcome(), history=commitments.status_history(db.session, commitment),
                           today=date.today())


def _loaded(commitment_id: int) -> Commitment:
    return db.get_or_404(Commitment, commitment_id, options=[
        selectinload(Commitment.parties), selectinload(Commitment.neighbourhood),
        selectinload(Commitment.initiative), selectinload(Commitment.meeting),
    ])


@bp.route("/<int:commitment_id>")
@readable
def show(commitment_id: int):
    return render_show(_loaded(commitment_id))


def _details(form: CommitmentForm) -> commitments.CommitmentDetails:
    return commitments.CommitmentDetails(
        kind=CommitmentKind(form.kind.data), description=form.description.data or "",
        party_ids=form.party_ids.data or [], amount=form.amount.data,
        unit=Unit(form.unit.data) if form.unit.data else None, unit_label=form.unit_label.data or "",
        neighbourhood_id=form.neighbourhood_id.data, initiative_id=form.initiative_id.data,
        meeting_id=form.meeting_id.data, made_on=form.made_on.data, due_on=form.due_on.data,
        place_id=form.place_id.data,
    )


def _offer_choices(form: CommitmentForm, commitment: Commitment | None = None) -> None:
    """Fill the pickers; what the commitment already names stays on offer."""
    if commitment is not None:
        form.party_ids.keep(commitment.parties)  # archived since, but still a party
        form.place_id.keep([commitment.place_id] if commitment.place_id else [])
    form.neighbourhood_id.choices = options(
        neighbourhood_choices(db.session, keep=[v for v in (form.neighbourhood_id.data,) if v]),
        blank=_("No neighbourhood"))
    form.initiative_id.choices = options(
        initiative_choices(db.session, running_only=True, keep=form.initiative_id.data), blank=_("No initiative"))
    form.meeting_id.choices = options(commitments.meeting_choices(db.session, keep=form.meeting_id.data),
                                      blank=_("No meeting"))


def _id_arg(name: str, model) -> int | None:
    """An id from the address (?meeting=12) that names a record that exists."""
    record_id = request.args.get(name, type=int)
    return record_id if record_id and db.session.get(model, record_id) is not None else None


def _prefill_meeting_neighbourhood(form: NewCommitmentForm, meeting: Meeting) -> None:
    """Choose the meeting's neighbourhood; when it was held for several, offer those first and say so."""
    places = meeting.neighbourhoods
    if not places:
        return
    form.neighbourhood_id.data = places[0].id
    if len(places) > 1:
        ids = {place.id for place in places}
        blank, *rest = form.neighbourhood_id.choices
        form.neighbourhood_id.choices = ([blank] + [c for c in rest if c.value in ids] + [c for c in rest if c.value not in ids])
        form.neighbourhood_id.description = _(
            "The meeting was held for %(names)s: the first is chosen, the others are offered first.",
            names=", ".join(place.name for place in places))


@bp.route("/new", methods=["GET", "POST"])
@staff_only
def new():
    form = NewCommitmentForm()
    if request.method == "GET":
        form.meeting_id.data = _id_arg("meeting", Meeting)
        form.initiative_id.data = _id_arg("initiative", Initiative)
        form.place_id.data = _id_arg("place", MeetingPlace)  # "Record a commitment for this place"
        party = _id_arg("organisation", Organisation)
        form.party_ids.data = [party] if party else []
    _offer_choices(form)
    if request.method == "GET" and form.meeting_id.data:
        _prefill_meeting_neighbourhood(form, db.session.get(Meeting, form.meeting_id.data))
    return new_page(
        form, "commitments/form.html",
        lambda: commitments.create_commitment(db.session, _details(form), status=CommitmentStatus(form.status.data),
                                              changed_by_id=current_user.id),
        lambda _commitment: _("The commitment was recorded."), "commitment_id",
        default_field="description", commitment=None)


@bp.route("/<int:commitment_id>/edit", methods=["GET", "POST"])
@staff_only
def edit(commitment_id: int):
    commitment = _loaded(commitment_id)
    form = edit_form(CommitmentForm, commitment, kind=commitment.kind.value,
                     unit=commitment.unit.value if commitment.unit else "",
                     party_ids=[p.id for p in commitment.parties])
    _offer_choices(form, commitment)
    return edit_page(form, "commitments/form.html", commitment,
                     lambda: commitments.update_commitment(db.session, commitment, _details(form)),
                     lambda _commitment: _("The commitment was saved."), default_field="description",
                     commitment=commitment)


@bp.route("/<int:commitment_id>/status", methods=["POST"])
@staff_only
def change_status(commitment_id: int):
    commitment = _loaded(commitment_id)
    form = _status_form(commitment)
    form.status.choices = options((status.value, label(status)) for status in CommitmentStatus)  # the rule says why not
    outcome = Outcome()
    if form.is_submitted():
        outcome = save(form, lambda: commitments.record_status_change(
            db.session, commitment, CommitmentStatus(form.status.data), changed_on=form.changed_on.data,
            comment=form.comment.data or "", changed_by_id=current_user.id,
        ), edited=commitment, reload_url=url_for("commitments.show", commitment_id=commitment_id),
            default_field="status")
        if outcome.saved:
            flash(_("New status “%(status)s” for: %(description)s",
                    status=label(commitment.status), description=_shortened(commitment.description)), "success")
            return redirect(_back_to(form.next.data) or url_for("commitments.show", commitment_id=commitment_id))
    # Shown on the commitment's own page, where the history explains what went wrong.
    commitment = _loaded(commitment_id)
    form.status.choices = options((status.value, label(status)) for status in next_statuses(commitment))
    return render_show(commitment, status_form=form, outcome=outcome), outcome.status


def _shortened(text: str, length: int = 80) -> str:
    return text if len(text) <= length else text[:length - 1].rstrip() + "…"
