"""Merging two records of one organisation or person: everything moves, collisions become one, refusals leave nothing half-done."""
import threading
from datetime import date, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from coalition import merging
from coalition.collaboration.changes import data_version
from coalition.db import db
from coalition.errors import DomainError
from coalition.models import (
    AuditRecord,
    Commitment,
    CommitmentKind,
    Engagement,
    FollowUpAction,
    Membership,
    Organisation,
    Participation,
    ParticipationRole,
    ParticipationStatus,
    Person,
    Relationship,
    RelationshipKind,
    StakeholderAssessment,
    Tag,
)


def test_every_column_referring_to_an_actor_that_may_collide_has_a_rule():
    unruled = [(table.name, column.name) for model in (Organisation, Person)
               for table, column in merging.references(model)
               if merging.constrained(table, column) and (table.name, column.name) not in merging.RULES]
    assert unruled == [], "say in merging.RULES what a merge does with these columns' rows"
    referring = {(t.name, c.name) for model in (Organisation, Person) for t, c in merging.references(model)}
    assert set(merging.RULES) <= referring


def _merge_records(entity):
    records = db.session.scalars(sa.select(AuditRecord).where(AuditRecord.entity == entity,
                                                              AuditRecord.action == "update"))
    return [record for record in records if "merged_from" in record.changes]


def _count(model, **where):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).filter_by(**where))


@pytest.fixture
def two_norrviks(make_organisation, make_person, make_meeting):
    """The housing company registered twice, each with its own meetings, commitment and ties."""
    registered = make_organisation("Norrviks Bostäder AB", notes="Registrerad 2025")
    pasted = make_organisation("Norrviks Bostäder", website="https://norrviksbostader.se")
    city = make_organisation("Norrvik kommun")
    anna = make_person("Anna Holm", organisation=registered)
    bo = make_person("Bo Ek", organisation=pasted)
    cecilia = make_person("Cecilia Lund", organisation=city)
    make_meeting("Samråd 1", attendees=[(anna, registered), (cecilia, city)])
    make_meeting("Samråd 2", datetime(2026, 4, 1, 10), attendees=[(bo, pasted), (cecilia, city)])
    youth = Tag(name="youth")
    registered.tags.append(youth)
    pasted.tags.append(youth)
    commitment = Commitment(kind=CommitmentKind.PREMISES, description="Lokal i Norrvik", parties=[pasted, city])
    db.session.add_all([
        commitment,
        Relationship(from_organisation=registered, to_organisation=pasted, kind=RelationshipKind.INFORMAL),
        Relationship(from_organisation=pasted, to_organisation=city, kind=RelationshipKind.CONTRACT),
        StakeholderAssessment(organisation=pasted, assessed_on=date(2026, 2, 1), influence=4, interest=3,
                              engagement=Engagement.INVOLVED),
    ])
    db.session.commit()
    return registered, pasted, city


def test_merging_two_organisations_moves_meetings_commitments_ties_and_people_to_the_kept_one(two_norrviks):
    registered, pasted, city = two_norrviks
    kept_id, gone_id, city_id = registered.id, pasted.id, city.id
    version_before = data_version(db.session)
    kept = merging.merge(db.session, Organisation, kept_id, gone_id, choices={"website": "gone"})
    db.session.commit()

    assert db.session.get(Organisation, gone_id) is None
    assert kept.name == "Norrviks Bostäder AB" and kept.website == "https://norrviksbostader.se"
    assert _count(Participation, organisation_id=kept_id) == 2
    assert _count(Membership, organisation_id=kept_id) == 2
    [commitment] = db.session.scalars(sa.select(Commitment)).all()
    assert {o.id for o in commitment.parties} == {kept_id, city_id}
    # The tie between the two became nothing; the tie to the city moved.
    assert [(r.from_organisation_id, r.to_organisation_id) for r in db.session.scalars(sa.select(Relationship))] == [
        (kept_id, city_id)]
    assert [t.name for t in kept.tags] == ["youth"]
    assert _count(StakeholderAssessment, organisation_id=kept_id) == 1
    assert data_version(db.session) != version_before  # the network's figures are worked out again

    [record] = _merge_records("Organisation")
    assert record.changes["merged_from"] == [gone_id, kept_id]
    assert "1 × participations.organisation_id" in record.changes["moved"][1]
    assert record.changes["website"] == ["", "https://norrviksbostader.se"]
    assert _count(AuditRecord, entity="Organisation", action="delete", entity_id=str(gone_id)) == 1


