"""The merge screen's form: which record is kept, and each field's value taken from which."""
from functools import cache

from wtforms import HiddenField, RadioField

from ...i18n import lazy_gettext as _l
from ...merging import FIELDS, JOINABLE
from .base import Form
from .fields import options

FIELD_LABELS = {
    "name": _l("Name"), "sector": _l("Sector"), "kind": _l("Kind"), "org_number": _l("Organisation number"),
    "website": _l("Website"), "notes": _l("Notes"), "email": _l("E-mail"), "phone": _l("Phone"),
    "title": _l("Title"), "lawful_basis": _l("Lawful basis"),
}
SIDES = (("first", _l("Left")), ("second", _l("Right")))


class _MergeForm(Form):
    keep = RadioField(_l("Keep"), choices=options(SIDES), default="first")
    first_version = HiddenField()
    second_version = HiddenField()


@cache
def merge_form_class(model) -> type[_MergeForm]:
    """Return the merge form for organisations or for people: one choice per field of ``merging.FIELDS``."""
    fields = {name: RadioField(FIELD_LABELS[name], default="first",
                               choices=options(SIDES + ((("both", _l("Keep both")),) if name in JOINABLE else ())))
              for name in FIELDS[model]}
    return type(f"{model.__name__}MergeForm", (_MergeForm,), fields)


__all__ = ["FIELD_LABELS", "merge_form_class"]
