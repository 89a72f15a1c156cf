"""Commitments import: upload a spreadsheet register, preview it, and import it all or nothing.

The steps are every import's (``register_upload``); the status changes the import records are
by the user who confirms it.
"""
from flask import Blueprint, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from .. import PROJECT_ROOT
from ..auth import staff_only
from ..db import db
from ..imports.cell_words import SWEDISH_NAMES
from ..imports.commitments import CommitmentImportResult, import_commitments
from ..models import CommitmentKind, CommitmentStatus
from .forms.attendance_import import ConfirmImportForm, RegisterUploadForm
from .register_upload import (
    LongImport,
    add_background_steps,
    import_previewed,
    preview_upload,
)

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
    return preview_upload(_render, lambda text: import_commitments(db.session, text, dry_run=True,
                                                                   changed_by_id=current_user.id),
                          background_as=bp.name)


@bp.route("/confirm", methods=["POST"])
@staff_only
def confirm():
    """Import the previewed register, if every row still passes."""
    return import_previewed(
        _render, lambda text: import_commitments(db.session, text, changed_by_id=current_user.id),
        lost=_("The register did not come through. Upload the file again."),
        done=_summary, next_url=url_for("commitments.index"), background_as=bp.name)


def _summary(result: CommitmentImportResult) -> str:
    return " ".join([
        _("The register was imported."),
        ngettext("%(num)d commitment was added.", "%(num)d commitments were added.", result.added),
        ngettext("%(num)d row was already recorded.", "%(num)d rows were already recorded.", result.already_recorded),
    ])


add_background_steps(bp, LongImport(
    _render,
    check=lambda text, user_id, progress: import_commitments(db.session, text, dry_run=True, changed_by_id=user_id,
                                                             progress=progress),
    run=lambda text, user_id, progress: import_commitments(db.session, text, changed_by_id=user_id, progress=progress),
    done=_summary, next_endpoint="commitments.index"))


@bp.route("/example.csv")
@staff_only
def example():
    """The example register from seed_data/, to start a new one from."""
    return send_file(EXAMPLE_FILE, mimetype="text/csv", as_attachment=True, download_name="commitments_example.csv")
