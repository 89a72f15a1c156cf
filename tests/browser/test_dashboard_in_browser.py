"""A steering-group member reads the dashboard in a real browser and follows it into a neighbourhood."""
from datetime import date

from playwright.sync_api import expect

from coalition.db import db
from coalition.models import Stage
from coalition.neighbourhoods import NeighbourhoodDetails, change_stage, create_neighbourhood

from ..conftest import PASSWORD
from .conftest import log_in, screenshot


def test_a_viewer_reads_the_dashboard_and_opens_a_neighbourhood_that_moved_on(page, make_user):
    today = date.today()
    first_of_quarter = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    kvarnangen = create_neighbourhood(db.session, NeighbourhoodDetails("Kvarnängen", "Norrvik"),
                                      stage_on=date(today.year - 1, 1, 15))
    change_stage(db.session, kvarnangen, Stage.ACTING, changed_on=first_of_quarter)
    create_neighbourhood(db.session, NeighbourhoodDetails("Solbacka", "Norrvik"), stage_on=date(today.year - 1, 3, 1))
    db.session.commit()
    viewer = make_user("viewer", name="Stina Styrgrupp")
    log_in(page, viewer.email, PASSWORD)

    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    goal = page.locator("#goal")
    expect(goal).to_contain_text("of 100 neighbourhoods in the programme")
    expect(goal.locator("#in-programme")).to_have_text("2")
    expect(page.get_by_role("heading", name="Collaboration network this quarter")).to_be_visible()
    expect(page.get_by_role("link", name="New organisation")).to_have_count(0)  # a viewer only reads
    screenshot(page, "dashboard")

    page.locator("#stage-changes").get_by_role("link", name="Kvarnängen").click()
    expect(page.get_by_role("heading", name="Kvarnängen")).to_be_visible()
    expect(page).to_have_url(f"{page.url.split('/neighbourhoods/')[0]}/neighbourhoods/{kvarnangen.id}")

    page.go_back()
    page.locator('[data-figure="stage-acting"]').click()
    expect(page.get_by_role("link", name="Kvarnängen")).to_be_visible()
    expect(page.get_by_role("link", name="Solbacka")).to_have_count(0)