def test_the_kept_organisation_may_take_the_name_of_the_one_that_goes(two_norrviks):
    registered, pasted, _city = two_norrviks
    kept = merging.merge(db.session, Organisation, pasted.id, registered.id, choices={"name": "gone"})
    db.session.commit()
    assert kept.name == "Norrviks Bostäder AB"
    assert _count(Organisation) == 2


def test_merging_a_person_makes_one_participation_of_two_at_the_same_meeting(make_organisation, make_person,
                                                                              make_meeting):
    club = make_organisation("Kvarnängens IF")
    kept = make_person("Åsa Berg", organisation=club, email="asa@kvarnangen.se")
    gone = make_person("Asa Berg", organisation=club, phone="070-123 45 67")
    meeting = make_meeting(attendees=[(kept, club, ParticipationStatus.REGISTERED), (gone, None)])
    make_meeting(attendees=[(gone, club)])
    db.session.get(Participation, db.session.scalar(sa.select(Participation.id).where(
        Participation.person_id == gone.id, Participation.meeting_id == meeting.id))).role = ParticipationRole.SPEAKER
    db.session.add(FollowUpAction(meeting=meeting, description="Skicka protokollet", responsible_person=gone))
    db.session.commit()
    kept_id, gone_id = kept.id, gone.id

    person = merging.merge(db.session, Person, kept_id, gone_id)
    db.session.commit()

    assert person.phone == "070-123 45 67" and person.email == "asa@kvarnangen.se"  # empty fields filled in
    [at_meeting] = db.session.scalars(sa.select(Participation).where(Participation.meeting_id == meeting.id)).all()
    assert (at_meeting.person_id, at_meeting.status, at_meeting.role, at_meeting.organisation_id) == (
        kept_id, ParticipationStatus.ATTENDED, ParticipationRole.SPEAKER, club.id)
    assert _count(Participation, person_id=kept_id) == 2
    assert _count(Membership, person_id=kept_id) == 1  # the same organisation over the same time is one membership
    assert _count(FollowUpAction, responsible_person_id=kept_id) == 1
    [record] = _merge_records("Person")
    assert record.changes["merged_from"] == [gone_id, kept_id]
    assert [row.split()[0] for row in record.changes["merged"][1]] == ["memberships", "participations"]


def test_the_preview_counts_what_moves_and_the_meetings_both_attended(make_organisation, make_person, make_meeting):
    club = make_organisation()
    kept, gone = make_person("Åsa Berg", organisation=club), make_person("Åsa Berg", organisation=club)
    make_meeting(attendees=[kept, gone])
    make_meeting(attendees=[gone])
    shown = merging.preview(db.session, kept, gone)
    assert shown.counts == {"memberships": 1, "participations": 2}
    assert shown.shared_meetings == 1


def _everything():
    return [db.session.scalar(sa.select(sa.func.count()).select_from(t)) for t in db.metadata.sorted_tables
            if t.name not in ("network_change_counts",)]


def test_refused_merges_change_nothing(make_organisation, make_person):
    organisation = make_organisation("Norrviks Bostäder")
    other = make_organisation("Norrviks Bostäder AB")
    person = make_person("Åsa Berg")
    erased = make_person("Åsa Berg")
    erased.anonymised_at = date(2026, 1, 1)
    db.session.commit()
    before = _everything()
    attempts = [
        (Organisation, organisation.id, organisation.id, None, "merged with itself"),
        (Organisation, organisation.id, other.id + person.id + 100, None, "no longer exists"),
        (Person, person.id, erased.id, None, "anonymised"),
        (Organisation, organisation.id, other.id, {organisation.id: organisation.version + 1}, "changed or merged"),
    ]
    for model, kept_id, gone_id, versions, message in attempts:
        with pytest.raises(DomainError, match=message):
            merging.merge(db.session, model, kept_id, gone_id, versions=versions)
        db.session.rollback()
    with pytest.raises(DomainError, match="two organisations or two people"):
        merging.preview(db.session, organisation, person)
    assert _everything() == before


