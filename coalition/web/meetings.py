"""Meetings: list, month view, CSV export, page, create, edit, delete, and follow-up actions."""
import calendar
from collections import defaultdict
from datetime import date, datetime

from babel.dates import format_date, get_day_names
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .. import meetings
from ..auth import readable, staff_only
from ..db import db
from ..errors import DomainError
from ..exports import CSV_MIMETYPE, csv_text
from ..markdown_text import render_markdown
from ..models import (
    FollowUpAction,
    Meeting,
    MeetingKind,
    Participation,
    ParticipationStatus,
    Person,
)
from ..neighbourhoods import neighbourhood_choices
from ..vocabulary import label
from .attachments import attachment_context
from .editing import Outcome, save
from .forms.attendance import AddPeopleForm, ChangeParticipantsForm, SignInListForm
from .forms.fields import options
from .forms.meetings import ActionForm, MeetingFilterForm, MeetingForm

bp = Blueprint("meetings", __name__, url_prefix="/meetings")
bp.app_template_filter("markdown")(render_markdown)


def _details(form: MeetingForm) -> meetings.MeetingDetails:
    return meetings.MeetingDetails(
        kind=MeetingKind(form.kind.data), title=form.title.data or "",
        starts_at=datetime.combine(form.starts_on.data, form.starts_at_time.data),
        duration_minutes=form.duration_minutes.data, place=form.place.data or "",
        organiser_id=form.organiser_id.data, neighbourhood_ids=form.neighbourhood_ids.data or [],
        agenda=form.agenda.data or "", minutes=form.minutes.data or "",
    )


def _filter_form() -> MeetingFilterForm:
    form = MeetingFilterForm(request.args)
    form.neighbourhood.choices = options(neighbourhood_choices(db.session), blank=_("All neighbourhoods"))
    form.validate()
    return form


def _filtered_query(form: MeetingFilterForm):
    def valid(field):
        return field.data if field.data and not field.errors else None

    kind = valid(form.kind)
    return meetings.meeting_query(
        search=form.q.data or "", kind=MeetingKind(kind) if kind else None,
        neighbourhood_id=valid(form.neighbourhood), organisation_id=valid(form.organisation),
        date_from=valid(form.date_from), date_to=valid(form.date_to), sort=request.args.get("sort", "-starts_at"),
    )


@bp.route("/")
@readable
def index():
    form = _filter_form()
    query = _filtered_query(form).options(selectinload(Meeting.neighbourhoods))
    page = db.paginate(query, per_page=current_app.config["PAGE_SIZE"])
    attended = meetings.attended_counts(db.session, [meeting.id for meeting in page.items])
    export_args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template("meetings/index.html", form=form, page=page, attended=attended, export_args=export_args)


@bp.route("/export.csv")
@readable
def export():
    query = _filtered_query(_filter_form())
    rows = db.session.scalars(query.options(selectinload(Meeting.neighbourhoods), selectinload(Meeting.organiser)))
    attended = meetings.attended_counts(db.session, query.with_only_columns(Meeting.id).order_by(None))
    header = [_("Starts"), _("Kind"), _("Title"), _("Place"), _("Duration"), _("Organiser"), _("Neighbourhoods"),
              _("Attended")]
    table = ((meeting.starts_at, label(meeting.kind), meeting.title, meeting.place, meeting.duration_minutes,
              meeting.organiser.name if meeting.organiser else "", ", ".join(n.name for n in meeting.neighbourhoods),
              attended.get(meeting.id, 0)) for meeting in rows)
    return Response(csv_text(header, table), mimetype=CSV_MIMETYPE,
                    headers={"Content-Disposition": "attachment; filename=meetings.csv"})


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


def _participants_by_status(meeting: Meeting) -> list[tuple[ParticipationStatus, list[Participation]]]:
    participations = db.session.scalars(
        select(Participation).where(Participation.meeting_id == meeting.id)
        .options(selectinload(Participation.person), selectinload(Participation.organisation))
    ).all()
    groups = {status: [] for status in ParticipationStatus}
    for participation in sorted(participations, key=lambda p: p.person.name_key):
        groups[participation.status].append(participation)
    return [(status, people) for status, people in groups.items() if people]


