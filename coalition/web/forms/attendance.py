"""Forms for putting people on a meeting's list and changing their role and status."""
from wtforms import SelectField, SelectMultipleField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ...i18n import lazy_gettext as _l
from ...models import ParticipationRole, ParticipationStatus
from .base import Form
from .fields import enum_options, record_id


class IdListField(SelectMultipleField):
    """Record ids submitted by checkboxes or a script; which ids exist is checked by the domain."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("coerce", record_id)
        # No fixed choices: the ids are looked up when the change is made.
        super().__init__(*args, validate_choice=False, **kwargs)


def _role_field():
    return SelectField(_l("Role"), choices=enum_options(ParticipationRole), default=ParticipationRole.PARTICIPANT.value)


def _status_field():
    # No default here: the views offer the meeting's own (attendance.default_status).
    return SelectField(_l("Status"), choices=enum_options(ParticipationStatus))


class _Prefixed(Form):
    """A form whose fields are named apart from the other forms on the meeting page (e.g. add-role)."""

    name_prefix = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", self.name_prefix)
        super().__init__(*args, **kwargs)


class AddPeopleForm(_Prefixed):
    name_prefix = "add"
    person_ids = IdListField(_l("People"), validators=[DataRequired(_l("Choose at least one person."))])
    role = _role_field()
    status = _status_field()


class SignInListForm(_Prefixed):
    name_prefix = "sign_in"
    text = TextAreaField(
        _l("Sign-in list"), validators=[DataRequired(_l("Paste the names, one person a line.")), Length(max=200_000)],
        render_kw={"rows": 8, "spellcheck": "false",
                   "placeholder": "Anna Berg, Norrviks stad\nOmar Haddad <omar@example.se>, Backens IF"},
        description=_l("One person a line: Name, Organisation — or Name <e-mail>, Organisation."),
    )
    role = _role_field()
    status = _status_field()


class ChangeParticipantsForm(_Prefixed):
    name_prefix = "bulk"
    participation_ids = IdListField(_l("Participants"))
    # strip_whitespace=False: by default Optional() takes a value of only whitespace (such as
    # U+2028) for empty and wipes the choice check's error, and the value then reached the enum.
    role = SelectField(_l("Set role"), choices=enum_options(ParticipationRole, blank=_l("Keep role")),
                       validators=[Optional(strip_whitespace=False)])
    status = SelectField(_l("Set status"), choices=enum_options(ParticipationStatus, blank=_l("Keep status")),
                         validators=[Optional(strip_whitespace=False)])
