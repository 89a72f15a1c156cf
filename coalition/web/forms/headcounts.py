"""The meeting page's fast entry of headcounts: one number per group, and the admin's group form."""
from wtforms import HiddenField, StringField
from wtforms.validators import DataRequired, Length

from ...i18n import lazy_gettext as _l
from .base import Form
from .numbers import NumberEachForm


class HeadcountForm(NumberEachForm):
    """A count for each group given, named ``group_<id>`` as ``headcounts.headcount_field`` names it."""

    record = "group"

    @classmethod
    def for_groups(cls, groups, labels: dict[int, str], **kwargs) -> "HeadcountForm":
        """Make the form of these groups, each field labelled with the group's name in the reader's language."""
        return cls.for_records({group.id: labels[group.id] for group in groups},
                               {"min": 0, "inputmode": "numeric", "class": "form-control headcount-input"},
                               prefix="count", **kwargs)


class HeadcountGroupForm(Form):
    version = HiddenField()
    name_sv = StringField(_l("Name in Swedish"), validators=[DataRequired(), Length(max=80)],
                          description=_l("E.g. Boende."))
    name_en = StringField(_l("Name in English"), validators=[DataRequired(), Length(max=80)],
                          description=_l("E.g. Residents."))
