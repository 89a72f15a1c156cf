"""The form that attaches a document to a meeting."""
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired

from ...i18n import lazy_gettext as _l


class AttachmentForm(FlaskForm):
    # Name, size and content are checked by coalition.attachments, which knows the rules.
    file = FileField(_l("File"), validators=[FileRequired(_l("Choose a file to attach."))])
