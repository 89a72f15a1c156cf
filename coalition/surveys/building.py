"""Preparing a survey: its texts, its questions in order, its recipients and their links, open and close."""
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import DomainError, Refusals
from ..i18n import lazy_gettext as _l
from ..models import (
    Membership,
    Neighbourhood,
    Organisation,
    OrganisationKind,
    Person,
    QuestionKind,
    Sector,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyRecipient,
    SurveyStatus,
)
from ..models.base import utcnow
from ..text import tidy

__all__ = [
    "QuestionDetails", "RecipientFilter", "SurveyDetails", "add_question", "add_recipients", "answer_link_token",
    "close_survey", "create_survey", "delete_question", "digest", "has_answers", "matching_organisations",
    "move_question", "open_survey", "remove_recipient", "update_question", "update_survey",
]

MAX_OPTIONS = 30


@dataclass
class SurveyDetails:
    title_sv: str
    title_en: str = ""
    introduction_sv: str = ""
    introduction_en: str = ""


@dataclass
class QuestionDetails:
    kind: QuestionKind
    text_sv: str
    text_en: str = ""
    required: bool = False
    options_sv: str = ""
    options_en: str = ""
    low_label_sv: str = ""
    low_label_en: str = ""
    high_label_sv: str = ""
    high_label_en: str = ""
    minimum: Decimal | None = None
    maximum: Decimal | None = None


@dataclass
class RecipientFilter:
    """Which organisations to send a survey to: every active one the given filters match."""

    sectors: list[Sector] = field(default_factory=list)
    kinds: list[OrganisationKind] = field(default_factory=list)
    neighbourhood_ids: list[int] = field(default_factory=list)


def has_answers(session: Session, survey: Survey) -> bool:
    """Tell whether any recipient has saved or submitted an answer (then the questions are fixed)."""
    return session.scalar(select(func.count()).select_from(SurveyAnswer).join(SurveyRecipient)
                          .where(SurveyRecipient.survey_id == survey.id)) > 0 or any(
        r.submitted_at is not None for r in survey.recipients)


def _apply_survey(survey: Survey, details: SurveyDetails) -> None:
    title = tidy(details.title_sv)
    if not title:
        raise DomainError(_l("A survey needs a title in Swedish."), field="title_sv")
    survey.title_sv = title
    survey.title_en = tidy(details.title_en)
    survey.introduction_sv = details.introduction_sv.strip()
    survey.introduction_en = details.introduction_en.strip()


def create_survey(session: Session, details: SurveyDetails) -> Survey:
    """Prepare a new survey, as a draft."""
    survey = Survey(status=SurveyStatus.DRAFT)
    _apply_survey(survey, details)
    session.add(survey)
    session.flush()
    return survey


def update_survey(session: Session, survey: Survey, details: SurveyDetails) -> None:
    """Change a survey's title and introduction; a closed survey stays as it was sent."""
    if survey.status is SurveyStatus.CLOSED:
        raise DomainError(_l("A closed survey cannot be changed."), field="title_sv")
    _apply_survey(survey, details)
    session.flush()


def _questions_may_change(session: Session, survey: Survey, field_name: str = "text_sv") -> None:
    if survey.status is SurveyStatus.CLOSED:
        raise DomainError(_l("A closed survey cannot be changed."), field=field_name)
    if has_answers(session, survey):
        raise DomainError(_l("The questions cannot change once answers exist."), field=field_name)


def _apply_question(question: SurveyQuestion, details: QuestionDetails) -> None:
    refusals = Refusals()
    text = tidy(details.text_sv)
    if not text:
        refusals.add(_l("A question needs a text in Swedish."), "text_sv")
    options_sv = [tidy(line) for line in details.options_sv.splitlines() if tidy(line)]
    options_en = [tidy(line) for line in details.options_en.splitlines() if tidy(line)]
    if details.kind in (QuestionKind.ONE_CHOICE, QuestionKind.SEVERAL_CHOICES):
        if len(options_sv) < 2:
            refusals.add(_l("A choice needs at least two options, one a line."), "options_sv")
        elif len(options_sv) > MAX_OPTIONS:
            refusals.add(_l("At most %(n)d options.", n=MAX_OPTIONS), "options_sv")
        elif len({option.casefold() for option in options_sv}) != len(options_sv):
            refusals.add(_l("Each option must differ from the others."), "options_sv")
        if options_en and len(options_en) != len(options_sv):
            refusals.add(_l("Give the English options in the same number and order as the Swedish, or none."),
                         "options_en")
    else:
        options_sv, options_en = [], []
    if details.kind is QuestionKind.SCALE and not (tidy(details.low_label_sv) and tidy(details.high_label_sv)):
        refusals.add(_l("Label both ends of the scale in Swedish."), "low_label_sv")
    numeric = details.kind is QuestionKind.NUMBER
    if numeric and details.minimum is not None and details.maximum is not None and details.minimum > details.maximum:
        refusals.add(_l("The smallest number must not be above the largest."), "maximum")
    refusals.refuse()
    scale = details.kind is QuestionKind.SCALE
    question.kind = details.kind
    question.text_sv = text
    question.text_en = tidy(details.text_en)
    question.required = details.required
    question.options_sv = "\n".join(options_sv)
    question.options_en = "\n".join(options_en)
    question.low_label_sv = tidy(details.low_label_sv) if scale else ""
    question.low_label_en = tidy(details.low_label_en) if scale else ""
    question.high_label_sv = tidy(details.high_label_sv) if scale else ""
    question.high_label_en = tidy(details.high_label_en) if scale else ""
    question.minimum = details.minimum if numeric else None
    question.maximum = details.maximum if numeric else None


