"""Commitments import: upload a spreadsheet register, preview it, and import it all or nothing.

The steps are those of the attendance import (see `attendance_import.py` here for why the
previewed text travels back in a hidden field); the status changes the import records are
by the user who confirms it.
"""
from flask import Blueprint, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from .. import PROJECT_ROOT
from ..auth import staff_only
from ..commitment_import import CommitmentImportResult, import_commitments
from ..db import db
from ..models import CommitmentKind, CommitmentStatus
from ..register_file import SWEDISH_NAMES, UnreadableRegister, decode_register
from .forms.attendance_import import ConfirmImportForm, RegisterUploadForm

bp = Blueprint("commitment_import", __name__, url_prefix="/commitments/import")

EXAMPLE_FILE = PROJECT_ROOT / "seed_data" / "commitments_example.csv"
PREVIEW_LIMIT = 100


def _render(form: RegisterUploadForm, *, result: CommitmentImportResult | None = None,
            confirm_form: ConfirmImportForm | None = None, status: int = 200):
    accepted = {column: [(member.value, SWEDISH_NAMES[member][0]) for member in enum_cls]
                for column, enum_cls in (("kind", CommitmentKind), ("status", CommitmentStatus))}
    return render_template("commitments/import.html", form=form, result=result, confirm_form=confirm_form,
                           accepted=accepted, preview_limit=PREVIEW_LIMIT), status


@bp.route("/", methods=["GET", "POST"])
@staff_only
def upload():
    """Show the format and take a register; a register sent is previewed, never imported at once."""
    form = RegisterUploadForm()
    if not form.validate_on_submit():
        return _render(form, status=422 if form.is_submitted() else 200)
    try:
        text = decode_register(form.file.data.read())
    except UnreadableRegister as unreadable:
        form.file.errors.append(_("Line %(num)d: %(reason)s", num=unreadable.error.line, reason=unreadable.error.reason))
        return _render(form, status=422)
    result = import_commitments(db.session, text, dry_run=True, changed_by_id=current_user.id)
    db.session.rollback()
    confirm_form = ConfirmImportForm(formdata=None, text=text) if result.ok else None
    return _render(RegisterUploadForm(formdata=None), result=result, confirm_form=confirm_form,
                   status=200 if result.ok else 422)


@bp.route("/confirm", methods=["POST"])
@staff_only
def confirm():
    """Import the previewed register, if every row still passes."""
    confirm_form = ConfirmImportForm()
    if not confirm_form.validate_on_submit():
        flash(_("The register did not come through. Upload the file again."), "danger")
        return redirect(url_for(".upload"))
    result = import_commitments(db.session, confirm_form.text.data, changed_by_id=current_user.id)
    if not result.ok:
        db.session.rollback()
        return _render(RegisterUploadForm(formdata=None), result=result, status=422)
    db.session.commit()
    flash(" ".join([
        _("The register was imported."),
        ngettext("%(num)d commitment was added.", "%(num)d commitments were added.", result.added),
        ngettext("%(num)d row was already recorded.", "%(num)d rows were already recorded.", result.already_recorded),
    ]), "success")
    return redirect(url_for("commitments.index"))


@bp.route("/example.csv")
@staff_only
def example():
    """The example register from seed_data/, to start a new one from."""
    return send_file(EXAMPLE_FILE, mimetype="text/csv", as_attachment=True, download_name="commitments_example.csv")
