"""What a survey's answers add up to: response rates by sector and neighbourhood, each question's figures."""
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from ..models import (
    Neighbourhood,
    Organisation,
    QuestionKind,
    Sector,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyRecipient,
    SurveyStatus,
)

__all__ = ["Rate", "ResponseRates", "QuestionResult", "SurveyRate", "answer_rows", "question_results",
           "recipients_of", "response_rates", "surveys_in_period", "surveys_of_organisation"]


@dataclass(frozen=True)
class Rate:
    sent: int
    answered: int

    @property
    def percent(self) -> int:
        """The share that answered, in whole per cent."""
        return round(100 * self.answered / self.sent) if self.sent else 0


@dataclass(frozen=True)
class ResponseRates:
    overall: Rate
    by_sector: list[tuple[Sector, Rate]]
    by_neighbourhood: list[tuple[Neighbourhood, Rate]]


def recipients_of(session: Session, survey: Survey, *, sector: Sector | None = None,
                  neighbourhood_id: int | None = None) -> list[SurveyRecipient]:
    """The survey's recipients in the sector and neighbourhood asked for, with their organisations and answers."""
    query = (select(SurveyRecipient).join(Organisation).where(SurveyRecipient.survey_id == survey.id)
             .options(selectinload(SurveyRecipient.organisation).selectinload(Organisation.neighbourhoods),
                      selectinload(SurveyRecipient.answers), selectinload(SurveyRecipient.contact_person))
             .order_by(Organisation.name_key))
    if sector is not None:
        query = query.where(Organisation.sector == sector)
    if neighbourhood_id is not None:
        query = query.where(Organisation.neighbourhoods.any(Neighbourhood.id == neighbourhood_id))
    return list(session.scalars(query))


def response_rates(recipients: list[SurveyRecipient]) -> ResponseRates:
    """Count who was sent the survey and who answered, overall, by sector and by neighbourhood."""
    def rate(group):
        return Rate(len(group), sum(1 for r in group if r.answered))

    by_sector = [(sector, rate([r for r in recipients if r.organisation.sector is sector])) for sector in Sector]
    places: dict[int, Neighbourhood] = {}
    for recipient in recipients:
        for place in recipient.organisation.neighbourhoods:
            places[place.id] = place
    by_place = [(place, rate([r for r in recipients if place in r.organisation.neighbourhoods]))
                for place in sorted(places.values(), key=lambda n: n.name)]
    return ResponseRates(rate(recipients), [(s, r) for s, r in by_sector if r.sent], by_place)


@dataclass
class QuestionResult:
    """One question's figures over the submitted answers."""

    question: SurveyQuestion
    answered: int = 0
    # choices and scales: (label, count, percent of those who answered the question)
    counts: list[tuple[str, int, int]] = field(default_factory=list)
    mean: Decimal | None = None
    median: Decimal | None = None
    smallest: Decimal | date | None = None
    largest: Decimal | date | None = None
    total: Decimal | None = None
    texts: list[tuple[Organisation, str]] = field(default_factory=list)


def _percent(count: int, of: int) -> int:
    return round(100 * count / of) if of else 0


