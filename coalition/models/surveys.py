"""Surveys sent to chosen organisations, answered through a personal link or typed in by staff."""
import enum
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import db
from .actors import Organisation, Person
from .base import ExactDecimal, Timestamped, Versioned, enum_column


class SurveyStatus(enum.StrEnum):
    DRAFT = "draft"  # questions and recipients are prepared; no link works yet
    OPEN = "open"  # the links work
    CLOSED = "closed"  # the links have expired; results stay


class QuestionKind(enum.StrEnum):
    ONE_CHOICE = "one_choice"
    SEVERAL_CHOICES = "several_choices"
    SCALE = "scale"  # 1 to 5, its ends labelled
    NUMBER = "number"
    DATE = "date"
    TEXT = "text"


class AnswerChannel(enum.StrEnum):
    LINK = "link"  # the recipient answered through its personal link
    PAPER = "paper"  # staff typed in an answer received on paper
    PHONE = "phone"  # staff typed in an answer given by phone


class Survey(Versioned, Timestamped, db.Model):
    """Questions sent to a set of organisations; each text in Swedish and, optionally, English."""

    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    title_sv: Mapped[str] = mapped_column(sa.String(200))
    title_en: Mapped[str] = mapped_column(sa.String(200), default="")
    introduction_sv: Mapped[str] = mapped_column(sa.Text, default="")
    introduction_en: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[SurveyStatus] = mapped_column(enum_column(SurveyStatus), default=SurveyStatus.DRAFT, index=True)
    opened_on: Mapped[date | None]
    closed_on: Mapped[date | None]

    questions: Mapped[list["SurveyQuestion"]] = relationship(
        back_populates="survey", order_by="SurveyQuestion.position", cascade="all, delete-orphan")
    recipients: Mapped[list["SurveyRecipient"]] = relationship(back_populates="survey", cascade="all, delete-orphan")

    def title(self, language: str) -> str:
        return (self.title_en if language == "en" else "") or self.title_sv

    def introduction(self, language: str) -> str:
        return (self.introduction_en if language == "en" else "") or self.introduction_sv


class SurveyQuestion(Versioned, Timestamped, db.Model):
    """One question; a choice question's options are one a line, Swedish and English line by line."""

    __tablename__ = "survey_questions"
    __table_args__ = (
        sa.CheckConstraint("minimum IS NULL OR maximum IS NULL OR minimum <= maximum", name="range_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[QuestionKind] = mapped_column(enum_column(QuestionKind))
    text_sv: Mapped[str] = mapped_column(sa.String(500))
    text_en: Mapped[str] = mapped_column(sa.String(500), default="")
    required: Mapped[bool] = mapped_column(default=False)
    options_sv: Mapped[str] = mapped_column(sa.Text, default="")
    options_en: Mapped[str] = mapped_column(sa.Text, default="")
    low_label_sv: Mapped[str] = mapped_column(sa.String(100), default="")
    low_label_en: Mapped[str] = mapped_column(sa.String(100), default="")
    high_label_sv: Mapped[str] = mapped_column(sa.String(100), default="")
    high_label_en: Mapped[str] = mapped_column(sa.String(100), default="")
    minimum: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    maximum: Mapped[Decimal | None] = mapped_column(ExactDecimal)

    survey: Mapped[Survey] = relationship(back_populates="questions")

    @property
    def has_options(self) -> bool:
        return self.kind in (QuestionKind.ONE_CHOICE, QuestionKind.SEVERAL_CHOICES)

    def text(self, language: str) -> str:
        return (self.text_en if language == "en" else "") or self.text_sv

    def options(self, language: str = "sv") -> list[str]:
        """The options in the language asked for; an option without English keeps its Swedish."""
        swedish = [line.strip() for line in self.options_sv.splitlines() if line.strip()]
        if language != "en":
            return swedish
        english = [line.strip() for line in self.options_en.splitlines() if line.strip()]
        return [english[i] if i < len(english) else option for i, option in enumerate(swedish)]

    def scale_labels(self, language: str) -> tuple[str, str]:
        english = language == "en"
        return ((self.low_label_en if english else "") or self.low_label_sv,
                (self.high_label_en if english else "") or self.high_label_sv)


class SurveyRecipient(Versioned, Timestamped, db.Model):
    """An organisation a survey was sent to, the person addressed, its personal link and its answer.

    The link's token is never stored: it is derived from the app's secret and ``link_nonce``
    (so staff can list the links again), and only its SHA-256 is kept to find the recipient.
    """

    __tablename__ = "survey_recipients"
    __table_args__ = (sa.UniqueConstraint("survey_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("surveys.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    contact_person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("persons.id", ondelete="SET NULL"), index=True)
    link_nonce: Mapped[str] = mapped_column(sa.String(64))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    draft_saved_at: Mapped[datetime | None]
    submitted_at: Mapped[datetime | None]
    channel: Mapped[AnswerChannel | None] = mapped_column(enum_column(AnswerChannel))
    entered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    survey: Mapped[Survey] = relationship(back_populates="recipients")
    organisation: Mapped[Organisation] = relationship()
    contact_person: Mapped[Person | None] = relationship()
    answers: Mapped[list["SurveyAnswer"]] = relationship(back_populates="recipient", cascade="all, delete-orphan")

    @property
    def answered(self) -> bool:
        return self.submitted_at is not None


class SurveyAnswer(Versioned, Timestamped, db.Model):
    """A recipient's answer to one question, in the column its kind needs."""

    __tablename__ = "survey_answers"
    __table_args__ = (
        sa.UniqueConstraint("recipient_id", "question_id"),
        sa.CheckConstraint("scale IS NULL OR scale BETWEEN 1 AND 5", name="scale_1_to_5"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(sa.ForeignKey("survey_recipients.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("survey_questions.id", ondelete="CASCADE"), index=True)
    # The positions of the chosen options (one for a one-choice question).
    choices: Mapped[list[int] | None] = mapped_column(sa.JSON)
    scale: Mapped[int | None]
    number: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    day: Mapped[date | None]
    text: Mapped[str | None] = mapped_column(sa.Text)

    recipient: Mapped[SurveyRecipient] = relationship(back_populates="answers")
    question: Mapped[SurveyQuestion] = relationship()
