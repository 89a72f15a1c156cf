"""A steering-group member reads the collaboration network, narrows it to a neighbourhood, focuses on an actor and opens it."""
from playwright.sync_api import expect

from ..conftest import PASSWORD
from ..test_network_web import coalition  # noqa: F401 (fixtures)
from .conftest import log_in, screenshot


def test_viewer_filters_the_network_by_a_neighbourhood_and_opens_an_organisation(page, make_user, coalition):  # noqa: F811
    user = make_user("viewer")
    log_in(page, user.email, PASSWORD)
    page.get_by_role("link", name="Network", exact=True).click()
    expect(page.get_by_role("heading", name="Collaboration network")).to_be_visible()
    drawing = page.locator("svg.network-drawing")
    expect(drawing.locator(".node")).to_have_count(4)
    screenshot(page, "network-whole-programme")

    page.get_by_label("Neighbourhood").select_option(label="Backen (Malmö)")
    page.get_by_role("button", name="Show").click()
    expect(drawing.locator(".node")).to_have_count(2)
    expect(drawing.locator(".node", has_text="Hem AB")).to_have_count(0)

    club = drawing.locator(f'.node[data-id="{coalition["club"].id}"]')
    club.locator("circle").hover()
    expect(drawing).to_have_class("network-drawing by-sector highlighting")
    screenshot(page, "network-backen-hover")
    club.locator("circle").click()
    expect(page.locator("#map-focus")).to_contain_text("Focused on Backens IF")
    expect(page.locator("#map-partners")).to_contain_text("Norrvik stad")
    page.get_by_role("link", name="Open its page").click()
    expect(page.get_by_role("heading", name="Backens IF")).to_be_visible()
    expect(page.get_by_text("Place in the collaboration network")).to_be_visible()
    screenshot(page, "network-opened-organisation")
