"""The meeting page's fast entry of headcounts: one number per group, and the admin's group form."""
from wtforms import HiddenField, IntegerField, StringField
from wtforms.validators import DataRequired, Length, Optional

from ...headcounts import headcount_field
from ...i18n import lazy_gettext as _l
from .base import Form


class HeadcountForm(Form):
    """A count for each group given, named ``group_<id>`` (where a refused count is explained)."""

    @classmethod
    def for_groups(cls, groups, labels: dict[int, str], **kwargs) -> "HeadcountForm":
        """Make the form of these groups, each field labelled with the group's name in the reader's language."""
        fields = {headcount_field(group.id): IntegerField(
            labels[group.id], validators=[Optional()],
            render_kw={"min": 0, "inputmode": "numeric", "class": "form-control headcount-input"},
        ) for group in groups}
        form_class = type("HeadcountForm", (cls,), fields)
        return form_class(prefix="count", **kwargs)

    def counts(self) -> dict[int, int | None]:
        """Return each group's count as typed (None: left empty), by group id."""
        return {int(field.short_name.removeprefix("group_")): field.data
                for field in self if field.short_name.startswith("group_")}


class HeadcountGroupForm(Form):
    version = HiddenField()
    name_sv = StringField(_l("Name in Swedish"), validators=[DataRequired(), Length(max=80)],
                          description=_l("E.g. Boende."))
    name_en = StringField(_l("Name in English"), validators=[DataRequired(), Length(max=80)],
                          description=_l("E.g. Residents."))
