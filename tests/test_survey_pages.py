"""Surveys on the web (issue 17): staff build and send one, recipients answer through their links, results."""
import csv
import io
import re
from datetime import date

import openpyxl
import pytest

from coalition.db import db
from coalition.models import (
    AnswerChannel,
    OrganisationKind,
    QuestionKind,
    Sector,
    Survey,
    SurveyAnswer,
    SurveyRecipient,
    SurveyStatus,
)
from coalition.surveys import building


@pytest.fixture
def owners(make_organisation, make_neighbourhood, make_person):
    backen = make_neighbourhood("Backen")
    found = []
    for i, name in enumerate(["Backens Fastigheter AB", "Hyresbolaget Norr", "Stadsbo AB", "Torgets Fastighets AB"]):
        owner = make_organisation(name, sector=Sector.PRIVATE, kind=OrganisationKind.PROPERTY_OWNER,
                                  neighbourhoods=[backen])
        make_person(f"Kontakt {i}", organisation=owner, email=f"kontakt{i}@example.se")
        found.append(owner)
    return found


@pytest.fixture
def survey(app, owners):
    """An open survey to four property owners: a required choice, a number from 0 to 500, and free text."""
    survey = building.create_survey(db.session, building.SurveyDetails(
        title_sv="Trygghet i Backen", title_en="Safety in Backen", introduction_sv="Vi vill höra er."))
    for details in (
        building.QuestionDetails(QuestionKind.ONE_CHOICE, "Vill ni delta i trygghetsvandringar?",
                                 "Will you join safety walks?", required=True, options_sv="Ja\nNej",
                                 options_en="Yes\nNo"),
        building.QuestionDetails(QuestionKind.NUMBER, "Hur många lägenheter har ni?", minimum=0, maximum=500),
        building.QuestionDetails(QuestionKind.TEXT, "Övriga synpunkter"),
    ):
        building.add_question(db.session, survey, details)
    building.add_recipients(db.session, survey, owners, secret=app.config["SECRET_KEY"])
    building.open_survey(db.session, survey, today=date.today())
    db.session.commit()
    return survey


def _link(app, recipient: SurveyRecipient) -> str:
    return f"/answer/{recipient.survey_id}/{building.answer_link_token(recipient, app.config['SECRET_KEY'])}"


def _fields(survey: Survey, *values) -> dict:
    return {f"q{q.id}": v for q, v in zip(survey.questions, values, strict=False)}


def test_staff_build_a_survey_with_questions_in_the_order_they_choose(client_as, owners):
    staff = client_as("staff")
    response = staff.post("/surveys/new", data={"title_sv": "Enkät om gården", "title_en": ""})
    survey = db.session.scalar(db.select(Survey))
    assert response.status_code == 302 and survey.status is SurveyStatus.DRAFT
    refused = staff.post(f"/surveys/{survey.id}/questions/new", data={
        "kind": "one_choice", "text_sv": "Val", "options_sv": "Bara ett"})
    assert refused.status_code == 200 and "at least two options" in refused.text
    assert "Val" in refused.text  # the question typed is kept
    for text in ("Första", "Andra"):
        staff.post(f"/surveys/{survey.id}/questions/new", data={"kind": "text", "text_sv": text})
    second = survey.questions[1]
    staff.post(f"/surveys/{survey.id}/questions/{second.id}/move/up")
    db.session.expire_all()
    assert [q.text_sv for q in survey.questions] == ["Andra", "Första"]
    page = staff.get(f"/surveys/{survey.id}").text
    assert page.index("Andra") < page.index("Första")


