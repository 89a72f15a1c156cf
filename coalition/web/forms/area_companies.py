"""The form an area company's quarterly jobs are recorded with."""
from datetime import date

from wtforms import IntegerField, SelectField
from wtforms.validators import InputRequired

from ...i18n import lazy_gettext as _l
from .base import Form
from .fields import options, record_id
from .kpis import ValueField


def _id_or_none(value):
    return record_id(value) if value else None


def _quarter_before(today: date) -> tuple[int, int]:
    year, quarter = today.year, (today.month - 1) // 3 + 1
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


class LocalJobsForm(Form):
    """One quarter's jobs in one neighbourhood; by default the quarter just ended."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "jobs")  # named apart from the other forms on the organisation page
        super().__init__(*args, **kwargs)

    neighbourhood_id = SelectField(_l("Neighbourhood"), coerce=_id_or_none, validators=[InputRequired()])
    year = IntegerField(_l("Year"), validators=[InputRequired()], render_kw={"inputmode": "numeric"})
    quarter = SelectField(_l("Quarter"), coerce=int, choices=options((q, f"Q{q}") for q in range(1, 5)))
    positions = IntegerField(_l("Positions"), validators=[InputRequired()], render_kw={"min": 0, "inputmode": "numeric"},
                             description=_l("People employed in the quarter."))
    full_time_equivalents = ValueField(_l("Full-time equivalents"), validators=[InputRequired()],
                                       description=_l("E.g. 7,5."), render_kw={"inputmode": "decimal"})
    resident_positions = IntegerField(_l("Of which residents"), validators=[InputRequired()],
                                      render_kw={"min": 0, "inputmode": "numeric"},
                                      description=_l("Positions held by people living in the neighbourhood."))

    @classmethod
    def for_quarter_before(cls, today: date, **kwargs) -> "LocalJobsForm":
        year, quarter = _quarter_before(today)
        return cls(formdata=None, year=year, quarter=quarter, **kwargs)
