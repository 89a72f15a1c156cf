"""Forms for people and their memberships."""
from wtforms import BooleanField, EmailField, HiddenField, SelectField, StringField, TelField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ... import dates
from ...i18n import lazy_gettext as _l
from ...models import LawfulBasis, Sector
from .base import Form
from .fields import DateField, enum_options
from .filters import FilterForm
from .organisation_picker import OrganisationField


class PersonForm(Form):
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
    consent_given_on = DateField(_l("Consent given on"), window=dates.PROGRAMME, validators=[Optional()],
                                 description=_l("Required when the lawful basis is consent."))
    consent_method = StringField(_l("How consent was given"), validators=[Optional(), Length(max=200)],
                                 description=_l("E.g. signed form at the meeting place, web form."))
    consent_text_version = StringField(_l("Version of the consent text"), validators=[Optional(), Length(max=40)],
                                       description=_l("Which wording they agreed to, e.g. v1."))
    # Asked only when someone of the same name is registered (see people.namesakes).
    another_person = BooleanField(_l("This is another person of the same name"))


class PersonFilterForm(FilterForm):
    q = StringField(_l("Search"), render_kw={"placeholder": _l("Name or e-mail"), "type": "search"})
    organisation = OrganisationField(_l("Organisation"), archived_allowed=True,
                                     render_kw={"placeholder": _l("All organisations")})
    sector = SelectField(_l("Sector"), choices=enum_options(Sector, blank=_l("All sectors")), validators=[Optional()])
    basis = SelectField(_l("Lawful basis"), choices=enum_options(LawfulBasis, blank=_l("Any basis")), validators=[Optional()])
    archived = BooleanField(_l("Include archived"))


class MembershipForm(Form):
    organisation_id = OrganisationField(_l("Organisation"), validators=[
        DataRequired(message=_l("Name the organisation."))])
    title = StringField(_l("Title there"), validators=[Optional(), Length(max=200)])
    from_date = DateField(_l("From"), window=dates.TIES, validators=[Optional()])
    until_date = DateField(_l("Until"), window=dates.TIES, validators=[Optional()],
                           description=_l("Leave empty while they are still there."))


class EndMembershipForm(Form):
    until_date = DateField(_l("Until"), window=dates.TIES, validators=[DataRequired()])
