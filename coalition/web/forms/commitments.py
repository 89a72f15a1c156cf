"""Forms for commitments, their status changes, and the register's filters."""
import re
from decimal import Decimal, InvalidOperation

from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ... import dates
from ...commitments import OPEN_STATUSES
from ...i18n import lazy_gettext as _l
from ...models import CommitmentKind, CommitmentStatus, Sector, Unit
from ...vocabulary import label
from .base import Form
from .fields import DateField, NotBefore, enum_options, optional_record_id, options
from .filters import FilterForm
from .organisation_picker import OrganisationField, OrganisationListField
from .place_picker import PlaceField

_SPACES = re.compile(r"[\s\u00a0\u202f]+")


class AmountField(StringField):
    """An amount as people type it (250 000, 12,5 or 12.5), a Decimal in Python."""

    def process_formdata(self, valuelist):
        text = _SPACES.sub("", valuelist[0] if valuelist else "")
        if not text:
            self.data = None
            return
        if "," in text and "." in text:
            text = text.replace(",", "")  # 1,250,000.50: commas group the thousands
        elif text.count(",") == 1:
            text = text.replace(",", ".")  # 12,5: the Swedish decimal comma
        else:
            text = text.replace(",", "")
        try:
            self.data = Decimal(text)
        except InvalidOperation:
            self.data = None
            raise ValueError(_l("An amount is a number, e.g. 250000 or 12,5.")) from None

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        return str(self.data.normalize()) if self.data == self.data.to_integral_value() else str(self.data)


class CommitmentForm(Form):
    version = HiddenField()
    party_ids = OrganisationListField(_l("Parties"), description=_l(
        "The organisation that promises; several for a joint commitment."))
    kind = SelectField(_l("Kind"), choices=enum_options(CommitmentKind), default=CommitmentKind.FUNDING.value)
    description = TextAreaField(_l("What is promised"), validators=[DataRequired(), Length(max=5000)],
                                render_kw={"rows": 3})
    amount = AmountField(_l("Amount"), validators=[Optional()], render_kw={"inputmode": "decimal"},
                         description=_l("Leave empty when nothing is counted, e.g. a policy change."))
    unit = SelectField(_l("Unit"), choices=enum_options(Unit, blank=_l("No amount")), validators=[Optional()])
    unit_label = StringField(_l("What is counted"), validators=[Optional(), Length(max=80)],
                             description=_l("For a count only, e.g. summer jobs."))
    neighbourhood_id = SelectField(_l("Neighbourhood"), coerce=optional_record_id, validators=[Optional()])
    place_id = PlaceField(_l("For the meeting place"),
                          description=_l("When the commitment is an investment in a registered meeting place."))
    initiative_id = SelectField(_l("Initiative"), coerce=optional_record_id, validators=[Optional()])
    meeting_id = SelectField(_l("Made at meeting"), coerce=optional_record_id, validators=[Optional()],
                             description=_l("The most recent meetings are offered."))
    made_on = DateField(_l("Made on"), window=dates.PROGRAMME, validators=[Optional()],
                        description=_l("Leave empty for the meeting's date, or today."))
    due_on = DateField(_l("Due"), window=dates.DUE, validators=[Optional()], description=_l("When it should be delivered."))


class NewCommitmentForm(CommitmentForm):
    status = SelectField(_l("Status"), choices=options((s.value, label(s)) for s in OPEN_STATUSES),
                         default=CommitmentStatus.PROPOSED.value,
                         description=_l("Record the delivery, a withdrawal or a lapse once it is saved."))


class StatusChangeForm(Form):
    """The one-click form: the next status is chosen already, dated today."""

    version = HiddenField()
    status = SelectField(_l("New status"), choices=enum_options(CommitmentStatus), validators=[DataRequired()])
    changed_on = DateField(_l("On"), window=dates.PROGRAMME, validators=[Optional()],
                           description=_l("For a delivery, the day it was delivered."))
    comment = StringField(_l("Comment"), validators=[Optional(), Length(max=2000)],
                          description=_l("Required to withdraw or to reopen."))
    next = HiddenField()


class RegisterFilterForm(FilterForm):
    q = StringField(_l("Search"), render_kw={"placeholder": _l("Words in the description"), "type": "search"})
    status = SelectField(_l("Status"), validators=[Optional()], choices=[
        *options([("open", _l("Open (proposed, agreed or in progress)"))], blank=_l("All statuses")),
        *enum_options(CommitmentStatus),
    ])
    kind = SelectField(_l("Kind"), choices=enum_options(CommitmentKind, blank=_l("All kinds")), validators=[Optional()])
    sector = SelectField(_l("Sector"), choices=enum_options(Sector, blank=_l("All sectors")), validators=[Optional()])
    organisation = OrganisationField(_l("Organisation"), archived_allowed=True,
                                     render_kw={"placeholder": _l("All organisations")})
    neighbourhood = SelectField(_l("Neighbourhood"), coerce=optional_record_id, validators=[Optional()])
    initiative = SelectField(_l("Initiative"), coerce=optional_record_id, validators=[Optional()])
    due_from = DateField(_l("Due from"), window=dates.SEARCH, validators=[Optional()])
    due_to = DateField(_l("Due until"), window=dates.SEARCH, validators=[Optional(), NotBefore("due_from")])
    made_from = DateField(_l("Made from"), window=dates.SEARCH, validators=[Optional()])
    made_to = DateField(_l("Made until"), window=dates.SEARCH, validators=[Optional(), NotBefore("made_from")])
    delivered_from = DateField(_l("Delivered from"), window=dates.SEARCH, validators=[Optional()])
    delivered_to = DateField(_l("Delivered until"), window=dates.SEARCH, validators=[Optional(), NotBefore("delivered_from")])
    overdue = BooleanField(_l("Overdue only"))
