"""Forms for importing attendance from a register: the upload, and the confirmation after the preview."""
from flask_wtf.file import FileField, FileRequired, FileSize
from wtforms import HiddenField, TextAreaField
from wtforms.validators import DataRequired, Length

from ...i18n import lazy_gettext as _l
from .base import Form

# A register of 10,000 rows is well under 2 MB; the text also travels back in the preview page.
MAX_REGISTER_BYTES = 5 * 1024 * 1024


class RegisterUploadForm(Form):
    file = FileField(
        _l("Register (CSV file)"),
        validators=[FileRequired(_l("Choose the CSV file to import.")),
                    FileSize(MAX_REGISTER_BYTES, message=_l("The file is larger than 5 MB. Split it into parts."))],
        render_kw={"accept": ".csv,text/csv,text/plain"},
        description=_l("UTF-8, with a header row; comma or semicolon between the cells."),
    )


class ConfirmImportForm(Form):
    """The previewed register's text, sent back with the confirmation and checked again."""

    texts_checked_elsewhere = ("text",)  # by the import, which names the line of each control character
    text = TextAreaField(validators=[DataRequired(), Length(max=MAX_REGISTER_BYTES)])
    # The background check the text came from, if any: its stored copy is removed once confirmed.
    job = HiddenField(validators=[Length(max=64)])
