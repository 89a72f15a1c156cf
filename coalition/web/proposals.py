"""Proposals: list, export, page with status history and votes, create, edit, move on, adopt, merge, vote."""
from datetime import date

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .. import proposals
from ..auth import readable, staff_only
from ..commitments import meeting_choices
from ..db import db
from ..i18n import lazy_gettext as _l
from ..initiatives import initiative_choices
from ..models import Meeting, Proposal, ProposalKind, ProposalStatus, Sector
from ..neighbourhoods import neighbourhood_choices
from ..vocabulary import label
from .editing import edit_form, edit_page, new_page, posted_form
from .forms.fields import enum_options, options
from .forms.proposals import (
    AdoptForm,
    MeetingVotesForm,
    MergeForm,
    ProposalFilterForm,
    ProposalForm,
    ProposalStatusForm,
    VoteForm,
)
from .listing import ListPage, add_export_views, neighbourhood_options
from .meeting_page import save_numbers

bp = Blueprint("proposals", __name__, url_prefix="/proposals")

# An initiative's or organisation's page lists this many proposals; the list, filtered, has them all.
LISTED = 20


def _meeting_options() -> list:
    return options(proposals.meeting_choices(db.session), blank=_("All meetings"))


proposal_list = ListPage(
    ProposalFilterForm, default_sort="-votes",
    choices={"neighbourhood": neighbourhood_options, "meeting": _meeting_options},
    query=lambda form, sort: proposals.proposal_query(
        search=form.text("q"), status=form.chosen("status", ProposalStatus),
        neighbourhood_id=form.chosen("neighbourhood"), sector=form.chosen("sector", Sector),
        meeting_id=form.chosen("meeting"), organisation_id=form.chosen("organisation"),
        proposed_from=form.chosen("proposed_from"), proposed_to=form.chosen("proposed_to"), sort=sort))

_LOADED = (selectinload(Proposal.backers), selectinload(Proposal.neighbourhoods), selectinload(Proposal.meeting))


@bp.route("/")
@readable
def index():
    listing = proposal_list.read()
    page = listing.page(*_LOADED)
    totals = proposals.vote_totals(db.session, [proposal.id for proposal in page.items])
    return listing.render("proposals/index.html", page, totals=totals, sectors_of=proposals.backing_sectors)


def _table() -> tuple[list[str], list[tuple]]:
    rows = list(proposal_list.read().rows(*_LOADED, selectinload(Proposal.initiative),
                                          selectinload(Proposal.merged_into)))
    totals = proposals.vote_totals(db.session, [proposal.id for proposal in rows])
    header = [_("Title"), _("Kind"), _("Status"), _("Votes"), _("Put forward on"), _("Put forward at meeting"),
              _("Put forward by"), _("Backed by sectors"), _("Neighbourhoods"), _("Initiative"), _("Merged into"),
              _("Text")]
    return header, [
        (p.title, label(p.kind), label(p.status), totals.get(p.id, 0), p.proposed_on,
         p.meeting.title if p.meeting else "", "; ".join(o.name for o in p.backers),
         ", ".join(str(label(s)) for s in proposals.backing_sectors(p)), ", ".join(n.name for n in p.neighbourhoods),
         p.initiative.name if p.initiative else "", p.merged_into.title if p.merged_into else "", p.description)
        for p in rows
    ]


add_export_views(bp, "proposals", _table, sheet=_l("Proposals"), widths=[40, 10, 12, 8, 12, 30, 40, 30, 30, 30, 30, 60])


def _status_form(proposal: Proposal, formdata=None) -> ProposalStatusForm:
    kwargs = {} if formdata is not None else {"formdata": None, "changed_on": date.today()}
    form = ProposalStatusForm(prefix="status", **kwargs)
    form.status.choices = [c for c in enum_options(ProposalStatus) if c.value in proposals.NEXT[proposal.status]]
    return form


def _adopt_form(formdata=None) -> AdoptForm:
    form = AdoptForm(prefix="adopt", **({} if formdata is not None else {"formdata": None, "changed_on": date.today()}))
    form.initiative_id.choices = options(initiative_choices(db.session, keep=form.initiative_id.data),
                                         blank=_("A new initiative"))
    return form


def _merge_form(proposal: Proposal, formdata=None) -> MergeForm:
    form = MergeForm(prefix="merge", **({} if formdata is not None else {"formdata": None, "changed_on": date.today()}))
    form.merged_into_id.choices = options(proposals.proposal_choices(db.session, leave_out=proposal.id),
                                          blank=_("Choose a proposal"))
    return form


