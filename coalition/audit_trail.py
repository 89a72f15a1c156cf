"""Reading the audit trail back, filtered, in words people read: kinds of record and fields by
their interface names (audit_names.py), records and the records a value refers to by their names,
with the page each is shown on.

The trail keeps ids, so that it stays true when a name changes; the names are looked up when a
page of it is read: one query per kind of record on the page, whatever its length. A record
deleted since is named from what its own audit rows kept.

Over 400 lines on purpose: most of it is ``_NAMERS``, one short namer per register, kept in one
module so that a new register adds its namer beside the others (see the README's layout).
"""
import enum
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask_babel import get_locale
from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from .audit_names import field_name, record_type_name
from .db import Base
from .i18n import lazy_gettext as _l
from .models import (
    Attachment,
    AuditRecord,
    Commitment,
    CommitmentStatusChange,
    FollowUpAction,
    HeadcountGroup,
    Initiative,
    Interaction,
    IntroductionDecision,
    Kpi,
    KpiMeasurement,
    KpiTarget,
    LocalJobs,
    Meeting,
    MeetingHeadcount,
    MeetingPlace,
    Membership,
    Neighbourhood,
    Organisation,
    Participation,
    Person,
    PlaceStageChange,
    Proposal,
    ProposalStatusChange,
    ProposalVote,
    Relationship,
    StageChange,
    StakeholderAssessment,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyRecipient,
    Tag,
    User,
)
from .vocabulary import label

__all__ = ["Named", "ReadableChange", "audit_query", "readable_changes"]


def audit_query(*, entity: str | None = None, entity_id: str | None = None, action: str | None = None,
                user_id: int | None = None, since: date | None = None, until: date | None = None) -> Select:
    """Select audit records, newest first, matching every filter given."""
    query = select(AuditRecord).order_by(AuditRecord.at.desc(), AuditRecord.id.desc())
    if entity:
        query = query.where(AuditRecord.entity == entity)
    if entity_id:
        query = query.where(AuditRecord.entity_id == entity_id)
    if action:
        query = query.where(AuditRecord.action == action)
    if user_id:
        query = query.where(AuditRecord.user_id == user_id)
    if since:
        query = query.where(AuditRecord.at >= since)
    if until:
        query = query.where(AuditRecord.at < until + timedelta(days=1))
    return query


@dataclass(frozen=True)
class Named:
    """A record as the trail shows it: its name, and the page it is on (endpoint and arguments), if any."""

    name: str
    endpoint: str | None = None
    arguments: tuple[tuple[str, object], ...] = ()

    @property
    def url_arguments(self) -> dict:
        return dict(self.arguments)


@dataclass
class ReadableChange:
    """One audit row in words: what kind of record, which one, and each field before and after."""

    record: AuditRecord
    type_name: object
    subject: Named
    # (field's name, before, after, whether it is a list that lost "before" and gained "after"); values: str | Named
    fields: list[tuple[object, list, list, bool]] = field(default_factory=list)


def _shortened(text: str, length: int = 70) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[:length - 1].rstrip() + "…"


def _page(endpoint: str, **arguments) -> tuple[str, tuple]:
    return endpoint, tuple(arguments.items())


# How each kind of record is named, from one query over its ids: rows of (id, name, endpoint and arguments).
def _simple(model, column, endpoint: str | None, argument: str = ""):
    def rows(session: Session, ids: list[int]):
        for record_id, name in session.execute(select(model.id, column).where(model.id.in_(ids))):
            yield record_id, _shortened(name), *(_page(endpoint, **{argument: record_id}) if endpoint else (None, ()))
    return rows


def _tag_rows(session: Session, ids: list[int]):
    for record_id, name in session.execute(select(Tag.id, Tag.name).where(Tag.id.in_(ids))):
        yield record_id, name, *_page("organisations.index", tag=name)


