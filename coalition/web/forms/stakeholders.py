"""Forms for stakeholder assessments and the power-interest grid's filters."""
from datetime import date

from wtforms import IntegerField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, NumberRange, Optional

from ... import dates
from ...i18n import lazy_gettext as _l
from ...models import Engagement, Sector
from ...stakeholders import QUADRANT_LABELS, Quadrant
from .base import Form
from .fields import DateField, enum_options, optional_record_id, options
from .filters import FilterForm

_SCORE = _l("Give a score from 1 (low) to 5 (high).")


def _score_or_none(value):
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


class AssessmentForm(Form):
    assessed_on = DateField(_l("Assessed on"), window=dates.PROGRAMME, validators=[DataRequired(message=_l("Give the date of the assessment."))],
                            default=date.today, description=_l("One assessment per date; earlier ones are kept."))
    influence = IntegerField(_l("Influence"), validators=[InputRequired(message=_SCORE), NumberRange(1, 5, message=_SCORE)],
                             render_kw={"min": 1, "max": 5, "inputmode": "numeric"},
                             description=_l("How much the organisation can move things in the programme, 1 to 5."))
    interest = IntegerField(_l("Interest"), validators=[InputRequired(message=_SCORE), NumberRange(1, 5, message=_SCORE)],
                            render_kw={"min": 1, "max": 5, "inputmode": "numeric"},
                            description=_l("How much the programme's aims matter to the organisation, 1 to 5."))
    engagement = SelectField(_l("Engagement"), choices=enum_options(Engagement), default=Engagement.INFORMED.value,
                             validators=[DataRequired()])
    note = TextAreaField(_l("Note"), render_kw={"rows": 2}, description=_l("What the judgement rests on."))


class GridFilterForm(FilterForm):
    sector = SelectField(_l("Sector"), choices=enum_options(Sector, blank=_l("All sectors")), validators=[Optional()])
    neighbourhood = SelectField(_l("Neighbourhood"), coerce=optional_record_id, validators=[Optional()])
    quadrant = SelectField(_l("Quadrant"), validators=[Optional()],
                           choices=options(((q.value, QUADRANT_LABELS[q]) for q in Quadrant), blank=_l("All quadrants")))
    influence = SelectField(_l("Influence"), coerce=_score_or_none, validators=[Optional()],
                            choices=options(((n, str(n)) for n in range(1, 6)), blank=_l("Any")))
    interest = SelectField(_l("Interest"), coerce=_score_or_none, validators=[Optional()],
                           choices=options(((n, str(n)) for n in range(1, 6)), blank=_l("Any")))
