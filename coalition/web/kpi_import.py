"""KPI measurements import: upload a CSV file, preview it, and import it all or nothing.

The steps are those of the other imports (see `attendance_import.py` here for why the
previewed text travels back in a hidden field).
"""
from flask import Blueprint, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from .. import PROJECT_ROOT
from ..auth import staff_only
from ..db import db
from ..kpi_import import KpiImportResult, import_kpi_measurements
from ..register_file import UnreadableRegister, decode_register
from .forms.attendance_import import ConfirmImportForm, RegisterUploadForm

bp = Blueprint("kpi_import", __name__, url_prefix="/kpis/import")

EXAMPLE_FILE = PROJECT_ROOT / "seed_data" / "kpi_measurements_example.csv"
PREVIEW_LIMIT = 100


def _render(form: RegisterUploadForm, *, result: KpiImportResult | None = None,
            confirm_form: ConfirmImportForm | None = None, status: int = 200):
    return render_template("kpis/import.html", form=form, result=result, confirm_form=confirm_form,
                           preview_limit=PREVIEW_LIMIT), status


@bp.route("/", methods=["GET", "POST"])
@staff_only
def upload():
    """Show the format and take a file; a file sent is previewed, never imported at once."""
    form = RegisterUploadForm()
    if not form.validate_on_submit():
        return _render(form, status=422 if form.is_submitted() else 200)
    try:
        text = decode_register(form.file.data.read())
    except UnreadableRegister as unreadable:
        form.file.errors.append(_("Line %(num)d: %(reason)s", num=unreadable.error.line, reason=unreadable.error.reason))
        return _render(form, status=422)
    result = import_kpi_measurements(db.session, text, dry_run=True)
    db.session.rollback()
    confirm_form = ConfirmImportForm(formdata=None, text=text) if result.ok else None
    return _render(RegisterUploadForm(formdata=None), result=result, confirm_form=confirm_form,
                   status=200 if result.ok else 422)


@bp.route("/confirm", methods=["POST"])
@staff_only
def confirm():
    """Import the previewed file, if every row still passes."""
    confirm_form = ConfirmImportForm()
    if not confirm_form.validate_on_submit():
        flash(_("The file did not come through. Upload it again."), "danger")
        return redirect(url_for(".upload"))
    result = import_kpi_measurements(db.session, confirm_form.text.data)
    if not result.ok:
        db.session.rollback()
        return _render(RegisterUploadForm(formdata=None), result=result, status=422)
    db.session.commit()
    flash(" ".join([
        _("The measurements were imported."),
        ngettext("%(num)d measurement was added.", "%(num)d measurements were added.", result.added),
        ngettext("%(num)d row was already recorded.", "%(num)d rows were already recorded.", result.already_recorded),
    ]), "success")
    return redirect(url_for("kpis.index"))


@bp.route("/example.csv")
@staff_only
def example():
    """The example file from seed_data/, to start a new one from."""
    return send_file(EXAMPLE_FILE, mimetype="text/csv", as_attachment=True,
                     download_name="kpi_measurements_example.csv")
