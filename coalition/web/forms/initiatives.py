"""Forms for initiatives and their list's filters."""
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ... import dates
from ...i18n import lazy_gettext as _l
from ...models import InitiativeStatus
from .base import Form
from .fields import DateField, IdSelectMultipleField, enum_options, optional_record_id
from .filters import FilterForm
from .organisation_picker import OrganisationField, OrganisationListField


class InitiativeForm(Form):
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
    origin_meeting_id = SelectField(_l("Came from meeting"), coerce=optional_record_id, validators=[Optional()],
                                    description=_l("E.g. the workshop where it was formulated. The most recent meetings are offered."))
    started_on = DateField(_l("Started on"), window=dates.PROGRAMME, validators=[Optional()])


class InitiativeFilterForm(FilterForm):
    q = StringField(_l("Search"), render_kw={"placeholder": _l("Name or description"), "type": "search"})
    status = SelectField(_l("Status"), choices=enum_options(InitiativeStatus, blank=_l("All statuses")),
                         validators=[Optional()])
    neighbourhood = SelectField(_l("Neighbourhood"), coerce=optional_record_id, validators=[Optional()])
    organisation = OrganisationField(_l("Organisation"), archived_allowed=True,
                                     render_kw={"placeholder": _l("All organisations")})
