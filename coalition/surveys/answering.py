"""Answering a survey: through a personal link (draft, then submitted once) or typed in by staff."""
import enum
import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import DomainError, Refusals
from ..i18n import lazy_gettext as _l
from ..models import AnswerChannel, QuestionKind, SurveyAnswer, SurveyQuestion, SurveyRecipient, SurveyStatus
from ..text import control_characters
from .building import digest

__all__ = ["LinkState", "MAX_TEXT", "answer_field", "find_link", "read_answers", "save_answers", "shown_values"]

MAX_TEXT = 4000  # characters in one free-text answer
_MAX_TOKEN_LENGTH = 100
_NUMBER_LIMIT = Decimal("1e12")
_NUMBER = re.compile(r"^-?\d+([.,]\d{1,2})?$")


class LinkState(enum.Enum):
    WORKS = "works"
    UNKNOWN = "unknown"  # no such link, or not one of this survey
    EXPIRED = "expired"  # the survey is not open (closed, or not yet opened)
    USED = "used"  # the answer was submitted already


def find_link(session: Session, survey_id: int, token: str) -> tuple[SurveyRecipient | None, LinkState]:
    """Return the recipient whose link this is, and whether the link may be used now."""
    if not token or len(token) > _MAX_TOKEN_LENGTH:
        return None, LinkState.UNKNOWN
    recipient = session.scalar(select(SurveyRecipient).where(SurveyRecipient.token_hash == digest(token),
                                                             SurveyRecipient.survey_id == survey_id))
    if recipient is None:
        return None, LinkState.UNKNOWN
    if recipient.survey.status is not SurveyStatus.OPEN:
        return recipient, LinkState.EXPIRED
    if recipient.submitted_at is not None:
        return recipient, LinkState.USED
    return recipient, LinkState.WORKS


def answer_field(question: SurveyQuestion) -> str:
    """The name of a question's field in the answer form (and of its refusal)."""
    return f"q{question.id}"


def _number(text: str) -> Decimal | None:
    text = text.strip().replace("\u2212", "-").replace(" ", "").replace("\xa0", "")
    if not _NUMBER.match(text):
        return None
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    return value if abs(value) < _NUMBER_LIMIT else None


def _read_one(question: SurveyQuestion, given: list[str]) -> tuple[dict, str | None]:
    """Return the answer's column values (empty when none was given) and the reason it is refused, if it is."""
    given = [value for value in given if value.strip()]
    if not given:
        return {}, None
    kind = question.kind
    if kind in (QuestionKind.ONE_CHOICE, QuestionKind.SEVERAL_CHOICES):
        count = len(question.options())
        picked = set()
        for value in given:
            if not value.strip().isdigit() or int(value) >= count:
                return {}, _l("Choose among the options given.")
            picked.add(int(value))
        if kind is QuestionKind.ONE_CHOICE and len(picked) > 1:
            return {}, _l("Choose one option only.")
        return {"choices": sorted(picked)}, None
    value = given[-1].strip()
    if len(given) > 1:
        return {}, _l("Give one answer only.")
    if kind is QuestionKind.SCALE:
        if value not in {"1", "2", "3", "4", "5"}:
            return {}, _l("Choose a point from 1 to 5.")
        return {"scale": int(value)}, None
    if kind is QuestionKind.NUMBER:
        number = _number(value)
        if number is None:
            return {}, _l("Give a number, e.g. 12 or 3,5.")
        low, high = question.minimum, question.maximum
        if (low is not None and number < low) or (high is not None and number > high):
            if low is not None and high is not None:
                return {}, _l("Give a number from %(low)s to %(high)s.", low=_plain(low), high=_plain(high))
            if low is not None:
                return {}, _l("Give a number of at least %(low)s.", low=_plain(low))
            return {}, _l("Give a number of at most %(high)s.", high=_plain(high))
        return {"number": number}, None
    if kind is QuestionKind.DATE:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return {}, _l("Give a date as YYYY-MM-DD.")
        if not 1900 <= day.year <= 2100:
            return {}, _l("Give a date as YYYY-MM-DD.")
        return {"day": day}, None
    # Composed, as every form stores text (see web/forms/base.py); a control character is refused.
    text = unicodedata.normalize("NFC", given[-1].strip())
    if len(text) > MAX_TEXT:
        return {}, _l("Write at most %(n)d characters.", n=MAX_TEXT)
    hidden = control_characters(text, multiline=True)
    if hidden:
        codes = ", ".join(f"U+{ord(character):04X}" for character in hidden)
        return {}, _l("This holds an invisible control character (%(codes)s) that text cannot hold. "
                      "Type it again, or remove what was pasted with it.", codes=codes)
    return {"text": text}, None


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)


def read_answers(questions: Sequence[SurveyQuestion], given: Mapping[str, list[str]], *,
                 complete: bool) -> dict[int, dict]:
    """Read what was typed for each question, keyed by its field name; refuse every fault at once.

    `complete` (a submission, not a draft) also refuses a required question left unanswered.
    """
    refusals = Refusals()
    values = {}
    for question in questions:
        read, refusal = _read_one(question, list(given.get(answer_field(question), [])))
        if refusal is not None:
            refusals.add(refusal, answer_field(question))
        elif not read and complete and question.required:
            refusals.add(_l("This question needs an answer."), answer_field(question))
        values[question.id] = read
    refusals.refuse()
    return values


def save_answers(session: Session, recipient: SurveyRecipient, given: Mapping[str, list[str]], *, submit: bool,
                 channel: AnswerChannel, now: datetime, entered_by_id: int | None = None) -> None:
    """Keep a recipient's answers, as a draft or submitted (then once and for all).

    Through the link only while the survey is open; staff may type in a paper or phone answer
    once it has opened, after it closed too. Nothing is kept when a rule is broken.
    """
    survey = recipient.survey
    if recipient.submitted_at is not None:
        raise DomainError(_l("This answer was submitted already and cannot change."))
    if channel is AnswerChannel.LINK and survey.status is not SurveyStatus.OPEN:
        raise DomainError(_l("The survey is closed."))
    if survey.status is SurveyStatus.DRAFT:
        raise DomainError(_l("The survey has not opened yet."))
    values = read_answers(survey.questions, given, complete=submit)
    existing = {answer.question_id: answer for answer in recipient.answers}
    for question in survey.questions:
        read = values[question.id]
        answer = existing.get(question.id)
        if not read:
            if answer is not None:
                recipient.answers.remove(answer)
            continue
        if answer is None:
            answer = SurveyAnswer(question=question)
            recipient.answers.append(answer)
        for column in ("choices", "scale", "number", "day", "text"):
            setattr(answer, column, read.get(column))
    if submit:
        recipient.submitted_at = now
        recipient.channel = channel
        recipient.entered_by_id = entered_by_id
    else:
        recipient.draft_saved_at = now
    session.flush()


def shown_values(recipient: SurveyRecipient) -> dict[str, list[str]]:
    """A recipient's saved answers as the answer form's fields hold them, to show a draft again."""
    shown = {}
    for answer in recipient.answers:
        name = f"q{answer.question_id}"
        if answer.choices is not None:
            shown[name] = [str(choice) for choice in answer.choices]
        elif answer.scale is not None:
            shown[name] = [str(answer.scale)]
        elif answer.number is not None:
            shown[name] = [_plain(answer.number)]
        elif answer.day is not None:
            shown[name] = [answer.day.isoformat()]
        elif answer.text is not None:
            shown[name] = [answer.text]
    return shown
