"""Field types that several forms need."""
import wtforms
from wtforms import SelectChoice, SelectMultipleField, StringField
from wtforms.validators import Optional, ValidationError

from ... import dates
from ...i18n import lazy_gettext as _l
from ...vocabulary import LABELS

# Record ids are 32-bit integers on PostgreSQL. A larger number names no record, and the database
# refuses even to compare it (SQLite: OverflowError, PostgreSQL: out of range): a 500, not a form error.
LARGEST_ID = 2**31 - 1


def record_id(value) -> int:
    """Coerce a submitted value to a record id; ValueError (a form error) for a number no record has."""
    number = int(value)
    if not 0 < number <= LARGEST_ID:
        raise ValueError(f"{number} is not a record id")
    return number


def optional_record_id(value) -> int | None:
    """Coerce a submitted value to a record id, None for the blank choice."""
    return record_id(value) if value else None


class IdSelectMultipleField(SelectMultipleField):
    """A multiple select whose values are record ids (ints)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("coerce", record_id)
        kwargs.setdefault("validators", [Optional()])
        super().__init__(*args, **kwargs)


class TagListField(StringField):
    """Comma-separated words in the form, a list of strings in Python."""

    def _value(self):
        return ", ".join(self.data or [])

    def process_formdata(self, valuelist):
        self.data = [part.strip() for part in (valuelist[0] if valuelist else "").split(",") if part.strip()]



def options(pairs, blank=None) -> list[SelectChoice]:
    """Turn (value, label) pairs into select options, optionally led by a blank option."""
    leading = [SelectChoice("", blank)] if blank is not None else []
    return leading + [SelectChoice(value, label) for value, label in pairs]


def enum_options(enum_cls, blank=None) -> list[SelectChoice]:
    """Offer every value of an enum under its interface name."""
    return options(((member.value, LABELS[enum_cls][member]) for member in enum_cls), blank)


class NotBefore:
    """Refuse an end date that comes before the start date in another field of the same form."""

    def __init__(self, start_field: str):
        self.start_field = start_field

    def __call__(self, form, field):
        start = form[self.start_field].data  # None when empty or unreadable: nothing to compare
        if field.data and start and field.data < start:
            raise ValidationError(_l("The end date must not be before the start date."))


class _ReadOrRefused:
    """A field read by `dates.py`: what is typed but is no date or time is refused as that, whatever else it must be.

    WTForms' DataRequired() would answer "This field is required." to 2026-02-30, and Optional()
    would let it pass as empty: a value typed that cannot be read is neither.
    """

    def process_formdata(self, valuelist):
        self.data, refusal = self.read(" ".join(valuelist) if valuelist else "")
        if refusal is not None:
            raise ValueError(str(refusal))

    def validate(self, form, extra_validators=()):
        if self.process_errors:
            self.errors = list(self.process_errors)
            return False
        return super().validate(form, extra_validators)


class DateField(_ReadOrRefused, wtforms.DateField):
    """A day written YYYY-MM-DD, within the years its kind of record allows (a window of `dates.py`)."""

    def __init__(self, label=None, validators=None, *, window: dates.Window, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.window = window
        self.render_kw = {"min": window.earliest().isoformat(), "max": window.latest().isoformat(),
                          **(self.render_kw or {})}

    def read(self, text: str):
        return dates.read_date(text, self.window)


class TimeField(_ReadOrRefused, wtforms.TimeField):
    """A time of day written HH:MM."""

    def read(self, text: str):
        return dates.read_time(text)
