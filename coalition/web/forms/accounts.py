"""Forms for logging in and managing user accounts."""
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from ...accounts.users import MIN_PASSWORD_LENGTH
from ...i18n import lazy_gettext as _l
from ...models import Role
from .base import Form
from .fields import enum_options


class LoginForm(Form):
    email = EmailField(_l("E-mail"), validators=[DataRequired()], render_kw={"autocomplete": "username", "autofocus": True})
    password = PasswordField(_l("Password"), validators=[DataRequired()], render_kw={"autocomplete": "current-password"})
    submit = SubmitField(_l("Log in"))


class UserForm(Form):
    version = HiddenField()
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("Name"), validators=[Optional(), Length(max=200)])
    role = SelectField(_l("Role"), choices=enum_options(Role),
                       description=_l("Viewers (the steering group) read organisations, meetings, commitments and "
                                      "reports, change nothing and see no one’s personal details."))
    active = BooleanField(_l("Active"), default=True,
                          description=_l("An inactive user cannot log in; their history is kept."))
    password = PasswordField(
        _l("Password"),
        validators=[Optional(), Length(min=MIN_PASSWORD_LENGTH)],
        description=_l("At least %(n)d characters. Leave empty to keep the current password.", n=MIN_PASSWORD_LENGTH),
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField(_l("Save"))


class ChangePasswordForm(Form):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()],
                                     render_kw={"autocomplete": "current-password"})
    new_password = PasswordField(_l("New password"), validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH)],
                                 description=_l("At least %(n)d characters.", n=MIN_PASSWORD_LENGTH),
                                 render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("Repeat the new password"),
                            validators=[DataRequired(), EqualTo("new_password", message=_l("The two passwords differ."))],
                            render_kw={"autocomplete": "new-password"})
    submit = SubmitField(_l("Change password"))
