"""The two steps every register import takes: preview an uploaded file, then import the previewed text.

The preview sends the register's text back in a hidden field of the confirmation form, so
nothing is kept on the server between the two steps (no temporary files to clean up, nothing
to lose when the app restarts), and the confirmation checks the whole file again against the
data as it is then. The text is what staff uploaded a moment ago and may change it no more
than they may change the file, so it is not signed.

Each import's view gives ``render(form, result=, confirm_form=, status=)`` (its page) and the
importer to run on the text; these functions are called from that blueprint's views, whose
``.upload`` endpoint is the upload page.

A register of more than a few thousand rows is checked, and once confirmed imported, by a
background job (``background.py``) instead of in the request, which a web server would time out:
the upload or the confirmation answers at once with a page that shows the job's progress (polled
as JSON by a small script, or reloaded every few seconds without one). A finished check turns
into the same preview and confirmation; a finished import into the register with its summary.
The job's progress, then its outcome and the text, are kept in the queue's storage under a
random key, for the user who started it only, and removed when they have been used (a preview
when it is confirmed, an import when its outcome is shown) or after a day.
"""
import enum
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, send_file, url_for
from flask_babel import force_locale, format_decimal, get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user

from .. import background
from ..audit import set_actor
from ..auth import staff_only
from ..db import db
from ..i18n import lazy_gettext as _l
from ..imports.cell_words import SWEDISH_NAMES
from ..imports.progress import CHECKING, LONG_IMPORT_ROWS, READING, WRITING, Progress
from ..imports.register_file import UnreadableRegister, decode_register
from .forms.attendance_import import ConfirmImportForm, RegisterUploadForm

_CHECK_JOB, _IMPORT_JOB = "register-preview", "register-import"
_STAGE_NAMES = {READING: _l("Reading the file"), CHECKING: _l("Checking the rows against the register"),
                WRITING: _l("Writing the rows")}
_FAILED, _IMPORTED, _REFUSED = "failed", "imported", "refused"
# The jobs started, with when, so that what nobody came back for is removed after a day.
_STARTED, _KEPT_FOR_SECONDS = "register-jobs", 24 * 3600


@dataclass(frozen=True)
class LongImport:
    """What an import's blueprint gives for a register too long to check or import in a request.

    ``check`` and ``run`` take (text, user id, progress) and return the import's result; ``done``
    puts an imported result into the message shown on ``next_endpoint``'s page.
    """

    render: Callable
    check: Callable
    run: Callable
    done: Callable[[object], str]
    next_endpoint: str


_long_imports: dict[str, LongImport] = {}  # by blueprint name


def init_app(app) -> None:
    background.add_job(app, _CHECK_JOB, _check_in_background)
    background.add_job(app, _IMPORT_JOB, _import_in_background)


def _key(job_id: str, part: str) -> str:
    return f"register-preview:{job_id}:{part}"


class _StoredProgress(Progress):
    """Keeps the job's stage and count where the progress page reads them."""

    every = 2_000

    def __init__(self, job_id: str):
        self.job_id, self.stage, self.total = job_id, None, 0

    def start(self, stage: str, total: int) -> None:
        self.stage, self.total = stage, total
        self.advance(0)

    def advance(self, done: int) -> None:
        background.storage().put(_key(self.job_id, "progress"), (self.stage, min(done, self.total), self.total))


def _check_in_background(name: str, job_id: str, text: str, user_id: int, locale: str) -> None:
    """The check: a dry run of the named import, whose result and text are then kept for the preview."""
    set_actor(db.session, user_id)
    try:
        with force_locale(locale):
            result = _long_imports[name].check(text, user_id, _StoredProgress(job_id))
    except Exception:
        background.storage().put(_key(job_id, "result"), _FAILED)
        raise
    finally:
        db.session.rollback()
    background.storage().put(_key(job_id, "result"), (result, text))


def _import_in_background(name: str, job_id: str, text: str, user_id: int, locale: str) -> None:
    """The import: all of the text if every row still passes (then the summary is kept), or nothing
    (then the result with its errors is kept, for the upload page to show)."""
    set_actor(db.session, user_id)
    steps = _long_imports[name]
    try:
        with force_locale(locale):
            result = steps.run(text, user_id, _StoredProgress(job_id))
            if result.ok:
                db.session.commit()
                outcome = (_IMPORTED, steps.done(result))
            else:
                db.session.rollback()
                outcome = (_REFUSED, result)
    except Exception:
        db.session.rollback()
        background.storage().put(_key(job_id, "result"), _FAILED)
        raise
    background.storage().put(_key(job_id, "result"), outcome)


