"""The audit trail as an admin reads it: kinds of record and fields in the interface's words,
records and the records a value refers to by name with a link, and each record's own history."""
import html
import re
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from flask_migrate import upgrade

from coalition import create_app
from coalition.audit import _IGNORED_FIELDS
from coalition.audit_names import RECORD_TYPES, field_name
from coalition.db import Base, db
from coalition.kpis import MeasurementDetails, record_measurement
from coalition.models import (
    AuditRecord,
    Direction,
    Interaction,
    InteractionKind,
    Kpi,
    Meeting,
    MeetingKind,
    Organisation,
    Participation,
    Proposal,
    ProposalStatus,
    ProposalStatusChange,
    ProposalVote,
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyRecipient,
)

SWEDISH = {"Accept-Language": "sv"}
# Written with Core (the background job, the change counter, the stored report PDFs), never
# through the audited session.
NOT_AUDITED = {"AuditRecord", "NetworkJob", "NetworkResult", "NetworkChangeCount", "StoredReport"}


def test_every_kind_of_record_and_field_the_trail_can_hold_has_a_name_in_the_interface(app):
    unnamed = []
    for mapper in Base.registry.mappers:
        entity = mapper.class_.__name__
        if entity in NOT_AUDITED:
            continue
        if entity not in RECORD_TYPES:
            unnamed.append(entity)
        for attribute in mapper.attrs:
            many_to_one = isinstance(attribute, sa.orm.RelationshipProperty) and not attribute.uselist
            if not many_to_one and attribute.key not in _IGNORED_FIELDS \
                    and field_name(entity, attribute.key) == attribute.key:
                unnamed.append(f"{entity}.{attribute.key}")
    assert unnamed == []


def _measurement(make_neighbourhood):
    kpi = Kpi(name="Trygghet kvällstid", unit="%", direction=Direction.HIGHER_IS_BETTER)
    db.session.add(kpi)
    db.session.flush()
    measurement = record_measurement(db.session, kpi, MeasurementDetails(
        make_neighbourhood("Kvarnängen").id, date(2026, 3, 31), Decimal("41.5"), "SCB"))
    db.session.commit()
    return kpi, measurement


def test_a_kpi_measurement_reads_in_swedish_with_the_kpi_and_neighbourhood_by_name(client_as, make_neighbourhood):
    kpi, _ = _measurement(make_neighbourhood)
    page = client_as("admin").get("/admin/audit?entity=KpiMeasurement", headers=SWEDISH).text
    row = re.search(r"<tbody>.*?</tr>", page, re.DOTALL).group(0)
    shown = re.sub(r'href="[^"]*"', "", row)  # what is read, not where the links go
    assert "Mätvärde för nyckeltal" in shown and "KpiMeasurement" not in shown
    assert f'<a href="/kpis/{kpi.id}">Trygghet kvällstid, Kvarnängen, 2026-03-31</a>' in row
    assert "Mätdatum" in shown
    assert "kpi_id" not in shown and "neighbourhood_id" not in shown and "measured_on" not in shown
    assert f'<a href="/kpis/{kpi.id}">Trygghet kvällstid</a>' in row  # the value of kpi_id, by name
    assert "Kvarnängen</a>" in row


