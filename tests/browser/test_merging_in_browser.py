"""Staff find the housing company registered twice, merge it, and see one organisation holding everything."""
import re
from datetime import datetime

import pytest
from playwright.sync_api import expect

from coalition.db import db
from coalition.models import Commitment, CommitmentKind, Sector

from ..conftest import PASSWORD
from .conftest import assert_fits_the_screen, log_in, screenshot


@pytest.fixture
def norrvik_twice(make_organisation, make_person, make_meeting):
    registered = make_organisation("Norrviks Bostäder AB", Sector.PRIVATE, notes="Äger 1 200 lägenheter i Norrvik")
    pasted = make_organisation("Norrviks Bostäder", Sector.PRIVATE, website="https://norrviksbostader.se")
    city = make_organisation("Norrvik kommun", Sector.PUBLIC)
    cecilia = make_person("Cecilia Lund", organisation=city)
    make_meeting("Samråd om Norrviks torg", datetime(2026, 3, 4, 18),
                 attendees=[(make_person("Anna Holm", organisation=registered), registered), (cecilia, city)])
    make_meeting("Trygghetsvandring Norrvik", datetime(2026, 4, 2, 17),
                 attendees=[(make_person("Bo Ek", organisation=pasted), pasted), (cecilia, city)])
    db.session.add(Commitment(kind=CommitmentKind.PREMISES, description="Lokal för läxhjälp i Norrvik",
                              parties=[pasted, city]))
    db.session.commit()
    return registered, pasted, city


def _log_in_whatever_the_language(page, email: str) -> None:
    page.goto("/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()


def _partner_weight(page, name: str) -> str:
    line = page.locator("#ego-network p", has_text="Strongest partners")
    return re.search(re.escape(name) + r" \(([\d.]+)\)", line.inner_text()).group(1)


def test_staff_find_the_pair_merge_it_and_see_one_organisation_with_everything(page, make_user, norrvik_twice):
    registered, pasted, _city = norrvik_twice
    log_in(page, make_user("staff").email, PASSWORD)
    page.goto(f"/organisations/{registered.id}")
    assert _partner_weight(page, "Norrvik kommun") == "1"

    page.goto("/organisations/")
    page.get_by_role("link", name="Find duplicates").click()
    row = page.locator("#duplicate-pairs tbody tr", has_text="Norrviks Bostäder AB")
    expect(row).to_contain_text("Norrviks Bostäder")
    expect(row).to_contain_text("100 %")
    screenshot(page, "duplicates-list-en")
    row.get_by_role("link", name="Compare and merge").click()

    expect(page.get_by_role("heading", name="Merge two records into one")).to_be_visible()
    page.get_by_label("https://norrviksbostader.se").check()
    screenshot(page, "merge-screen-en")
    page.get_by_role("button", name="Preview the merge").click()
    preview = page.locator("#merge-preview")
    expect(preview).to_contain_text("1 participation in meetings")
    expect(preview).to_contain_text("1 commitment as a party")
    expect(preview).to_contain_text("https://norrviksbostader.se")
    screenshot(page, "merge-preview-en")
    page.get_by_role("button", name="Merge now").click()

    expect(page.get_by_text("The two records are now one: Norrviks Bostäder AB.")).to_be_visible()
    assert page.url.endswith(f"/organisations/{registered.id}")
    expect(page.get_by_text("Samråd om Norrviks torg").first).to_be_visible()
    expect(page.get_by_text("Trygghetsvandring Norrvik").first).to_be_visible()
    expect(page.get_by_text("Lokal för läxhjälp i Norrvik").first).to_be_visible()
    expect(page.get_by_text("https://norrviksbostader.se").first).to_be_visible()
    # Two meetings and a joint commitment with the city now: the network says so.
    assert _partner_weight(page, "Norrvik kommun") == "3"
    screenshot(page, "merged-organisation-en")
    page.goto("/duplicates/?kind=organisation")
    expect(page.get_by_text("No likely duplicates found.")).to_be_visible()


@pytest.mark.parametrize("language, locale", [("sv", "sv-SE"), ("en", "en-GB")])
def test_the_merge_screen_fits_a_phone_in_both_languages(chromium, live_server, make_user, norrvik_twice,
                                                         language, locale):
    registered, pasted, _city = norrvik_twice
    context = chromium.new_context(base_url=live_server, locale=locale, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        _log_in_whatever_the_language(page, make_user("staff").email)
        page.goto(f"/duplicates/organisation/{registered.id}/{pasted.id}")
        if language == "sv":
            expect(page.get_by_role("heading", name="Slå ihop två poster till en")).to_be_visible()
        page.locator("button[value=preview]").click()
        expect(page.locator("#merge-preview")).to_be_visible()
        screenshot(page, f"merge-screen-phone-{language}")
        assert_fits_the_screen(page)
    finally:
        context.close()


def test_the_merge_screen_in_swedish_on_a_desktop(chromium, live_server, make_user, norrvik_twice):
    registered, pasted, _city = norrvik_twice
    context = chromium.new_context(base_url=live_server, locale="sv-SE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        _log_in_whatever_the_language(page, make_user("staff").email)
        page.goto("/duplicates/?kind=organisation")
        expect(page.get_by_role("link", name="Jämför och slå ihop")).to_be_visible()
        screenshot(page, "duplicates-list-sv")
        page.get_by_role("link", name="Jämför och slå ihop").click()
        page.get_by_role("button", name="Förhandsgranska sammanslagningen").click()
        expect(page.locator("#merge-preview")).to_contain_text("Vad sammanslagningen gör")
        screenshot(page, "merge-screen-sv")
    finally:
        context.close()