def add_background_steps(bp: Blueprint, steps: LongImport) -> None:
    """Give an import's blueprint the progress pages (and their JSON) of a long register's check and import."""
    _long_imports[bp.name] = steps

    def state(job_id: str):
        if not _started_by_this_user(job_id):
            abort(404)
        return background.storage().get(_key(job_id, "result"), peek=True), background.storage().get(_key(job_id, "progress"), peek=True)

    def checking_page(job_id: str):
        finished, progress = state(job_id)
        if finished == _FAILED:
            _forget(job_id)
            flash(_("The file could not be checked. Upload it again, or import it from the command line."), "danger")
            return redirect(url_for(".upload"))
        if finished is not None:
            result, text = finished
            confirm_form = ConfirmImportForm(formdata=None, text=text, job=job_id) if result.ok else None
            return steps.render(RegisterUploadForm(formdata=None), result=result, confirm_form=confirm_form,
                                status=200 if result.ok else 422)
        return render_template("_import_progress.html", **_described(progress, (READING, CHECKING)),
                               heading=_("Checking the file"), status_url=url_for(".preview_status", job_id=job_id),
                               explanation=_("A long register is checked in the background. When the check is "
                                             "done, this page shows what the import would add, and nothing is "
                                             "imported before you confirm."))

    def importing_page(job_id: str):
        finished, progress = state(job_id)
        if finished is None:
            return render_template("_import_progress.html", **_described(progress, (READING, CHECKING, WRITING)),
                                   heading=_("Importing the file"),
                                   status_url=url_for(".import_status", job_id=job_id),
                                   explanation=_("A long register is imported in the background: all of it, or "
                                                 "nothing if a row no longer passes. The import goes on if you "
                                                 "leave this page."))
        _forget(job_id)  # its outcome is shown now, once
        if finished == _FAILED:
            flash(_("The file could not be imported. Nothing was imported. Upload it again, or import it from "
                    "the command line."), "danger")
            return redirect(url_for(".upload"))
        outcome, detail = finished
        if outcome == _REFUSED:
            return steps.render(RegisterUploadForm(formdata=None), result=detail, status=422)
        flash(detail, "success")
        return redirect(url_for(steps.next_endpoint))

    def status(job_id: str, stages: tuple):
        finished, progress = state(job_id)
        return jsonify(finished=finished is not None, **_described(progress, stages))

    bp.add_url_rule("/checking/<job_id>", "preview_progress", staff_only(checking_page))
    bp.add_url_rule("/checking/<job_id>/status", "preview_status",
                    staff_only(lambda job_id: status(job_id, (READING, CHECKING))))
    bp.add_url_rule("/importing/<job_id>", "import_progress", staff_only(importing_page))
    bp.add_url_rule("/importing/<job_id>/status", "import_status",
                    staff_only(lambda job_id: status(job_id, (READING, CHECKING, WRITING))))


def _described(progress, stages: tuple) -> dict:
    """The stage's name, the count and the share of the whole job done (each stage an equal part)."""
    stage, done, total = progress or (None, 0, 0)
    share = done / total if total else 0
    percent = round(100 * (stages.index(stage) + share) / len(stages)) if stage in stages else 0
    return {"stage": str(_STAGE_NAMES[stage]) if stage else _("Waiting for its turn"), "total": total,
            "count": _("%(done)s of %(total)s", done=format_decimal(done), total=format_decimal(total)),
            "percent": percent}


def _start_in_background(job: str, name: str, text: str, progress_endpoint: str):
    job_id, user_id = secrets.token_urlsafe(16), current_user.id
    _remember(job_id)
    background.storage().put(_key(job_id, "owner"), user_id)
    # End this request's read: on SQLite it would keep the job (which writes) waiting.
    db.session.rollback()
    background.enqueue(job, name, job_id, text, user_id, str(get_locale()))
    return redirect(url_for(progress_endpoint, job_id=job_id))


def _remember(job_id: str) -> None:
    """Note when the job started, and remove the jobs of more than a day ago that nobody came back for."""
    now = time.time()
    started = background.storage().get(_STARTED, peek=True) or {}
    for old in [other for other, at in started.items() if now - at > _KEPT_FOR_SECONDS]:
        _forget(old)
        del started[old]
    started[job_id] = now
    background.storage().put(_STARTED, started)


def _started_by_this_user(job_id: str) -> bool:
    return background.storage().get(_key(job_id, "owner"), peek=True) == current_user.id


def _forget(job_id: str) -> None:
    for part in ("owner", "progress", "result"):
        background.storage().delete(_key(job_id, part))


def _is_long(text: str) -> bool:
    return text.count("\n") > LONG_IMPORT_ROWS


