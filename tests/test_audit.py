"""Every change to domain data is attributable: who, when, what, before and after."""
import logging
from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from coalition import attendance
from coalition.audit import set_actor
from coalition.db import db
from coalition.models import (
    Attachment,
    AuditRecord,
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    CommitmentStatusChange,
    Direction,
    Engagement,
    FollowUpAction,
    HeadcountGroup,
    Kpi,
    KpiTarget,
    MeetingHeadcount,
    MeetingPlace,
    Membership,
    Organisation,
    Participation,
    PlaceStage,
    PlaceStageChange,
    Proposal,
    ProposalStatus,
    ProposalStatusChange,
    ProposalVote,
    QuestionKind,
    Stage,
    StageChange,
    StakeholderAssessment,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyRecipient,
    User,
)

from .conftest import log_in


def _records(entity: str, entity_id) -> list[AuditRecord]:
    return db.session.scalars(
        db.select(AuditRecord).where(AuditRecord.entity == entity, AuditRecord.entity_id == str(entity_id)).order_by(AuditRecord.id)
    ).all()


def test_creating_an_organisation_in_the_browser_records_who_did_it(client_as):
    staff = client_as("staff")
    staff.post("/organisations/new", data={"name": "Norrviks Fritidsgård", "sector": "public", "kind": "municipality"})
    organisation = db.session.scalar(db.select(Organisation).where(Organisation.name == "Norrviks Fritidsgård"))
    [record] = _records("Organisation", organisation.id)
    assert record.action == "insert"
    assert record.user_id == staff.user.id
    assert record.changes["name"] == [None, "Norrviks Fritidsgård"]
    assert record.changes["sector"] == [None, "public"]


def test_an_edit_records_each_changed_field_before_and_after(client_as, make_organisation):
    staff = client_as("staff")
    organisation = make_organisation("Gamla Namnet")
    staff.post(f"/organisations/{organisation.id}/edit", data={
        "version": organisation.version, "name": "Nya Namnet", "sector": "civil", "kind": "association",
    })
    update = _records("Organisation", organisation.id)[-1]
    assert update.action == "update"
    assert update.user_id == staff.user.id
    assert update.changes == {"name": ["Gamla Namnet", "Nya Namnet"]}


def test_changes_to_a_list_of_neighbourhoods_are_recorded_as_ids(client_as, make_organisation, make_neighbourhood):
    staff = client_as("staff")
    organisation = make_organisation("Föreningen Bron")
    rosengard = make_neighbourhood("Östra Backen")
    staff.post(f"/organisations/{organisation.id}/edit", data={
        "version": organisation.version, "name": "Föreningen Bron", "sector": "civil", "kind": "association",
        "neighbourhood_ids": [rosengard.id],
    })
    update = _records("Organisation", organisation.id)[-1]
    assert update.changes["neighbourhoods"] == [[], [rosengard.id]]


def test_a_deletion_is_recorded_with_what_was_there(app, make_organisation):
    organisation = make_organisation("Kortlivade AB")
    organisation_id = organisation.id
    db.session.delete(organisation)
    db.session.commit()
    deletion = _records("Organisation", organisation_id)[-1]
    assert deletion.action == "delete"
    assert deletion.changes["name"] == ["Kortlivade AB", None]


def test_a_password_never_reaches_the_audit_trail(make_user):
    user = make_user("staff")
    [record] = _records("User", user.id)
    assert "password_hash" not in record.changes
    assert "$argon2" not in str(record.changes)


def test_admin_filters_the_audit_trail_by_record_type_and_user(client_as, make_organisation):
    admin = client_as("admin")
    staff = client_as("staff")
    staff.post("/organisations/new", data={"name": "Spårbar Förening", "sector": "civil", "kind": "association"})
    make_organisation("Annan Förening")
    page = admin.get(f"/admin/audit?entity=Organisation&user_id={staff.user.id}").get_data(as_text=True)
    assert "Spårbar Förening" in page
    assert "Annan Förening" not in page


def test_a_viewer_cannot_read_the_audit_trail(client_as):
    assert client_as("viewer").get("/admin/audit").status_code == 403


def test_a_login_goes_to_the_security_log_not_the_audit_trail(client, make_user, caplog):
    user = make_user("viewer")
    before = _records("User", user.id)
    caplog.set_level(logging.INFO, logger="coalition.security")
    assert log_in(client, user.email).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).last_login_at is not None  # the users list still shows it
    assert _records("User", user.id) == before
    assert [(r.security_event, r.security_fields["user"]) for r in caplog.records
            if r.name == "coalition.security"] == [("login.succeeded", user.id)]


def _deletions(entity: str, entity_id) -> list[AuditRecord]:
    return [record for record in _records(entity, entity_id) if record.action == "delete"]


