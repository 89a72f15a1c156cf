"""Declared relationships: list, declare, edit, end and delete ties between organisations."""
from datetime import date
from functools import partial

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from .. import relationships
from ..auth import readable, staff_only
from ..db import db
from ..models import Organisation, Relationship, RelationshipKind
from .editing import Outcome, edit_form, form_page, save
from .forms.relationships import EndRelationshipForm, RelationshipFilterForm, RelationshipForm
from .listing import ListPage

bp = Blueprint("relationships", __name__, url_prefix="/relationships")


def _details(form: RelationshipForm) -> relationships.RelationshipDetails:
    return relationships.RelationshipDetails(
        from_organisation_id=form.from_organisation_id.data, to_organisation_id=form.to_organisation_id.data,
        kind=RelationshipKind(form.kind.data), from_date=form.from_date.data, until_date=form.until_date.data,
        notes=form.notes.data or "",
    )


def _form(keep: Relationship | None = None, **kwargs) -> RelationshipForm:
    form = RelationshipForm(**kwargs)
    if keep is not None:  # archived since, but still one end of this tie
        for field in (form.from_organisation_id, form.to_organisation_id):
            field.keep([keep.from_organisation, keep.to_organisation])
    return form


relationship_list = ListPage(RelationshipFilterForm, query=lambda form, _sort: relationships.relationship_query(
    organisation_id=form.chosen("organisation"), kind=form.chosen("kind", RelationshipKind), state=form.text("state"),
))


@bp.route("/")
@readable
def index():
    listing = relationship_list.read()
    page = listing.page(selectinload(Relationship.from_organisation), selectinload(Relationship.to_organisation))
    return listing.render("relationships/index.html", page, today=date.today())


@bp.route("/new", methods=["GET", "POST"])
@staff_only
def new():
    form = _form()
    if request.method == "GET":
        form.from_organisation_id.data = request.args.get("organisation", type=int)
    return form_page(
        form, "relationships/form.html", lambda: relationships.create_relationship(db.session, _details(form)),
        lambda result: (_("The relationship between %(first)s and %(second)s was recorded.", first=result.from_organisation.name, second=result.to_organisation.name), url_for("relationships.index")),
        default_field="kind", relationship=None)


def _render_edit(relationship: Relationship, form: RelationshipForm, end_form: EndRelationshipForm,
                 outcome: Outcome):
    return render_template("relationships/form.html", form=form, end_form=end_form, relationship=relationship,
                           outcome=outcome, current=relationships.is_current(relationship)), outcome.status


@bp.route("/<int:relationship_id>/edit", methods=["GET", "POST"])
@staff_only
def edit(relationship_id: int):
    relationship = db.get_or_404(Relationship, relationship_id)
    form = edit_form(partial(_form, keep=relationship), relationship, kind=relationship.kind.value)
    end_form = EndRelationshipForm(formdata=None, version=relationship.version, until_date=date.today())
    return form_page(
        form, "relationships/form.html", lambda: relationships.update_relationship(db.session, relationship,
                                                                               _details(form)),
        lambda _saved: (_("The relationship was saved."), url_for("relationships.index")),
        edited=relationship, reload_url=url_for("relationships.edit", relationship_id=relationship_id),
        default_field="kind", end_form=end_form, relationship=relationship,
        current=relationships.is_current(relationship))


@bp.route("/<int:relationship_id>/end", methods=["POST"])
@staff_only
def end(relationship_id: int):
    relationship = db.get_or_404(Relationship, relationship_id)
    end_form = EndRelationshipForm()
    outcome = Outcome()
    if end_form.is_submitted():
        outcome = save(end_form, lambda: relationships.end_relationship(db.session, relationship,
                                                                        end_form.until_date.data),
                       edited=relationship, reload_url=url_for("relationships.edit", relationship_id=relationship_id),
                       default_field="until_date")
        if outcome.saved:
            flash(_("The relationship was ended on %(day)s.", day=relationship.until_date.isoformat()), "success")
            return redirect(url_for("relationships.index"))
    db.session.refresh(relationship)  # show the tie as stored, beside the refused end date
    form = _form(keep=relationship, formdata=None, obj=relationship)
    form.version.data = relationship.version
    form.kind.data = relationship.kind.value
    return _render_edit(relationship, form, end_form, outcome)


@bp.route("/<int:relationship_id>/delete", methods=["POST"])
@staff_only
def delete(relationship_id: int):
    relationship = db.get_or_404(Relationship, relationship_id)
    relationships.delete_relationship(db.session, relationship)
    db.session.commit()
    flash(_("The relationship was deleted."), "success")
    return redirect(url_for("relationships.index"))


def organisation_relationships(organisation: Organisation) -> list[tuple[Relationship, Organisation, bool]]:
    """Return an organisation's ties as (tie, the other organisation, in force today), for its page."""
    today = date.today()
    return [(tie, relationships.partner_of(tie, organisation.id), relationships.is_current(tie, today))
            for tie in relationships.relationships_of(db.session, organisation.id, today=today)]
