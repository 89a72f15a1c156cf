"""Staff build a survey, send it to four property owners, one answers on a phone, staff type in a paper answer,
and the results show half of them answered (issue 17)."""
import io

import openpyxl
from playwright.sync_api import expect

from coalition.db import db
from coalition.models import OrganisationKind, Sector, Survey

from ..conftest import PASSWORD
from .conftest import assert_fits_the_screen, log_in, screenshot

PHONE = {"width": 390, "height": 844}
OWNERS = ["Backens Fastigheter AB", "Hyresbolaget Norr", "Stadsbo AB", "Torgets Fastighets AB"]


def _add_question(page, kind: str, swedish: str, english: str, **fields) -> None:
    page.get_by_role("link", name="Add a question").click()
    page.get_by_label("Kind of question").select_option(label=kind)
    page.get_by_label("Question in Swedish").fill(swedish)
    page.get_by_label("Question in English").fill(english)
    for label, value in fields.items():
        if value is True:
            page.get_by_label(label.replace("_", " ")).check()
        else:
            page.get_by_label(label.replace("_", " ")).fill(value)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The question was added.")).to_be_visible()


def test_staff_send_a_survey_and_see_half_the_property_owners_answer(
        chromium, live_server, page, make_user, make_organisation, make_person, make_neighbourhood):
    backen = make_neighbourhood("Backen")
    for i, name in enumerate(OWNERS):
        owner = make_organisation(name, sector=Sector.PRIVATE, kind=OrganisationKind.PROPERTY_OWNER,
                                  neighbourhoods=[backen])
        make_person(f"Kontakt {name}", organisation=owner, email=f"kontakt{i}@example.se")
    make_organisation("Backens IF", sector=Sector.CIVIL, neighbourhoods=[backen])
    user = make_user("staff")
    log_in(page, user.email, PASSWORD)

    page.goto("/surveys/")
    page.get_by_role("link", name="New survey").click()
    page.get_by_label("Title in Swedish").fill("Trygghet i Backen 2026")
    page.get_by_label("Title in English").fill("Safety in Backen 2026")
    page.get_by_label("Introduction in Swedish").fill("Vi vill höra hur ni ser på tryggheten kring era hus.")
    page.get_by_label("Introduction in English").fill("We want to hear how you see safety around your buildings.")
    page.get_by_role("button", name="Save").click()
    _add_question(page, "Scale of 1 to 5", "Hur trygg är utemiljön?", "How safe are the outdoor areas?",
                  Label_of_1_in_Swedish="Otrygg", Label_of_1_in_English="Unsafe",
                  Label_of_5_in_Swedish="Trygg", Label_of_5_in_English="Safe")
    _add_question(page, "One choice", "Vill ni delta i en trygghetsvandring?", "Will you join a safety walk?",
                  Options_in_Swedish="Ja\nNej", Options_in_English="Yes\nNo", An_answer_is_required=True)
    _add_question(page, "Free text", "Övriga synpunkter", "Other comments")
    # The choice matters most: move it first.
    page.locator(".list-group-item").nth(1).get_by_role("button", name="Move up").click()
    expect(page.locator(".list-group-item").first).to_contain_text("Vill ni delta i en trygghetsvandring?")

    page.get_by_role("link", name="Recipients").first.click()
    page.get_by_label("Kinds of organisation").select_option(label="Property owner")
    page.get_by_role("button", name="Add the organisations that match").click()
    expect(page.get_by_text("4 organisations were added.")).to_be_visible()
    expect(page.locator("#recipients tbody tr")).to_have_count(4)
    page.locator(".breadcrumb a").nth(1).click()
    page.get_by_role("button", name="Open the survey").click()
    expect(page.get_by_text("The survey is open")).to_be_visible()

    page.get_by_role("link", name="Answer links").click()
    lines = page.locator("#all-links").input_value().splitlines()
    assert [line.split("\t")[0] for line in lines] == OWNERS
    assert lines[0].split("\t")[1:3] == ["Kontakt Backens Fastigheter AB", "kontakt0@example.se"]
    links = [line.split("\t")[3] for line in lines]

    db.session.rollback()  # see what the live server saved
    survey = db.session.scalar(db.select(Survey))
    choice, scale, _text = survey.questions
    for language, locale in (("en", "en-GB"), ("sv", "sv-SE")):
        phone = chromium.new_context(base_url=live_server, locale=locale, viewport=PHONE)
        answer_page = phone.new_page()
        answer_page.goto(links[0] if language == "en" else links[3])
        expect(answer_page.locator("h1")).to_have_text("Safety in Backen 2026" if language == "en"
                                                       else "Trygghet i Backen 2026")
        assert_fits_the_screen(answer_page)
        if language == "en":
            answer_page.get_by_role("button", name="Send the answers").click()  # the required choice is missing
            expect(answer_page.get_by_text("This question needs an answer.")).to_be_visible()
            answer_page.locator(f'label[for="q{scale.id}-4"]').click()
            answer_page.get_by_label("Other comments").fill("More lighting by the playground, please.")
            screenshot(answer_page, "survey-answer-phone-en")
            answer_page.get_by_label("Yes").check()
            answer_page.get_by_role("button", name="Send the answers").click()
            expect(answer_page.get_by_text("Thank you: your answer has been received.")).to_be_visible()
        else:
            screenshot(answer_page, "survey-answer-phone-sv")
        phone.close()

    page.goto(f"/surveys/{survey.id}/recipients")
    page.locator("#recipients tbody tr", has_text="Hyresbolaget Norr").get_by_role("link", name="Type in an answer").click()
    page.get_by_label("Answer received").select_option(label="On paper")
    page.get_by_label("No", exact=True).check()
    page.locator(f'label[for="q{scale.id}-2"]').click()
    page.get_by_role("button", name="Record the answer").click()
    expect(page.get_by_text("The answer of Hyresbolaget Norr was recorded.")).to_be_visible()

    page.goto(f"/surveys/{survey.id}/results")
    expect(page.locator("#response-rate")).to_have_text("50 %")
    counts = page.locator(f"#result-{choice.id} .survey-counts tr")
    expect(counts.nth(0)).to_contain_text("1 (50 %)")
    expect(counts.nth(1)).to_contain_text("1 (50 %)")
    expect(page.locator(f"#result-{scale.id} .survey-counts tr").nth(3)).to_contain_text("1 (50 %)")
    expect(page.get_by_text("More lighting by the playground, please.")).to_be_visible()
    screenshot(page, "survey-results-en")
    with page.expect_download() as download:
        page.get_by_role("link", name="Export XLSX").click()
    sheet = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Backens Fastigheter AB",
                                                                                  "Hyresbolaget Norr"]
    assert [row[5] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Yes", "No"]

    swedish = chromium.new_context(base_url=live_server, locale="sv-SE", viewport={"width": 1280, "height": 900})
    results_sv = swedish.new_page()
    results_sv.context.add_cookies(page.context.cookies())
    results_sv.goto(f"/surveys/{survey.id}/results")
    expect(results_sv.get_by_role("heading", name="Svarsfrekvens")).to_be_visible()
    screenshot(results_sv, "survey-results-sv")
    results_sv.set_viewport_size(PHONE)
    assert_fits_the_screen(results_sv)
    screenshot(results_sv, "survey-results-phone-sv")
    swedish.close()