def test_staff_choose_the_property_owners_by_filter_and_open_the_survey(client_as, owners, make_organisation):
    make_organisation("Backens IF")
    staff = client_as("staff")
    survey = building.create_survey(db.session, building.SurveyDetails(title_sv="Enkät"))
    building.add_question(db.session, survey, building.QuestionDetails(QuestionKind.TEXT, "Fråga"))
    db.session.commit()
    staff.post(f"/surveys/{survey.id}/recipients/by-filter", data={"filter-kinds": ["property_owner"]})
    page = staff.get(f"/surveys/{survey.id}/recipients").text
    assert "Stadsbo AB" in page and "Backens IF" not in page and "Kontakt 2" in page
    assert staff.post(f"/surveys/{survey.id}/open").status_code == 302
    db.session.expire_all()
    assert survey.status is SurveyStatus.OPEN and survey.opened_on == date.today()


def test_staff_copy_every_link_as_a_list_and_viewers_never_see_them(app, client_as, survey):
    page = client_as("staff").get(f"/surveys/{survey.id}/links")
    assert page.headers["Cache-Control"] == "no-store"
    for recipient in survey.recipients:
        assert f"{recipient.organisation.name}\t{recipient.contact_person.name}\t{recipient.contact_person.email}\t" \
               f"http://localhost{_link(app, recipient)}" in page.text
    viewer = client_as("viewer")
    assert viewer.get(f"/surveys/{survey.id}/links").status_code == 403
    assert viewer.get(f"/surveys/{survey.id}/links.csv").status_code == 403
    results = viewer.get(f"/surveys/{survey.id}/results")
    assert results.status_code == 200 and "/answer/" not in results.text
    assert "/answer/" not in viewer.get(f"/surveys/{survey.id}").text


def test_a_recipient_answers_through_its_link_without_logging_in(app, client, survey):
    recipient = survey.recipients[0]
    page = client.get(_link(app, recipient))
    assert page.status_code == 200 and "Safety in Backen" in page.text and recipient.organisation.name in page.text
    assert page.headers["Cache-Control"] == "no-store" and '<meta name="referrer" content="no-referrer">' in page.text
    draft = client.post(_link(app, recipient), data={**_fields(survey, "", "120"), "action": "draft"})
    assert draft.status_code == 302
    assert 'value="120"' in client.get(_link(app, recipient)).text  # the draft comes back
    sent = client.post(_link(app, recipient), data={**_fields(survey, "0", "120", "Bra!"), "action": "submit"})
    assert sent.status_code == 302
    db.session.expire_all()
    assert recipient.submitted_at is not None and recipient.channel is AnswerChannel.LINK
    again = client.post(_link(app, recipient), data={**_fields(survey, "1"), "action": "submit"})
    assert "your answer has been received" in again.text
    db.session.expire_all()
    assert {a.question.text_sv: a.choices for a in recipient.answers}["Vill ni delta i trygghetsvandringar?"] == [0]


def test_wrong_answers_are_refused_beside_their_questions_with_the_others_kept(app, client, survey):
    recipient = survey.recipients[0]
    response = client.post(_link(app, recipient), data={**_fields(survey, "7", "501", "Kvar här"), "action": "submit"})
    assert response.status_code == 400
    assert "Choose among the options given." in response.text and "Give a number from 0 to 500." in response.text
    assert "Kvar här" in response.text and 'value="501"' in response.text
    missing = client.post(_link(app, recipient), data={**_fields(survey, "", "12"), "action": "submit"})
    assert "This question needs an answer." in missing.text
    db.session.expire_all()
    assert recipient.answers == [] and recipient.submitted_at is None


