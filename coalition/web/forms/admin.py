"""Filters for the admin pages."""
from wtforms import SelectField, StringField
from wtforms.validators import Optional

from ... import dates
from ...i18n import lazy_gettext as _l
from .base import Form
from .fields import DateField, options


class AuditFilterForm(Form):
    class Meta:
        csrf = False  # a GET filter changes nothing

    entity = SelectField(_l("Record type"), validators=[Optional()])
    entity_id = StringField(_l("Record id"), validators=[Optional()])
    action = SelectField(_l("Change"), validators=[Optional()],
                         choices=options([("insert", _l("Created")), ("update", _l("Changed")), ("delete", _l("Deleted"))],
                                         blank=_l("Any")))
    user_id = SelectField(_l("By"), validators=[Optional()])
    since = DateField(_l("From"), window=dates.SEARCH, validators=[Optional()])
    until = DateField(_l("To"), window=dates.SEARCH, validators=[Optional()])
