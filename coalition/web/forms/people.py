"""Forms for people and their memberships."""
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from ...i18n import lazy_gettext as _l
from ...models import LawfulBasis, Sector
from .fields import enum_options, record_id
from .organisation_picker import OrganisationField


def _id_or_none(value):
    return record_id(value) if value else None


class PersonForm(FlaskForm):
    version = HiddenField()
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    title = StringField(_l("Title"), validators=[Optional(), Length(max=200)],
                        description=_l("What they do, e.g. Verksamhetsledare."))
    email = EmailField(_l("E-mail"), validators=[Optional(), Length(max=254)],
                       description=_l("Optional, but no two people can share one."))
    phone = TelField(_l("Phone"), validators=[Optional(), Length(max=40)])
    notes = TextAreaField(_l("Notes"), render_kw={"rows": 3},
                          description=_l("Nothing sensitive: no health, religion, ethnicity or political views."))
    lawful_basis = SelectField(_l("Lawful basis"), choices=enum_options(LawfulBasis, blank=""), validators=[DataRequired()],
                               description=_l("Why the office may hold this person's data (GDPR Art. 6)."))
    consent_given_on = DateField(_l("Consent given on"), validators=[Optional()],
                                 description=_l("Required when the lawful basis is consent."))
    consent_method = StringField(_l("How consent was given"), validators=[Optional(), Length(max=200)],
                                 description=_l("E.g. signed form at the meeting place, web form."))
    consent_text_version = StringField(_l("Version of the consent text"), validators=[Optional(), Length(max=40)],
                                       description=_l("Which wording they agreed to, e.g. v1."))


class PersonFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter changes nothing

    q = StringField(_l("Search"), render_kw={"placeholder": _l("Name or e-mail"), "type": "search"})
    organisation = OrganisationField(_l("Organisation"), archived_allowed=True,
                                     render_kw={"placeholder": _l("All organisations")})
    sector = SelectField(_l("Sector"), choices=enum_options(Sector, blank=_l("All sectors")), validators=[Optional()])
    basis = SelectField(_l("Lawful basis"), choices=enum_options(LawfulBasis, blank=_l("Any basis")), validators=[Optional()])
    archived = BooleanField(_l("Include archived"))


class MembershipForm(FlaskForm):
    organisation_id = OrganisationField(_l("Organisation"), validators=[
        DataRequired(message=_l("Name the organisation."))])
    title = StringField(_l("Title there"), validators=[Optional(), Length(max=200)])
    from_date = DateField(_l("From"), validators=[Optional()])
    until_date = DateField(_l("Until"), validators=[Optional()],
                           description=_l("Leave empty while they are still there."))


class EndMembershipForm(FlaskForm):
    until_date = DateField(_l("Until"), validators=[DataRequired()])
