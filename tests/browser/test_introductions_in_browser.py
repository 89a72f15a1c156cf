"""A staff member dismisses a suggested introduction on the network page, and it stays gone."""
from playwright.sync_api import expect

from ..conftest import PASSWORD
from ..test_introductions import hub_and_spokes  # noqa: F401 (fixture)
from .conftest import log_in, screenshot


def test_staff_dismiss_an_introduction_and_it_is_gone_after_a_reload(page, make_user, hub_and_spokes):  # noqa: F811
    user = make_user("staff")
    log_in(page, user.email, PASSWORD)
    page.goto("/network/")
    rows = page.locator("#introduction-table tbody tr")
    expect(rows).to_have_count(10)
    first = rows.first
    pair = first.get_attribute("data-pair")
    expect(first).to_contain_text("Both work with Norrvik kommun; never met.")
    screenshot(page, "introductions-before-dismissing")

    first.get_by_role("button", name="Dismiss").click()
    expect(page.get_by_text("will not be suggested again")).to_be_visible()
    page.reload()
    expect(page.locator("#introduction-table tbody tr")).to_have_count(10)
    expect(page.locator(f'#introduction-table tr[data-pair="{pair}"]')).to_have_count(0)
