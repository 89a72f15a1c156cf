"""Forms for organisations."""
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import URL, DataRequired, Length, Optional

from ...i18n import lazy_gettext as _l
from ...models import OrganisationKind, Sector
from .fields import (
    IdSelectMultipleField,
    NotBefore,
    TagListField,
    enum_options,
    record_id,
)


class OrganisationForm(FlaskForm):
    version = HiddenField()
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    sector = SelectField(_l("Sector"), choices=enum_options(Sector, blank=""), validators=[DataRequired()],
                         description=_l("Which part of the quadruple helix the organisation belongs to."))
    kind = SelectField(_l("Kind"), choices=enum_options(OrganisationKind), default=OrganisationKind.OTHER.value)
    org_number = StringField(_l("Organisation number"), validators=[Optional(), Length(max=12)],
                             description=_l("Swedish organisationsnummer, NNNNNN-NNNN. Optional."),
                             render_kw={"placeholder": "NNNNNN-NNNN", "inputmode": "numeric"})
    website = StringField(_l("Website"), validators=[Optional(), URL(message=_l("Enter a full address, e.g. https://example.se")), Length(max=300)])
    neighbourhood_ids = IdSelectMultipleField(_l("Active in neighbourhoods"),
                                              description=_l("Hold Ctrl (or ⌘) to choose several."))
    tags = TagListField(_l("Tags"), description=_l("Separate with commas, e.g. youth, employment."))
    notes = TextAreaField(_l("Notes"), render_kw={"rows": 4})


class OrganisationFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter changes nothing

    q = StringField(_l("Search"), render_kw={"placeholder": _l("Name or organisation number"), "type": "search"})
    sector = SelectField(_l("Sector"), choices=enum_options(Sector, blank=_l("All sectors")), validators=[Optional()])
    kind = SelectField(_l("Kind"), choices=enum_options(OrganisationKind, blank=_l("All kinds")), validators=[Optional()])
    neighbourhood = SelectField(_l("Neighbourhood"), coerce=lambda v: record_id(v) if v else None, validators=[Optional()])
    tag = StringField(_l("Tag"), validators=[Optional()])
    registered_from = DateField(_l("Registered from"), validators=[Optional()],
                                description=_l("Days in UTC, as the steering-group report counts them."))
    registered_to = DateField(_l("Registered until"), validators=[Optional(), NotBefore("registered_from")])
    archived = BooleanField(_l("Include archived"))