def _vote_form(formdata=None) -> VoteForm:
    form = VoteForm(prefix="vote", **({} if formdata is not None else {"formdata": None}))
    form.meeting_id.choices = options(meeting_choices(db.session, keep=form.meeting_id.data), blank=_("Choose a meeting"))
    return form


def _render_show(proposal: Proposal, **forms):
    """The proposal's page; a form given is one that failed, shown again with its messages and input kept."""
    merged_in = db.session.scalars(select(Proposal).where(Proposal.merged_into_id == proposal.id)
                                   .order_by(Proposal.title)).all()
    can_change = current_user.can_edit and proposal.status not in (ProposalStatus.ADOPTED, ProposalStatus.MERGED)
    # An adopted or merged proposal shows no forms to move it on: a refusal of one is said above the page.
    refused = [] if can_change else [error for form_name, form in forms.items() if form_name != "vote_form"
                                     for errors in form.errors.values() for error in errors]
    return render_template(
        "proposals/show.html", proposal=proposal, history=proposals.status_history(db.session, proposal),
        votes=proposals.votes_by_meeting(db.session, proposal), merged_in=merged_in,
        sectors=proposals.backing_sectors(proposal), can_change=can_change, refused=refused,
        status_form=forms.get("status_form") or _status_form(proposal),
        adopt_form=forms.get("adopt_form") or _adopt_form(),
        merge_form=forms.get("merge_form") or _merge_form(proposal),
        vote_form=forms.get("vote_form") or _vote_form(),
    ), 200


@bp.route("/<int:proposal_id>")
@readable
def show(proposal_id: int):
    return _render_show(db.get_or_404(Proposal, proposal_id, options=list(_LOADED)))


def _details(form: ProposalForm) -> proposals.ProposalDetails:
    return proposals.ProposalDetails(
        title=form.title.data or "", kind=ProposalKind(form.kind.data), description=form.description.data or "", meeting_id=form.meeting_id.data,
        proposed_on=form.proposed_on.data, backer_ids=form.backer_ids.data or [],
        neighbourhood_ids=form.neighbourhood_ids.data or [])


def _offer_choices(form: ProposalForm, proposal: Proposal | None = None) -> None:
    if proposal is not None:
        form.backer_ids.keep(proposal.backers)
    form.neighbourhood_ids.choices = options(neighbourhood_choices(db.session, keep=form.neighbourhood_ids.data or []))
    form.meeting_id.choices = options(meeting_choices(db.session, keep=form.meeting_id.data), blank=_("No meeting"))


@bp.route("/new", methods=["GET", "POST"])
@staff_only
def new():
    form = ProposalForm()
    if request.method == "GET":
        meeting = db.session.get(Meeting, request.args.get("meeting", type=int) or 0)
        if meeting is not None:  # "Record a proposal made here" on a meeting's page
            form.meeting_id.data = meeting.id
            form.neighbourhood_ids.data = [n.id for n in meeting.neighbourhoods]
    _offer_choices(form)
    return new_page(
        form, "proposals/form.html",
        lambda: proposals.create_proposal(db.session, _details(form), changed_by_id=current_user.id),
        lambda proposal: _("%(title)s was recorded.", title=proposal.title), "proposal_id",
        default_field="title", proposal=None)


@bp.route("/<int:proposal_id>/edit", methods=["GET", "POST"])
@staff_only
def edit(proposal_id: int):
    proposal = db.get_or_404(Proposal, proposal_id)
    form = edit_form(ProposalForm, proposal, kind=proposal.kind.value, backer_ids=[o.id for o in proposal.backers],
                     neighbourhood_ids=[n.id for n in proposal.neighbourhoods])
    _offer_choices(form, proposal)
    return edit_page(form, "proposals/form.html", proposal,
                     lambda: proposals.update_proposal(db.session, proposal, _details(form)),
                     lambda proposal: _("%(title)s was saved.", title=proposal.title), default_field="title",
                     proposal=proposal)


def _saved_or_again(proposal: Proposal, form, form_name: str, operation, message, default_field: str):
    """Save one of the proposal page's forms, or show the page again with the reasons beside its fields."""
    return posted_form(form, operation, lambda _result: (message(), url_for("proposals.show", proposal_id=proposal.id)),
                       lambda: _render_show(proposal, **{form_name: form}), default_field=default_field)


