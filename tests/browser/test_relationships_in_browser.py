"""Staff declare a relationship between two organisations and see the tie in the collaboration network."""
from datetime import datetime

from playwright.sync_api import expect

from coalition.db import db
from coalition.models import Meeting, MeetingKind, Participation, Sector

from ..conftest import PASSWORD
from .conftest import ARTIFACTS, log_in, pick_organisation, screenshot


def test_staff_declare_a_relationship_and_see_the_tie_in_the_network(page, make_user, make_organisation,
                                                                        make_person):
    city = make_organisation("Malmö stad", sector=Sector.PUBLIC)
    tenants = make_organisation("Hyresgästföreningen", sector=Sector.CIVIL)
    university = make_organisation("Malmö universitet", sector=Sector.ACADEMIC)
    # Two quarters of meetings, so the change-over-time chart has something to draw.
    for when, who in ((datetime(2025, 2, 3, 18), (city, university)), (datetime(2025, 5, 6, 18), (city, tenants, university))):
        meeting = Meeting(kind=MeetingKind.WORKSHOP, title=f"Verkstad {when:%Y-%m}", starts_at=when)
        for organisation in who:
            meeting.participations.append(Participation(person=make_person(organisation=organisation),
                                                        organisation=organisation))
        db.session.add(meeting)
    db.session.commit()
    user = make_user("staff")
    log_in(page, user.email, PASSWORD)

    page.goto("/network/")
    tenants_row = page.locator("#actor-figures tbody tr", has_text="Hyresgästföreningen")
    expect(tenants_row.locator("td").nth(2)).to_have_text("2")  # met the city and the university in May
    page.get_by_role("link", name="Declared relationships").click()
    page.get_by_role("link", name="New relationship").click()
    pick_organisation(page, "Organisation", "hyresgäst")
    pick_organisation(page, "Tied to", "malmö")
    page.get_by_label("Kind").select_option(label="Funding")
    page.get_by_label("From").fill("2024-09-01")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The relationship between Hyresgästföreningen and Malmö stad was recorded.")).to_be_visible()
    row = page.locator("#relationships tbody tr", has_text="Hyresgästföreningen")
    expect(row).to_contain_text("Funding")
    expect(row).to_contain_text("2024-09-01")
    screenshot(page, "relationships-list")

    page.goto("/network/?sources=declared")
    tenants_row = page.locator("#actor-figures tbody tr", has_text="Hyresgästföreningen")
    expect(tenants_row.locator("td").nth(2)).to_have_text("1")  # the declared tie, and only it
    university_row = page.locator("#actor-figures tbody tr", has_text="Malmö universitet")
    expect(university_row.locator("td").nth(2)).to_have_text("0")
    page.goto("/network/")
    expect(page.locator("svg.change-chart polyline")).to_have_count(5)
    screenshot(page, "network-with-change-chart")
    page.locator("svg.change-chart").screenshot(path=str(ARTIFACTS / "network-change-chart.png"))
