"""A steering-group member reads the demo coalition's map: finds an actor, focuses on it, recolours
the map, steps through the quarters, and reads every name at the first look; on a phone, a list."""
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from coalition.db import db
from coalition.models import Neighbourhood, Organisation

from .conftest import assert_fits_the_screen, screenshot, serving


@pytest.fixture
def demo_server(demo):
    with serving(demo) as address:
        yield address


@pytest.fixture
def open_as_viewer(chromium, demo_server, demo_viewer):
    """Open a page of the demo as its viewer (the session of `demo_viewer`: no login is written to the demo)."""
    cookie = demo_viewer.get_cookie("session")
    contexts = []

    def open_page(width: int = 1280, locale: str = "en-GB"):
        context = chromium.new_context(base_url=demo_server, locale=locale, viewport={"width": width, "height": 900})
        context.add_cookies([{"name": "session", "value": cookie.value, "url": demo_server}])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def _query(page) -> dict:
    return parse_qs(urlsplit(page.url).query)


def _named_boxes(page) -> list[tuple]:
    """The boxes (on screen) of the names the map writes, with their text."""
    return page.eval_on_selector_all(
        "svg.network-drawing .labels text:not(.hidden)",
        "texts => texts.map(t => { const b = t.getBoundingClientRect(); "
        "return [t.textContent, b.left, b.top, b.right, b.bottom]; })")


def _overlapping(boxes: list[tuple]) -> list[tuple]:
    return [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]]


def test_no_two_names_overlap_at_the_first_look_of_any_map_of_the_demo(open_as_viewer):
    page = open_as_viewer()
    places = db.session.execute(sa.select(Neighbourhood.id, Neighbourhood.name).order_by(Neighbourhood.name)).all()
    assert len(places) == 7
    for query, name in [("", "whole programme")] + [(f"?neighbourhood={i}", place) for i, place in places]:
        page.goto(f"/network/{query}")
        boxes = _named_boxes(page)
        assert len(boxes) >= 5, f"{name}: the most central actors are named"
        assert not _overlapping(boxes), f"{name}: names overlap"
        if not query:  # the whole programme: only the most central are named until one zooms in
            assert page.locator("svg.network-drawing .node").count() > 2 * len(boxes)
            first_look = len(boxes)
    screenshot(page, "map-neighbourhood")

    page.goto("/network/")
    page.locator("svg.network-drawing").scroll_into_view_if_needed()
    frame = page.locator("svg.network-drawing").bounding_box()
    page.mouse.move(frame["x"] + frame["width"] * 0.35, frame["y"] + frame["height"] * 0.5)
    for _ in range(3):
        page.mouse.wheel(0, -200)
    expect(page.locator("#network-reset")).to_be_visible()
    expect(page.locator("svg.network-drawing .labels text:not(.hidden)")).not_to_have_count(first_look)
    zoomed = [box for box in _named_boxes(page) if box[1] >= frame["x"] and box[3] <= frame["x"] + frame["width"]
              and box[2] >= frame["y"] and box[4] <= frame["y"] + frame["height"]]
    assert not _overlapping(zoomed), "names overlap once zoomed in"
    assert len(zoomed) > first_look // 2


def test_a_viewer_finds_an_actor_and_lands_focused_on_it(open_as_viewer):
    coordinator = db.session.scalars(sa.select(Organisation).where(
        Organisation.name.startswith("Norrvik kommun, stadsledning"))).one()
    page = open_as_viewer()
    page.goto("/network/")
    find = page.get_by_role("combobox", name="Find an actor")
    find.press_sequentially("stadsledning", delay=20)
    expect(page.locator("#map-find-suggestions [role=option]").first).to_be_visible()
    find.press("Enter")

    expect(page.locator("#map-focus")).to_contain_text("Focused on Norrvik kommun, stadsledningskontoret")
    assert _query(page)["focus"] == [str(coordinator.id)]  # the address keeps the focus, to be shared
    drawing = page.locator("svg.network-drawing")
    expect(drawing).to_have_class("network-drawing by-sector focusing")
    page.wait_for_load_state("load")
    # Both boxes in one step: measured apart, a reflow in between (the stylesheet, a font) moved one of them.
    middle, centre = page.evaluate("""(id) => {
        const drawing = document.querySelector("svg.network-drawing");
        const circle = drawing.querySelector(`.node.focus[data-id="${id}"] circle`).getBoundingClientRect();
        const frame = drawing.getBoundingClientRect();
        return [[circle.x + circle.width / 2, circle.y + circle.height / 2],
                [frame.x + frame.width / 2, frame.y + frame.height / 2]];
    }""", str(coordinator.id))
    assert abs(middle[0] - centre[0]) < 5 and abs(middle[1] - centre[1]) < 5  # centred
    partners = page.locator("#map-partners li")
    expect(partners.first).to_be_visible()
    assert drawing.locator(".node.near").count() >= partners.count()  # its partners stand out
    assert not _overlapping(_named_boxes(page))
    screenshot(page, "map-focused")

    page.reload()  # a shared address opens the same focus
    expect(page.locator(f'.node.focus[data-id="{coordinator.id}"]')).to_have_count(1)


