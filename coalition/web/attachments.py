"""Meeting attachments: upload, download to logged-in users only (personal data to staff only), and removal."""
from dataclasses import dataclass
from datetime import datetime

from flask import Blueprint, abort, current_app, flash, redirect, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import to_user_timezone
from flask_login import current_user
from sqlalchemy import func, select
from werkzeug.exceptions import RequestEntityTooLarge

from .. import attachments
from ..accounts import security_log
from ..auth import readable, staff_only
from ..db import db
from ..errors import DomainError
from ..models import Attachment, Meeting
from .downloads import content_disposition
from .forms.attachments import AttachmentForm, PersonalDataForm

bp = Blueprint("attachments", __name__, url_prefix="/meetings")
# Files are removed when the database change that drops them commits; that needs the session's hooks.
bp.record_once(lambda state: attachments.init_app(state.app))
bp.app_template_filter("file_size")(attachments.human_size)


@dataclass
class AttachmentRow:
    attachment: Attachment
    uploaded_by: str
    uploaded_at: datetime  # in the office's time zone


# The participants section's own upload form: its fields are named apart from the attachments section's.
SIGNED_LIST_PREFIX = "signed"


def _upload_form(**kwargs) -> AttachmentForm:
    form = AttachmentForm(formdata=None, **kwargs)
    form.file.render_kw = {"accept": ",".join(f".{extension}" for extension in attachments.ACCEPTED_EXTENSIONS)}
    form.file.description = _("Accepted: %(types)s. At most %(limit)s.", types=attachments.ACCEPTED_TYPES,
                              limit=attachments.human_size(current_app.config["ATTACHMENT_MAX_BYTES"]))
    return form


def attachment_context(meeting: Meeting) -> dict:
    """Return what templates/meetings/_attachments.html (and the participants' upload) show for a meeting."""
    staff = current_user.can_edit
    rows = [AttachmentRow(attachment, uploaded_by, to_user_timezone(attachment.uploaded_at).replace(tzinfo=None))
            for attachment, uploaded_by in attachments.attachments_of(db.session, meeting.id, personal_data=staff)]
    hidden = 0 if staff else db.session.scalar(
        select(func.count(Attachment.id)).where(Attachment.meeting_id == meeting.id, Attachment.holds_personal_data))
    return {"attachments": rows, "attachment_form": _upload_form(), "personal_attachments_hidden": hidden,
            # A signed sign-in list holds names: the box comes ticked.
            "signed_list_form": _upload_form(prefix=SIGNED_LIST_PREFIX, data={"holds_personal_data": True})}


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
    return _upload(meeting_id, AttachmentForm())


@bp.route("/<int:meeting_id>/attachments/signed-list", methods=["POST"])
@staff_only
def upload_signed_list(meeting_id: int):
    return _upload(meeting_id, AttachmentForm(prefix=SIGNED_LIST_PREFIX))


def _upload(meeting_id: int, form: AttachmentForm):
    meeting = db.get_or_404(Meeting, meeting_id)
    if not form.validate_on_submit():
        for messages in form.errors.values():
            for message in messages:
                flash(str(message), "danger")
        return _back_to(meeting_id, refused=True)
    try:
        attachment = attachments.store_attachment(db.session, meeting, form.file.data.stream,
                                                  form.file.data.filename or "", uploaded_by_id=current_user.id,
                                                  holds_personal_data=form.holds_personal_data.data)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        # str(): a lazy message would be flashed as markup, and it holds the user's file name.
        flash(str(error.message), "danger")
        return _back_to(meeting_id, refused=True)
    if attachment.holds_personal_data:
        flash(_("%(filename)s was attached. It holds personal data: only staff can open it.",
                filename=attachment.filename), "success")
    else:
        flash(_("%(filename)s was attached.", filename=attachment.filename), "success")
    return _back_to(meeting_id)


@bp.route("/<int:meeting_id>/attachments/<int:attachment_id>")
@readable
def download(meeting_id: int, attachment_id: int):
    attachment = _attachment_of(meeting_id, attachment_id)
    if attachment.holds_personal_data and not current_user.can_edit:
        # The steering group sees people as numbers by organisation, not a sign-in list's names.
        security_log.record("access.refused", user=current_user.id, answer="403", method=request.method,
                            endpoint=request.endpoint)
        abort(403)
    path = attachments.attachment_path(attachment.storage_key)
    if not path.is_file():
        current_app.logger.warning("Attachment %d has no file (%s) under ATTACHMENT_DIR", attachment.id, path.name)
        abort(404)
    # Only the checked types are ever stored, so no HTML or SVG can be served from here; pictures
    # open in the browser, everything else (PDFs included) is downloaded.
    inline = attachment.content_type in attachments.INLINE_CONTENT_TYPES
    response = send_file(path, mimetype=attachment.content_type, conditional=True, max_age=0)
    response.headers["Content-Disposition"] = content_disposition(attachment.filename, inline=inline)
    response.headers["Content-Type"] = attachment.content_type  # as stored: Werkzeug would add a second charset
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.route("/<int:meeting_id>/attachments/<int:attachment_id>/personal-data", methods=["POST"])
@staff_only
def mark_personal_data(meeting_id: int, attachment_id: int):
    attachment = _attachment_of(meeting_id, attachment_id)
    form = PersonalDataForm()
    if not form.validate_on_submit():
        abort(400)
    attachments.mark_personal_data(db.session, attachment, form.holds_personal_data.data)
    db.session.commit()
    if attachment.holds_personal_data:
        flash(_("%(filename)s is marked as holding personal data: only staff can open it.",
                filename=attachment.filename), "success")
    else:
        flash(_("%(filename)s is no longer marked as holding personal data: everyone who reads the meeting can "
                "open it.", filename=attachment.filename), "success")
    return _back_to(meeting_id)


@bp.route("/<int:meeting_id>/attachments/<int:attachment_id>/delete", methods=["POST"])
@staff_only
def delete(meeting_id: int, attachment_id: int):
    attachment = _attachment_of(meeting_id, attachment_id)
    filename = attachment.filename
    attachments.delete_attachment(db.session, attachment)
    db.session.commit()
    flash(_("%(filename)s was removed.", filename=filename), "success")
    return _back_to(meeting_id)