def _action_form(meeting: Meeting, **kwargs) -> ActionForm:
    form = ActionForm(**kwargs)
    people = db.session.execute(
        select(Person.id, Person.name).join(Participation, Participation.person_id == Person.id)
        .where(Participation.meeting_id == meeting.id, Person.anonymised_at.is_(None), Person.restricted_at.is_(None))
        .order_by(Person.name_key)
    )
    form.responsible_person_id.choices = options(((row.id, row.name) for row in people), blank=_("Nobody named"))
    return form


def render_show(meeting: Meeting, *, action_form: ActionForm | None = None, add_form: AddPeopleForm | None = None,
                sign_in_form: SignInListForm | None = None, change_form: ChangeParticipantsForm | None = None):
    """The meeting page; a form given is one that failed, shown again with its messages and input."""
    return render_template(
        "meetings/show.html", meeting=meeting, groups=_participants_by_status(meeting), today=date.today(),
        action_form=action_form or _action_form(meeting, formdata=None),
        add_form=add_form or AddPeopleForm(formdata=None),
        sign_in_form=sign_in_form or SignInListForm(formdata=None),
        change_form=change_form or ChangeParticipantsForm(formdata=None),
        **attachment_context(meeting),
    )


@bp.route("/<int:meeting_id>")
@readable
def show(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id, options=[
        selectinload(Meeting.neighbourhoods), selectinload(Meeting.organiser),
        selectinload(Meeting.actions).selectinload(FollowUpAction.responsible_person),
    ])
    return render_show(meeting)


@bp.route("/new", methods=["GET", "POST"])
@staff_only
def new():
    form = MeetingForm()
    form.neighbourhood_ids.choices = options(neighbourhood_choices(db.session))
    outcome = Outcome()
    if form.validate_on_submit():
        outcome = save(form, lambda: meetings.create_meeting(db.session, _details(form)), default_field="title")
        if outcome.saved:
            flash(_("%(title)s was recorded.", title=outcome.result.title), "success")
            return redirect(url_for("meetings.show", meeting_id=outcome.result.id))
    return render_template("meetings/form.html", form=form, meeting=None, outcome=outcome)


@bp.route("/<int:meeting_id>/edit", methods=["GET", "POST"])
@staff_only
def edit(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    form = MeetingForm(obj=meeting)
    linked = [n.id for n in meeting.neighbourhoods]
    form.organiser_id.keep([meeting.organiser])  # archived since, but still this meeting's organiser
    form.neighbourhood_ids.choices = options(neighbourhood_choices(db.session, keep=linked))
    if request.method == "GET":
        form.version.data = meeting.version
        form.kind.data = meeting.kind.value
        form.starts_on.data = meeting.starts_at.date()
        form.starts_at_time.data = meeting.starts_at.time()
        form.neighbourhood_ids.data = linked
    outcome = Outcome()
    if form.validate_on_submit():
        outcome = save(form, lambda: meetings.update_meeting(db.session, meeting, _details(form)),
                       edited=meeting, reload_url=url_for("meetings.edit", meeting_id=meeting_id),
                       default_field="title")
        if outcome.saved:
            flash(_("%(title)s was saved.", title=meeting.title), "success")
            return redirect(url_for("meetings.show", meeting_id=meeting.id))
    return render_template("meetings/form.html", form=form, meeting=meeting, outcome=outcome), outcome.status


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
    if form.validate_on_submit():
        outcome = save(form, lambda: meetings.add_action(
            db.session, meeting, form.description.data, responsible_person_id=form.responsible_person_id.data,
            due_on=form.due_on.data,
        ), default_field="description")
        if outcome.saved:
            flash(_("The follow-up action was added."), "success")
            return redirect(url_for("meetings.show", meeting_id=meeting_id, _anchor="actions"))
    return render_show(meeting, action_form=form)


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
