"""Forms for meetings and their follow-up actions."""
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Length, Optional

from ...i18n import lazy_gettext as _l
from ...models import MeetingKind
from .fields import IdSelectMultipleField, enum_options, record_id
from .organisation_picker import OrganisationField


def _id_or_none(value):
    return record_id(value) if value else None


class MeetingForm(FlaskForm):
    version = HiddenField()
    kind = SelectField(_l("Kind"), choices=enum_options(MeetingKind), default=MeetingKind.WORKSHOP.value)
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    starts_on = DateField(_l("Date"), validators=[DataRequired()])
    starts_at_time = TimeField(_l("Start time"), validators=[DataRequired()], description=_l("HH:MM, e.g. 18:00."))
    duration_minutes = IntegerField(_l("Duration"), validators=[Optional()],
                                    description=_l("In minutes. Optional."), render_kw={"min": 1, "inputmode": "numeric"})
    place = StringField(_l("Place"), validators=[Optional(), Length(max=300)])
    organiser_id = OrganisationField(_l("Organiser"), description=_l("The organisation that called the meeting."))
    neighbourhood_ids = IdSelectMultipleField(_l("Neighbourhoods"),
                                              description=_l("Hold Ctrl (or ⌘) to choose several."))
    agenda = TextAreaField(_l("Agenda"), render_kw={"rows": 5},
                           description=_l("Markdown: **bold**, *italic*, lists with - and links."))
    minutes = TextAreaField(_l("Minutes"), render_kw={"rows": 8},
                            description=_l("Markdown: **bold**, *italic*, lists with - and links."))


class MeetingFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter changes nothing

    q = StringField(_l("Search"), render_kw={"placeholder": _l("Title or place"), "type": "search"})
    kind = SelectField(_l("Kind"), choices=enum_options(MeetingKind, blank=_l("All kinds")), validators=[Optional()])
    neighbourhood = SelectField(_l("Neighbourhood"), coerce=_id_or_none, validators=[Optional()])
    organisation = OrganisationField(_l("Organisation"), archived_allowed=True,
                                     render_kw={"placeholder": _l("All organisations")})
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])


class ActionForm(FlaskForm):
    description = StringField(_l("Follow-up action"), validators=[DataRequired(), Length(max=2000)],
                              render_kw={"placeholder": _l("What must be done")})
    responsible_person_id = SelectField(_l("Responsible"), coerce=_id_or_none, validators=[Optional()])
    due_on = DateField(_l("Due"), validators=[Optional()])
