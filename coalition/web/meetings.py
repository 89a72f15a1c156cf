"""Meetings: list, month view, CSV export, page, create, edit, delete, and follow-up actions."""
import calendar
from collections import defaultdict
from datetime import date, datetime

from babel.dates import format_date, get_day_names
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from .. import attendance, meetings
from ..auth import readable, staff_only
from ..db import db
from ..errors import DomainError
from ..headcounts import headcount_totals
from ..markdown_text import render_markdown
from ..models import FollowUpAction, Meeting, MeetingHeadcount, MeetingKind, ParticipationStatus
from ..neighbourhoods import neighbourhood_choices
from ..vocabulary import label
from .attachments import attachment_context
from .attendance import status_when_added
from .downloads import csv_download
from .editing import edit_form, edit_page, new_page, posted_form
from .forms.attendance import AddPeopleForm, ChangeParticipantsForm, SignInListForm
from .forms.fields import options
from .forms.headcounts import HeadcountForm
from .forms.meetings import ActionForm, MeetingFilterForm, MeetingForm
from .headcounts import headcount_context
from .listing import ListPage, neighbourhood_options
from .proposals import votes_context

bp = Blueprint("meetings", __name__, url_prefix="/meetings")
bp.app_template_filter("markdown")(render_markdown)


def _details(form: MeetingForm) -> meetings.MeetingDetails:
    return meetings.MeetingDetails(
        kind=MeetingKind(form.kind.data), title=form.title.data or "",
        starts_at=datetime.combine(form.starts_on.data, form.starts_at_time.data),
        duration_minutes=form.duration_minutes.data, place=form.place.data or "", place_id=form.place_id.data,
        organiser_id=form.organiser_id.data, neighbourhood_ids=form.neighbourhood_ids.data or [],
        agenda=form.agenda.data or "", minutes=form.minutes.data or "",
    )


# The calendar feed (calendar_feed.py) reads the same filters from its address.
meeting_list = ListPage(
    MeetingFilterForm, default_sort="-starts_at", choices={"neighbourhood": neighbourhood_options},
    query=lambda form, sort: meetings.meeting_query(
        search=form.text("q"), kind=form.chosen("kind", MeetingKind), neighbourhood_id=form.chosen("neighbourhood"),
        organisation_id=form.chosen("organisation"), date_from=form.chosen("date_from"),
        date_to=form.chosen("date_to"), place_id=form.chosen("place"), sort=sort,
    ))


def _came(ids) -> dict[int, int]:
    """Everyone who came to each meeting: who attended and who was counted without names."""
    attended, counted = meetings.attended_counts(db.session, ids), headcount_totals(db.session, ids)
    return {i: attended.get(i, 0) + counted.get(i, 0) for i in attended.keys() | counted.keys()}


@bp.route("/")
@readable
def index():
    listing = meeting_list.read()
    page = listing.page(selectinload(Meeting.neighbourhoods))
    return listing.render("meetings/index.html", page, attended=_came([meeting.id for meeting in page.items]))


@bp.route("/export.csv")
@readable
def export():
    listing = meeting_list.read()
    rows = listing.rows(selectinload(Meeting.neighbourhoods), selectinload(Meeting.organiser))
    ids = listing.query.with_only_columns(Meeting.id).order_by(None)
    attended, counted = meetings.attended_counts(db.session, ids), headcount_totals(db.session, ids)
    header = [_("Starts"), _("Kind"), _("Title"), _("Place"), _("Duration"), _("Organiser"), _("Neighbourhoods"),
              _("Attended"), _("Counted without names")]
    table = ((meeting.starts_at, label(meeting.kind), meeting.title, meeting.place, meeting.duration_minutes,
              meeting.organiser.name if meeting.organiser else "", ", ".join(n.name for n in meeting.neighbourhoods),
              attended.get(meeting.id, 0), counted.get(meeting.id, 0)) for meeting in rows)
    return csv_download("meetings.csv", header, table)


@bp.route("/month")
@readable
def month():
    today = date.today()
    year = request.args.get("year", today.year, type=int)
    month_number = request.args.get("month", today.month, type=int)
    if not (1 <= month_number <= 12 and 1900 <= year <= 2200):
        abort(404)
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month_number)
    by_day = defaultdict(list)
    for meeting in meetings.meetings_between(db.session, weeks[0][0], weeks[-1][-1]):
        by_day[meeting.starts_at.date()].append(meeting)
    first = date(year, month_number, 1)
    previous_month = (year - 1, 12) if month_number == 1 else (year, month_number - 1)
    next_month = (year + 1, 1) if month_number == 12 else (year, month_number + 1)
    locale = str(get_locale())
    day_names = get_day_names("abbreviated", locale=locale)
    return render_template(
        "meetings/month.html", weeks=weeks, by_day=by_day, first=first, today=today,
        days_with_meetings=sorted(day for day in by_day if day.month == month_number),
        title=format_date(first, "LLLL yyyy", locale=locale).capitalize(),
        day_names=[day_names[i] for i in range(7)],
        previous_month=previous_month, next_month=next_month,
    )


