"""Filters for the admin pages."""
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Optional

from ...i18n import lazy_gettext as _l
from .fields import options


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter changes nothing

    entity = SelectField(_l("Record type"), validators=[Optional()])
    entity_id = StringField(_l("Record id"), validators=[Optional()])
    action = SelectField(_l("Change"), validators=[Optional()],
                         choices=options([("insert", _l("Created")), ("update", _l("Changed")), ("delete", _l("Deleted"))],
                                         blank=_l("Any")))
    user_id = SelectField(_l("By"), validators=[Optional()])
    since = DateField(_l("From"), validators=[Optional()])
    until = DateField(_l("To"), validators=[Optional()])