def test_staff_removing_a_membership_leaves_a_deletion_with_who_and_what(client_as, make_organisation, make_person):
    staff = client_as("staff")
    organisation = make_organisation("Bostadsbolaget Hem")
    person = make_person("Sara Lind", organisation=organisation)
    person.memberships[0].title = "Bovärd"
    db.session.commit()
    membership_id = person.memberships[0].id

    staff.post(f"/people/{person.id}/memberships/{membership_id}/remove")

    assert db.session.get(Membership, membership_id) is None
    [deletion] = _deletions("Membership", membership_id)
    assert deletion.user_id == staff.user.id
    assert deletion.changes["person_id"] == [person.id, None]
    assert deletion.changes["organisation_id"] == [organisation.id, None]
    assert deletion.changes["title"] == ["Bovärd", None]


def test_a_membership_edited_and_removed_in_one_go_is_recorded_as_a_deletion_of_the_stored_values(
        make_user, make_organisation, make_person):
    user = make_user("staff")
    person = make_person("Omar Ali", organisation=make_organisation())
    membership = person.memberships[0]
    membership.title = "Ordförande"
    db.session.commit()
    set_actor(db.session, user.id)
    memberships = person.memberships  # loaded first: loading would flush the new title on its own

    membership.title = "Kassör"
    memberships.remove(membership)
    db.session.commit()

    records = _records("Membership", membership.id)
    assert [record.action for record in records] == ["insert", "update", "delete"]
    assert records[-1].user_id == user.id
    assert records[-1].changes["title"] == ["Ordförande", None]


def test_a_participant_taken_off_a_meeting_list_leaves_one_deletion(make_user, make_person, make_meeting):
    user = make_user("staff")
    person = make_person("Lina Berg")
    meeting = make_meeting(attendees=[person])
    participation = meeting.participations[0]
    set_actor(db.session, user.id)

    meeting.participations.remove(participation)
    db.session.commit()

    assert db.session.scalar(sa.select(sa.func.count()).select_from(Participation)) == 0
    [deletion] = _deletions("Participation", participation.id)
    assert deletion.user_id == user.id
    assert deletion.changes["person_id"] == [person.id, None]
    assert deletion.changes["meeting_id"] == [meeting.id, None]
    assert deletion.changes["status"] == ["attended", None]


def test_participants_removed_by_ticking_them_are_recorded_once_each(make_user, make_person, make_meeting):
    user = make_user("staff")
    meeting = make_meeting(attendees=[make_person(), make_person()])
    ids = [participation.id for participation in meeting.participations]
    set_actor(db.session, user.id)

    attendance.remove_participations(db.session, meeting, ids)
    db.session.commit()

    for participation_id in ids:
        [deletion] = _deletions("Participation", participation_id)
        assert deletion.user_id == user.id


def test_deleting_an_organisation_records_its_assessments_once_each(make_organisation):
    organisation = make_organisation("Kvartersgården")
    organisation.assessments.append(StakeholderAssessment(
        assessed_on=date(2026, 3, 1), influence=4, interest=5, engagement=Engagement.INVOLVED))
    db.session.commit()
    assessment_id = organisation.assessments[0].id

    db.session.delete(organisation)
    db.session.commit()

    assert len(_deletions("Organisation", organisation.id)) == 1
    [deletion] = _deletions("StakeholderAssessment", assessment_id)
    assert deletion.changes["influence"] == [4, None]


