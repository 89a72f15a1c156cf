"""Forms for declared relationships between organisations."""
from wtforms import HiddenField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ... import dates
from ...i18n import lazy_gettext as _l
from ...models import RelationshipKind
from ...relationships import CURRENT, ENDED
from .base import Form
from .fields import DateField, enum_options, options
from .filters import FilterForm
from .organisation_picker import OrganisationField

STATES = ((CURRENT, _l("Current")), (ENDED, _l("Ended")))


class RelationshipForm(Form):
    version = HiddenField()
    from_organisation_id = OrganisationField(_l("Organisation"), validators=[
        DataRequired(message=_l("Name the organisation."))])
    to_organisation_id = OrganisationField(_l("Tied to"), validators=[DataRequired(message=_l("Name the organisation."))],
                                           description=_l("The order does not matter: a tie goes both ways."))
    kind = SelectField(_l("Kind"), choices=enum_options(RelationshipKind), default=RelationshipKind.PARTNERSHIP.value)
    from_date = DateField(_l("From"), window=dates.TIES, validators=[Optional()], description=_l("YYYY-MM-DD. Optional."))
    until_date = DateField(_l("Until"), window=dates.TIES, validators=[Optional()],
                           description=_l("Leave empty while the tie is in force."))
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=5000)], render_kw={"rows": 3})

    def validate_until_date(self, field):
        if field.data and self.from_date.data and field.data < self.from_date.data:
            raise ValidationError(_l("The end date must not be before the start date."))


class EndRelationshipForm(Form):
    version = HiddenField()
    until_date = DateField(_l("Last day"), window=dates.TIES, validators=[DataRequired()])


class RelationshipFilterForm(FilterForm):
    organisation = OrganisationField(_l("Organisation"), archived_allowed=True,
                                     render_kw={"placeholder": _l("All organisations")})
    kind = SelectField(_l("Kind"), choices=enum_options(RelationshipKind, blank=_l("All kinds")),
                       validators=[Optional()])
    state = SelectField(_l("In force"), choices=options(STATES, blank=_l("Current and ended")),
                        validators=[Optional()])
