"""A live server on a free port and Debian's Chromium driven by Playwright."""
import os
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect, sync_playwright
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Without these, Chromium keeps trying to reach Google's servers, which this network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# As long as the page's own timeout: with two test workers, PostgreSQL and Chromium on two cores, a
# page after a save can take more than expect()'s default of 5 s.
expect.set_options(timeout=10_000)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so the page fixture knows whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/test installs Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextmanager
def serving(app):
    """Serve the app on a free port from a thread; yield its address."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture
def live_server(app):
    with serving(app) as address:
        yield address


@pytest.fixture
def page(request, chromium, live_server):
    context = chromium.new_context(base_url=live_server, locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        _show_the_page_it_failed_on(page, request.node.name)
    context.close()


def _show_the_page_it_failed_on(page, test_name: str) -> None:
    """Print where the browser was and what it showed: a failure seen once in CI can then be read."""
    try:
        text = page.locator("main").inner_text(timeout=2_000) if page.locator("main").count() else page.content()
        print(f"The browser was at {page.url}; its page read:\n{text[:2_000]}")
        print(f"Picture: {screenshot(page, 'failed-' + test_name[:80])}")
    except PlaywrightError as error:  # the page may be gone; the test's own failure is what matters
        print(f"The browser's page could not be read: {error}")


def screenshot(page, name: str) -> Path:
    """Save a full-page picture under test-artifacts/ for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# The login form's words in each language: e-mail label, password label, button.
LOGIN_WORDS = {"en": ("E-mail", "Password", "Log in"), "sv": ("E-post", "Lösenord", "Logga in")}


def log_in(page, email: str, password: str, language: str = "en") -> None:
    e_mail, secret, button = LOGIN_WORDS[language]
    page.goto("/login")
    page.get_by_label(e_mail).fill(email)
    page.get_by_label(secret).fill(password)
    page.get_by_role("button", name=button).click()


def pick_organisation(page, label: str, typed: str, moves_down: int = 0) -> None:
    """Type into an organisation picker, move down the suggestions with ↓ and take one with Enter."""
    field = page.get_by_role("combobox", name=label)
    field.click()
    field.press_sequentially(typed, delay=20)
    expect(page.locator(f"#{field.get_attribute('aria-controls')} [role=option]").first).to_be_visible()
    for _ in range(moves_down):
        field.press("ArrowDown")
    field.press("Enter")


# What sticks out past the right edge outside a part of the page that scrolls on its own.
STICKING_OUT = """() => {
  const width = document.documentElement.clientWidth;
  const inScroller = e => { for (let p = e.parentElement; p; p = p.parentElement) {
    if (getComputedStyle(p).overflowX !== 'visible') return true; } return false; };
  return {
    scrollWidth: document.documentElement.scrollWidth, clientWidth: width,
    culprits: [...document.querySelectorAll('body *')]
      .filter(e => e.getBoundingClientRect().right > width + 0.5 && !inScroller(e)).slice(-3)
      .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + [...e.classList].join('.')),
  };
}"""


def assert_fits_the_screen(page, where: str = "") -> None:
    """The page does not scroll sideways, measured once it has loaded (a page half laid out can be
    wider for a moment); a failure names the elements that stick out."""
    page.wait_for_load_state("load")
    width = page.evaluate(STICKING_OUT)
    assert width["scrollWidth"] <= width["clientWidth"], (where or page.url, width)
