"""People: list, page, create, edit, archive, and their memberships in organisations."""
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from .. import people
from ..auth import staff_only
from ..data_protection.consent import consent_is_withdrawn
from ..db import db
from ..errors import DomainError
from ..models import LawfulBasis, Membership, Organisation, Person, Sector
from ..timelines import person_timeline
from .editing import add_archive_view, edit_form, edit_page, new_page, save
from .forms.people import EndMembershipForm, MembershipForm, PersonFilterForm, PersonForm
from .interactions import page_form
from .listing import ListPage

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
                           timeline=person_timeline(db.session, person.id),
                           interaction_form=page_form(organisation_id=_current_organisation_id(person),
                                                      person_id=person.id))


def _current_organisation_id(person: Person) -> int | None:
    current = person.current_organisation
    return current.id if current is not None else None


person_list = ListPage(PersonFilterForm, query=lambda form, sort: people.person_query(
    search=form.text("q"), organisation_id=form.chosen("organisation"), sector=form.chosen("sector", Sector),
    lawful_basis=form.chosen("basis", LawfulBasis), include_archived=form.archived.data, sort=sort,
))


@bp.route("/")
@staff_only  # names are personal data: the steering group sees organisations and aggregates
def index():
    listing = person_list.read()
    page = listing.page(selectinload(Person.memberships).selectinload(Membership.organisation))
    return listing.render("people/index.html", page)


@bp.route("/<int:person_id>")
@staff_only
def show(person_id: int):
    person = db.get_or_404(Person, person_id)
    return _render_show(person, _membership_form())


@bp.route("/new", methods=["GET", "POST"])
@staff_only
def new():
    form = PersonForm()
    return new_page(
        form, "people/form.html",
        lambda: people.create_person(db.session, _details(form), check_namesakes=not form.another_person.data),
        lambda person: _("%(name)s was registered.", name=person.name), "person_id", person=None)


@bp.route("/<int:person_id>/edit", methods=["GET", "POST"])
@staff_only
def edit(person_id: int):
    person = db.get_or_404(Person, person_id)
    if person.anonymised_at:
        flash(_("This person has been anonymised and can no longer be changed."), "warning")
        return redirect(url_for("people.show", person_id=person.id))
    form = edit_form(PersonForm, person, lawful_basis=person.lawful_basis.value)
    return edit_page(form, "people/form.html", person, lambda: people.update_person(db.session, person, _details(form)),
                     lambda person: _("%(name)s was saved.", name=person.name), person=person)


add_archive_view(bp, Person, "person_id", name=_display_name, archived=lambda name: _(
    "%(name)s was archived. Their memberships and meetings are kept.", name=name))


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
