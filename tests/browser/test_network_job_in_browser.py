"""Staff start the whole-programme network from its page in a real browser, against a live server."""
from playwright.sync_api import expect

from coalition.collaboration import view

from ..conftest import PASSWORD
from ..test_network_web import coalition  # noqa: F401 (fixtures)
from .conftest import log_in, screenshot


def test_staff_compute_the_whole_network_from_its_page(page, make_user, coalition, monkeypatch):  # noqa: F811
    """The button's request holds SQLite's write lock: the job must claim its row within that request."""
    monkeypatch.setattr(view, "JOB_ABOVE_ORGANISATIONS", 0)
    log_in(page, make_user("staff").email, PASSWORD)
    page.goto("/network/")
    page.get_by_role("button", name="Compute the whole network").click()
    expect(page.get_by_text("The whole network is being computed in the background")).to_be_visible()
    expect(page.locator("#network-job")).to_contain_text("the data has not changed since")
    expect(page.locator("#actor-figures")).to_contain_text("Backens IF")
    screenshot(page, "network-job-stored")
