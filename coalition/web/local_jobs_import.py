"""Local jobs import: upload a CSV file, preview it, and import it all or nothing.

The steps are every import's (``register_upload``).
"""
from flask import Blueprint
from flask_babel import gettext as _
from flask_babel import ngettext

from .. import PROJECT_ROOT
from ..db import db
from ..imports.local_jobs import import_local_jobs
from .register_upload import add_import_views, import_summary

bp = Blueprint("local_jobs_import", __name__, url_prefix="/local-jobs/import")

EXAMPLE_FILE = PROJECT_ROOT / "seed_data" / "local_jobs_example.csv"

add_import_views(
    bp, "area_companies/import.html", dry_run=lambda text: import_local_jobs(db.session, text, dry_run=True),
    run=lambda text: import_local_jobs(db.session, text), next_endpoint="places.index", example=EXAMPLE_FILE,
    done=lambda result: import_summary(
        _("The local jobs were imported."),
        ngettext("%(num)d quarter was added.", "%(num)d quarters were added.", result.added),
        already_recorded=result.already_recorded))