def _action_form(meeting: Meeting, **kwargs) -> ActionForm:
    form = ActionForm(**kwargs)
    form.responsible_person_id.choices = options(attendance.participant_choices(db.session, meeting),
                                                 blank=_("Nobody named"))
    return form


def render_show(meeting: Meeting, *, action_form: ActionForm | None = None, add_form: AddPeopleForm | None = None,
                sign_in_form: SignInListForm | None = None, change_form: ChangeParticipantsForm | None = None,
                headcount_form: HeadcountForm | None = None, votes_form=None):
    """The meeting page; a form given is one that failed, shown again with its messages and input."""
    groups = attendance.participants_by_status(db.session, meeting)
    attended = next((len(people) for status, people in groups if status is ParticipationStatus.ATTENDED), 0)
    return render_template(
        "meetings/show.html", meeting=meeting, groups=groups, attended=attended, today=date.today(),
        action_form=action_form or _action_form(meeting, formdata=None),
        add_form=add_form or AddPeopleForm(formdata=None, status=status_when_added(meeting)),
        sign_in_form=sign_in_form or SignInListForm(formdata=None, status=status_when_added(meeting)),
        change_form=change_form or ChangeParticipantsForm(formdata=None),
        **attachment_context(meeting), **headcount_context(meeting, headcount_form),
        **votes_context(meeting, votes_form),
    )


@bp.route("/<int:meeting_id>")
@readable
def show(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id, options=[
        selectinload(Meeting.neighbourhoods), selectinload(Meeting.organiser),
        selectinload(Meeting.actions).selectinload(FollowUpAction.responsible_person),
        selectinload(Meeting.headcounts).selectinload(MeetingHeadcount.group),
    ])
    return render_show(meeting)


@bp.route("/new", methods=["GET", "POST"])
@staff_only
def new():
    form = MeetingForm()
    form.neighbourhood_ids.choices = options(neighbourhood_choices(db.session))
    if request.method == "GET" and request.args.get("place", type=int):  # "New meeting here" on a place's page
        form.place_id.data = request.args.get("place", type=int)
    return new_page(form, "meetings/form.html", lambda: meetings.create_meeting(db.session, _details(form)),
                    lambda meeting: _("%(title)s was recorded.", title=meeting.title), "meeting_id",
                    default_field="title", meeting=None)


@bp.route("/<int:meeting_id>/edit", methods=["GET", "POST"])
@staff_only
def edit(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    linked = [n.id for n in meeting.neighbourhoods]
    form = edit_form(MeetingForm, meeting, kind=meeting.kind.value, starts_on=meeting.starts_at.date(),
                     starts_at_time=meeting.starts_at.time(), neighbourhood_ids=linked)
    form.organiser_id.keep([meeting.organiser])  # archived since, but still this meeting's organiser
    form.place_id.keep([meeting.place_id] if meeting.place_id else [])
    form.neighbourhood_ids.choices = options(neighbourhood_choices(db.session, keep=linked))
    return edit_page(form, "meetings/form.html", meeting,
                     lambda: meetings.update_meeting(db.session, meeting, _details(form)),
                     lambda meeting: _("%(title)s was saved.", title=meeting.title), default_field="title",
                     meeting=meeting)


@bp.route("/<int:meeting_id>/delete", methods=["POST"])
@staff_only
def delete(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    title = meeting.title
    try:
        meetings.delete_meeting(db.session, meeting)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
        return redirect(url_for("meetings.show", meeting_id=meeting_id))
    db.session.commit()
    flash(_("%(title)s was deleted.", title=title), "success")
    return redirect(url_for("meetings.index"))


def _action_of(meeting_id: int, action_id: int) -> FollowUpAction:
    action = db.get_or_404(FollowUpAction, action_id)
    if action.meeting_id != meeting_id:
        abort(404)
    return action


@bp.route("/<int:meeting_id>/actions", methods=["POST"])
@staff_only
def add_action(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    form = _action_form(meeting)
    return posted_form(
        form, lambda: meetings.add_action(db.session, meeting, form.description.data,
                                          responsible_person_id=form.responsible_person_id.data,
                                          due_on=form.due_on.data),
        lambda _action: (_("The follow-up action was added."),
                         url_for("meetings.show", meeting_id=meeting_id, _anchor="actions")),
        lambda: render_show(meeting, action_form=form), default_field="description")


@bp.route("/<int:meeting_id>/actions/<int:action_id>/done", methods=["POST"])
@staff_only
def action_done(meeting_id: int, action_id: int):
    meetings.mark_action_done(_action_of(meeting_id, action_id), date.today())
    db.session.commit()
    flash(_("The follow-up action was marked done."), "success")
    return redirect(url_for("meetings.show", meeting_id=meeting_id, _anchor="actions"))


@bp.route("/<int:meeting_id>/actions/<int:action_id>/reopen", methods=["POST"])
@staff_only
def action_reopen(meeting_id: int, action_id: int):
    meetings.reopen_action(_action_of(meeting_id, action_id))
    db.session.commit()
    flash(_("The follow-up action is open again."), "success")
    return redirect(url_for("meetings.show", meeting_id=meeting_id, _anchor="actions"))
