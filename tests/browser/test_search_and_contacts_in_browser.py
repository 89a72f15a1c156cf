"""Contact details, a logged call and the header's search in a real browser, on a laptop and a phone,
in English and Swedish (issue 15, items 3 and 4)."""
from datetime import datetime

import pytest
from playwright.sync_api import expect

from coalition.db import db
from coalition.models import Meeting, MeetingKind, OrganisationKind, Sector

from ..conftest import PASSWORD
from .conftest import assert_fits_the_screen, log_in, screenshot

# The page is no wider than the window: nothing scrolls sideways.


@pytest.fixture
def rosengard(make_organisation, make_person, make_neighbourhood):
    club = make_organisation("Rosengårds IF", Sector.CIVIL, kind=OrganisationKind.ASSOCIATION,
                             address="Ramels väg 12", postcode="213 69", town="Malmö", phone="040-12 34 56",
                             email="kansli@rosengardsif.example.se", website="https://rosengardsif.example.se")
    make_person("Rosa Lind", club)
    make_neighbourhood("Rosengård", "Malmö")
    db.session.add(Meeting(kind=MeetingKind.WORKSHOP, title="Dialog om Rosengårds torg",
                           starts_at=datetime(2026, 2, 3, 18, 0)))
    db.session.commit()
    return club


@pytest.mark.parametrize(("width", "language"), [(1280, "en"), (390, "sv")])
def test_staff_log_a_call_and_search_everything_from_the_header(chromium, live_server, make_user, rosengard,
                                                                  width, language):
    context = chromium.new_context(base_url=live_server, viewport={"width": width, "height": 900},
                                   is_mobile=width < 500)
    page = context.new_page()
    try:
        log_in(page, make_user("staff").email, PASSWORD)
        page.goto(f"/organisations/{rosengard.id}")
        if language == "sv":
            page.get_by_role("button", name="Svenska").click()
        expect(page.get_by_role("link", name="kansli@rosengardsif.example.se")).to_have_attribute(
            "href", "mailto:kansli@rosengardsif.example.se")
        expect(page.get_by_text("213 69 Malmö")).to_be_visible()

        log = "Logga ett samtal, mejl, besök eller en anteckning" if language == "sv" else \
            "Log a call, e-mail, visit or note"
        page.get_by_text(log).click()
        page.get_by_label("Person", exact=True).select_option(label="Rosa Lind")
        page.get_by_label("Vad som sades eller gjordes" if language == "sv" else "What was said or done").fill(
            "Rosa vill ha en läxhjälp på torsdagar.")
        page.get_by_role("button", name="Logga" if language == "sv" else "Log it", exact=True).click()
        expect(page.get_by_text("Rosa vill ha en läxhjälp på torsdagar.")).to_be_visible()
        assert_fits_the_screen(page)
        screenshot(page, f"organisation-contacts-{width}-{language}")

        # "/" anywhere outside a field goes to the search box.
        page.locator("h1").click()
        page.keyboard.press("/")
        box = page.locator("#header-search")
        expect(box).to_be_focused()
        box.fill("rosengård")
        box.press("Enter")
        expect(page.locator('[data-kind="organisations"]').get_by_role("link", name="Rosengårds IF")).to_be_visible()
        expect(page.locator('[data-kind="neighbourhoods"]')).to_be_visible()
        expect(page.locator('[data-kind="meetings"]').get_by_role("link", name="Dialog om Rosengårds torg")).to_be_visible()
        expect(page.get_by_role("heading", name="Sök" if language == "sv" else "Search")).to_be_visible()
        assert_fits_the_screen(page)
        screenshot(page, f"search-{width}-{language}")
    finally:
        context.close()