@pytest.mark.parametrize("how", ["closed", "unknown", "another survey"])
def test_a_link_that_does_not_work_gets_a_clear_page_and_changes_nothing(app, client, survey, owners, how):
    recipient = survey.recipients[0]
    link = _link(app, recipient)
    if how == "closed":
        building.close_survey(db.session, survey, today=date.today())
        db.session.commit()
    elif how == "unknown":
        link = link[:-4] + "abcd"
    else:
        other = building.create_survey(db.session, building.SurveyDetails(title_sv="Annan"))
        building.add_question(db.session, other, building.QuestionDetails(QuestionKind.TEXT, "Annan fråga"))
        building.add_recipients(db.session, other, owners[:1], secret=app.config["SECRET_KEY"])
        building.open_survey(db.session, other, today=date.today())
        db.session.commit()
        link = link.replace(f"/answer/{survey.id}/", f"/answer/{other.id}/")
    page = client.get(link)
    assert page.status_code == (410 if how == "closed" else 404)
    assert ("This survey is closed." if how == "closed" else "This link does not work.") in page.text
    assert "Safety in Backen" not in page.text
    sent = client.post(link, data={**_fields(survey, "0", "10", "Sent"), "action": "submit"})
    assert sent.status_code == page.status_code
    assert db.session.scalar(db.select(db.func.count()).select_from(SurveyAnswer)) == 0


def test_the_answer_page_is_csrf_protected_size_limited_and_rate_limited(app, client, survey):
    link = _link(app, survey.recipients[0])
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post(link, data={**_fields(survey, "0"), "action": "submit"}).status_code == 400
    app.config["WTF_CSRF_ENABLED"] = False
    assert client.post(link, data={**_fields(survey, "0", "", "x" * 300_000), "action": "submit"}).status_code == 413
    assert db.session.scalar(db.select(db.func.count()).select_from(SurveyAnswer)) == 0
    app.config["SURVEY_ANSWERS_PER_ADDRESS"] = "2 per minute"
    statuses = [client.get(link).status_code for _ in range(3)]
    assert statuses[-1] == 429


def test_the_answer_page_carries_no_tracking_and_no_other_site(app, client, survey):
    page = client.get(_link(app, survey.recipients[0])).text
    addresses = re.findall(r'(?:src|href|action)="([^"]*)"', page)
    assert addresses and all(a.startswith("/") and not a.startswith("//") for a in addresses)
    assert "<script" not in page
    assert "/surveys" not in page and "/organisations" not in page  # no way into the rest of the app


def test_staff_type_in_an_answer_received_on_paper(client_as, survey):
    recipient = survey.recipients[1]
    staff = client_as("staff")
    refused = staff.post(f"/surveys/{survey.id}/recipients/{recipient.id}/answer",
                         data={"channel": "paper", **_fields(survey, "", "40")})
    assert refused.status_code == 400 and "This question needs an answer." in refused.text
    saved = staff.post(f"/surveys/{survey.id}/recipients/{recipient.id}/answer",
                       data={"channel": "paper", **_fields(survey, "1", "40", "Per post")})
    assert saved.status_code == 302
    db.session.expire_all()
    assert recipient.channel is AnswerChannel.PAPER and recipient.entered_by_id == staff.user.id
    assert client_as("viewer").post(f"/surveys/{survey.id}/recipients/{survey.recipients[2].id}/answer",
                                    data={"channel": "paper", **_fields(survey, "0")}).status_code == 403


def _answer(app, client, survey, recipient, *values):
    client.post(_link(app, recipient), data={**_fields(survey, *values), "action": "submit"})


def test_results_show_the_response_rate_and_counts_and_export_one_row_per_answer(app, client, client_as, survey):
    _answer(app, client, survey, survey.recipients[0], "0", "120", "=HYPERLINK(\"http://x\")")
    _answer(app, client, survey, survey.recipients[1], "1", "30", "")
    viewer = client_as("viewer")
    page = viewer.get(f"/surveys/{survey.id}/results").text
    assert re.search(r'id="response-rate">\s*50 %', page)
    assert "1 (50 %)" in page and "Backens Fastigheter AB" in page
    rows = list(csv.reader(io.StringIO(viewer.get(f"/surveys/{survey.id}/results.csv").text.lstrip("\ufeff"))))
    assert len(rows) == 3 and rows[1][0] == "Backens Fastigheter AB"
    assert not any(cell.startswith("=") for row in rows for cell in row)
    book = openpyxl.load_workbook(io.BytesIO(viewer.get(f"/surveys/{survey.id}/results.xlsx").data))
    sheet = book.active
    assert sheet.max_row == 3 and sheet.cell(2, 6).value == "Yes"
    filtered = viewer.get(f"/surveys/{survey.id}/results?sector=civil").text
    assert re.search(r'id="response-rate">\s*0 %', filtered)