def test_surveys_proposals_and_interactions_are_named_in_the_trail_not_numbered(client_as, make_organisation,
                                                                                make_meeting):
    owner = make_organisation("Sjöberga Bostäder")
    survey = Survey(title_sv="Fastighetsägarnas enkät",
                    questions=[SurveyQuestion(kind=QuestionKind.TEXT, text_sv="Vad behöver gården?")])
    recipient = SurveyRecipient(organisation=owner, link_nonce="n", token_hash="h")
    recipient.answers.append(SurveyAnswer(question=survey.questions[0], text="En lokal"))
    survey.recipients.append(recipient)
    proposal = Proposal(title="Läxhjälp i biblioteket", proposed_on=date(2026, 3, 4))
    proposal.status_changes.append(ProposalStatusChange(status=ProposalStatus.DISCUSSED, changed_on=date(2026, 3, 10)))
    proposal.votes.append(ProposalVote(meeting=make_meeting("Workshop om läxhjälp"), votes=12))
    db.session.add_all([survey, proposal, Interaction(organisation=owner, kind=InteractionKind.CALL,
                                                      happened_on=date(2026, 3, 5), text="Ringde om lokalen")])
    db.session.commit()
    admin = client_as("admin")
    expected = {
        "Survey": f'<a href="/surveys/{survey.id}">Fastighetsägarnas enkät</a>',
        "SurveyQuestion": f'<a href="/surveys/{survey.id}">Vad behöver gården?</a>',
        "SurveyRecipient": f'<a href="/surveys/{survey.id}/recipients">Sjöberga Bostäder, Fastighetsägarnas enkät</a>',
        "SurveyAnswer": f'<a href="/surveys/{survey.id}/results">Sjöberga Bostäder: Vad behöver gården?</a>',
        "Proposal": f'<a href="/proposals/{proposal.id}">Läxhjälp i biblioteket</a>',
        "ProposalStatusChange": f'<a href="/proposals/{proposal.id}">Läxhjälp i biblioteket: Discussed</a>',
        "ProposalVote": f'<a href="/proposals/{proposal.id}">Läxhjälp i biblioteket: 12</a>',
        "Interaction": f'<a href="/organisations/{owner.id}">Sjöberga Bostäder, Call 2026-03-05</a>',
    }
    for entity, link in expected.items():
        page = html.unescape(admin.get(f"/admin/audit?entity={entity}").text)
        assert link in page, entity


def test_values_of_a_kind_and_a_list_of_records_are_shown_by_their_names(client_as, make_organisation,
                                                                          make_neighbourhood):
    kvarnangen = make_neighbourhood("Kvarnängen")
    staff, admin = client_as("staff"), client_as("admin")
    organisation = make_organisation("Kvarnängens IF")
    staff.post(f"/organisations/{organisation.id}/edit", data={
        "name": "Kvarnängens IF", "sector": "public", "kind": "association", "neighbourhood_ids": [kvarnangen.id],
        "version": organisation.version})
    page = admin.get(f"/admin/audit?entity=Organisation&entity_id={organisation.id}").text
    assert re.search(r"<dt[^>]*>Sector</dt>\s*<dd[^>]*>Civil society → Public sector</dd>", page)
    assert re.search(r'<dt[^>]*>Neighbourhoods</dt>\s*<dd[^>]*><span[^>]*>\+</span> '
                     rf'<a href="/neighbourhoods/{kvarnangen.id}">Kvarnängen</a></dd>', page)


def test_a_deleted_record_is_named_from_what_its_rows_kept(client_as, make_organisation):
    organisation = make_organisation("Kortlivade AB")
    organisation_id = organisation.id
    db.session.delete(organisation)
    db.session.commit()
    page = client_as("admin").get(f"/admin/audit?entity=Organisation&entity_id={organisation_id}").text
    assert page.count("Kortlivade AB") >= 2  # the record's name, and the name it had
    assert f'href="/organisations/{organisation_id}"' not in page  # no page to link to any more


def test_an_organisations_page_links_an_admin_to_its_own_history(client_as, make_organisation):
    mine, other = make_organisation("Kvarnängens IF"), make_organisation("Backens IF")
    admin = client_as("admin")
    page = admin.get(f"/organisations/{mine.id}").text
    history = html.unescape(re.search(r'<a href="([^"]+)" data-link="history">History of changes</a>', page).group(1))
    assert history == f"/admin/audit?entity=Organisation&entity_id={mine.id}"
    trail = admin.get(history).text
    assert re.search(r'id="history-of">History of organisation: <strong><a href="/organisations/\d+">Kvarnängens IF',
                     trail)
    assert "Backens IF" not in trail
    assert "History of changes" not in client_as("staff").get(f"/organisations/{other.id}").text