def _participation_rows(session: Session, ids: list[int]):
    query = (select(Participation.id, Person.name, Meeting.title, Meeting.id).join(Person, Person.id == Participation.person_id)
             .join(Meeting, Meeting.id == Participation.meeting_id).where(Participation.id.in_(ids)))
    for record_id, person, meeting, meeting_id in session.execute(query):
        yield record_id, f"{person}, {_shortened(meeting, 50)}", *_page("meetings.show", meeting_id=meeting_id)


def _membership_rows(session: Session, ids: list[int]):
    query = (select(Membership.id, Person.name, Organisation.name, Person.id).join(Person).join(Organisation)
             .where(Membership.id.in_(ids)))
    for record_id, person, organisation, person_id in session.execute(query):
        yield record_id, f"{person}, {organisation}", *_page("people.show", person_id=person_id)


def _kpi_rows(model, day_column=None):
    def rows(session: Session, ids: list[int]):
        columns = [model.id, Kpi.name, Neighbourhood.name, Kpi.id] + ([day_column] if day_column is not None else [])
        query = select(*columns).join(Kpi, Kpi.id == model.kpi_id).join(Neighbourhood).where(model.id.in_(ids))
        for record_id, kpi, neighbourhood, kpi_id, *day in session.execute(query):
            yield record_id, ", ".join([kpi, neighbourhood, *(d.isoformat() for d in day)]), *_page("kpis.show",
                                                                                                    kpi_id=kpi_id)
    return rows


def _status_change_rows(session: Session, ids: list[int]):
    query = (select(CommitmentStatusChange.id, Commitment.description, CommitmentStatusChange.status, Commitment.id)
             .join(Commitment).where(CommitmentStatusChange.id.in_(ids)))
    for record_id, description, status, commitment_id in session.execute(query):
        yield (record_id, f"{_shortened(description, 50)}: {label(status)}",
               *_page("commitments.show", commitment_id=commitment_id))


def _stage_change_rows(session: Session, ids: list[int]):
    query = (select(StageChange.id, Neighbourhood.name, StageChange.stage, Neighbourhood.id).join(Neighbourhood)
             .where(StageChange.id.in_(ids)))
    for record_id, neighbourhood, stage, neighbourhood_id in session.execute(query):
        yield record_id, f"{neighbourhood}: {label(stage)}", *_page("neighbourhoods.show",
                                                                    neighbourhood_id=neighbourhood_id)


def _assessment_rows(session: Session, ids: list[int]):
    query = (select(StakeholderAssessment.id, Organisation.name, StakeholderAssessment.assessed_on, Organisation.id)
             .join(Organisation).where(StakeholderAssessment.id.in_(ids)))
    for record_id, organisation, day, organisation_id in session.execute(query):
        yield record_id, f"{organisation}, {day.isoformat()}", *_page("organisations.show",
                                                                      organisation_id=organisation_id)


def _headcount_rows(session: Session, ids: list[int]):
    query = (select(MeetingHeadcount.id, HeadcountGroup.name_en, Meeting.title, Meeting.id)
             .join(HeadcountGroup, HeadcountGroup.id == MeetingHeadcount.group_id)
             .join(Meeting, Meeting.id == MeetingHeadcount.meeting_id).where(MeetingHeadcount.id.in_(ids)))
    for record_id, group, meeting, meeting_id in session.execute(query):
        yield record_id, f"{group}, {_shortened(meeting, 50)}", *_page("meetings.show", meeting_id=meeting_id)


def _place_stage_rows(session: Session, ids: list[int]):
    query = (select(PlaceStageChange.id, MeetingPlace.name, PlaceStageChange.stage, MeetingPlace.id)
             .join(MeetingPlace, MeetingPlace.id == PlaceStageChange.place_id).where(PlaceStageChange.id.in_(ids)))
    for record_id, place, stage, place_id in session.execute(query):
        yield record_id, f"{place}: {label(stage)}", *_page("places.show", place_id=place_id)


def _local_jobs_rows(session: Session, ids: list[int]):
    query = (select(LocalJobs.id, Organisation.name, LocalJobs.year, LocalJobs.quarter, Organisation.id)
             .join(Organisation, Organisation.id == LocalJobs.organisation_id).where(LocalJobs.id.in_(ids)))
    for record_id, organisation, year, quarter, organisation_id in session.execute(query):
        yield record_id, f"{organisation}, {year}-Q{quarter}", *_page("organisations.show",
                                                                      organisation_id=organisation_id)


