"""Forms for KPIs, their targets per neighbourhood and their measurements."""
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ... import dates
from ...i18n import lazy_gettext as _l
from ...imports.kpi_file import number_value
from ...models import Direction
from .base import Form
from .fields import DateField, enum_options, record_id


def _id_or_none(value):
    return record_id(value) if value else None


class ValueField(StringField):
    """A value as people type it (12,5, 12.5 or 1 234), a Decimal in Python; the same rule as the import."""

    def process_formdata(self, valuelist):
        self.data, problem = number_value(valuelist[0] if valuelist else "")
        if problem:
            raise ValueError(str(problem))

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        return format(self.data.normalize(), "f")


def _required(message):
    return [InputRequired(message)]


class KpiForm(Form):
    version = HiddenField()
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    unit = StringField(_l("Unit"), validators=[DataRequired(), Length(max=40)],
                       description=_l("What a value counts, e.g. per cent or number of people."))
    direction = SelectField(_l("Which way is better"), choices=enum_options(Direction),
                            default=Direction.HIGHER_IS_BETTER.value, validators=[DataRequired()])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)], render_kw={"rows": 3},
                                description=_l("What the KPI measures and why it matters."))
    source = StringField(_l("Source"), validators=[Optional(), Length(max=300)],
                         description=_l("Where the values come from, e.g. Statistics Sweden's register data."))


class TargetForm(Form):
    version = HiddenField()
    neighbourhood_id = SelectField(_l("Neighbourhood"), coerce=_id_or_none,
                                   validators=[DataRequired(_l("Choose a neighbourhood."))])
    baseline_value = ValueField(_l("Baseline"), validators=_required(_l("Give the value at the baseline.")),
                                render_kw={"inputmode": "decimal"}, description=_l("Where the neighbourhood started."))
    baseline_on = DateField(_l("Baseline date"), window=dates.KPI, validators=[DataRequired(_l("Give the date as YYYY-MM-DD."))])
    target_value = ValueField(_l("Target"), validators=_required(_l("Give the value aimed for.")),
                              render_kw={"inputmode": "decimal"}, description=_l("Where it aims to be."))
    target_on = DateField(_l("Target date"), window=dates.KPI, validators=[DataRequired(_l("Give the date as YYYY-MM-DD."))])


class MeasurementForm(Form):
    version = HiddenField()
    neighbourhood_id = SelectField(_l("Neighbourhood"), coerce=_id_or_none,
                                   validators=[DataRequired(_l("Choose a neighbourhood."))])
    measured_on = DateField(_l("Date measured"), window=dates.KPI, validators=[DataRequired(_l("Give the date as YYYY-MM-DD."))])
    value = ValueField(_l("Value"), validators=_required(_l("Give the value measured.")),
                       render_kw={"inputmode": "decimal"}, description=_l("12,5 and 12.5 both work."))
    source = StringField(_l("Source"), validators=[Optional(), Length(max=300)],
                         description=_l("Where this value comes from, if not the KPI's usual source."))

