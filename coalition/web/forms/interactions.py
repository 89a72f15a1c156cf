"""The form for a call, e-mail, visit or note with an actor."""
from wtforms import BooleanField, HiddenField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ... import dates
from ...i18n import lazy_gettext as _l
from ...interactions import TEXT_LENGTH
from ...models import InteractionKind
from .base import Form
from .fields import DateField, enum_options, optional_record_id
from .organisation_picker import OrganisationField


class InteractionForm(Form):
    version = HiddenField()
    back = HiddenField()  # "person": go back to the person's page once saved, else to the organisation's
    organisation_id = OrganisationField(_l("Organisation"), validators=[
        DataRequired(message=_l("Name the organisation."))])
    # Any registered person may be named (the operation checks them): the choices only offer the likely ones.
    person_id = SelectField(_l("Person"), coerce=optional_record_id, validators=[Optional()], validate_choice=False,
                            description=_l("Optional: who you were in touch with."))
    kind = SelectField(_l("Kind"), choices=enum_options(InteractionKind), default=InteractionKind.CALL.value)
    happened_on = DateField(_l("Day"), window=dates.PROGRAMME, validators=[
        DataRequired(message=_l("Give the day it happened."))])
    text = TextAreaField(_l("What was said or done"), validators=[Optional(), Length(max=TEXT_LENGTH)],
                         render_kw={"rows": 3})
    joint_work = BooleanField(_l("Joint work"), description=_l(
        "They did something together with the person's organisation: this ties the two organisations in the "
        "network. A contact alone does not."))