@bp.route("/<int:proposal_id>/status", methods=["POST"])
@staff_only
def change_status(proposal_id: int):
    proposal = db.get_or_404(Proposal, proposal_id)
    form = _status_form(proposal, request.form)
    return _saved_or_again(proposal, form, "status_form", lambda: proposals.change_status(
        db.session, proposal, ProposalStatus(form.status.data),
        changed_on=form.changed_on.data, note=form.note.data or "", changed_by_id=current_user.id),
        lambda: _("%(title)s is now %(status)s.", title=proposal.title, status=label(proposal.status).lower()),
        "status")


@bp.route("/<int:proposal_id>/adopt", methods=["POST"])
@staff_only
def adopt(proposal_id: int):
    proposal = db.get_or_404(Proposal, proposal_id)
    form = _adopt_form(request.form)
    return _saved_or_again(proposal, form, "adopt_form", lambda: proposals.adopt_proposal(
        db.session, proposal, changed_on=form.changed_on.data, initiative_id=form.initiative_id.data,
        new_initiative=None if form.initiative_id.data else proposals.initiative_for(
            proposal, name=(form.name.data or "").strip() or proposal.title),
        note=form.note.data or "", changed_by_id=current_user.id),
        lambda: _("%(title)s was adopted: %(initiative)s carries it out.", title=proposal.title,
                  initiative=proposal.initiative.name), "initiative_id")


@bp.route("/<int:proposal_id>/merge", methods=["POST"])
@staff_only
def merge(proposal_id: int):
    proposal = db.get_or_404(Proposal, proposal_id)
    form = _merge_form(proposal, request.form)
    return _saved_or_again(proposal, form, "merge_form", lambda: proposals.merge_proposal(
        db.session, proposal, form.merged_into_id.data, changed_on=form.changed_on.data, note=form.note.data or "",
        changed_by_id=current_user.id),
        lambda: _("%(title)s was merged into %(other)s.", title=proposal.title, other=proposal.merged_into.title),
        "merged_into_id")


@bp.route("/<int:proposal_id>/votes", methods=["POST"])
@staff_only
def vote(proposal_id: int):
    proposal = db.get_or_404(Proposal, proposal_id)
    form = _vote_form(request.form)
    meeting = db.session.get(Meeting, form.meeting_id.data or 0) if form.meeting_id.data else None

    def record():
        if meeting is None:
            return None
        return proposals.record_votes(db.session, meeting, {proposal.id: form.votes.data},
                                      field_name=lambda _proposal_id: "votes")

    return _saved_or_again(proposal, form, "vote_form", record,
                           lambda: _("The votes at %(meeting)s were saved.", meeting=meeting.title), "votes")


def votes_form(meeting: Meeting, **kwargs) -> MeetingVotesForm:
    """The meeting page's votes form: a number for each proposal put forward or voted on there."""
    on_the_table = proposals.on_the_table(db.session, meeting)
    form = MeetingVotesForm.for_proposals(on_the_table, **kwargs)
    if kwargs.get("formdata", True) is None:
        for proposal_id, votes in proposals.votes_at(db.session, meeting).items():
            form[f"proposal_{proposal_id}"].data = votes
    return form


def votes_context(meeting: Meeting, form: MeetingVotesForm | None) -> dict:
    """What the meeting page shows of the proposals: those on the table, their votes there, the form."""
    form = form or votes_form(meeting, formdata=None)
    on_the_table = proposals.on_the_table(db.session, meeting)
    return {"proposals_here": on_the_table, "votes_here": proposals.votes_at(db.session, meeting),
            "votes_form": form}


@bp.route("/meetings/<int:meeting_id>/votes", methods=["POST"])
@staff_only
def meeting_votes(meeting_id: int):
    """Record the votes of a workshop: a number per proposal, all kept or none."""
    meeting = db.get_or_404(Meeting, meeting_id)
    return save_numbers(meeting, votes_form(meeting), "votes_form", proposals.record_votes,
                        saved=_("The votes were saved."), section="proposals")


def _listed(query) -> list[Proposal]:
    return list(db.session.scalars(query.options(selectinload(Proposal.backers)).limit(LISTED)))


bp.app_template_global("proposals_carried_out_by")(
    lambda initiative_id: _listed(proposals.proposal_query(initiative_id=initiative_id, sort="-proposed_on")))
bp.app_template_global("proposals_backed_by")(
    lambda organisation_id: _listed(proposals.proposal_query(organisation_id=organisation_id, sort="-proposed_on")))
