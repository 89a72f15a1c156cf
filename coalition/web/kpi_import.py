"""KPI measurements import: upload a CSV file, preview it, and import it all or nothing.

The steps are every import's (``register_upload``).
"""
from flask import Blueprint, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from .. import PROJECT_ROOT
from ..auth import staff_only
from ..db import db
from ..imports.kpis import KpiImportResult, import_kpi_measurements
from .forms.attendance_import import ConfirmImportForm, RegisterUploadForm
from .register_upload import import_previewed, preview_upload

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
    return preview_upload(_render, lambda text: import_kpi_measurements(db.session, text, dry_run=True))


@bp.route("/confirm", methods=["POST"])
@staff_only
def confirm():
    """Import the previewed file, if every row still passes."""
    return import_previewed(
        _render, lambda text: import_kpi_measurements(db.session, text),
        lost=_("The file did not come through. Upload it again."),
        done=lambda result: " ".join([
            _("The measurements were imported."),
            ngettext("%(num)d measurement was added.", "%(num)d measurements were added.", result.added),
            ngettext("%(num)d row was already recorded.", "%(num)d rows were already recorded.",
                     result.already_recorded),
        ]),
        next_url=url_for("kpis.index"))


@bp.route("/example.csv")
@staff_only
def example():
    """The example file from seed_data/, to start a new one from."""
    return send_file(EXAMPLE_FILE, mimetype="text/csv", as_attachment=True,
                     download_name="kpi_measurements_example.csv")