def test_switching_the_colouring_changes_the_map_and_its_legend(open_as_viewer):
    page = open_as_viewer()
    page.goto("/network/")
    drawing = page.locator("svg.network-drawing")
    expect(page.locator("[data-legend=sector]")).to_be_visible()
    expect(page.locator("[data-legend=community]")).to_be_hidden()
    colour_of_first = "getComputedStyle(document.querySelector('.node circle')).fill"
    by_sector = page.evaluate(colour_of_first)

    page.get_by_label("Colour by").select_option(label="Group")
    expect(drawing).to_have_class("network-drawing by-community")
    expect(page.locator("[data-legend=community]")).to_be_visible()
    expect(page.locator("[data-legend=sector]")).to_be_hidden()
    expect(page.locator("[data-legend=community] li").first).to_contain_text("Group 1")
    assert page.evaluate(colour_of_first) != by_sector
    assert _query(page)["colour"] == ["community"]

    page.get_by_label("Colour by").select_option(label="Neighbourhood")
    expect(page.locator("[data-legend=neighbourhood]")).to_contain_text("Kvarnängen")
    expect(page.locator("[data-legend=neighbourhood]")).to_contain_text("Active in several neighbourhoods")
    screenshot(page, "map-by-neighbourhood")


def test_stepping_through_the_quarters_keeps_every_actor_in_its_place(open_as_viewer):
    page = open_as_viewer()
    page.goto("/network/")
    where = "[...document.querySelectorAll('.node circle')].map(c => [c.getAttribute('cx'), c.getAttribute('cy')])"
    before = page.evaluate(where)
    quarters = page.locator("svg.network-drawing").get_attribute("data-quarters").split()
    assert len(quarters) >= 8
    slider = page.locator("#map-quarter-range")
    expect(slider).to_be_visible()
    expect(page.locator("#map-quarter-shown")).to_have_text("All quarters")

    slider.fill(str(len(quarters) - 2))
    expect(page.locator("#map-quarter-shown")).to_have_text(quarters[-2])
    quiet = page.locator("svg.network-drawing .node.off").count()
    assert 0 < quiet < page.locator("svg.network-drawing .node").count()  # some took part that quarter, not all
    assert page.evaluate(where) == before
    assert _query(page)["quarter"] == [quarters[-2]]
    assert not _overlapping(_named_boxes(page))
    screenshot(page, "map-one-quarter")

    slider.fill("0")
    expect(page.locator("#map-quarter-shown")).to_have_text(quarters[0])
    assert page.evaluate(where) == before
    slider.fill(str(len(quarters)))
    expect(page.locator("svg.network-drawing .node.off")).to_have_count(0)


def test_on_a_phone_the_map_is_the_list_of_the_focused_actors_partners(open_as_viewer):
    coordinator = db.session.scalars(sa.select(Organisation).where(
        Organisation.name.startswith("Norrvik kommun, stadsledning"))).one()
    page = open_as_viewer(width=390, locale="sv-SE")
    page.goto("/network/")
    expect(page.locator("svg.network-drawing")).to_be_hidden()
    central = page.locator("#map-phone-list li a")
    expect(central.first).to_be_visible()
    central.first.click()
    expect(page.locator("#map-partners li").first).to_be_visible()
    expect(page.locator("svg.network-drawing")).to_be_hidden()
    assert_fits_the_screen(page)
    page.goto(f"/network/?focus={coordinator.id}")
    expect(page.locator("#map-focus")).to_contain_text("Norrvik kommun, stadsledningskontoret")
    screenshot(page, "map-phone-partners")
