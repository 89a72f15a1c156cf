"""Meeting attachments: upload, download to logged-in users only, and removal."""
from dataclasses import dataclass
from datetime import datetime

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import to_user_timezone
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from .. import attachments
from ..auth import readable, staff_only
from ..db import db
from ..errors import DomainError
from ..models import Attachment, Meeting
from .forms.attachments import AttachmentForm

bp = Blueprint("attachments", __name__, url_prefix="/meetings")
# Files are removed when the database change that drops them commits; that needs the session's hooks.
bp.record_once(lambda state: attachments.init_app(state.app))
bp.app_template_filter("file_size")(attachments.human_size)


@dataclass
class AttachmentRow:
    attachment: Attachment
    uploaded_by: str
    uploaded_at: datetime  # in the office's time zone


def attachment_context(meeting: Meeting) -> dict:
    """Return what templates/meetings/_attachments.html shows for a meeting."""
    form = AttachmentForm(formdata=None)
    form.file.render_kw = {"accept": ",".join(f".{extension}" for extension in attachments.ACCEPTED_EXTENSIONS)}
    form.file.description = _("Accepted: %(types)s. At most %(limit)s.", types=attachments.ACCEPTED_TYPES,
                              limit=attachments.human_size(current_app.config["ATTACHMENT_MAX_BYTES"]))
    rows = [AttachmentRow(attachment, uploaded_by, to_user_timezone(attachment.uploaded_at).replace(tzinfo=None))
            for attachment, uploaded_by in attachments.attachments_of(db.session, meeting.id)]
    return {"attachments": rows, "attachment_form": form}


def _back_to(meeting_id: int, *, refused: bool = False):
    # A refusal lands at the top of the page, where its message is shown.
    anchor = None if refused else "attachments"
    return redirect(url_for("meetings.show", meeting_id=meeting_id, _anchor=anchor))


def _attachment_of(meeting_id: int, attachment_id: int) -> Attachment:
    attachment = db.get_or_404(Attachment, attachment_id)
    if attachment.meeting_id != meeting_id:
        abort(404)
    return attachment


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_error):
    # Refused before the form is read; say why on the meeting's page rather than on a bare error page.
    flash(_("The file is larger than the limit of %(limit)s. Nothing was attached.",
            limit=attachments.human_size(current_app.config["ATTACHMENT_MAX_BYTES"])), "danger")
    return _back_to(request.view_args["meeting_id"], refused=True)


@bp.route("/<int:meeting_id>/attachments", methods=["POST"])
@staff_only
def upload(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    form = AttachmentForm()
    if not form.validate_on_submit():
        for messages in form.errors.values():
            for message in messages:
                flash(str(message), "danger")
        return _back_to(meeting_id, refused=True)
    try:
        attachment = attachments.store_attachment(db.session, meeting, form.file.data.stream,
                                                  form.file.data.filename or "", uploaded_by_id=current_user.id)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        # str(): a lazy message would be flashed as markup, and it holds the user's file name.
        flash(str(error.message), "danger")
        return _back_to(meeting_id, refused=True)
    flash(_("%(filename)s was attached.", filename=attachment.filename), "success")
    return _back_to(meeting_id)


@bp.route("/<int:meeting_id>/attachments/<int:attachment_id>")
@readable
def download(meeting_id: int, attachment_id: int):
    attachment = _attachment_of(meeting_id, attachment_id)
    path = attachments.attachment_path(attachment.storage_key)
    if not path.is_file():
        current_app.logger.warning("Attachment %d has no file (%s) under ATTACHMENT_DIR", attachment.id, path.name)
        abort(404)
    # Only the checked types are ever stored, so no HTML or SVG can be served from here; PDFs and
    # pictures open in the browser's viewer, everything else is downloaded.
    inline = attachment.content_type in attachments.INLINE_CONTENT_TYPES
    response = send_file(path, mimetype=attachment.content_type, as_attachment=not inline,
                         download_name=attachment.filename, conditional=True, max_age=0)
    response.headers["Content-Type"] = attachment.content_type  # as stored: Werkzeug would add a second charset
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.route("/<int:meeting_id>/attachments/<int:attachment_id>/delete", methods=["POST"])
@staff_only
def delete(meeting_id: int, attachment_id: int):
    attachment = _attachment_of(meeting_id, attachment_id)
    filename = attachment.filename
    attachments.delete_attachment(db.session, attachment)
    db.session.commit()
    flash(_("%(filename)s was removed.", filename=filename), "success")
    return _back_to(meeting_id)