def test_an_organisation_page_lists_the_surveys_it_was_sent_and_its_answers(app, client, client_as, survey, owners):
    _answer(app, client, survey, survey.recipients[0], "0", "120", "Gärna fler möten")
    page = client_as("viewer").get(f"/organisations/{survey.recipients[0].organisation_id}").text
    assert "Safety in Backen" in page and "Gärna fler möten" in page and "Through its link" in page
    other = client_as("viewer").get(f"/organisations/{survey.recipients[1].organisation_id}").text
    assert "Safety in Backen" in other and "not answered" in other


def test_the_dashboard_and_the_steering_report_show_the_surveys_open_and_their_response_rates(
        app, client, client_as, survey):
    _answer(app, client, survey, survey.recipients[0], "0", "12", "")
    viewer = client_as("viewer")
    for page in (viewer.get("/").text, viewer.get("/reports/steering").text):
        row = re.search(r'id="surveys-in-period".*?</table>', page, re.S).group(0)
        assert "Safety in Backen" in row and "1&nbsp;/ 4" in row and "25 %" in row


def test_the_answer_page_speaks_swedish_to_a_swedish_reader(app, client, survey):
    page = client.get(_link(app, survey.recipients[0]), headers={"Accept-Language": "sv"}).text
    assert "Trygghet i Backen" in page and "Skicka svaren" in page and "Vill ni delta i trygghetsvandringar?" in page
    refused = client.post(_link(app, survey.recipients[0]), headers={"Accept-Language": "sv"},
                          data={**_fields(survey, "", "9999"), "action": "submit"}).text
    assert "Frågan behöver ett svar." in refused and "Ange ett tal från 0 till 500." in refused


def test_the_demo_coalition_has_a_closed_survey_most_property_owners_answered_and_an_open_one(demo, demo_viewer):
    surveys = {s.status: s for s in db.session.scalars(db.select(Survey))}
    closed, open_ = surveys[SurveyStatus.CLOSED], surveys[SurveyStatus.OPEN]
    assert {r.organisation.kind for r in closed.recipients} == {OrganisationKind.PROPERTY_OWNER}
    answered = [r for r in closed.recipients if r.answered]
    assert len(answered) > len(closed.recipients) / 2 and {r.channel for r in answered} == set(AnswerChannel)
    assert any(r.answered for r in open_.recipients) and not all(r.answered for r in open_.recipients)
    page = demo_viewer.get(f"/surveys/{closed.id}/results").text
    assert re.search(r'id="response-rate">\s*78 %', page) and "Torget behöver belysning" in page
    assert open_.title_en in demo_viewer.get("/").text


def test_a_person_named_in_a_free_text_answer_is_found_by_access_requests_and_erased(app, client, survey, make_person):
    from coalition.data_protection.anonymisation import anonymise_person
    from coalition.data_protection.subject_access import subject_access_report

    person = make_person("Åsa Öberg-Testsson", email="asa@example.se")
    contact = survey.recipients[0].contact_person
    _answer(app, client, survey, survey.recipients[0], "0", "5", "Ring åsa öberg-testsson om lokalen.")
    report = subject_access_report(db.session, person)
    assert [m["table"] for m in report["mentions"]] == ["survey_answers", "audit_records"]
    assert [s["survey"] for s in subject_access_report(db.session, contact)["surveys_addressed"]] == \
        ["Trygghet i Backen"]
    anonymise_person(db.session, person, "Begäran om radering")
    db.session.commit()
    text = db.session.scalar(db.select(SurveyAnswer.text).where(SurveyAnswer.text.is_not(None)))
    assert "Öberg" not in text and "öberg" not in text and text.startswith("Ring ")
