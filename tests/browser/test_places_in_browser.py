"""A meeting place run by an area company, a workshop there with residents counted, in a real browser."""
import re
from datetime import date, timedelta

from playwright.sync_api import expect

from coalition.db import db
from coalition.models import MeetingHeadcount, OrganisationKind, Participation, Sector

from ..conftest import PASSWORD
from .conftest import log_in, pick_organisation, screenshot


def _quarter_row(page, quarter: str):
    return page.locator(f'#quarters tr[data-quarter="{quarter}"]')


def test_staff_hold_a_workshop_with_12_registered_and_35_residents_at_a_new_place(
        page, make_user, make_person, make_organisation, make_neighbourhood, headcount_groups):
    rosengard = make_neighbourhood("Rosengård", "Malmö")
    company = make_organisation("Rosengårds områdesföretag", Sector.PRIVATE, kind=OrganisationKind.AREA_COMPANY)
    company.area_company_of = [rosengard]
    city, club = make_organisation("Malmö stad", Sector.PUBLIC), make_organisation("Rosengårds IF", Sector.CIVIL)
    sheet = [f"Deltagare {n:02d}, {(city if n < 5 else club).name}" for n in range(12)]
    for n in range(12):
        make_person(f"Deltagare {n:02d}", organisation=city if n < 5 else club)
    db.session.commit()
    log_in(page, make_user("staff").email, PASSWORD)

    # The place, run by the area company.
    page.goto("/places/new")
    page.get_by_label("Name", exact=True).fill("Träffpunkt Rosengård")
    page.get_by_label("Address", exact=True).fill("Amiralsgatan 1")
    page.get_by_label("Neighbourhood").select_option(label="Rosengård (Malmö)")
    pick_organisation(page, "Run by", "Rosengårds omr")
    page.get_by_label("Stage", exact=True).select_option("open")
    page.get_by_label("Opening date").fill("2025-03-01")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Träffpunkt Rosengård was registered.")).to_be_visible()

    # A workshop there, yesterday.
    held = date.today() - timedelta(days=1)
    page.get_by_role("link", name="New meeting here").click()
    expect(page.get_by_role("combobox", name="Meeting place")).to_have_value("Träffpunkt Rosengård (Rosengård)")
    page.get_by_label("Title").fill("Dialog om torget")
    page.get_by_label("Date").fill(held.isoformat())
    page.get_by_label("Start time").fill("18:00")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Dialog om torget")).to_be_visible()

    # Twelve from the sign-in sheet, then 35 residents counted in one field.
    page.get_by_label("Sign-in list").fill("\n".join(sheet))
    page.get_by_role("button", name="Preview the list").click()
    page.get_by_role("button", name="Add them to the meeting").click()
    expect(page.get_by_test_id("participant-counts")).to_contain_text("12 attended")
    page.get_by_label("Residents").fill("35")
    page.get_by_role("button", name="Save the headcounts").click()
    expect(page.get_by_text("The headcounts were saved.")).to_be_visible()
    expect(page.get_by_test_id("attendance-total")).to_contain_text("12 registered and 35 counted without names, 47")

    quarter = f"{held.year} Q{(held.month - 1) // 3 + 1}"
    # The place's use by sector.
    page.get_by_role("link", name="Träffpunkt Rosengård").first.click()
    row = _quarter_row(page, quarter)
    expect(row.locator('[data-figure="public"]')).to_have_text("5")
    expect(row.locator('[data-figure="civil"]')).to_have_text("7")
    expect(row.locator('[data-figure="counted"]')).to_have_text("35")
    expect(row.locator('[data-figure="total"]')).to_have_text("47")
    screenshot(page, "place-page")

    # The neighbourhood's figures include the 35, and its page shows the place and its area company.
    page.goto(f"/neighbourhoods/{rosengard.id}")
    row = _quarter_row(page, quarter)
    expect(row.locator('[data-figure="counted"]')).to_have_text("35")
    expect(row.locator("td").last).to_have_text("47")
    section = page.locator("#places-and-jobs")
    expect(section).to_contain_text("Träffpunkt Rosengård")
    expect(section).to_contain_text("Rosengårds områdesföretag")
    screenshot(page, "neighbourhood-with-places")

    db.session.rollback()  # end the test's own read snapshot, to see what the server wrote
    assert db.session.scalar(db.select(db.func.count()).select_from(Participation)) == 12
    assert [h.count for h in db.session.scalars(db.select(MeetingHeadcount))] == [35]
    assert re.fullmatch(r"\d{4} Q[1-4]", quarter)
