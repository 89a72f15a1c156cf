"""The two steps every register import takes: preview an uploaded file, then import the previewed text.

The preview sends the register's text back in a hidden field of the confirmation form, so
nothing is kept on the server between the two steps (no temporary files to clean up, nothing
to lose when the app restarts), and the confirmation checks the whole file again against the
data as it is then. The text is what staff uploaded a moment ago and may change it no more
than they may change the file, so it is not signed.

Each import's view gives ``render(form, result=, confirm_form=, status=)`` (its page) and the
importer to run on the text; these functions are called from that blueprint's views, whose
``.upload`` endpoint is the upload page.
"""
from collections.abc import Callable

from flask import flash, redirect, url_for
from flask_babel import gettext as _

from ..db import db
from ..register_file import UnreadableRegister, decode_register
from .forms.attendance_import import ConfirmImportForm, RegisterUploadForm


def preview_upload(render: Callable, dry_run: Callable[[str], object]):
    """Take an uploaded file and show what importing it would do; nothing is kept."""
    form = RegisterUploadForm()
    if not form.validate_on_submit():
        return render(form, status=422 if form.is_submitted() else 200)
    try:
        text = decode_register(form.file.data.read())
    except UnreadableRegister as unreadable:
        form.file.errors.append(_("Line %(num)d: %(reason)s", num=unreadable.error.line, reason=unreadable.error.reason))
        return render(form, status=422)
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