def _orphan_cases():
    """Each delete-orphan collection: (parent class, collection, build the parent with one child)."""

    def person(make):
        return make["person"](organisation=make["organisation"]()), "title"

    def meeting_participation(make):
        return make["meeting"](attendees=[make["person"]()]), "status"

    def meeting_action(make):
        meeting = make["meeting"]()
        meeting.actions.append(FollowUpAction(description="Boka lokal till nästa möte", due_on=date(2026, 6, 1)))
        return meeting, "description"

    def meeting_attachment(make):
        meeting = make["meeting"]()
        meeting.attachments.append(Attachment(filename="protokoll.pdf", content_type="application/pdf",
                                              size_bytes=1200, storage_key="a" * 64))
        return meeting, "filename"

    def kpi_target(make):
        kpi = Kpi(name="Upplevd trygghet", unit="%", direction=Direction.HIGHER_IS_BETTER)
        kpi.targets.append(KpiTarget(neighbourhood=make["neighbourhood"](), baseline_value=Decimal("41.5"),
                                     baseline_on=date(2025, 1, 1), target_value=Decimal(60), target_on=date(2028, 1, 1)))
        db.session.add(kpi)
        return kpi, "baseline_value"

    def assessment(make):
        organisation = make["organisation"]()
        organisation.assessments.append(StakeholderAssessment(
            assessed_on=date(2026, 3, 1), influence=2, interest=3, engagement=Engagement.INFORMED))
        return organisation, "engagement"

    def stage_change(make):
        neighbourhood = make["neighbourhood"]()
        neighbourhood.stage_changes.append(StageChange(stage=Stage.MOBILISING, changed_on=date(2026, 2, 1)))
        return neighbourhood, "stage"

    def meeting_headcount(make):
        meeting = make["meeting"]()
        meeting.headcounts.append(MeetingHeadcount(group=HeadcountGroup(name_sv="Boende i test", name_en="Test residents"),
                                                   count=35))
        return meeting, "count"

    def place_stage_change(make):
        place = MeetingPlace(name="Träffpunkten")
        place.stage_changes.append(PlaceStageChange(stage=PlaceStage.DESIGN, changed_on=date(2026, 2, 1)))
        db.session.add(place)
        return place, "stage"

    def status_change(make):
        commitment = Commitment(kind=CommitmentKind.PREMISES, description="Lokal för läxhjälp")
        commitment.status_changes.append(CommitmentStatusChange(status=CommitmentStatus.AGREED, changed_on=date(2026, 4, 1)))
        db.session.add(commitment)
        return commitment, "status"

    def survey_question(make):
        survey = Survey(title_sv="Enkät")
        survey.questions.append(SurveyQuestion(kind=QuestionKind.TEXT, text_sv="Övrigt"))
        db.session.add(survey)
        return survey, "text_sv"

    def survey_recipient(make):
        survey = Survey(title_sv="Enkät")
        survey.recipients.append(SurveyRecipient(organisation=make["organisation"](), link_nonce="n", token_hash="h"))
        db.session.add(survey)
        return survey, "token_hash"

    def survey_answer(make):
        survey = Survey(title_sv="Enkät", questions=[SurveyQuestion(kind=QuestionKind.TEXT, text_sv="Övrigt")])
        recipient = SurveyRecipient(organisation=make["organisation"](), link_nonce="n", token_hash="h")
        recipient.answers.append(SurveyAnswer(question=survey.questions[0], text="Bra"))
        survey.recipients.append(recipient)
        db.session.add(survey)
        return recipient, "text"

    def proposal_status_change(make):
        proposal = Proposal(title="Läxhjälp i biblioteket", proposed_on=date(2026, 3, 4))
        proposal.status_changes.append(ProposalStatusChange(status=ProposalStatus.DISCUSSED, changed_on=date(2026, 3, 10)))
        db.session.add(proposal)
        return proposal, "status"

    def proposal_vote(make):
        proposal = Proposal(title="Läxhjälp i biblioteket", proposed_on=date(2026, 3, 4))
        proposal.votes.append(ProposalVote(meeting=make["meeting"](), votes=12))
        db.session.add(proposal)
        return proposal, "votes"

    return {
        ("Proposal", "status_changes"): proposal_status_change,
        ("Proposal", "votes"): proposal_vote,
        ("Survey", "questions"): survey_question,
        ("Survey", "recipients"): survey_recipient,
        ("SurveyRecipient", "answers"): survey_answer,
        ("Person", "memberships"): person,
        ("Meeting", "participations"): meeting_participation,
        ("Meeting", "actions"): meeting_action,
        ("Meeting", "attachments"): meeting_attachment,
        ("Meeting", "headcounts"): meeting_headcount,
        ("MeetingPlace", "stage_changes"): place_stage_change,
        ("Kpi", "targets"): kpi_target,
        ("Organisation", "assessments"): assessment,
        ("Neighbourhood", "stage_changes"): stage_change,
        ("Commitment", "status_changes"): status_change,
    }


def test_every_delete_orphan_collection_is_covered_below():
    orphan_collections = {
        (mapper.class_.__name__, relationship.key)
        for mapper in db.Model.registry.mappers for relationship in mapper.relationships
        if relationship.cascade.delete_orphan
    }
    assert orphan_collections == set(_orphan_cases())


@pytest.mark.parametrize("parent_name, collection", sorted(_orphan_cases()))
def test_a_record_taken_out_of_its_list_leaves_one_deletion_with_who_and_what(
        parent_name, collection, make_user, make_person, make_organisation, make_neighbourhood, make_meeting):
    user = make_user("staff")
    make = {"person": make_person, "organisation": make_organisation, "neighbourhood": make_neighbourhood,
            "meeting": make_meeting}
    parent, field = _orphan_cases()[(parent_name, collection)](make)
    db.session.commit()
    child = getattr(parent, collection)[0]
    child_id, old_value = child.id, getattr(child, field)
    set_actor(db.session, user.id)

    getattr(parent, collection).remove(child)
    db.session.commit()

    assert db.session.get(type(child), child_id) is None
    records = _records(type(child).__name__, child_id)
    assert [record.action for record in records] == ["insert", "delete"]
    assert records[-1].user_id == user.id
    assert records[-1].changes[field] == [old_value if isinstance(old_value, int) else str(old_value), None]
