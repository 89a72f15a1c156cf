"""Attendance import: upload a spreadsheet register, preview it, and import it all or nothing.

The steps are every import's (``register_upload``).
"""
from flask import Blueprint, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from .. import PROJECT_ROOT
from ..auth import staff_only
from ..db import db
from ..headcounts import groups as headcount_groups
from ..imports.attendance import ImportResult, import_attendance
from ..imports.cell_words import SWEDISH_NAMES
from ..models import MeetingKind, ParticipationRole, ParticipationStatus, Sector
from .forms.attendance_import import ConfirmImportForm, RegisterUploadForm
from .register_upload import (
    LongImport,
    add_background_steps,
    import_previewed,
    preview_upload,
)

bp = Blueprint("attendance_import", __name__, url_prefix="/meetings/import")

EXAMPLE_FILE = PROJECT_ROOT / "seed_data" / "attendance_example.csv"
# Long registers create many people; the preview names the first ones and counts the rest.
PREVIEW_LIMIT = 100


def _accepted_values() -> dict[str, list[tuple[str, str]]]:
    """Each coded column's stored values with their first Swedish name, for the format table."""
    return {column: [(member.value, SWEDISH_NAMES[member][0]) for member in enum_cls]
            for column, enum_cls in (("kind", MeetingKind), ("sector", Sector), ("role", ParticipationRole),
                                     ("status", ParticipationStatus))}


def _render(form: RegisterUploadForm, *, result: ImportResult | None = None,
            confirm_form: ConfirmImportForm | None = None, status: int = 200):
    group_names = [(group.name_en, group.name_sv) for group in headcount_groups(db.session)]
    return render_template("meetings/import.html", form=form, result=result, confirm_form=confirm_form,
                           accepted=_accepted_values(), group_names=group_names, preview_limit=PREVIEW_LIMIT), status


@bp.route("/", methods=["GET", "POST"])
@staff_only
def upload():
    """Show the format and take a register; a register sent is previewed, never imported at once."""
    return preview_upload(_render, lambda text: import_attendance(db.session, text, dry_run=True), background_as=bp.name)


def _summary(result: ImportResult) -> str:
    return " ".join([
        _("The register was imported."),
        ngettext("%(num)d participation was added.", "%(num)d participations were added.", result.added),
        _("New: %(meetings)d meetings, %(people)d people, %(organisations)d organisations.",
          meetings=len(result.new_meetings), people=len(result.new_people),
          organisations=len(result.new_organisations)),
        ngettext("%(num)d row was already recorded.", "%(num)d rows were already recorded.",
                 result.already_recorded),
    ])


@bp.route("/confirm", methods=["POST"])
@staff_only
def confirm():
    """Import the previewed register, if every row still passes."""
    return import_previewed(_render, lambda text: import_attendance(db.session, text),
                            lost=_("The register did not come through. Upload the file again."),
                            done=_summary, next_url=url_for("meetings.index"), background_as=bp.name)


add_background_steps(bp, LongImport(
    _render,
    check=lambda text, _user_id, progress: import_attendance(db.session, text, dry_run=True, progress=progress),
    run=lambda text, _user_id, progress: import_attendance(db.session, text, progress=progress),
    done=_summary, next_endpoint="meetings.index"))


@bp.route("/example.csv")
@staff_only
def example():
    """The example register from seed_data/, to start a new one from."""
    return send_file(EXAMPLE_FILE, mimetype="text/csv", as_attachment=True, download_name="attendance_example.csv")