def test_a_pair_already_merged_is_refused_the_second_time(two_norrviks):
    registered, pasted, _city = two_norrviks
    versions = {registered.id: registered.version, pasted.id: pasted.version}
    ids = registered.id, pasted.id
    merging.merge(db.session, Organisation, *ids, versions=versions)
    db.session.commit()
    with pytest.raises(DomainError, match="no longer exists"):
        merging.merge(db.session, Organisation, *ids, versions=versions)


def test_two_staff_merging_the_same_pair_at_once_merge_it_once(app, two_norrviks):
    registered, pasted, _city = two_norrviks
    ids, versions = (registered.id, pasted.id), {registered.id: registered.version, pasted.id: pasted.version}
    db.session.commit()
    # Keyed by who, not by order: the second can wake between the first's commit and its record.
    engine, first_locked, outcomes = db.engine, threading.Event(), {}

    def staff(delay_commit: bool):
        who = "first" if delay_commit else "second"
        with Session(engine) as session:
            try:
                merging.merge(session, Organisation, *ids, versions=versions)
                if delay_commit:
                    first_locked.set()
                    threading.Event().wait(0.5)  # hold the locks while the other one tries
                session.commit()
                outcomes[who] = "merged"
            except DomainError as error:
                session.rollback()
                outcomes[who] = error.message
            finally:
                first_locked.set()

    first = threading.Thread(target=staff, args=(True,))
    first.start()
    first_locked.wait(10)
    second = threading.Thread(target=staff, args=(False,))
    second.start()
    first.join(20)
    second.join(20)
    assert outcomes["first"] == "merged"
    assert "no longer exists" in str(outcomes["second"])
    db.session.expire_all()
    assert _count(Organisation, name="Norrviks Bostäder") == 0
    assert len(_merge_records("Organisation")) == 1


def test_a_not_a_duplicate_mark_holds_for_the_kept_record(make_organisation):
    from coalition import duplicates

    kept, gone = make_organisation("Norrviks Bostäder AB"), make_organisation("Norrviks Bostäder")
    other = make_organisation("Norrviks Bostad")
    duplicates.mark_not_duplicate(db.session, "organisation", gone.id, other.id, None)
    duplicates.mark_not_duplicate(db.session, "organisation", gone.id, kept.id, None)
    db.session.commit()
    kept_id, other_id = kept.id, other.id
    merging.merge(db.session, Organisation, kept_id, gone.id)
    db.session.commit()
    marks = db.session.execute(sa.select(duplicates.NotDuplicate.first_id, duplicates.NotDuplicate.second_id)).all()
    assert [tuple(mark) for mark in marks] == [tuple(sorted((kept_id, other_id)))]
    assert duplicates.find_pairs(db.session, "organisation") == []


def test_both_sent_one_survey_keep_the_answered_one_with_its_answers(app, make_organisation):
    from coalition.models.surveys import QuestionKind, SurveyAnswer, SurveyQuestion, SurveyRecipient
    from coalition.surveys.building import SurveyDetails, add_recipients, create_survey

    kept, gone = make_organisation("Norrviks Bostäder AB"), make_organisation("Norrviks Bostäder")
    survey = create_survey(db.session, SurveyDetails(title_sv="Trygghet i Norrvik"))
    question = SurveyQuestion(survey=survey, text_sv="Hur trygg är gården?", kind=QuestionKind.TEXT)
    db.session.add(question)
    add_recipients(db.session, survey, [kept, gone], secret="test-secret")
    answered = next(r for r in survey.recipients if r.organisation_id == gone.id)
    answered.submitted_at = datetime(2026, 5, 1, 12)
    answered.answers.append(SurveyAnswer(question=question, text="Tryggare än förra året"))
    db.session.commit()
    kept_id, answered_id = kept.id, answered.id

    merging.merge(db.session, Organisation, kept_id, gone.id)
    db.session.commit()
    [recipient] = db.session.scalars(sa.select(SurveyRecipient)).all()
    assert (recipient.id, recipient.organisation_id) == (answered_id, kept_id)
    assert [answer.text for answer in recipient.answers] == ["Tryggare än förra året"]