def _part_rows(model, column, owner_column, endpoint: str, argument: str):
    """Name a record by its own text, on the page of the record it is part of (``owner_column``)."""
    def rows(session: Session, ids: list[int]):
        for record_id, name, owner_id in session.execute(select(model.id, column, owner_column)
                                                         .where(model.id.in_(ids))):
            yield record_id, _shortened(name), *_page(endpoint, **{argument: owner_id})
    return rows


def _in_meeting_rows(model, column):
    return _part_rows(model, column, model.meeting_id, "meetings.show", "meeting_id")


def _pair_rows(model, one_column, other_column, endpoint: str | None, argument: str = ""):
    """Name a record that joins two organisations "One – Other"."""
    def rows(session: Session, ids: list[int]):
        first, second = aliased(Organisation), aliased(Organisation)
        query = (select(model.id, first.name, second.name).join(first, first.id == one_column)
                 .join(second, second.id == other_column).where(model.id.in_(ids)))
        for record_id, one, other in session.execute(query):
            yield record_id, f"{one} – {other}", *(_page(endpoint, **{argument: record_id}) if endpoint else (None, ()))
    return rows


def _survey_part_rows(model, column):
    return _part_rows(model, column, model.survey_id, "surveys.show", "survey_id")


def _survey_recipient_rows(session: Session, ids: list[int]):
    query = (select(SurveyRecipient.id, Organisation.name, Survey.title_sv, Survey.id)
             .join(Organisation, Organisation.id == SurveyRecipient.organisation_id)
             .join(Survey, Survey.id == SurveyRecipient.survey_id).where(SurveyRecipient.id.in_(ids)))
    for record_id, organisation, survey, survey_id in session.execute(query):
        yield (record_id, f"{organisation}, {_shortened(survey, 50)}",
               *_page("survey_recipients.recipients", survey_id=survey_id))


def _survey_answer_rows(session: Session, ids: list[int]):
    query = (select(SurveyAnswer.id, Organisation.name, SurveyQuestion.text_sv, SurveyQuestion.survey_id)
             .join(SurveyRecipient, SurveyRecipient.id == SurveyAnswer.recipient_id)
             .join(Organisation, Organisation.id == SurveyRecipient.organisation_id)
             .join(SurveyQuestion, SurveyQuestion.id == SurveyAnswer.question_id).where(SurveyAnswer.id.in_(ids)))
    for record_id, organisation, question, survey_id in session.execute(query):
        yield (record_id, f"{organisation}: {_shortened(question, 50)}",
               *_page("survey_results.results_page", survey_id=survey_id))


def _in_proposal_rows(model, describe):
    """Name a proposal's status change or votes after the proposal, with what `describe(row)` adds."""
    def rows(session: Session, ids: list[int]):
        query = select(model, Proposal.title).join(Proposal, Proposal.id == model.proposal_id).where(model.id.in_(ids))
        for record, title in session.execute(query):
            yield (record.id, f"{_shortened(title, 50)}: {describe(record)}",
                   *_page("proposals.show", proposal_id=record.proposal_id))
    return rows


def _interaction_rows(session: Session, ids: list[int]):
    query = (select(Interaction.id, Organisation.name, Interaction.kind, Interaction.happened_on, Organisation.id)
             .join(Organisation, Organisation.id == Interaction.organisation_id).where(Interaction.id.in_(ids)))
    for record_id, organisation, kind, day, organisation_id in session.execute(query):
        yield (record_id, f"{organisation}, {label(kind)} {day.isoformat()}",
               *_page("organisations.show", organisation_id=organisation_id))


