"""The form every form of the app is made from: what anyone types is checked the same way in each.

Text comes in composed (NFC), so that "Åsa" typed on one computer and pasted from another is
stored, searched and matched alike. Text holding a control character is refused beside its
field: nobody types one, and one stored would break the GraphML and GEXF downloads and the
calendar feed for everyone. A field of several lines (a textarea) may hold line breaks and
tabs; a single line holds neither. Passwords are left as typed: they are only hashed, never
stored or shown, and a rule added now must not lock anyone out of an older password.
"""
import unicodedata

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import Field, PasswordField, StringField, TextAreaField

from ...i18n import lazy_gettext as _l
from ...text import control_characters
from .organisation_picker import OrganisationListField, _PickerField

__all__ = ["Form", "typed_text"]


def typed_text(field: Field) -> tuple[list[str], bool] | None:
    """Return the text a user typed into the field and whether it may run over lines; None for no text field."""
    if isinstance(field, PasswordField):
        return None
    if isinstance(field, _PickerField):
        return ([field.typed] if field.typed else []), isinstance(field, OrganisationListField)
    if isinstance(field, StringField):
        return [value for value in field.raw_data or () if isinstance(value, str)], isinstance(field, TextAreaField)
    return None


def _refusal(characters: list[str]):
    if set(characters) <= {"\n", "\r", "\t", "\u2028", "\u2029"}:
        return _l("Write this on one line.")
    codes = ", ".join(f"U+{ord(character):04X}" for character in characters)
    return _l("This holds an invisible control character (%(codes)s) that text cannot hold. "
              "Type it again, or remove what was pasted with it.", codes=codes)


class Form(FlaskForm):
    """A Flask-WTF form whose text fields take composed text without control characters."""

    # Fields whose text is checked elsewhere, line by line (an import's whole file).
    texts_checked_elsewhere: tuple[str, ...] = ()

    class Meta:
        def wrap_formdata(self, form, formdata):
            """Compose what was sent before any field reads it, so that tags, amounts and names all come NFC."""
            formdata = super().wrap_formdata(form, formdata)
            if formdata is None:
                return None
            passwords = {field.name for field in form if isinstance(field, PasswordField)}
            return MultiDict([(name, unicodedata.normalize("NFC", value)
                               if isinstance(value, str) and name not in passwords else value)
                              for name, value in formdata.items(multi=True)])

    def validate(self, extra_validators=None) -> bool:
        # After the fields' own validators, which cannot undo it: Optional() clears a field's errors.
        valid = super().validate(extra_validators)
        for field in self:
            typed = typed_text(field)
            if typed is None or field.name in self.texts_checked_elsewhere:
                continue
            texts, multiline = typed
            found = [character for text in texts for character in control_characters(text, multiline=multiline)]
            if found:
                field.errors = [*field.errors, _refusal(list(dict.fromkeys(found)))]
                valid = False
        self._errors = None  # form.errors is read again from the fields
        return valid
