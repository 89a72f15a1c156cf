"""A meeting's lists on paper: a printable sign-in sheet (PDF) and the participant list as CSV or XLSX.

Both name people, so they are for staff only, as the names on the meeting page are.
"""
from flask import Blueprint, render_template
from flask_babel import gettext as _
from flask_babel import ngettext

from .. import attendance
from ..auth import staff_only
from ..db import db
from ..exports import Sheet
from ..models import Meeting, ParticipationStatus
from ..vocabulary import label
from .downloads import csv_download, download, xlsx_download
from .reports import pdf_of

bp = Blueprint("meeting_papers", __name__, url_prefix="/meetings")

# Lines left empty on the sign-in sheet for people who come unannounced.
BLANK_LINES = 15
# Who is expected: they are printed on the sheet to sign beside their name.
EXPECTED = (ParticipationStatus.INVITED, ParticipationStatus.REGISTERED)


def _participations(meeting: Meeting):
    return [p for _status, group in attendance.participants_by_status(db.session, meeting) for p in group]


def _file_stem(meeting: Meeting, what: str) -> str:
    return f"{what}_{meeting.starts_at:%Y-%m-%d}_{meeting.title[:60]}"


@bp.route("/<int:meeting_id>/sign-in-sheet.pdf")
@staff_only  # names of the invited: personal data
def sign_in_sheet(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    # People whose data may no longer be used are left off: they sign on a blank line if they come.
    expected = [p for p in _participations(meeting) if p.status in EXPECTED
                and p.person.anonymised_at is None and p.person.restricted_at is None]
    html = render_template("meetings/sign_in_sheet.html", meeting=meeting, expected=expected, blank_lines=BLANK_LINES,
                           expected_note=ngettext("%(num)d person invited or registered",
                                                  "%(num)d people invited or registered", len(expected)))
    return download(pdf_of(html), "application/pdf", _file_stem(meeting, _("sign-in-sheet")) + ".pdf")


def _participant_table(meeting: Meeting) -> tuple[list[str], list[list]]:
    header = [_("Name"), _("Organisation"), _("Role"), _("Status"), _("E-mail"), _("Phone")]
    rows = []
    for participation in _participations(meeting):
        person = participation.person
        gone = person.anonymised_at is not None
        rows.append([_("Anonymised participant") if gone else person.name,
                     participation.organisation.name if participation.organisation else "",
                     label(participation.role), label(participation.status),
                     "" if gone else person.email or "", "" if gone else person.phone])
    return header, rows


@bp.route("/<int:meeting_id>/participants.csv")
@staff_only
def participants_csv(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    header, rows = _participant_table(meeting)
    return csv_download(_file_stem(meeting, _("participants")) + ".csv", header, rows)


@bp.route("/<int:meeting_id>/participants.xlsx")
@staff_only
def participants_xlsx(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    header, rows = _participant_table(meeting)
    return xlsx_download(_file_stem(meeting, _("participants")) + ".xlsx",
                         [Sheet(_("Participants"), header, rows, widths=(30, 30, 14, 14, 30, 16))])