_NAMERS: dict[str, Callable] = {
    "Organisation": _simple(Organisation, Organisation.name, "organisations.show", "organisation_id"),
    "Person": _simple(Person, Person.name, "people.show", "person_id"),
    "Neighbourhood": _simple(Neighbourhood, Neighbourhood.name, "neighbourhoods.show", "neighbourhood_id"),
    "Meeting": _simple(Meeting, Meeting.title, "meetings.show", "meeting_id"),
    "Commitment": _simple(Commitment, Commitment.description, "commitments.show", "commitment_id"),
    "Initiative": _simple(Initiative, Initiative.name, "initiatives.show", "initiative_id"),
    "Kpi": _simple(Kpi, Kpi.name, "kpis.show", "kpi_id"),
    "User": _simple(User, User.email, "admin.edit_user", "user_id"),
    "MeetingPlace": _simple(MeetingPlace, MeetingPlace.name, "places.show", "place_id"),
    "HeadcountGroup": _simple(HeadcountGroup, HeadcountGroup.name_en, None),
    "Tag": _tag_rows,
    "Participation": _participation_rows,
    "Membership": _membership_rows,
    "KpiMeasurement": _kpi_rows(KpiMeasurement, KpiMeasurement.measured_on),
    "KpiTarget": _kpi_rows(KpiTarget),
    "CommitmentStatusChange": _status_change_rows,
    "StageChange": _stage_change_rows,
    "StakeholderAssessment": _assessment_rows,
    "FollowUpAction": _in_meeting_rows(FollowUpAction, FollowUpAction.description),
    "MeetingHeadcount": _headcount_rows,
    "PlaceStageChange": _place_stage_rows,
    "LocalJobs": _local_jobs_rows,
    "Attachment": _in_meeting_rows(Attachment, Attachment.filename),
    "Relationship": _pair_rows(Relationship, Relationship.from_organisation_id, Relationship.to_organisation_id,
                               "relationships.edit", "relationship_id"),
    "IntroductionDecision": _pair_rows(IntroductionDecision, IntroductionDecision.first_organisation_id,
                                       IntroductionDecision.second_organisation_id, None),
    "Survey": _simple(Survey, Survey.title_sv, "surveys.show", "survey_id"),
    "SurveyQuestion": _survey_part_rows(SurveyQuestion, SurveyQuestion.text_sv),
    "SurveyRecipient": _survey_recipient_rows,
    "SurveyAnswer": _survey_answer_rows,
    "Proposal": _simple(Proposal, Proposal.title, "proposals.show", "proposal_id"),
    "ProposalStatusChange": _in_proposal_rows(ProposalStatusChange, lambda change: label(change.status)),
    "ProposalVote": _in_proposal_rows(ProposalVote, lambda vote: str(vote.votes)),
    "Interaction": _interaction_rows,
}
# What a deleted record's own audit rows kept that names it.
_NAMING_FIELDS = ("name", "title", "description", "filename", "email")


def _models_by_name() -> dict[str, type]:
    return {mapper.class_.__name__: mapper.class_ for mapper in Base.registry.mappers}


def _referred_kind(model, key: str) -> str | None:
    """The kind of record a field refers to: a foreign key's table, or a collection's records."""
    mapper = sa.inspect(model)
    if key in mapper.relationships:
        return mapper.relationships[key].mapper.class_.__name__
    column = mapper.columns.get(key)
    if column is None or not column.foreign_keys:
        return None
    table = next(iter(column.foreign_keys)).column.table
    return next((m.class_.__name__ for m in Base.registry.mappers if m.local_table is table), None)


def _enum_of(model, key: str) -> type[enum.Enum] | None:
    column = sa.inspect(model).columns.get(key)
    return getattr(column.type, "enum_class", None) if column is not None else None


def _ids(values: Iterable) -> list[int]:
    return [int(value) for value in values if isinstance(value, int | str) and str(value).isdigit()]


def _lookups(session: Session, wanted: dict[str, set[int]]) -> dict[tuple[str, int], Named]:
    found = {}
    for kind, ids in wanted.items():
        namer = _NAMERS.get(kind)
        if namer is None or not ids:
            continue
        for record_id, name, endpoint, arguments in namer(session, sorted(ids)):
            found[kind, record_id] = Named(name, endpoint, arguments)
    return found


