"""Commitments import: upload a spreadsheet register, preview it, and import it all or nothing.

The steps are every import's (``register_upload``); the status changes the import records are
by the user who confirms it.
"""
from flask import Blueprint
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from .. import PROJECT_ROOT
from ..db import db
from ..imports.commitments import CommitmentImportResult, import_commitments
from ..models import CommitmentKind, CommitmentStatus
from .register_upload import accepted_values, add_import_views, import_summary

bp = Blueprint("commitment_import", __name__, url_prefix="/commitments/import")

EXAMPLE_FILE = PROJECT_ROOT / "seed_data" / "commitments_example.csv"


def _format() -> dict:
    """What the format table shows: each coded column's values."""
    return {"accepted": accepted_values(kind=CommitmentKind, status=CommitmentStatus)}


def _summary(result: CommitmentImportResult) -> str:
    return import_summary(
        _("The register was imported."),
        ngettext("%(num)d commitment was added.", "%(num)d commitments were added.", result.added),
        already_recorded=result.already_recorded)


add_import_views(
    bp, "commitments/import.html", takes="register", context=_format,
    dry_run=lambda text: import_commitments(db.session, text, dry_run=True, changed_by_id=current_user.id),
    run=lambda text: import_commitments(db.session, text, changed_by_id=current_user.id), done=_summary,
    next_endpoint="commitments.index", example=EXAMPLE_FILE,
    long=(lambda text, user_id, progress: import_commitments(db.session, text, dry_run=True, changed_by_id=user_id,
                                                             progress=progress),
          lambda text, user_id, progress: import_commitments(db.session, text, changed_by_id=user_id,
                                                             progress=progress)))
