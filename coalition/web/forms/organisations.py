"""Forms for organisations."""
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ... import dates
from ...i18n import lazy_gettext as _l
from ...models import OrganisationKind, Sector
from .base import Form
from .fields import DateField, IdSelectMultipleField, NotBefore, TagListField, enum_options, optional_record_id
from .filters import FilterForm


class OrganisationForm(Form):
    version = HiddenField()
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    sector = SelectField(_l("Sector"), choices=enum_options(Sector, blank=""), validators=[DataRequired()],
                         description=_l("Which part of the quadruple helix the organisation belongs to."))
    kind = SelectField(_l("Kind"), choices=enum_options(OrganisationKind), default=OrganisationKind.OTHER.value)
    org_number = StringField(_l("Organisation number"), validators=[Optional(), Length(max=12)],
                             description=_l("Swedish organisationsnummer, NNNNNN-NNNN. Optional."),
                             render_kw={"placeholder": "NNNNNN-NNNN", "inputmode": "numeric"})
    website = StringField(_l("Website"), validators=[Optional(), Length(max=300)],
                          description=_l("Starting with http:// or https://, e.g. https://example.se"),
                          render_kw={"type": "url", "inputmode": "url"})
    address = StringField(_l("Street address"), validators=[Optional(), Length(max=300)],
                          render_kw={"autocomplete": "street-address"})
    postcode = StringField(_l("Postcode"), validators=[Optional(), Length(max=10)],
                           render_kw={"placeholder": "123 45", "inputmode": "numeric", "autocomplete": "postal-code"})
    town = StringField(_l("Town"), validators=[Optional(), Length(max=100)],
                       render_kw={"autocomplete": "address-level2"})
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40)],
                        description=_l("Starting with +46 or 0, e.g. 08-123 456 78."),
                        render_kw={"type": "tel", "autocomplete": "tel"})
    email = StringField(_l("E-mail"), validators=[Optional(), Length(max=254)],
                        description=_l("The organisation's shared address, e.g. info@example.se."),
                        render_kw={"type": "email", "autocomplete": "email"})
    neighbourhood_ids = IdSelectMultipleField(_l("Active in neighbourhoods"),
                                              description=_l("Hold Ctrl (or ⌘) to choose several."))
    area_company_of = IdSelectMultipleField(
        _l("Area company of"),
        description=_l("The neighbourhoods it serves as their area company (områdesföretag): it runs meeting places "
                       "there and reports local jobs. Hold Ctrl (or ⌘) to choose several."))
    tags = TagListField(_l("Tags"), description=_l("Separate with commas, e.g. youth, employment."))
    joined_on = DateField(_l("Joined the programme on"), window=dates.PROGRAMME, validators=[Optional()],
                          description=_l("Leave empty for the day of its first meeting, commitment or relationship "
                                         "(or the day it was registered)."))
    notes = TextAreaField(_l("Notes"), render_kw={"rows": 4})


class OrganisationFilterForm(FilterForm):
    q = StringField(_l("Search"), render_kw={"placeholder": _l("Name or organisation number"), "type": "search"})
    sector = SelectField(_l("Sector"), choices=enum_options(Sector, blank=_l("All sectors")), validators=[Optional()])
    kind = SelectField(_l("Kind"), choices=enum_options(OrganisationKind, blank=_l("All kinds")), validators=[Optional()])
    neighbourhood = SelectField(_l("Neighbourhood"), coerce=optional_record_id, validators=[Optional()])
    tag = StringField(_l("Tag"), validators=[Optional()])
    joined_from = DateField(_l("Joined from"), window=dates.SEARCH, validators=[Optional()],
                            description=_l("The day it joined the programme, as the dashboard counts new actors."))
    joined_to = DateField(_l("Joined until"), window=dates.SEARCH, validators=[Optional(), NotBefore("joined_from")])
    archived = BooleanField(_l("Include archived"))
