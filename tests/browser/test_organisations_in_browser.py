"""A staff member registers an organisation in a real browser, in English and Swedish."""
from playwright.sync_api import expect

from ..conftest import PASSWORD
from .conftest import log_in, screenshot


def test_staff_fixes_a_bad_organisation_number_finds_the_organisation_and_switches_to_swedish(page, make_user):
    user = make_user("staff", name="Sara Staff")
    log_in(page, user.email, PASSWORD)
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    screenshot(page, "overview")

    page.get_by_role("link", name="Organisations", exact=True).click()
    page.get_by_role("link", name="New organisation").click()
    page.get_by_label("Name").fill("Norrviks Idrottsförening")
    page.get_by_label("Sector").select_option("civil")
    page.get_by_label("Kind").select_option("association")
    page.get_by_label("Organisation number").fill("802400-1236")
    page.get_by_label("Notes").fill("Runs the football school in Backen")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("correct check digit")).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value("Norrviks Idrottsförening")
    expect(page.get_by_label("Notes")).to_have_value("Runs the football school in Backen")
    screenshot(page, "organisation-form-error")

    page.get_by_label("Organisation number").fill("802400-1235")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Norrviks Idrottsförening")).to_be_visible()
    expect(page.get_by_text("802400-1235")).to_be_visible()

    page.get_by_role("link", name="Organisations", exact=True).first.click()
    page.get_by_role("searchbox", name="Search", exact=True).fill("idrottsforening")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name="Norrviks Idrottsförening")).to_be_visible()

    page.get_by_role("button", name="Svenska").click()
    expect(page.get_by_role("heading", name="Organisationer")).to_be_visible()
    expect(page.locator("tbody").get_by_text("Civilsamhälle")).to_be_visible()
    screenshot(page, "organisations-in-swedish")


def test_the_layout_works_on_a_phone(chromium, live_server, make_user):
    context = chromium.new_context(base_url=live_server, viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    user = make_user("viewer")
    log_in(page, user.email, PASSWORD)
    expect(page.get_by_role("link", name="Organisations", exact=True)).to_be_hidden()
    page.get_by_role("button", name="Show navigation").click()
    expect(page.get_by_role("link", name="Organisations", exact=True)).to_be_visible()
    screenshot(page, "overview-phone")
    context.close()