def add_question(session: Session, survey: Survey, details: QuestionDetails) -> SurveyQuestion:
    """Add a question at the end of the survey, while no answers exist."""
    _questions_may_change(session, survey)
    question = SurveyQuestion(position=max((q.position for q in survey.questions), default=0) + 1)
    _apply_question(question, details)
    survey.questions.append(question)
    session.flush()
    return question


def update_question(session: Session, question: SurveyQuestion, details: QuestionDetails) -> None:
    """Change a question, while no answers exist."""
    _questions_may_change(session, question.survey)
    _apply_question(question, details)
    session.flush()


def delete_question(session: Session, question: SurveyQuestion) -> None:
    """Take a question out of the survey, while no answers exist."""
    _questions_may_change(session, question.survey)
    question.survey.questions.remove(question)
    session.flush()


def move_question(session: Session, question: SurveyQuestion, step: int) -> None:
    """Move a question one place up (-1) or down (+1), before the survey opens."""
    survey = question.survey
    if survey.status is not SurveyStatus.DRAFT:
        raise DomainError(_l("Questions can only be reordered before the survey opens."))
    ordered = list(survey.questions)
    index = ordered.index(question)
    other = index + step
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, each in enumerate(ordered, start=1):
        each.position = position
    session.flush()
    session.expire(survey, ["questions"])


# Links ------------------------------------------------------------------------------------------

def answer_link_token(recipient: SurveyRecipient, secret: str) -> str:
    """Return the token of a recipient's personal link, derived from the app's secret and its nonce."""
    mac = hmac.new(secret.encode(), f"survey-link:{recipient.link_nonce}".encode(), hashlib.sha256)
    return mac.hexdigest()[:43]


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _give_link(recipient: SurveyRecipient, secret: str) -> None:
    recipient.link_nonce = secrets.token_hex(32)
    recipient.token_hash = digest(answer_link_token(recipient, secret))


# Recipients -------------------------------------------------------------------------------------

def matching_organisations(session: Session, chosen: RecipientFilter) -> list[Organisation]:
    """Return the active organisations that every given filter matches, by name."""
    query = select(Organisation).where(Organisation.archived_at.is_(None))
    if chosen.sectors:
        query = query.where(Organisation.sector.in_(chosen.sectors))
    if chosen.kinds:
        query = query.where(Organisation.kind.in_(chosen.kinds))
    if chosen.neighbourhood_ids:
        query = query.where(Organisation.neighbourhoods.any(Neighbourhood.id.in_(chosen.neighbourhood_ids)))
    return list(session.scalars(query.order_by(Organisation.name_key)))


def contact_person_for(session: Session, organisation: Organisation) -> Person | None:
    """The person to address at an organisation: its current contact with an e-mail, the longest-standing first."""
    today = date.today()
    return session.scalar(
        select(Person).join(Membership).where(
            Membership.organisation_id == organisation.id, Person.archived_at.is_(None),
            Person.anonymised_at.is_(None), Person.email.is_not(None),
            (Membership.until_date.is_(None)) | (Membership.until_date >= today))
        .order_by(Membership.from_date.asc().nulls_last(), Person.id).limit(1))


def add_recipients(session: Session, survey: Survey, organisations: list[Organisation], *, secret: str) -> int:
    """Send the survey to these organisations as well (those already among its recipients stay as they are).

    Return how many were added.
    """
    if survey.status is SurveyStatus.CLOSED:
        raise DomainError(_l("A closed survey cannot be sent to more organisations."), field="organisation_ids")
    present = {r.organisation_id for r in survey.recipients}
    added = 0
    for organisation in organisations:
        if organisation.id in present:
            continue
        recipient = SurveyRecipient(organisation=organisation, contact_person=contact_person_for(session, organisation))
        _give_link(recipient, secret)
        survey.recipients.append(recipient)
        present.add(organisation.id)
        added += 1
    session.flush()
    return added


def set_contact_person(session: Session, recipient: SurveyRecipient, person_id: int | None) -> None:
    """Address the survey to another person of the organisation (or to no one by name)."""
    person = None
    if person_id is not None:
        person = session.scalar(select(Person).join(Membership).where(
            Person.id == person_id, Membership.organisation_id == recipient.organisation_id))
        if person is None:
            raise DomainError(_l("That person is not a contact of the organisation."), field="contact_person_id")
    recipient.contact_person = person
    session.flush()


def remove_recipient(session: Session, recipient: SurveyRecipient) -> None:
    """Take an organisation off the survey, as long as it has not answered."""
    if recipient.answers or recipient.submitted_at is not None:
        raise DomainError(_l("An organisation that has answered stays among the recipients."))
    recipient.survey.recipients.remove(recipient)
    session.flush()


# Status -----------------------------------------------------------------------------------------

def open_survey(session: Session, survey: Survey, *, today: date) -> None:
    """Open the survey: from now on its links work."""
    if survey.status is not SurveyStatus.DRAFT:
        raise DomainError(_l("Only a draft survey can be opened."))
    refusals = Refusals()
    if not survey.questions:
        refusals.add(_l("Add at least one question before opening the survey."))
    if not survey.recipients:
        refusals.add(_l("Choose at least one recipient before opening the survey."), "recipients")
    refusals.refuse()
    survey.status = SurveyStatus.OPEN
    survey.opened_on = today
    session.flush()


def close_survey(session: Session, survey: Survey, *, today: date) -> None:
    """Close the survey: its links expire, drafts not submitted stay unsubmitted, results stay."""
    if survey.status is not SurveyStatus.OPEN:
        raise DomainError(_l("Only an open survey can be closed."))
    survey.status = SurveyStatus.CLOSED
    survey.closed_on = today
    survey.updated_at = utcnow()
    session.flush()
