"""Forms for surveys: the survey, a question, its recipients, and the list's filters."""
from wtforms import (
    BooleanField,
    DecimalField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ...i18n import lazy_gettext as _l
from ...models import AnswerChannel, OrganisationKind, QuestionKind, Sector, SurveyStatus
from .base import Form
from .fields import IdSelectMultipleField, enum_options, optional_record_id
from .filters import FilterForm
from .organisation_picker import OrganisationListField


class SurveyForm(Form):
    version = HiddenField()
    title_sv = StringField(_l("Title in Swedish"), validators=[DataRequired(), Length(max=200)],
                           description=_l("E.g. Fastighetsägarnas syn på tryggheten 2026."))
    title_en = StringField(_l("Title in English"), validators=[Length(max=200)])
    introduction_sv = TextAreaField(_l("Introduction in Swedish"), validators=[Length(max=5000)],
                                    render_kw={"rows": 4},
                                    description=_l("What the survey is for and how the answers will be used."))
    introduction_en = TextAreaField(_l("Introduction in English"), validators=[Length(max=5000)],
                                    render_kw={"rows": 4})


_LIMIT = NumberRange(min=-10**11, max=10**11)


class QuestionForm(Form):
    version = HiddenField()
    kind = SelectField(_l("Kind of question"), choices=enum_options(QuestionKind),
                       default=QuestionKind.ONE_CHOICE.value)
    text_sv = StringField(_l("Question in Swedish"), validators=[DataRequired(), Length(max=500)])
    text_en = StringField(_l("Question in English"), validators=[Length(max=500)])
    required = BooleanField(_l("An answer is required"))
    options_sv = TextAreaField(_l("Options in Swedish"), validators=[Length(max=5000)], render_kw={"rows": 4},
                               description=_l("For a choice: one option a line."))
    options_en = TextAreaField(_l("Options in English"), validators=[Length(max=5000)], render_kw={"rows": 4},
                               description=_l("The same options in the same order, or none."))
    low_label_sv = StringField(_l("Label of 1 in Swedish"), validators=[Length(max=100)],
                               description=_l("For a scale, e.g. Inte alls."))
    low_label_en = StringField(_l("Label of 1 in English"), validators=[Length(max=100)])
    high_label_sv = StringField(_l("Label of 5 in Swedish"), validators=[Length(max=100)],
                                description=_l("For a scale, e.g. Helt och hållet."))
    high_label_en = StringField(_l("Label of 5 in English"), validators=[Length(max=100)])
    minimum = DecimalField(_l("Smallest number"), places=2, validators=[Optional(), _LIMIT],
                           description=_l("For a number: answers below are refused. Leave empty for no limit."))
    maximum = DecimalField(_l("Largest number"), places=2, validators=[Optional(), _LIMIT])


class RecipientFilterForm(Form):
    """Add every organisation the filters match."""

    sectors = SelectMultipleField(_l("Sectors"), choices=enum_options(Sector), validators=[Optional()])
    kinds = SelectMultipleField(_l("Kinds of organisation"), choices=enum_options(OrganisationKind),
                                validators=[Optional()], description=_l("E.g. Property owner."))
    neighbourhood_ids = IdSelectMultipleField(_l("Neighbourhoods"),
                                              description=_l("Hold Ctrl (or ⌘) to choose several."))


class RecipientPickForm(Form):
    """Add organisations chosen by hand."""

    organisation_ids = OrganisationListField(_l("Organisations"), validators=[DataRequired()])


class ContactForm(Form):
    contact_person_id = SelectField(_l("Contact person"), coerce=optional_record_id,
                                    validators=[Optional()])


class PaperAnswerForm(Form):
    channel = SelectField(_l("Answer received"), choices=[c for c in enum_options(AnswerChannel)
                                                          if c.value != AnswerChannel.LINK.value])


class SurveyFilterForm(FilterForm):
    q = StringField(_l("Search"), render_kw={"placeholder": _l("Title"), "type": "search"})
    status = SelectField(_l("Status"), choices=enum_options(SurveyStatus, blank=_l("All statuses")),
                         validators=[Optional()])


class ResultFilterForm(FilterForm):
    sector = SelectField(_l("Sector"), choices=enum_options(Sector, blank=_l("All sectors")), validators=[Optional()])
    neighbourhood = SelectField(_l("Neighbourhood"), coerce=optional_record_id, validators=[Optional()])
