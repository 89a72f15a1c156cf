"""KPI measurements import: upload a CSV file, preview it, and import it all or nothing.

The steps are every import's (``register_upload``).
"""
from flask import Blueprint
from flask_babel import gettext as _
from flask_babel import ngettext

from .. import PROJECT_ROOT
from ..db import db
from ..imports.kpis import import_kpi_measurements
from .register_upload import add_import_views, import_summary

bp = Blueprint("kpi_import", __name__, url_prefix="/kpis/import")

EXAMPLE_FILE = PROJECT_ROOT / "seed_data" / "kpi_measurements_example.csv"

add_import_views(
    bp, "kpis/import.html", dry_run=lambda text: import_kpi_measurements(db.session, text, dry_run=True),
    run=lambda text: import_kpi_measurements(db.session, text), next_endpoint="kpis.index", example=EXAMPLE_FILE,
    done=lambda result: import_summary(
        _("The measurements were imported."),
        ngettext("%(num)d measurement was added.", "%(num)d measurements were added.", result.added),
        already_recorded=result.already_recorded))
