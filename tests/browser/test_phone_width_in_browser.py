"""Every page of the application on a phone (390 px wide), in Swedish and English, as staff and as the
steering group: nothing scrolls sideways, and the header's language buttons stay on the screen."""
import sqlalchemy as sa
from playwright.sync_api import Error as PlaywrightError

from coalition.auth import Access, access_of
from coalition.db import db
from coalition.models import KpiMeasurement, Participation, ProposalVote
from coalition.models.commitments import commitment_parties, initiative_participants
from coalition.models.meetings import meeting_neighbourhoods
from coalition.seed import load_demo_coalition

from ..conftest import PASSWORD
from ..test_access import _routes, sample_ids  # noqa: F401  (sample_ids is a fixture)

PHONE = {"width": 390, "height": 844}
LOCALES = {"sv": "sv-SE", "en": "en-GB"}
LOGIN_WORDS = {"sv": ("E-post", "Lösenord", "Logga in"), "en": ("E-mail", "Password", "Log in")}
OPENS = {"staff": (Access.READ, Access.STAFF), "viewer": (Access.READ,)}
# The page's width, whether the language buttons are on the screen, and what sticks out past the
# right edge outside a part of the page that scrolls on its own (to say where to look).
MEASURE = """() => {
  const width = document.documentElement.clientWidth;
  const inScroller = e => { for (let p = e.parentElement; p; p = p.parentElement) {
    if (getComputedStyle(p).overflowX !== 'visible') return true; } return false; };
  return {
    scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
    languagesOnScreen: [...document.querySelectorAll('button[name=language]')]
      .map(b => b.getBoundingClientRect()).every(r => r.left >= 0 && r.right <= width),
    culprits: [...document.querySelectorAll('body *')]
      .filter(e => e.getBoundingClientRect().right > width + 0.5 && !inScroller(e)).slice(-3)
      .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + [...e.classList].join('.')),
  };
}"""


def _busiest(column: sa.Column) -> int | None:
    """The id that ``column`` holds most often: the demo's record with the most on its page."""
    return db.session.scalar(sa.select(column).group_by(column).order_by(sa.func.count().desc(), column).limit(1))


def _busiest_demo_records() -> dict[str, int]:
    """Ids of the demo's fullest pages, where long names and many rows would push a page wide."""
    found = {
        "organisation_id": _busiest(Participation.organisation_id),
        "person_id": _busiest(Participation.person_id),
        "meeting_id": _busiest(Participation.meeting_id),
        "neighbourhood_id": _busiest(meeting_neighbourhoods.c.neighbourhood_id),
        "commitment_id": _busiest(commitment_parties.c.commitment_id),
        "initiative_id": _busiest(initiative_participants.c.initiative_id),
        "kpi_id": _busiest(KpiMeasurement.kpi_id),
        "proposal_id": _busiest(ProposalVote.proposal_id),
    }
    return {name: value for name, value in found.items() if value is not None}


def _pages(app, ids: dict, role: str) -> list[str]:
    """Every page ``role`` may open: GET routes but files, feeds and JSON (a dot in the last step, or /api/)."""
    return [url for endpoint, method, url in _routes(app, ids)
            if method == "GET" and access_of(app, endpoint) in OPENS[role] and endpoint != "attachments.download"
            and not url.startswith("/api/") and "." not in url.rsplit("/", 1)[-1]]


def _log_in(page, email: str, language: str) -> None:
    email_label, password_label, button = LOGIN_WORDS[language]
    page.goto("/login")
    page.get_by_label(email_label).fill(email)
    page.get_by_label(password_label).fill(PASSWORD)
    page.get_by_role("button", name=button).click()
    page.wait_for_url(lambda url: "/login" not in url)


def _too_wide(page, pages: list[str]) -> list[str]:
    """The pages that scroll sideways or push a language button off the screen, and what sticks out."""
    found = []
    for url in pages:
        try:
            response = page.goto(url)
        except PlaywrightError as error:  # a file: downloaded, not shown
            assert "Download is starting" in str(error), f"{url}: {error}"
            continue
        assert response.status == 200, url
        if not response.headers["content-type"].startswith("text/html"):
            continue
        width = page.evaluate(MEASURE)
        if width["scrollWidth"] > width["innerWidth"] or not width["languagesOnScreen"]:
            found.append(f"{url}: {width['scrollWidth']} px wide, languages on screen: "
                         f"{width['languagesOnScreen']}, sticking out: {width['culprits']}")
    return found


def test_no_page_scrolls_sideways_on_a_phone_for_staff_or_the_steering_group(
        app, chromium, live_server, make_user, sample_ids):  # noqa: F811
    load_demo_coalition(db.session)
    users = {role: make_user(role, name="Margareta Andersson-Lindqvist") for role in OPENS}  # a long name in the header
    ids = {**sample_ids, **_busiest_demo_records()}
    db.session.commit()  # the live server writes (a login), so the test holds no transaction open
    too_wide = {}
    for role, user in users.items():
        pages = _pages(app, ids, role)
        assert len(pages) > 15
        for language, locale in LOCALES.items():
            context = chromium.new_context(base_url=live_server, locale=locale, viewport=PHONE)
            page = context.new_page()
            page.set_default_timeout(20_000)
            _log_in(page, user.email, language)
            too_wide[role, language] = _too_wide(page, pages)
            context.close()
    assert too_wide == {(role, language): [] for role in OPENS for language in LOCALES}
