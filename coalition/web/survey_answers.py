"""The answer page a survey's recipient opens through its personal link: no login, that survey only.

The link is the key, so the page reaches nothing else: no navigation, no other survey or answer,
no third-party resource. Its answers are saved as a draft or submitted once; every refused answer
is shown beside its question with the others kept. Loads and sends are counted per address.
"""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.exceptions import RequestEntityTooLarge, TooManyRequests

from ..accounts import security_log, throttle
from ..auth import public
from ..db import db
from ..errors import DomainError
from ..models import AnswerChannel
from ..models.base import utcnow
from ..surveys import answering
from ..surveys.answering import LinkState

bp = Blueprint("survey_answers", __name__, url_prefix="/answer")

# An answer form is a few kilobytes; much more is not one.
MAX_ANSWER_BYTES = 256 * 1024
_REFUSED_STATUS = {LinkState.UNKNOWN: 404, LinkState.EXPIRED: 410, LinkState.USED: 200}


def _private(page, status: int = 200):
    response = current_app.make_response((page, status))
    # The address holds the key to the answers: not kept in caches (the page says no referrer too).
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.route("/<int:survey_id>/<token>", methods=["GET", "POST"])
@public
def answer(survey_id: int, token: str):
    wait = throttle.spend("SURVEY_ANSWERS_PER_ADDRESS", "survey-answer", security_log.keyed_hash(request.remote_addr or ""))
    if wait:
        raise TooManyRequests(retry_after=wait)
    if request.method == "POST" and (request.content_length or 0) > MAX_ANSWER_BYTES:
        raise RequestEntityTooLarge()
    language = str(get_locale())
    recipient, state = answering.find_link(db.session, survey_id, token)
    if state is not LinkState.WORKS:
        return _private(render_template("surveys/link_refused.html", state=state.value, recipient=recipient,
                                        language=language), _REFUSED_STATUS[state])
    values, errors = answering.shown_values(recipient), {}
    if request.method == "POST":
        submit = request.form.get("action") == "submit"
        values = {name: request.form.getlist(name) for name in request.form if name.startswith("q")}
        try:
            answering.save_answers(db.session, recipient, values, submit=submit, channel=AnswerChannel.LINK,
                                   now=utcnow())
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            errors = {e.field: e.message for e in error.every}
        else:
            if not submit:
                flash(_("Your answers were saved as a draft. Come back through the same link to finish them."),
                      "success")
            return redirect(url_for("survey_answers.answer", survey_id=survey_id, token=token))
    return _private(render_template("surveys/answer.html", survey=recipient.survey, recipient=recipient,
                                    values=values, errors=errors, language=language), 400 if errors else 200)
