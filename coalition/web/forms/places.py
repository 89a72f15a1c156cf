"""Forms for meeting places and their stages."""
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import URL, DataRequired, Length, Optional

from ... import dates
from ...i18n import lazy_gettext as _l
from ...models import PlaceStage
from .base import Form
from .fields import DateField, enum_options, optional_record_id, options
from .filters import FilterForm
from .organisation_picker import OrganisationField, OrganisationListField


class PlaceForm(Form):
    version = HiddenField()
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)],
                       description=_l("As the residents call it, e.g. Träffpunkt Rosengård."))
    digital = BooleanField(_l("A digital place"), description=_l("A web forum, a chat or a video room."))
    address = StringField(_l("Address"), validators=[Optional(), Length(max=300)],
                          description=_l("Street and number, for a physical place."))
    web_address = StringField(_l("Web address"), validators=[
        Optional(), URL(message=_l("Enter a full address, e.g. https://example.se")), Length(max=300)],
        description=_l("Required for a digital place."))
    neighbourhood_id = SelectField(_l("Neighbourhood"), coerce=optional_record_id, validators=[Optional()])
    run_by_id = OrganisationField(_l("Run by"), description=_l("Usually the neighbourhood's area company."))
    owner_ids = OrganisationListField(_l("Owned by"))
    funder_ids = OrganisationListField(_l("Funded by"))
    opened_on = DateField(_l("Opening date"), window=dates.PROGRAMME, validators=[Optional()],
                          description=_l("The day it opened; for a place not open yet, the day it is to open."))
    description = TextAreaField(_l("Description"), render_kw={"rows": 4},
                                description=_l("What the place offers, and how the residents shaped it."))


class NewPlaceForm(PlaceForm):
    stage = SelectField(_l("Stage"), choices=enum_options(PlaceStage), default=PlaceStage.IDEA.value,
                        description=_l("Where the place stands today."))
    stage_on = DateField(_l("Stage reached on"), window=dates.PROGRAMME, validators=[Optional()], description=_l("Leave empty for today."))


class PlaceStageForm(Form):
    stage = SelectField(_l("New stage"), choices=enum_options(PlaceStage), validators=[DataRequired()])
    changed_on = DateField(_l("Reached on"), window=dates.PROGRAMME, validators=[DataRequired()],
                           description=_l("Not in the future, nor before the previous change."))
    note = TextAreaField(_l("Note"), render_kw={"rows": 2},
                         description=_l("Why the stage changed; required when the place goes back a stage."))


class PlaceFilterForm(FilterForm):
    q = StringField(_l("Search"), render_kw={"placeholder": _l("Name or address"), "type": "search"})
    neighbourhood = SelectField(_l("Neighbourhood"), coerce=optional_record_id, validators=[Optional()])
    stage = SelectField(_l("Stage"), choices=enum_options(PlaceStage, blank=_l("All stages")), validators=[Optional()])
    kind = SelectField(_l("Kind"), validators=[Optional()], choices=options(
        [("physical", _l("Physical")), ("digital", _l("Digital"))], blank=_l("Physical and digital")))
    run_by = OrganisationField(_l("Run by"), archived_allowed=True, render_kw={"placeholder": _l("Anyone")})
    archived = BooleanField(_l("Include archived"))
