"""Load the demo coalition's surveys from seed_data/surveys.yaml.

As the other loaders of this package do, through the operations staff use: the survey is prepared, sent
to the organisations its filter picks, opened, answered (each answer through the same rules as an
answer page) and closed on the days the file gives. A survey is matched by its Swedish title and
left as it is when it exists, so a second run adds nothing.
"""
from collections import Counter
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import AnswerChannel, OrganisationKind, QuestionKind, Sector, Survey
from ..surveys import answering, building


def _question(row: dict) -> building.QuestionDetails:
    def bound(name):
        return Decimal(row[name]) if row.get(name) is not None else None

    return building.QuestionDetails(
        kind=QuestionKind(row["kind"]), text_sv=row["text_sv"], text_en=row.get("text_en", ""),
        required=row.get("required", False), options_sv="\n".join(row.get("options_sv", [])),
        options_en="\n".join(row.get("options_en", [])), low_label_sv=row.get("low_label_sv", ""),
        low_label_en=row.get("low_label_en", ""), high_label_sv=row.get("high_label_sv", ""),
        high_label_en=row.get("high_label_en", ""), minimum=bound("minimum"), maximum=bound("maximum"))


def _typed(value) -> list[str]:
    """A value of the file as the answer form's field would send it."""
    if isinstance(value, list):
        return [str(item) for item in value]
    if isinstance(value, date):
        return [value.isoformat()]
    return [str(value)]


def _answer(session: Session, survey: Survey, row: dict, found) -> None:
    organisation = found.get("organisations", row["organisation"])
    recipient = next(r for r in survey.recipients if r.organisation_id == organisation.id)
    given = {answering.answer_field(q): _typed(v) for q, v in zip(survey.questions, row["values"], strict=True)}
    day = row.get("submitted_on") or survey.opened_on
    answering.save_answers(session, recipient, given, submit=not row.get("draft"),
                           channel=AnswerChannel(row.get("channel", "link")), now=datetime.combine(day, time(10)))


def load_surveys(session: Session, rows: list[dict], found, added: Counter, *, about, secret: str) -> None:
    """Prepare, send, open, answer and close the demo's surveys."""
    existing = set(session.scalars(select(Survey.title_sv)))
    for row in rows:
        if row["title_sv"] in existing:
            continue
        with about("surveys", row["title_sv"]):
            survey = building.create_survey(session, building.SurveyDetails(
                title_sv=row["title_sv"], title_en=row.get("title_en", ""),
                introduction_sv=row.get("introduction_sv", ""), introduction_en=row.get("introduction_en", "")))
            for question in row["questions"]:
                building.add_question(session, survey, _question(question))
            chosen = row["recipients"]
            building.add_recipients(session, survey, building.matching_organisations(session, building.RecipientFilter(
                sectors=[Sector(s) for s in chosen.get("sectors", [])],
                kinds=[OrganisationKind(k) for k in chosen.get("kinds", [])],
                neighbourhood_ids=found.ids("neighbourhoods", chosen.get("neighbourhoods", [])),
            )), secret=secret)
            building.open_survey(session, survey, today=row["opened_on"])
            for answer in row.get("answers", []):
                _answer(session, survey, answer, found)
            if row.get("closed_on"):
                building.close_survey(session, survey, today=row["closed_on"])
        added["surveys"] += 1
        added["survey answers"] += sum(1 for r in survey.recipients if r.answered)
