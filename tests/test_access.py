"""Walk every route of the app as anonymous, viewer, staff and admin, so that a new route
cannot forget its access check."""
import io
from datetime import date, datetime

import pytest

from coalition.attachments import store_attachment
from coalition.auth import Access, access_of
from coalition.db import db
from coalition.models import (
    Commitment,
    CommitmentKind,
    Direction,
    FollowUpAction,
    HeadcountGroup,
    Initiative,
    Interaction,
    InteractionKind,
    IntroductionDecision,
    IntroductionOutcome,
    Kpi,
    KpiMeasurement,
    KpiTarget,
    Meeting,
    MeetingKind,
    MeetingPlace,
    Membership,
    Proposal,
    QuestionKind,
    Relationship,
    RelationshipKind,
)
from coalition.surveys import building


@pytest.fixture
def sample_ids(make_organisation, make_person, make_neighbourhood, make_user):
    organisation = make_organisation()
    person = make_person(organisation=organisation)
    membership_id = db.session.scalar(db.select(Membership.id).where(Membership.person_id == person.id))
    meeting = Meeting(kind=MeetingKind.WORKSHOP, title="Sample workshop", starts_at=datetime(2026, 3, 4, 18, 0))
    meeting.actions.append(FollowUpAction(description="Send the minutes"))
    db.session.add(meeting)
    db.session.commit()
    # An agenda holds no personal data, so viewers may read it (sign-in lists are staff-only).
    attachment = store_attachment(db.session, meeting, io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "agenda.pdf",
                                  uploaded_by_id=None, holds_personal_data=False)
    initiative = Initiative(name="Sample initiative", participants=[organisation])
    commitment = Commitment(kind=CommitmentKind.POLICY_CHANGE, description="Sample promise", parties=[organisation],
                            initiative=initiative, meeting=meeting)
    db.session.add(commitment)
    partner = make_organisation()
    db.session.add(Relationship(from_organisation=organisation, to_organisation=partner,
                                kind=RelationshipKind.PARTNERSHIP))
    introduced = IntroductionDecision(first_organisation_id=min(organisation.id, partner.id),
                                      second_organisation_id=max(organisation.id, partner.id),
                                      outcome=IntroductionOutcome.INTRODUCED, decided_on=date(2026, 3, 4),
                                      due_on=date(2026, 4, 4))
    db.session.add(introduced)
    kpi_place = make_neighbourhood()
    kpi = Kpi(name="Sample KPI", unit="%", direction=Direction.HIGHER_IS_BETTER, targets=[KpiTarget(
        neighbourhood=kpi_place, baseline_value=1, baseline_on=date(2025, 1, 1), target_value=2,
        target_on=date(2027, 1, 1))])
    db.session.add(KpiMeasurement(kpi=kpi, neighbourhood=kpi_place, measured_on=date(2025, 6, 30), value=1))
    group = HeadcountGroup(name_sv="Stickprov", name_en="Sample group")
    place = MeetingPlace(name="Sample place", run_by=organisation)
    meeting.meeting_place = place
    proposal = Proposal(title="Sample proposal", proposed_on=date(2026, 3, 4), meeting=meeting, backers=[organisation])
    interaction = Interaction(organisation=organisation, person=person, kind=InteractionKind.CALL,
                              happened_on=date(2026, 3, 5), text="Sample call")
    db.session.add_all([group, place, proposal, interaction])
    db.session.commit()
    survey = building.create_survey(db.session, building.SurveyDetails(title_sv="Stickprov"))
    question = building.add_question(db.session, survey, building.QuestionDetails(QuestionKind.TEXT, "Fråga"))
    building.add_recipients(db.session, survey, [organisation], secret="sample")
    db.session.commit()
    return {
        "organisation_id": organisation.id,
        "person_id": person.id,
        "neighbourhood_id": make_neighbourhood().id,
        "user_id": make_user("viewer").id,
        "membership_id": membership_id,
        "meeting_id": meeting.id,
        "action_id": meeting.actions[0].id,
        "attachment_id": attachment.id,
        "token": "no-such-calendar-feed-token",
        "commitment_id": commitment.id,
        "initiative_id": initiative.id,
        "fmt": "graphml",
        "relationship_id": db.session.scalar(db.select(Relationship.id)),
        "kpi_id": kpi.id,
        "target_id": kpi.targets[0].id,
        "measurement_id": db.session.scalar(db.select(KpiMeasurement.id)),
        "decision_id": introduced.id,
        "group_id": group.id,
        "place_id": place.id,
        "survey_id": survey.id,
        "question_id": question.id,
        "recipient_id": survey.recipients[0].id,
        "direction": "up",
        "proposal_id": proposal.id,
        "kind": "organisation", "first_id": organisation.id, "second_id": partner.id,
        "interaction_id": interaction.id,
        "alert": "dormant-tie",
    }


def _routes(app, sample_ids):
    """Yield (endpoint, method, url) for every route, with real ids filled in; logout last."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.endpoint == "auth.logout"):
        if rule.endpoint in ("static", "bootstrap.static"):
            continue
        if "job_id" in rule.arguments:
            continue  # a long upload's check belongs to its uploader: see test_attendance_import.py
        missing = set(rule.arguments) - sample_ids.keys()
        assert not missing, f"{rule.rule}: add a sample value for {missing} in tests/test_access.py"
        url = rule.build({name: sample_ids[name] for name in rule.arguments})[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule.endpoint, method, url


def test_every_view_declares_who_may_use_it(app):
    undeclared = [e for e in app.view_functions if access_of(app, e) is None]
    assert undeclared == []


def test_an_anonymous_visitor_is_sent_to_login_everywhere_but_the_public_pages(app, client, sample_ids):
    for endpoint, method, url in _routes(app, sample_ids):
        if access_of(app, endpoint) is Access.PUBLIC:
            continue
        response = client.open(url, method=method)
        assert response.status_code == 302, f"{method} {url}"
        assert response.headers["Location"].startswith("/login"), f"{method} {url}"


def test_a_viewer_reads_every_page_and_is_refused_every_write(app, client_as, sample_ids):
    viewer = client_as("viewer")
    for endpoint, method, url in _routes(app, sample_ids):
        level = access_of(app, endpoint)
        response = viewer.open(url, method=method)
        if level in (Access.STAFF, Access.ADMIN):
            assert response.status_code == 403, f"{method} {url}"
        elif method == "GET" and level is Access.READ:
            assert response.status_code == 200, f"{method} {url}"


def test_staff_can_open_every_staff_page_but_no_admin_page(app, client_as, sample_ids):
    staff = client_as("staff")
    for endpoint, method, url in _routes(app, sample_ids):
        level = access_of(app, endpoint)
        if method != "GET":
            continue
        response = staff.open(url, method=method)
        if level is Access.ADMIN:
            assert response.status_code == 403, f"{method} {url}"
        elif level is not Access.PUBLIC:
            assert response.status_code == 200, f"{method} {url}"


def test_an_admin_can_open_every_page(app, client_as, sample_ids):
    admin = client_as("admin")
    for endpoint, method, url in _routes(app, sample_ids):
        if method == "GET" and access_of(app, endpoint) is not Access.PUBLIC:
            assert admin.get(url).status_code == 200, url


def test_every_form_post_without_a_csrf_token_is_refused(app, client_as, sample_ids):
    admin = client_as("admin")
    app.config["WTF_CSRF_ENABLED"] = True
    for _endpoint, method, url in _routes(app, sample_ids):
        if method == "POST":
            assert admin.post(url, data={}).status_code == 400, url
