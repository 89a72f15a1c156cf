"""Forms for meetings and their follow-up actions."""
from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ... import dates
from ...i18n import lazy_gettext as _l
from ...models import MeetingKind
from .base import Form
from .fields import DateField, IdSelectMultipleField, TimeField, enum_options, optional_record_id
from .filters import FilterForm
from .organisation_picker import OrganisationField
from .place_picker import PlaceField


class MeetingForm(Form):
    version = HiddenField()
    kind = SelectField(_l("Kind"), choices=enum_options(MeetingKind), default=MeetingKind.WORKSHOP.value)
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    starts_on = DateField(_l("Date"), window=dates.PROGRAMME, validators=[DataRequired()])
    starts_at_time = TimeField(_l("Start time"), validators=[DataRequired()], description=_l("HH:MM, e.g. 18:00."))
    duration_minutes = IntegerField(_l("Duration"), validators=[Optional()],
                                    description=_l("In minutes. Optional."), render_kw={"min": 1, "inputmode": "numeric"})
    place_id = PlaceField(_l("Meeting place"), description=_l("A registered meeting place, if the meeting was held at one."))
    place = StringField(_l("Place, in words"), validators=[Optional(), Length(max=300)],
                        description=_l("A room or an address; beside or instead of a meeting place."))
    organiser_id = OrganisationField(_l("Organiser"), description=_l("The organisation that called the meeting."))
    neighbourhood_ids = IdSelectMultipleField(_l("Neighbourhoods"),
                                              description=_l("Hold Ctrl (or ⌘) to choose several."))
    agenda = TextAreaField(_l("Agenda"), render_kw={"rows": 5},
                           description=_l("Markdown: **bold**, *italic*, lists with - and links."))
    minutes = TextAreaField(_l("Minutes"), render_kw={"rows": 8},
                            description=_l("Markdown: **bold**, *italic*, lists with - and links."))


class MeetingFilterForm(FilterForm):
    q = StringField(_l("Search"), render_kw={"placeholder": _l("Title or place"), "type": "search"})
    kind = SelectField(_l("Kind"), choices=enum_options(MeetingKind, blank=_l("All kinds")), validators=[Optional()])
    neighbourhood = SelectField(_l("Neighbourhood"), coerce=optional_record_id, validators=[Optional()])
    organisation = OrganisationField(_l("Organisation"), archived_allowed=True,
                                     render_kw={"placeholder": _l("All organisations")})
    date_from = DateField(_l("From"), window=dates.SEARCH, validators=[Optional()])
    date_to = DateField(_l("To"), window=dates.SEARCH, validators=[Optional()])
    place = PlaceField(_l("Meeting place"), archived_allowed=True, render_kw={"placeholder": _l("All places")})


class ActionForm(Form):
    description = StringField(_l("Follow-up action"), validators=[DataRequired(), Length(max=2000)],
                              render_kw={"placeholder": _l("What must be done")})
    responsible_person_id = SelectField(_l("Responsible"), coerce=optional_record_id, validators=[Optional()])
    due_on = DateField(_l("Due"), window=dates.PROGRAMME, validators=[Optional()])
