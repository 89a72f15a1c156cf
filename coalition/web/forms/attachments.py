"""The forms that attach a document to a meeting and say whether it holds personal data."""
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField

from ...i18n import lazy_gettext as _l
from .base import Form


class AttachmentForm(Form):
    # Name, size and content are checked by coalition.attachments, which knows the rules.
    file = FileField(_l("File"), validators=[FileRequired(_l("Choose a file to attach."))])
    holds_personal_data = BooleanField(
        _l("Holds personal data"),
        description=_l("Names, e-mail addresses or signatures, as on a sign-in list: only staff can open it."))


class PersonalDataForm(Form):
    """The one-click change of an attachment's mark; the box comes ticked or not with the button."""

    holds_personal_data = BooleanField()