def _rounded(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.1"))


def question_results(survey: Survey, recipients: list[SurveyRecipient], language: str) -> list[QuestionResult]:
    """Sum up each question over the submitted answers of these recipients."""
    answered = [r for r in recipients if r.answered]
    by_question: dict[int, list[tuple[SurveyRecipient, SurveyAnswer]]] = {q.id: [] for q in survey.questions}
    for recipient in answered:
        for answer in recipient.answers:
            by_question.setdefault(answer.question_id, []).append((recipient, answer))
    results = []
    for question in survey.questions:
        given = by_question[question.id]
        result = QuestionResult(question, answered=len(given))
        if question.has_options:
            tally = Counter(choice for _r, answer in given for choice in answer.choices or [])
            result.counts = [(option, tally[i], _percent(tally[i], len(given)))
                             for i, option in enumerate(question.options(language))]
        elif question.kind is QuestionKind.SCALE:
            points = [answer.scale for _r, answer in given]
            tally = Counter(points)
            low, high = question.scale_labels(language)
            result.counts = [(f"{point}" + (f" – {low}" if point == 1 else f" – {high}" if point == 5 else ""),
                              tally[point], _percent(tally[point], len(given))) for point in range(1, 6)]
            if points:
                result.mean = _rounded(statistics.fmean(points))
        elif question.kind is QuestionKind.NUMBER:
            numbers = sorted(answer.number for _r, answer in given)
            if numbers:
                result.smallest, result.largest, result.total = numbers[0], numbers[-1], sum(numbers)
                result.mean = _rounded(statistics.fmean(float(n) for n in numbers))
                result.median = _rounded(statistics.median(float(n) for n in numbers))
        elif question.kind is QuestionKind.DATE:
            days = sorted(answer.day for _r, answer in given)
            if days:
                result.smallest, result.largest = days[0], days[-1]
            result.texts = [(r.organisation, answer.day.isoformat()) for r, answer in given]
        else:
            result.texts = sorted(((r.organisation, answer.text) for r, answer in given),
                                  key=lambda pair: pair[0].name_key)
        results.append(result)
    return results


def answer_value(question: SurveyQuestion, answer: SurveyAnswer | None, language: str):
    """An answer as a cell of an export: the chosen options' words, the number, the date or the text."""
    if answer is None:
        return ""
    if answer.choices is not None:
        options = question.options(language)
        return "; ".join(options[i] for i in answer.choices if i < len(options))
    for column in ("scale", "number", "day", "text"):
        value = getattr(answer, column)
        if value is not None:
            return value
    return ""


def answer_rows(survey: Survey, recipients: list[SurveyRecipient], language: str) -> list[tuple]:
    """One row per submitted answer: who answered, when and how, then an answer per question."""
    rows = []
    for recipient in recipients:
        if not recipient.answered:
            continue
        answers = {answer.question_id: answer for answer in recipient.answers}
        rows.append((recipient.organisation.name, recipient.organisation.sector,
                     ", ".join(n.name for n in recipient.organisation.neighbourhoods),
                     recipient.submitted_at.date(), recipient.channel,
                     *(answer_value(q, answers.get(q.id), language) for q in survey.questions)))
    return rows


@dataclass(frozen=True)
class SurveyRate:
    survey: Survey
    rate: Rate


def _rates(session: Session, surveys: list[Survey]) -> list[SurveyRate]:
    ids = [survey.id for survey in surveys]
    rows = session.execute(
        select(SurveyRecipient.survey_id, func.count(), func.count(SurveyRecipient.submitted_at))
        .where(SurveyRecipient.survey_id.in_(ids)).group_by(SurveyRecipient.survey_id)) if ids else []
    counts = {survey_id: Rate(sent, answered) for survey_id, sent, answered in rows}
    return [SurveyRate(survey, counts.get(survey.id, Rate(0, 0))) for survey in surveys]


def surveys_in_period(session: Session, starts_on: date, ends_on: date) -> list[SurveyRate]:
    """The surveys open at some time in the period (both ends included), with their response rates."""
    surveys = list(session.scalars(
        select(Survey).where(Survey.status != SurveyStatus.DRAFT, Survey.opened_on <= ends_on,
                             or_(Survey.closed_on.is_(None), Survey.closed_on >= starts_on))
        .order_by(Survey.opened_on, Survey.id)))
    return _rates(session, surveys)


def surveys_of_organisation(session: Session, organisation: Organisation,
                            language: str) -> list[tuple[SurveyRecipient, list[tuple[SurveyQuestion, object]]]]:
    """The surveys an organisation was sent, newest first, each with its submitted answer question by question."""
    recipients = session.scalars(
        select(SurveyRecipient).join(Survey).where(SurveyRecipient.organisation_id == organisation.id)
        .options(selectinload(SurveyRecipient.survey).selectinload(Survey.questions),
                 selectinload(SurveyRecipient.answers))
        .order_by(Survey.created_at.desc(), Survey.id.desc()))
    found = []
    for recipient in recipients:
        answers = {answer.question_id: answer for answer in recipient.answers}
        found.append((recipient, [(q, answer_value(q, answers.get(q.id), language)) for q in recipient.survey.questions]
                      if recipient.answered else []))
    return found
