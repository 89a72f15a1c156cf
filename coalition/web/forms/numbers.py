"""A form of one number for each of several records: people counted per group, votes per proposal."""
from wtforms import IntegerField
from wtforms.validators import Optional

from .base import Form

__all__ = ["NumberEachForm"]


class NumberEachForm(Form):
    """One number for each record given, in a field named ``<record>_<id>`` (where a refused number is
    explained); a number left empty is None. A subclass names its `record`."""

    record = ""

    @classmethod
    def for_records(cls, labels: dict[int, str], render_kw: dict, **kwargs) -> "NumberEachForm":
        """Make the form of these records, each field labelled as `labels` says by the record's id."""
        fields = {f"{cls.record}_{record_id}": IntegerField(label, validators=[Optional()], render_kw=render_kw)
                  for record_id, label in labels.items()}
        return type(cls.__name__, (cls,), fields)(**kwargs)

    def _number_fields(self) -> list:
        return [field for field in self if field.short_name.startswith(f"{self.record}_")]

    def numbers(self) -> dict[int, int | None]:
        """Return each record's number as typed (None: left empty), by the record's id."""
        return {int(field.short_name.removeprefix(f"{self.record}_")): field.data for field in self._number_fields()}

    def first_field(self) -> str:
        """Name the field a refusal of the numbers is shown beside: the first number's, or the form's token
        when there are none."""
        fields = self._number_fields()
        return fields[0].short_name if fields else "csrf_token"
