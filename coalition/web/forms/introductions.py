"""Forms that act on a suggested introduction from the network page."""
from wtforms import HiddenField, IntegerField
from wtforms.validators import DataRequired, Optional
from wtforms.widgets import HiddenInput

from ... import dates
from ...i18n import lazy_gettext as _l
from .base import Form
from .fields import DateField


class ReturnForm(Form):
    """A button on the network page: ``back`` is the page's query string, to return to the same view."""

    back = HiddenField()


class IntroductionForm(ReturnForm):
    first = IntegerField(widget=HiddenInput(), validators=[DataRequired()])
    second = IntegerField(widget=HiddenInput(), validators=[DataRequired()])
    due_on = DateField(_l("Follow up by"), window=dates.PROGRAMME, validators=[Optional()])
