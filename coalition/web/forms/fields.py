"""Field types that several forms need."""
from wtforms import SelectChoice, SelectMultipleField, StringField
from wtforms.validators import Optional

from ...vocabulary import LABELS


class IdSelectMultipleField(SelectMultipleField):
    """A multiple select whose values are record ids (ints)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("coerce", int)
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
