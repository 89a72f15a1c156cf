"""Forms for proposals: the proposal itself, its status, adoption, merging, votes, and the list's filters."""
from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ... import dates
from ...i18n import lazy_gettext as _l
from ...models import ProposalKind, ProposalStatus, Sector
from ...proposals import MOST_VOTES
from .base import Form
from .fields import DateField, IdSelectMultipleField, NotBefore, enum_options, optional_record_id
from .filters import FilterForm
from .numbers import NumberEachForm
from .organisation_picker import OrganisationField, OrganisationListField

_VOTES_INPUT = {"min": 0, "max": MOST_VOTES, "inputmode": "numeric"}


class ProposalForm(Form):
    version = HiddenField()
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)],
                        description=_l("The proposal in a line, e.g. Homework help at the library."))
    kind = SelectField(_l("Kind"), choices=enum_options(ProposalKind), default=ProposalKind.ACTIVITY.value,
                       description=_l("A mission is a goal to reach; an activity is something to do."))
    description = TextAreaField(_l("Text"), render_kw={"rows": 4},
                                description=_l("What the proposal says, as the actors put it."))
    backer_ids = OrganisationListField(_l("Put forward by"), description=_l("One organisation or several."))
    neighbourhood_ids = IdSelectMultipleField(_l("Neighbourhoods"),
                                              description=_l("Hold Ctrl (or ⌘) to choose several."))
    meeting_id = SelectField(_l("Put forward at meeting"), coerce=optional_record_id, validators=[Optional()],
                             description=_l("E.g. the workshop. The most recent meetings are offered."))
    proposed_on = DateField(_l("Put forward on"), window=dates.PROGRAMME, validators=[Optional()],
                            description=_l("Leave empty for the day of the meeting, or today."))


class ProposalStatusForm(Form):
    status = SelectField(_l("New status"), validators=[DataRequired()], choices=enum_options(ProposalStatus))
    changed_on = DateField(_l("On"), window=dates.PROGRAMME, validators=[DataRequired()],
                           description=_l("Not in the future, nor before the previous change."))
    note = TextAreaField(_l("Note"), render_kw={"rows": 2},
                         description=_l("Why; required when a proposal set aside is taken up again."))


class AdoptForm(Form):
    initiative_id = SelectField(_l("Carried out by"), coerce=optional_record_id, validators=[Optional()],
                                description=_l("An existing initiative, or a new one under the name below."))
    name = StringField(_l("Name of the new initiative"), validators=[Optional(), Length(max=200)],
                       description=_l("Leave empty to use the proposal's title."))
    changed_on = DateField(_l("Adopted on"), window=dates.PROGRAMME, validators=[DataRequired()])
    note = TextAreaField(_l("Note"), render_kw={"rows": 2})


class MergeForm(Form):
    merged_into_id = SelectField(_l("Merge into"), coerce=optional_record_id, validators=[Optional()],
                                 description=_l("The proposal that says the same; this one's backers join it."))
    changed_on = DateField(_l("Merged on"), window=dates.PROGRAMME, validators=[DataRequired()])
    note = TextAreaField(_l("Note"), render_kw={"rows": 2})


class VoteForm(Form):
    """The votes a proposal got at one meeting, from its own page."""

    meeting_id = SelectField(_l("Meeting"), coerce=optional_record_id, validators=[DataRequired()])
    votes = IntegerField(_l("Votes"), validators=[Optional()], render_kw=_VOTES_INPUT,
                         description=_l("Leave empty to remove the votes recorded at this meeting."))


class MeetingVotesForm(NumberEachForm):
    """The votes each proposal got at a meeting, named ``proposal_<id>``: one number each, quick from the dots."""

    record = "proposal"

    @classmethod
    def for_proposals(cls, proposals, **kwargs) -> "MeetingVotesForm":
        """Make the form of these proposals, each field labelled with the proposal's title."""
        return cls.for_records({proposal.id: proposal.title for proposal in proposals},
                               {**_VOTES_INPUT, "class": "form-control votes-input"}, prefix="votes", **kwargs)


class ProposalFilterForm(FilterForm):
    q = StringField(_l("Search"), render_kw={"placeholder": _l("Title or text"), "type": "search"})
    status = SelectField(_l("Status"), choices=enum_options(ProposalStatus, blank=_l("All statuses")),
                         validators=[Optional()])
    neighbourhood = SelectField(_l("Neighbourhood"), coerce=optional_record_id, validators=[Optional()])
    sector = SelectField(_l("Backed by sector"), choices=enum_options(Sector, blank=_l("All sectors")),
                         validators=[Optional()])
    meeting = SelectField(_l("Meeting"), coerce=optional_record_id, validators=[Optional()])
    organisation = OrganisationField(_l("Organisation"), archived_allowed=True,
                                     render_kw={"placeholder": _l("All organisations")})
    proposed_from = DateField(_l("Put forward from"), window=dates.SEARCH, validators=[Optional()])
    proposed_to = DateField(_l("Put forward until"), window=dates.SEARCH,
                            validators=[Optional(), NotBefore("proposed_from")])
