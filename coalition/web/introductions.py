"""Suggested introductions on the network page: a ranked table, paged, and staff's buttons to act on one."""
from datetime import date
from urllib.parse import parse_qs

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import introductions
from ..auth import staff_only
from ..collaboration import ANONYMISED
from ..db import db
from ..errors import DomainError
from ..models import IntroductionDecision, IntroductionOutcome, Sector
from ..network import Level
from .forms.introductions import IntroductionForm, ReturnForm

bp = Blueprint("introductions", __name__, url_prefix="/network/introductions")

PER_PAGE = 10
PAGES = 10  # the table pages through the best hundred at most
NAMED_PARTNERS = 3


def introductions_context(view) -> dict:
    """What the network page's introductions table shows for this request (``network/_introductions.html``)."""
    page = min(max(request.args.get("intro_page", 1, type=int), 1), PAGES)
    by_organisations = view.network_filter.level is Level.ORGANISATIONS
    decided = introductions.decided_pairs(db.session) if by_organisations else frozenset()
    found = view.introductions_leaving_out(decided, top=page * PER_PAGE + 1)
    graph = view.computed.graph
    return {
        "introduction_rows": [_row(graph, suggestion) for suggestion in found[(page - 1) * PER_PAGE:page * PER_PAGE]],
        "intro_page": page, "intro_offset": (page - 1) * PER_PAGE,
        "intro_next": len(found) > page * PER_PAGE and page < PAGES,
        "intro_dated": view.network_filter.date_from is not None or view.network_filter.date_to is not None,
        "intro_can_decide": by_organisations and current_user.can_edit,
        "intro_follow_ups": introductions.follow_ups(db.session) if by_organisations else [],
        "intro_form": IntroductionForm(formdata=None, due_on=date.today() + introductions.FOLLOW_UP_AFTER),
        "intro_back": request.query_string.decode("utf-8", "replace"),
        "today": date.today(),
    }


def _actor(graph, node) -> dict:
    data = graph.nodes[node]
    label = data.get("label", str(node))
    return {"id": node, "label": _("Anonymised") if label == ANONYMISED else label, "kind": data.get("kind"),
            "sector": Sector(data["sector"]) if data.get("sector") else None}


def _partners(names: list[str]) -> str:
    """Name the first few shared partners and count the rest: "A, B, C and 12 more"."""
    named, more = names[:NAMED_PARTNERS], len(names) - NAMED_PARTNERS
    if more > 0:
        return _("%(names)s and %(n)d more", names=", ".join(named), n=more)
    if len(named) > 1:
        return _("%(names)s and %(last)s", names=", ".join(named[:-1]), last=named[-1])
    return "".join(named)


def _row(graph, suggestion) -> dict:
    return {"first": _actor(graph, suggestion.first), "second": _actor(graph, suggestion.second),
            # The least connected shared partners first: they say most about the pair (and weigh most in the score).
            "partners": _partners([_actor(graph, node)["label"] for node in
                                   sorted(suggestion.shared_partner_ids, key=lambda node: graph.degree(node))]),
            "crosses_sectors": suggestion.crosses_sectors, "crosses_communities": suggestion.crosses_communities}


def _back(form: ReturnForm):
    """Return to the network page as it was: its filters and page of introductions."""
    args = parse_qs(form.back.data or "", keep_blank_values=True)
    return redirect(url_for("network.index", **args, _anchor="introductions"))


def _decide(outcome: IntroductionOutcome):
    form = IntroductionForm()
    if not form.validate_on_submit():
        flash(" ".join(str(message) for errors in form.errors.values() for message in errors)
              or _("The introduction could not be recorded: reload the page and try again."), "danger")
        return _back(form)
    try:
        decision = introductions.decide(db.session, form.first.data, form.second.data, outcome, today=date.today(),
                                        decided_by_id=current_user.id, due_on=form.due_on.data)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "danger")
        return _back(form)
    db.session.commit()
    names = {"first": decision.first_organisation.name, "second": decision.second_organisation.name}
    if outcome is IntroductionOutcome.DISMISSED:
        flash(_("%(first)s and %(second)s will not be suggested again.", **names), "success")
    else:
        flash(_("The introduction of %(first)s and %(second)s was recorded: follow it up by %(day)s.",
                day=decision.due_on.isoformat(), **names), "success")
    return _back(form)


@bp.route("/dismiss", methods=["POST"])
@staff_only
def dismiss():
    """Set a suggestion aside for good."""
    return _decide(IntroductionOutcome.DISMISSED)


@bp.route("/introduced", methods=["POST"])
@staff_only
def introduced():
    """Record that the two were introduced, with a follow-up due."""
    return _decide(IntroductionOutcome.INTRODUCED)


@bp.route("/<int:decision_id>/done", methods=["POST"])
@staff_only
def follow_up_done(decision_id: int):
    """Record that an introduction made was followed up."""
    decision = db.get_or_404(IntroductionDecision, decision_id)
    form = ReturnForm()
    if form.validate_on_submit():
        try:
            introductions.mark_follow_up_done(decision, date.today())
        except DomainError as error:
            flash(str(error.message), "danger")
            return _back(form)
        db.session.commit()
        flash(_("The follow-up of %(first)s and %(second)s is done.", first=decision.first_organisation.name,
                second=decision.second_organisation.name), "success")
    return _back(form)
