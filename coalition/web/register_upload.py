"""The two steps every register import takes: preview an uploaded file, then import the previewed text.

The preview sends the register's text back in a hidden field of the confirmation form, so
nothing is kept on the server between the two steps (no temporary files to clean up, nothing
to lose when the app restarts), and the confirmation checks the whole file again against the
data as it is then. The text is what staff uploaded a moment ago and may change it no more
than they may change the file, so it is not signed.

Each import's view gives ``render(form, result=, confirm_form=, status=)`` (its page) and the
importer to run on the text; these functions are called from that blueprint's views, whose
``.upload`` endpoint is the upload page.

A register of more than a few thousand rows is checked by a background job (``background.py``)
instead of in the request: the upload answers at once with a page that shows the job's
progress (polled as JSON by a small script, or reloaded every few seconds without one) and
turns into the same preview and confirmation when the check is done. The job's progress, then
its result and the text, are kept in the queue's storage under a random key, for the user who
uploaded the file only.
"""
import secrets
from collections.abc import Callable

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    url_for,
)
from flask_babel import force_locale, format_decimal, get_locale
from flask_babel import gettext as _
from flask_login import current_user

from .. import background
from ..audit import set_actor
from ..auth import staff_only
from ..db import db
from ..i18n import lazy_gettext as _l
from ..imports.progress import CHECKING, LONG_IMPORT_ROWS, READING, Progress
from ..imports.register_file import UnreadableRegister, decode_register
from .forms.attendance_import import ConfirmImportForm, RegisterUploadForm

_JOB = "register-preview"
_STAGE_NAMES = {READING: _l("Reading the file"), CHECKING: _l("Checking the rows against the register")}
# name -> dry run of that import: (text, user id, progress) -> result
_dry_runs: dict[str, Callable] = {}
_FAILED = "failed"


def init_app(app) -> None:
    background.add_job(app, _JOB, _check_in_background)


def _key(job_id: str, part: str) -> str:
    return f"register-preview:{job_id}:{part}"


def _storage():
    return current_app.extensions["background"].huey


class _StoredProgress(Progress):
    """Keeps the job's stage and count where the progress page reads them."""

    every = 2_000

    def __init__(self, job_id: str):
        self.job_id, self.stage, self.total = job_id, None, 0

    def start(self, stage: str, total: int) -> None:
        self.stage, self.total = stage, total
        self.advance(0)

    def advance(self, done: int) -> None:
        _storage().put(_key(self.job_id, "progress"), (self.stage, min(done, self.total), self.total))


def _check_in_background(name: str, job_id: str, text: str, user_id: int, locale: str) -> None:
    """The job: a dry run of the named import, whose result and text are then kept for the preview."""
    set_actor(db.session, user_id)
    try:
        with force_locale(locale):
            result = _dry_runs[name](text, user_id, _StoredProgress(job_id))
    except Exception:
        _storage().put(_key(job_id, "result"), _FAILED)
        raise
    finally:
        db.session.rollback()
    _storage().put(_key(job_id, "result"), (result, text))


def add_background_preview(bp: Blueprint, render: Callable, dry_run: Callable) -> None:
    """Give an import's blueprint the progress page of a long register's check and its JSON.

    `dry_run(text, user_id, progress)` checks the text without keeping anything.
    """
    _dry_runs[bp.name] = dry_run

    def state(job_id: str):
        if _storage().get(_key(job_id, "owner"), peek=True) != current_user.id:
            abort(404)
        return _storage().get(_key(job_id, "result"), peek=True), _storage().get(_key(job_id, "progress"), peek=True)

    def progress_page(job_id: str):
        finished, progress = state(job_id)
        if finished == _FAILED:
            flash(_("The file could not be checked. Upload it again, or import it from the command line."), "danger")
            return redirect(url_for(".upload"))
        if finished is not None:
            result, text = finished
            confirm_form = ConfirmImportForm(formdata=None, text=text) if result.ok else None
            return render(RegisterUploadForm(formdata=None), result=result, confirm_form=confirm_form,
                          status=200 if result.ok else 422)
        return render_template("_import_progress.html", **_described(progress),
                               status_url=url_for(".preview_status", job_id=job_id))

    def preview_status(job_id: str):
        finished, progress = state(job_id)
        return jsonify(finished=finished is not None, **_described(progress))

    bp.add_url_rule("/checking/<job_id>", "preview_progress", staff_only(progress_page))
    bp.add_url_rule("/checking/<job_id>/status", "preview_status", staff_only(preview_status))


def _described(progress) -> dict:
    """The stage's name, the count and the share of the whole check done (reading is the first half)."""
    stage, done, total = progress or (None, 0, 0)
    share = done / total if total else 0
    percent = round(100 * ((share if stage == READING else 1 + share) / 2 if stage else 0))
    return {"stage": str(_STAGE_NAMES[stage]) if stage else _("Waiting for its turn"), "total": total,
            "count": _("%(done)s of %(total)s", done=format_decimal(done), total=format_decimal(total)),
            "percent": percent}


def _start_in_background(name: str, text: str):
    job_id, user_id = secrets.token_urlsafe(16), current_user.id
    _storage().put(_key(job_id, "owner"), user_id)
    # End this request's read: on SQLite it would keep the job (which writes, then rolls back) waiting.
    db.session.rollback()
    background.enqueue(_JOB, name, job_id, text, user_id, str(get_locale()))
    return redirect(url_for(".preview_progress", job_id=job_id))


def preview_upload(render: Callable, dry_run: Callable[[str], object], *, background_as: str | None = None):
    """Take an uploaded file and show what importing it would do; nothing is kept.

    With `background_as` (the blueprint's name, see add_background_preview), a long register
    is checked in the background.
    """
    form = RegisterUploadForm()
    if not form.validate_on_submit():
        return render(form, status=422 if form.is_submitted() else 200)
    try:
        text = decode_register(form.file.data.read())
    except UnreadableRegister as unreadable:
        form.file.errors.append(_("Line %(num)d: %(reason)s", num=unreadable.error.line, reason=unreadable.error.reason))
        return render(form, status=422)
    if background_as and text.count("\n") > LONG_IMPORT_ROWS:
        return _start_in_background(background_as, text)
    result = dry_run(text)
    db.session.rollback()
    confirm_form = ConfirmImportForm(formdata=None, text=text) if result.ok else None
    return render(RegisterUploadForm(formdata=None), result=result, confirm_form=confirm_form,
                  status=200 if result.ok else 422)


def import_previewed(render: Callable, run: Callable[[str], object], *, lost: str,
                     done: Callable[[object], str], next_url: str):
    """Import the previewed text if every row still passes: all of it, or nothing.

    ``lost`` says the text did not come back; ``done(result)`` is the message after importing.
    """
    confirm_form = ConfirmImportForm()
    if not confirm_form.validate_on_submit():
        flash(lost, "danger")
        return redirect(url_for(".upload"))
    result = run(confirm_form.text.data)
    if not result.ok:
        db.session.rollback()
        return render(RegisterUploadForm(formdata=None), result=result, status=422)
    db.session.commit()
    flash(done(result), "success")
    return redirect(next_url)
