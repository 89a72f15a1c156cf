"""Attendance import: upload a spreadsheet register, preview it, and import it all or nothing.

The steps are every import's (``register_upload``).
"""
from flask import Blueprint
from flask_babel import gettext as _
from flask_babel import ngettext

from .. import PROJECT_ROOT
from ..db import db
from ..headcounts import groups as headcount_groups
from ..imports.attendance import ImportResult, import_attendance
from ..models import MeetingKind, ParticipationRole, ParticipationStatus, Sector
from .register_upload import accepted_values, add_import_views, import_summary

bp = Blueprint("attendance_import", __name__, url_prefix="/meetings/import")

EXAMPLE_FILE = PROJECT_ROOT / "seed_data" / "attendance_example.csv"


def _format() -> dict:
    """What the format table shows: each coded column's values, and the headcount groups' names."""
    return {"accepted": accepted_values(kind=MeetingKind, sector=Sector, role=ParticipationRole,
                                        status=ParticipationStatus),
            "group_names": [(group.name_en, group.name_sv) for group in headcount_groups(db.session)]}


def _summary(result: ImportResult) -> str:
    return import_summary(
        _("The register was imported."),
        ngettext("%(num)d participation was added.", "%(num)d participations were added.", result.added),
        _("New: %(meetings)d meetings, %(people)d people, %(organisations)d organisations.",
          meetings=len(result.new_meetings), people=len(result.new_people),
          organisations=len(result.new_organisations)),
        already_recorded=result.already_recorded)


add_import_views(
    bp, "meetings/import.html", takes="register", context=_format,
    dry_run=lambda text: import_attendance(db.session, text, dry_run=True),
    run=lambda text: import_attendance(db.session, text), done=_summary, next_endpoint="meetings.index",
    example=EXAMPLE_FILE,
    long=(lambda text, _user_id, progress: import_attendance(db.session, text, dry_run=True, progress=progress),
          lambda text, _user_id, progress: import_attendance(db.session, text, progress=progress)))
