"""Forms for neighbourhoods and their programme stage."""
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ... import dates
from ...i18n import lazy_gettext as _l
from ...models import Stage
from ...neighbourhoods import LARGEST_POPULATION
from .base import Form
from .fields import DateField, enum_options
from .filters import FilterForm


class NeighbourhoodForm(Form):
    version = HiddenField()
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)],
                       description=_l("As the people who live there say it, e.g. Rosengård."))
    municipality = StringField(_l("Municipality"), validators=[DataRequired(), Length(max=200)],
                               description=_l("The municipality the neighbourhood lies in, e.g. Malmö."))
    population = IntegerField(_l("Population"), validators=[Optional(), NumberRange(min=0, max=LARGEST_POPULATION)],
                              description=_l("Residents, from the latest official statistics. Optional."),
                              render_kw={"inputmode": "numeric", "min": 0})
    description = TextAreaField(_l("Description"), render_kw={"rows": 4},
                                description=_l("What the programme should know about the place."))


class NewNeighbourhoodForm(NeighbourhoodForm):
    stage = SelectField(_l("Programme stage"), choices=enum_options(Stage), default=Stage.MAPPING.value,
                        description=_l("Where the programme stands in this neighbourhood today."))
    stage_on = DateField(_l("Stage reached on"), window=dates.PROGRAMME, validators=[Optional()],
                         description=_l("Leave empty for today."))


class StageChangeForm(Form):
    stage = SelectField(_l("New stage"), choices=enum_options(Stage), validators=[DataRequired()])
    changed_on = DateField(_l("Reached on"), window=dates.PROGRAMME, validators=[DataRequired()],
                           description=_l("Not in the future, nor before the previous change."))
    note = TextAreaField(_l("Note"), render_kw={"rows": 2},
                         description=_l("Why the stage changed, e.g. the meeting where it was decided."))


class NeighbourhoodFilterForm(FilterForm):
    q = StringField(_l("Search"), render_kw={"placeholder": _l("Name or municipality"), "type": "search"})
    municipality = SelectField(_l("Municipality"), validators=[Optional()])
    stage = SelectField(_l("Stage"), choices=enum_options(Stage, blank=_l("All stages")), validators=[Optional()])
    archived = BooleanField(_l("Include archived"))
