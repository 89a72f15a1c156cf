"""The collaboration network's filters, shared by the page, its downloads and the JSON API."""
from wtforms import DecimalField, IntegerField, SelectField, SelectMultipleField, StringField
from wtforms.validators import Length, NumberRange, Optional, Regexp, ValidationError
from wtforms.widgets import HiddenInput

from ... import dates
from ...i18n import lazy_gettext as _l
from ...models import MeetingKind, Sector
from ...network import ACTOR_FIGURES, Level, NetworkFilter, Source, Weighting
from .base import Form
from .fields import DateField, enum_options, options, record_id

LEVELS = ((Level.ORGANISATIONS.value, _l("Organisations")), (Level.PERSONS.value, _l("Persons")))
SOURCES = ((Source.CO_PARTICIPATION.value, _l("Meetings attended together")),
           (Source.JOINT_WORK.value, _l("Joint commitments and initiatives")),
           (Source.DECLARED.value, _l("Declared relationships")))
WEIGHTINGS = ((Weighting.MEETINGS.value, _l("One per shared meeting")),
              (Weighting.NEWMAN.value, _l("Newman: small meetings count more")))
COLOURINGS = (("sector", _l("Sector")), ("community", _l("Group")), ("neighbourhood", _l("Neighbourhood")))
STEPS = (("1", _l("Its partners")), ("2", _l("Its partners and theirs")))
# Figures an actor can be sorted and sized by: every per-actor figure but the community number.
RANKING_FIGURES = tuple(f for f in ACTOR_FIGURES if f.key != "community")


def _id_or_none(value):
    return record_id(value) if value not in (None, "") else None


class ChoiceListField(SelectMultipleField):
    """A multiple choice that also takes one comma-separated value, as the JSON API allows."""

    def process_formdata(self, valuelist):
        self.data = [part.strip() for value in valuelist for part in value.split(",") if part.strip()]


class NetworkFilterForm(Form):
    class Meta:
        csrf = False  # a GET filter changes nothing

    level = SelectField(_l("Nodes"), choices=options(LEVELS), default=Level.ORGANISATIONS.value)
    sources = ChoiceListField(_l("Ties from"), choices=options(SOURCES), validators=[Optional()],
                              description=_l("None chosen means all three."))
    date_from = DateField(_l("From"), window=dates.SEARCH, name="from", validators=[Optional()])
    date_to = DateField(_l("To"), window=dates.SEARCH, name="to", validators=[Optional()])
    neighbourhood = SelectField(_l("Neighbourhood"), coerce=_id_or_none, validators=[Optional()])
    kinds = ChoiceListField(_l("Meeting kinds"), choices=enum_options(MeetingKind), validators=[Optional()],
                            description=_l("None chosen means every kind."))
    sectors = ChoiceListField(_l("Sectors"), choices=enum_options(Sector), validators=[Optional()],
                              description=_l("None chosen means every sector."))
    min_weight = DecimalField(_l("Minimum tie weight"), validators=[Optional(), NumberRange(min=0)],
                              render_kw={"min": 0, "step": "any", "inputmode": "decimal"})
    weighting = SelectField(_l("Weighting"), choices=options(WEIGHTINGS), default=Weighting.MEETINGS.value)

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date must not be before the start date."))

    def network_filter(self) -> NetworkFilter:
        """Return the filter the (validated) form describes."""
        return NetworkFilter(
            date_from=self.date_from.data, date_to=self.date_to.data,
            neighbourhood_id=self.neighbourhood.data,
            meeting_kinds=frozenset(self.kinds.data or ()), sectors=frozenset(self.sectors.data or ()),
            min_weight=float(self.min_weight.data or 0),
            sources=frozenset(self.sources.data or Source),
            level=Level(self.level.data or Level.ORGANISATIONS), weighting=Weighting(self.weighting.data or Weighting.MEETINGS),
        )


class NetworkViewForm(NetworkFilterForm):
    """The page's filters plus how to show the result (not part of the network itself)."""

    sort = SelectField(_l("Sort actors by"), choices=options((f.key, _l(f.label)) for f in RANKING_FIGURES),
                       default="betweenness")
    size = SelectField(_l("Size nodes by"), choices=options((f.key, _l(f.label)) for f in RANKING_FIGURES),
                       default="degree")
    colour = SelectField(_l("Colour by"), choices=options(COLOURINGS), default="sector")
    find = StringField(_l("Find an actor"), validators=[Optional(), Length(max=200)],
                       render_kw={"placeholder": _l("Part of a name"), "autocomplete": "off"})
    focus = IntegerField(widget=HiddenInput(), validators=[Optional(), NumberRange(min=1, max=2**31 - 1)])
    steps = SelectField(_l("Show"), choices=options(STEPS), default="1")
    quarter = StringField(_l("Quarter"), validators=[Optional(), Regexp(r"^\d{4}-Q[1-4]$")])
