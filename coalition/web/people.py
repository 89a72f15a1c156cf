"""People: list, page, create, edit, archive, and their memberships in organisations."""
from datetime import date

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from .. import people
from ..auth import staff_only
from ..data_protection import consent_is_withdrawn
from ..db import db
from ..errors import DomainError
from ..models import LawfulBasis, Membership, Organisation, Person, Sector
from ..timelines import person_timeline
from .editing import Outcome, save
from .forms.people import (
    EndMembershipForm,
    MembershipForm,
    PersonFilterForm,
    PersonForm,
)

bp = Blueprint("people", __name__, url_prefix="/people")


def _details(form: PersonForm) -> people.PersonDetails:
    return people.PersonDetails(
        name=form.name.data, lawful_basis=LawfulBasis(form.lawful_basis.data), email=form.email.data or "",
        phone=form.phone.data or "", title=form.title.data or "", notes=form.notes.data or "",
        consent_given_on=form.consent_given_on.data, consent_method=form.consent_method.data or "",
        consent_text_version=form.consent_text_version.data or "",
    )



def _display_name(person: Person) -> str:
    return _("Anonymised participant") if person.anonymised_at else person.name


def _membership_form(**kwargs) -> MembershipForm:
    return MembershipForm(**kwargs)


def _membership_of(person_id: int, membership_id: int) -> Membership:
    membership = db.get_or_404(Membership, membership_id)
    if membership.person_id != person_id:
        abort(404)
    return membership


def _render_show(person: Person, membership_form: MembershipForm, end_errors: dict | None = None):
    return render_template("people/show.html", person=person, display_name=_display_name(person),
                           consent_withdrawn=consent_is_withdrawn(person),
                           membership_form=membership_form, end_errors=end_errors or {}, today=date.today(),
                           timeline=person_timeline(db.session, person.id))


@bp.route("/")
@staff_only  # names are personal data: the steering group sees organisations and aggregates
def index():
    form = PersonFilterForm(request.args)
    form.validate()
    query = people.person_query(
        search=form.q.data or "",
        organisation_id=form.organisation.data if not form.organisation.errors else None,
        sector=Sector(form.sector.data) if form.sector.data and not form.sector.errors else None,
        lawful_basis=LawfulBasis(form.basis.data) if form.basis.data and not form.basis.errors else None,
        include_archived=form.archived.data, sort=request.args.get("sort", "name"),
    ).options(selectinload(Person.memberships).selectinload(Membership.organisation))
    page = db.paginate(query, per_page=current_app.config["PAGE_SIZE"])
    return render_template("people/index.html", form=form, page=page)


@bp.route("/<int:person_id>")
@staff_only
def show(person_id: int):
    person = db.get_or_404(Person, person_id)
    return _render_show(person, _membership_form())


@bp.route("/new", methods=["GET", "POST"])
@staff_only
def new():
    form = PersonForm()
    outcome = Outcome()
    if form.validate_on_submit():
        outcome = save(form, lambda: people.create_person(db.session, _details(form)))
        if outcome.saved:
            flash(_("%(name)s was registered.", name=outcome.result.name), "success")
            return redirect(url_for("people.show", person_id=outcome.result.id))
    return render_template("people/form.html", form=form, person=None, outcome=outcome)


@bp.route("/<int:person_id>/edit", methods=["GET", "POST"])
@staff_only
def edit(person_id: int):
    person = db.get_or_404(Person, person_id)
    if person.anonymised_at:
        flash(_("This person has been anonymised and can no longer be changed."), "warning")
        return redirect(url_for("people.show", person_id=person.id))
    form = PersonForm(obj=person)
    if request.method == "GET":
        form.version.data = person.version
        form.lawful_basis.data = person.lawful_basis.value
    outcome = Outcome()
    if form.validate_on_submit():
        outcome = save(form, lambda: people.update_person(db.session, person, _details(form)),
                       edited=person, reload_url=url_for("people.edit", person_id=person_id))
        if outcome.saved:
            flash(_("%(name)s was saved.", name=person.name), "success")
            return redirect(url_for("people.show", person_id=person.id))
    return render_template("people/form.html", form=form, person=person, outcome=outcome), outcome.status


@bp.route("/<int:person_id>/archive", methods=["POST"])
@staff_only
def archive(person_id: int):
    person = db.get_or_404(Person, person_id)
    if request.form.get("restore"):
        person.restore()
        message = _("%(name)s is back in the lists.", name=_display_name(person))
    else:
        person.archive()
        message = _("%(name)s was archived. Their memberships and meetings are kept.", name=_display_name(person))
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("people.show", person_id=person.id))


@bp.route("/<int:person_id>/memberships", methods=["POST"])
@staff_only
def add_membership(person_id: int):
    person = db.get_or_404(Person, person_id)
    form = _membership_form()
    if form.validate_on_submit():
        organisation = db.get_or_404(Organisation, form.organisation_id.data)
        outcome = save(form, lambda: people.add_membership(
            db.session, person, organisation, title=form.title.data or "",
            from_date=form.from_date.data, until_date=form.until_date.data,
        ), default_field="organisation_id")
        if outcome.saved:
            flash(_("The membership in %(organisation)s was added.", organisation=organisation.name), "success")
            return redirect(url_for("people.show", person_id=person.id))
    return _render_show(person, form)


@bp.route("/<int:person_id>/memberships/<int:membership_id>/end", methods=["POST"])
@staff_only
def end_membership(person_id: int, membership_id: int):
    membership = _membership_of(person_id, membership_id)
    form = EndMembershipForm()
    if form.validate_on_submit():
        if save(form, lambda: people.end_membership(membership, form.until_date.data), default_field="until_date").saved:
            flash(_("The membership in %(organisation)s was ended.", organisation=membership.organisation.name),
                  "success")
            return redirect(url_for("people.show", person_id=person_id))
    # formdata=None: the add form must not pick up this request's until_date.
    return _render_show(membership.person, _membership_form(formdata=None),
                        end_errors={membership.id: form.until_date.errors})


@bp.route("/<int:person_id>/memberships/<int:membership_id>/remove", methods=["POST"])
@staff_only
def remove_membership(person_id: int, membership_id: int):
    membership = _membership_of(person_id, membership_id)
    organisation_name = membership.organisation.name
    try:
        people.remove_membership(db.session, membership)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
    else:
        db.session.commit()
        flash(_("The membership in %(organisation)s was removed.", organisation=organisation_name), "success")
    return redirect(url_for("people.show", person_id=person_id))