def preview_upload(render: Callable, dry_run: Callable[[str], object], *, background_as: str | None = None):
    """Take an uploaded file and show what importing it would do; nothing is kept.

    With `background_as` (the blueprint's name, see add_background_steps), a long register
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
    if background_as and _is_long(text):
        return _start_in_background(_CHECK_JOB, background_as, text, ".preview_progress")
    result = dry_run(text)
    db.session.rollback()
    confirm_form = ConfirmImportForm(formdata=None, text=text) if result.ok else None
    return render(RegisterUploadForm(formdata=None), result=result, confirm_form=confirm_form,
                  status=200 if result.ok else 422)


def import_previewed(render: Callable, run: Callable[[str], object], *, lost: str,
                     done: Callable[[object], str], next_url: str, background_as: str | None = None):
    """Import the previewed text if every row still passes: all of it, or nothing.

    ``lost`` says the text did not come back; ``done(result)`` is the message after importing.
    With `background_as` (the blueprint's name, see add_background_steps), a long register is
    imported in the background.
    """
    confirm_form = ConfirmImportForm()
    if not confirm_form.validate_on_submit():
        flash(lost, "danger")
        return redirect(url_for(".upload"))
    checked = confirm_form.job.data
    if checked and _started_by_this_user(checked):
        _forget(checked)  # the check's stored text and result have served
    text = confirm_form.text.data
    if background_as and _is_long(text):
        return _start_in_background(_IMPORT_JOB, background_as, text, ".import_progress")
    result = run(text)
    if not result.ok:
        db.session.rollback()
        return render(RegisterUploadForm(formdata=None), result=result, status=422)
    db.session.commit()
    flash(done(result), "success")
    return redirect(next_url)


# What the confirmation says when the previewed text did not come back, by what the import takes.
_LOST = {
    "file": _l("The file did not come through. Upload it again."),
    "register": _l("The register did not come through. Upload the file again."),
}


def accepted_values(**columns: type[enum.Enum]) -> dict[str, list[tuple[str, str]]]:
    """Each coded column's stored values with their first Swedish name, for an import's format table."""
    return {column: [(member.value, SWEDISH_NAMES[member][0]) for member in enum_cls]
            for column, enum_cls in columns.items()}


def import_summary(*sentences: str, already_recorded: int) -> str:
    """What an import says once done: its own sentences, then how many rows it found already recorded."""
    return " ".join([*sentences, ngettext("%(num)d row was already recorded.", "%(num)d rows were already recorded.",
                                          already_recorded)])


# Long registers create many people, say; a preview names the first ones and counts the rest.
PREVIEW_LIMIT = 100


def add_import_views(bp: Blueprint, template: str, *, dry_run: Callable[[str], object],
                     run: Callable[[str], object], done: Callable[[object], str], next_endpoint: str,
                     example: Path, takes: str = "file", context: Callable[[], dict] = dict,
                     long: tuple[Callable, Callable] | None = None) -> None:
    """Give an import's blueprint its views: `/` shows the format and previews a file sent
    (`preview_upload`), `/confirm` imports the previewed text (`import_previewed`) and goes on to
    `next_endpoint` saying `done(result)`, and `/example.csv` is the example file, to start a new one from.

    The page is `template`, given the upload form, the result, the confirmation form and what
    `context()` adds. `takes` is "file" or "register", what the import's messages call what is
    uploaded. With `long`, the (check, run) of a long register, each taking (text, user id,
    progress), a long register is checked and imported in the background (`add_background_steps`).
    """
    def render(form: RegisterUploadForm, *, result=None, confirm_form: ConfirmImportForm | None = None,
               status: int = 200):
        return render_template(template, form=form, result=result, confirm_form=confirm_form,
                               preview_limit=PREVIEW_LIMIT, **context()), status

    background_as = bp.name if long else None

    def upload():
        return preview_upload(render, dry_run, background_as=background_as)

    def confirm():
        return import_previewed(render, run, lost=str(_LOST[takes]), done=done, next_url=url_for(next_endpoint),
                                background_as=background_as)

    def example_file():
        return send_file(example, mimetype="text/csv", as_attachment=True, download_name=example.name)

    bp.add_url_rule("/", "upload", staff_only(upload), methods=["GET", "POST"])
    bp.add_url_rule("/confirm", "confirm", staff_only(confirm), methods=["POST"])
    bp.add_url_rule("/example.csv", "example", staff_only(example_file))
    if long is not None:
        check, run_long = long
        add_background_steps(bp, LongImport(render, check=check, run=run_long, done=done, next_endpoint=next_endpoint))
