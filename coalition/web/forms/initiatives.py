"""Forms for initiatives and their list's filters."""
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ...i18n import lazy_gettext as _l
from ...models import InitiativeStatus
from .fields import IdSelectMultipleField, enum_options, record_id
from .organisation_picker import OrganisationField, OrganisationListField


def _id_or_none(value):
    return record_id(value) if value else None


class InitiativeForm(FlaskForm):
    version = HiddenField()
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)],
                       description=_l("What the coalition calls it, e.g. Summer jobs 2026."))
    status = SelectField(_l("Status"), choices=enum_options(InitiativeStatus), default=InitiativeStatus.PROPOSED.value)
    description = TextAreaField(_l("Description"), render_kw={"rows": 4},
                                description=_l("The mission: what should change, for whom, and how."))
    lead_organisation_id = OrganisationField(_l("Lead organisation"),
                                             description=_l("It takes part too, whether named below or not."))
    participant_ids = OrganisationListField(_l("Participating organisations"))
    neighbourhood_ids = IdSelectMultipleField(_l("Neighbourhoods"),
                                              description=_l("Hold Ctrl (or ⌘) to choose several."))
    origin_meeting_id = SelectField(_l("Came from meeting"), coerce=_id_or_none, validators=[Optional()],
                                    description=_l("E.g. the workshop where it was formulated. The most recent meetings are offered."))
    started_on = DateField(_l("Started on"), validators=[Optional()])


class InitiativeFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter changes nothing

    q = StringField(_l("Search"), render_kw={"placeholder": _l("Name or description"), "type": "search"})
    status = SelectField(_l("Status"), choices=enum_options(InitiativeStatus, blank=_l("All statuses")),
                         validators=[Optional()])
    neighbourhood = SelectField(_l("Neighbourhood"), coerce=_id_or_none, validators=[Optional()])
    organisation = OrganisationField(_l("Organisation"), archived_allowed=True,
                                     render_kw={"placeholder": _l("All organisations")})
