"""Interactions: log, edit and delete the calls, e-mails, visits and notes staff have with actors."""
from datetime import date

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import interactions
from ..auth import staff_only
from ..db import db
from ..models import Interaction, InteractionKind
from .editing import form_page
from .forms.fields import options
from .forms.interactions import InteractionForm

bp = Blueprint("interactions", __name__, url_prefix="/interactions")


def _details(form: InteractionForm) -> interactions.InteractionDetails:
    return interactions.InteractionDetails(
        organisation_id=form.organisation_id.data, kind=InteractionKind(form.kind.data),
        happened_on=form.happened_on.data, person_id=form.person_id.data, text=form.text.data or "",
        joint_work=bool(form.joint_work.data),
    )


def interaction_form(*, organisation_id: int | None = None, person_id: int | None = None, **kwargs) -> InteractionForm:
    """The form with the people likely to be named: the organisation's, and the one already named."""
    form = InteractionForm(**kwargs)
    organisation_id = form.organisation_id.data if form.organisation_id.data else organisation_id
    person_id = form.person_id.data or person_id
    form.person_id.choices = options(interactions.person_choices(db.session, organisation_id, keep=person_id),
                                     blank=_("Nobody in particular"))
    return form


def page_form(*, organisation_id: int | None = None, person_id: int | None = None) -> InteractionForm:
    """The empty form an organisation's or a person's page offers, dated today."""
    form = interaction_form(organisation_id=organisation_id, person_id=person_id, formdata=None,
                            happened_on=date.today())
    form.organisation_id.data, form.person_id.data = organisation_id, person_id
    return form


def _back(form: InteractionForm, interaction: Interaction) -> str:
    if form.back.data == "person" and interaction.person_id:
        return url_for("people.show", person_id=interaction.person_id) + "#timeline-heading"
    return url_for("organisations.show", organisation_id=interaction.organisation_id) + "#timeline-heading"


@bp.route("/new", methods=["GET", "POST"])
@staff_only
def new():
    organisation_id = request.args.get("organisation", type=int)
    person_id = request.args.get("person", type=int)
    form = interaction_form(organisation_id=organisation_id, person_id=person_id)
    if request.method == "GET":
        form.organisation_id.data = organisation_id
        form.person_id.data = person_id
        form.happened_on.data = date.today()
        form.back.data = "person" if person_id and not organisation_id else ""
    return form_page(
        form, "interactions/form.html",
        lambda: interactions.create_interaction(db.session, _details(form), recorded_by_id=current_user.id),
        lambda result: (_("The %(kind)s was logged.", kind=_kind_word(result.kind)), _back(form, result)),
        default_field="text", interaction=None)


@bp.route("/<int:interaction_id>/edit", methods=["GET", "POST"])
@staff_only
def edit(interaction_id: int):
    interaction = db.get_or_404(Interaction, interaction_id)
    form = interaction_form(organisation_id=interaction.organisation_id, person_id=interaction.person_id,
                            obj=interaction)
    form.organisation_id.keep([interaction.organisation_id])
    if request.method == "GET":
        form.version.data = interaction.version
        form.kind.data = interaction.kind.value
        form.back.data = request.args.get("back", "")
    return form_page(
        form, "interactions/form.html", lambda: interactions.update_interaction(db.session, interaction, _details(form)),
        lambda _result: (_("The %(kind)s was saved.", kind=_kind_word(interaction.kind)), _back(form, interaction)),
        edited=interaction, reload_url=url_for("interactions.edit", interaction_id=interaction_id),
        default_field="text", interaction=interaction)


@bp.route("/<int:interaction_id>/delete", methods=["POST"])
@staff_only
def delete(interaction_id: int):
    interaction = db.get_or_404(Interaction, interaction_id)
    form = InteractionForm(formdata=None, back=request.form.get("back", ""))
    back = _back(form, interaction)
    interactions.delete_interaction(db.session, interaction)
    db.session.commit()
    flash(_("The interaction was deleted."), "success")
    return redirect(back)


def _kind_word(kind: InteractionKind) -> str:
    return {InteractionKind.CALL: _("call"), InteractionKind.EMAIL: _("e-mail"), InteractionKind.VISIT: _("visit"),
            InteractionKind.NOTE: _("note")}[kind]
