"""Staff pick organisations by typing part of a name and choosing with the keyboard."""
from playwright.sync_api import expect

from coalition.models import Sector

from ..conftest import PASSWORD
from .conftest import log_in, pick_organisation, screenshot


def test_staff_type_part_of_a_name_and_pick_the_organisation_with_the_keyboard(page, make_user, make_organisation):
    make_organisation("Malmö stad", sector=Sector.PUBLIC)
    make_organisation("Malmö universitet", sector=Sector.ACADEMIC)
    make_organisation("Hyresgästföreningen", sector=Sector.CIVIL)
    user = make_user("staff")
    log_in(page, user.email, PASSWORD)

    page.goto("/commitments/new")
    parties = page.get_by_role("combobox", name="Parties")
    parties.press_sequentially("malmo", delay=20)
    suggestions = page.locator(f"#{parties.get_attribute('aria-controls')} [role=option]")
    expect(suggestions).to_have_count(2)
    expect(suggestions.first).to_contain_text("Malmö stad")
    expect(suggestions.first).to_contain_text("Public sector")
    parties.press("ArrowDown")
    expect(parties).to_have_attribute("aria-activedescendant", suggestions.nth(1).get_attribute("id"))
    parties.press("Enter")  # picks, and does not submit the form
    chips = page.locator(".chosen-organisations li")
    expect(chips).to_have_count(1)
    expect(chips.first).to_contain_text("Malmö universitet")
    expect(parties).to_have_value("")
    pick_organisation(page, "Parties", "gästför")
    expect(chips).to_have_count(2)
    parties.press_sequentially("Malm", delay=20)
    parties.press("Escape")
    expect(suggestions).to_have_count(0)
    parties.fill("")
    page.get_by_label("Kind").select_option("funding")
    page.get_by_label("What is promised").fill("Handledare för sommarjobb")
    screenshot(page, "organisation-picker")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The commitment was recorded.")).to_be_visible()
    expect(page.get_by_text("Joint commitment")).to_be_visible()
    expect(page.get_by_role("link", name="Malmö universitet")).to_be_visible()
    expect(page.get_by_role("link", name="Hyresgästföreningen")).to_be_visible()

    # The edit form shows the parties chosen, and one can be taken off.
    page.get_by_role("link", name="Edit").click()
    expect(chips).to_have_count(2)
    page.get_by_role("button", name="Remove Hyresgästföreningen").click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The commitment was saved.")).to_be_visible()
    expect(page.get_by_role("link", name="Hyresgästföreningen")).to_have_count(0)
    expect(page.get_by_role("link", name="Malmö universitet")).to_be_visible()


def test_a_name_typed_but_not_picked_is_explained_and_kept(page, make_user, make_organisation):
    make_organisation("Hyresgästföreningen", sector=Sector.CIVIL)
    make_organisation("Malmö stad", sector=Sector.PUBLIC)
    user = make_user("staff")
    log_in(page, user.email, PASSWORD)

    page.goto("/relationships/new")
    pick_organisation(page, "Organisation", "hyres")
    tied_to = page.get_by_role("combobox", name="Tied to")
    tied_to.fill("Malmö kommun")  # no such organisation, and nothing picked
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("No organisation is called “Malmö kommun”.")).to_be_visible()
    expect(page.get_by_role("link", name="Register it first.")).to_be_visible()
    expect(tied_to).to_have_value("Malmö kommun")
    expect(page.get_by_role("combobox", name="Organisation")).to_have_value("Hyresgästföreningen")
    screenshot(page, "organisation-picker-unknown-name")

    tied_to.fill("")
    pick_organisation(page, "Tied to", "malmo s")
    expect(tied_to).to_have_value("Malmö stad")
    page.get_by_role("button", name="Save").click()
    recorded = "The relationship between Hyresgästföreningen and Malmö stad was recorded."
    expect(page.get_by_text(recorded)).to_be_visible()

    page.goto("/relationships/")
    pick_organisation(page, "Organisation", "malm")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("#relationships tbody tr", has_text="Hyresgästföreningen")).to_have_count(1)
    expect(page.get_by_role("combobox", name="Organisation")).to_have_value("Malmö stad")
    screenshot(page, "organisation-picker-filter")