def test_a_page_of_the_trail_reads_names_with_a_query_per_kind_of_record(client_as, make_person, make_organisation,
                                                                         statements):
    organisation = make_organisation("Kvarnängens IF")
    meeting = Meeting(kind=MeetingKind.WORKSHOP, title="Workshop om torget", starts_at=datetime(2026, 3, 1, 9))
    for number in range(30):
        meeting.participations.append(Participation(person=make_person(f"Deltagare {number}",
                                                                        organisation=organisation),
                                                    organisation=organisation))
    db.session.add(meeting)
    db.session.commit()
    admin = client_as("admin")
    statements.clear()
    page = admin.get("/admin/audit?entity=Participation").text
    assert page.count("Workshop om torget</a>") >= 30
    assert len([s for s in statements if "FROM participations" in s]) <= 2


def test_the_migration_drops_the_login_rows_and_keeps_other_account_changes(fresh_database):
    app = create_app({"SQLALCHEMY_DATABASE_URI": fresh_database, "TESTING": True})
    with app.app_context():
        upgrade(revision="a23269f7e403")
        rows = [{"entity": "User", "entity_id": "1", "action": "update", "origin": "web",
                 "changes": {"last_login_at": ["2026-11-01T08:00:00", "2026-11-02T08:00:00"]}},
                {"entity": "User", "entity_id": "1", "action": "update", "origin": "web",
                 "changes": {"role": ["viewer", "staff"], "last_login_at": [None, "2026-11-03T08:00:00"]}},
                {"entity": "Organisation", "entity_id": "1", "action": "update", "origin": "web",
                 "changes": {"name": ["A", "B"]}}]
        with db.engine.begin() as connection:
            connection.execute(sa.insert(AuditRecord.__table__), [{**row, "at": datetime(2026, 11, 3)} for row in rows])
        upgrade()
        kept = [(r.entity, r.changes) for r in db.session.scalars(sa.select(AuditRecord).order_by(AuditRecord.id))]
        assert kept == [("User", {"role": ["viewer", "staff"]}), ("Organisation", {"name": ["A", "B"]})]
        db.session.remove()
        db.engine.dispose()


def test_the_record_type_filter_offers_the_interfaces_names(client_as):
    page = client_as("admin").get("/admin/audit", headers=SWEDISH).text
    options = re.search(r'<select[^>]*id="entity"[^>]*>(.*?)</select>', page, re.DOTALL).group(1)
    assert '<option value="KpiMeasurement">Mätvärde för nyckeltal</option>' in options
    assert '<option value="Organisation">Organisation</option>' in options
    assert "NetworkJob" not in options and "AuditRecord" not in options
    assert Organisation.__name__ in options


def test_a_survey_answers_chosen_options_are_shown_by_their_text_not_their_position(client_as, make_organisation):
    question = SurveyQuestion(kind=QuestionKind.SEVERAL_CHOICES, text_sv="Vad behöver gården?",
                              options_sv="Läxhjälp\nFritidsgård\nBibliotek", options_en="Homework help\nYouth club\nLibrary")
    survey = Survey(title_sv="Fastighetsägarnas enkät", questions=[question])
    recipient = SurveyRecipient(organisation=make_organisation("Sjöberga Bostäder"), link_nonce="n", token_hash="h")
    answer = SurveyAnswer(question=question, choices=[1])
    recipient.answers.append(answer)
    survey.recipients.append(recipient)
    db.session.add(survey)
    db.session.commit()
    answer.choices = [1, 2]
    db.session.commit()
    page = html.unescape(client_as("admin").get(f"/admin/audit?entity=SurveyAnswer&entity_id={answer.id}").text)
    assert "Youth club" in page and "Library" in page
    assert not re.search(r"<dd[^>]*>[^<]*\b[12]\b", page.split("<main", 1)[1])