def _plain_text(value, enum_class) -> str:
    if isinstance(value, bool):
        return str(_l("Yes") if value else _l("No"))
    if enum_class is not None:
        try:
            return str(label(enum_class(value)))
        except (KeyError, ValueError):
            return str(value)
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == "T":
        try:
            return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            pass
    return _shortened(value, 300)


def readable_changes(session: Session, records: Iterable[AuditRecord]) -> list[ReadableChange]:
    """Put a page of audit rows into words, naming every record on it with as many queries as kinds of record."""
    records = list(records)
    models = _models_by_name()
    wanted: dict[str, set[int]] = defaultdict(set)
    for record in records:
        wanted[record.entity].update(_ids([record.entity_id]))
        model = models.get(record.entity)
        for key, values in (record.changes or {}).items():
            kind = _referred_kind(model, key) if model is not None else None
            if kind is not None:
                flat = [v for side in values for v in (side if isinstance(side, list) else [side])]
                wanted[kind].update(_ids(flat))
    names = _lookups(session, wanted)
    options = _chosen_option_texts(session, records)
    return [_readable(record, models.get(record.entity), names, options.get(record.id)) for record in records]


def _chosen_option_texts(session: Session, records: list[AuditRecord]) -> dict[int, list[str]]:
    """The options of the question behind each survey answer's change of ``choices`` (stored as
    positions), so the trail reads "+ Läxhjälp" instead of "+ 2"."""
    question_of, unknown = {}, {}  # audit record id -> question id; answer id -> audit record id
    for record in records:
        if record.entity == "SurveyAnswer" and "choices" in (record.changes or {}):
            named = [side for side in (record.changes.get("question_id") or []) if isinstance(side, int)]
            if named:  # an answer made or removed names its question in the same change
                question_of[record.id] = named[-1]
            elif str(record.entity_id).isdigit():
                unknown[int(record.entity_id)] = record.id
    if unknown:
        for answer_id, question_id in session.execute(
                select(SurveyAnswer.id, SurveyAnswer.question_id).where(SurveyAnswer.id.in_(unknown))):
            question_of[unknown[answer_id]] = question_id
    wanted = {question_id for question_id in question_of.values() if question_id is not None}
    if not wanted:
        return {}
    language = str(get_locale())[:2]
    options = {question.id: question.options(language)
               for question in session.scalars(select(SurveyQuestion).where(SurveyQuestion.id.in_(wanted)))}
    return {record_id: options[question_id] for record_id, question_id in question_of.items() if question_id in options}


def _readable(record: AuditRecord, model, names: dict, option_texts: list[str] | None = None) -> ReadableChange:
    changes = record.changes or {}
    ids = _ids([record.entity_id])
    subject = names.get((record.entity, ids[0])) if ids else None
    if subject is None:
        kept = next((values[0] if values[0] is not None else values[1] for key, values in changes.items()
                     if key in _NAMING_FIELDS and isinstance(values, list)), None)
        subject = Named(_shortened(kept) if kept else f"#{record.entity_id}")
    readable = ReadableChange(record, record_type_name(record.entity), subject)
    for key, values in changes.items():
        kind = _referred_kind(model, key) if model is not None else None
        enum_class = _enum_of(model, key) if model is not None else None
        sides = []
        listed = any(isinstance(side, list) for side in values)
        for side in values:
            items = side if isinstance(side, list) else [side]
            shown = []
            for value in items:
                if value is None:
                    continue
                if kind is not None and _ids([value]):
                    shown.append(names.get((kind, int(value)), Named(f"{record_type_name(kind)} #{value}")))
                elif key == "choices" and option_texts is not None and isinstance(value, int) \
                        and 0 <= value < len(option_texts):
                    shown.append(option_texts[value])
                else:
                    shown.append(_plain_text(value, enum_class))
            sides.append(shown)
        if any(sides):  # a deleted record's empty fields say nothing
            readable.fields.append((field_name(record.entity, key), *sides, listed))
    return readable
