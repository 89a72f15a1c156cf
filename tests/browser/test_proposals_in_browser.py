"""A proposal made at a workshop gets its dots, is adopted, and its initiative links back to it, in a real browser."""
from datetime import datetime, timedelta

from playwright.sync_api import expect

from coalition import proposals
from coalition.db import db
from coalition.models import Sector
from coalition.proposals import ProposalDetails

from ..conftest import PASSWORD
from .conftest import assert_fits_the_screen, log_in, pick_organisation, screenshot

PHONE = {"width": 390, "height": 844}


def test_a_proposal_made_at_a_workshop_gets_votes_is_adopted_and_its_initiative_links_back(
        page, chromium, live_server, make_user, make_organisation, make_meeting, make_neighbourhood):
    area = make_neighbourhood("Kvarnängen", "Norrvik")
    make_organisation("Hyresgästföreningen Kvarnängen", Sector.CIVIL)
    make_organisation("Norrviks Bostäder AB", Sector.PUBLIC)
    bank = make_organisation("Norrviks Sparbank", Sector.PRIVATE)
    held = (datetime.now() - timedelta(days=2)).replace(hour=18, minute=0, second=0, microsecond=0)
    workshop = make_meeting("Workshop: Trygga gårdar", starts_at=held, neighbourhood_ids=[area.id])
    proposals.create_proposal(db.session, ProposalDetails(
        title="Kameror vid busshållplatsen", meeting_id=workshop.id, backer_ids=[bank.id]))
    swedish_staff = make_user("staff")
    db.session.commit()  # the live server writes, so the test holds no transaction open
    log_in(page, make_user("staff").email, PASSWORD)

    # At the workshop: a proposal put forward by two organisations.
    page.goto(f"/meetings/{workshop.id}")
    page.get_by_role("link", name="Record a proposal made here").click()
    page.get_by_label("Title").fill("Trygghetsvandringar varje månad")
    page.get_by_label("Kind").select_option("activity")
    page.get_by_label("Text").fill("Boende, hyresvärd och polis går området tillsammans en kväll i månaden.")
    pick_organisation(page, "Put forward by", "Hyresgäst")
    pick_organisation(page, "Put forward by", "Norrviks Bo")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Trygghetsvandringar varje månad was recorded.")).to_be_visible()
    expect(page.locator("#status-history")).to_contain_text("Proposed")

    # The dots from the wall, one number per proposal on the meeting's page; a slip is refused beside it.
    page.get_by_role("link", name="Workshop: Trygga gårdar").click()
    page.get_by_label("Votes for Trygghetsvandringar varje månad").fill("-4")
    page.get_by_label("Votes for Kameror vid busshållplatsen").fill("6")
    page.get_by_role("button", name="Save the votes").click()
    expect(page.locator("#votes-form")).to_contain_text("Give a number of votes from 0 to 1000.")
    expect(page.get_by_label("Votes for Kameror vid busshållplatsen")).to_have_value("6")
    page.get_by_label("Votes for Trygghetsvandringar varje månad").fill("27")
    page.get_by_role("button", name="Save the votes").click()
    expect(page.get_by_text("The votes were saved.")).to_be_visible()
    screenshot(page, "proposals-meeting-votes")

    # The list: most votes first, with the sectors behind each.
    page.goto("/proposals/")
    rows = page.locator("#proposals tbody tr")
    expect(rows.first).to_contain_text("Trygghetsvandringar varje månad")
    expect(rows.first.locator('[data-figure="votes"]')).to_have_text("27")
    expect(rows.first).to_contain_text("Civil society")
    screenshot(page, "proposals-list")

    # Adopted as a new initiative, whose page links back to the proposal.
    rows.first.get_by_role("link", name="Trygghetsvandringar varje månad").click()
    screenshot(page, "proposal-open")
    page.get_by_label("Carried out by").select_option(label="A new initiative")
    page.locator("#adopt-form").get_by_label("Note").fill("Styrgruppen sa ja.")
    page.get_by_role("button", name="Adopt the proposal").click()
    expect(page.get_by_text("Trygghetsvandringar varje månad was adopted")).to_be_visible()
    expect(page.locator("#status-history li").first).to_contain_text("Adopted")
    expect(page.locator("#status-history li").first).to_contain_text("Styrgruppen sa ja.")
    screenshot(page, "proposal-adopted")
    page.locator("#carried-out-by").get_by_role("link", name="Trygghetsvandringar varje månad").click()
    expect(page.get_by_role("heading", name="Trygghetsvandringar varje månad")).to_be_visible()
    expect(page.locator("#proposals")).to_contain_text("Trygghetsvandringar varje månad")
    screenshot(page, "proposal-initiative")
    page.locator("#proposals").get_by_role("link", name="Trygghetsvandringar varje månad").click()
    expect(page.locator("#carried-out-by")).to_be_visible()

    # On a phone, in Swedish: the list, the proposal and the meeting fit the screen.
    phone = chromium.new_context(base_url=live_server, locale="sv-SE", viewport=PHONE, is_mobile=True)
    swedish = phone.new_page()
    log_in_sv(swedish, swedish_staff.email)
    for url, name in (("/proposals/", "proposals-list-phone-sv"), (page.url.removeprefix(live_server), "proposal-phone-sv"),
                      (f"/meetings/{workshop.id}", "proposals-meeting-phone-sv")):
        swedish.goto(url)
        expect(swedish.locator("h1")).to_be_visible()
        assert_fits_the_screen(swedish, url)
        screenshot(swedish, name)
    swedish.goto("/proposals/")
    expect(swedish.get_by_role("heading", name="Förslag")).to_be_visible()
    phone.close()

    # And the desktop in Swedish.
    desktop = chromium.new_context(base_url=live_server, locale="sv-SE", viewport={"width": 1280, "height": 900})
    swedish = desktop.new_page()
    log_in_sv(swedish, swedish_staff.email)
    for url, name in (("/proposals/", "proposals-list-sv"), (page.url.removeprefix(live_server), "proposal-sv")):
        swedish.goto(url)
        assert_fits_the_screen(swedish, url)
        screenshot(swedish, name)
    desktop.close()


def log_in_sv(page, email: str) -> None:
    page.goto("/login")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(lambda url: "/login" not in url)
