"""Server-side charts: inlinable, labelled SVG that shows the values and escapes every text."""
import re
import threading
from datetime import date
from decimal import Decimal
from xml.etree import ElementTree

from coalition.reporting.charts import bar_chart_svg, svg_as_image, time_series_svg

HOSTILE = '<script>alert("kpi")</script> & co'
SERIES = [("Kvarnängen", [(date(2025, 12, 31), Decimal("58.6")), (date(2024, 12, 31), Decimal("57.1")),
                          (date(2026, 9, 30), Decimal("60.5"))])]


def _parsed(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)


def test_a_time_series_is_an_inlinable_labelled_svg_with_its_latest_value_baseline_and_target():
    svg = time_series_svg(SERIES, unit="%", baseline=Decimal("55.8"), target=Decimal("66"), title="Sysselsättning",
                          baseline_label="Utgångsläge", target_label="Mål")

    assert svg.startswith("<svg ") and "<?xml" not in svg and "<!DOCTYPE" not in svg
    root = _parsed(svg)
    assert root.get("role") == "img"
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None and title.text.startswith("Sysselsättning")
    assert root.get("aria-labelledby") == title.get("id")
    for text in ("60.5", "Utgångsläge 55.8", "Mål 66", "Sysselsättning"):
        assert f"<!-- {text} -->" in svg
    assert "Kvarnängen: 60.5 % (2026-09-30)" in root.get("aria-label")


def test_a_hostile_name_is_escaped_everywhere_in_the_svg():
    svg = time_series_svg([(HOSTILE, SERIES[0][1]), ("B", SERIES[0][1])], unit="<b>", title=HOSTILE, target=1)

    assert "<script" not in svg
    assert "&lt;script&gt;" in svg
    _parsed(svg)  # still well-formed XML
    bars = bar_chart_svg([HOSTILE, "Civil"], {HOSTILE: [1, 2], "2026": [3, None]}, unit="<i>", title=HOSTILE)
    assert "<script" not in bars and "<i>" not in bars
    _parsed(bars)


def test_two_charts_on_one_page_share_no_element_ids():
    first, second = (time_series_svg(SERIES, unit="%") for _ in range(2))

    ids_of = lambda svg: set(re.findall(r'\bid="([^"]+)"', svg))  # noqa: E731
    assert ids_of(first) and not ids_of(first) & ids_of(second)
    # Every reference points at an id of its own chart.
    for svg in (first, second):
        assert set(re.findall(r'href="#([^"]+)"', svg)) <= ids_of(svg)


def test_colours_are_attributes_not_inline_styles_so_a_strict_csp_keeps_them():
    svg = bar_chart_svg(["Privat", "Offentlig"], {"2026": [3, 5]})

    assert "style=" not in svg and "<style" not in svg
    assert 'fill="#0072b2"' in svg  # the first colour of the palette


def test_a_bar_chart_shows_each_value_and_stacked_totals():
    side_by_side = bar_chart_svg(["Privat", "Offentlig"], {"2025": [3, 5], "2026": [4, 6]}, unit="st")
    stacked = bar_chart_svg(["Privat", "Offentlig"], {"2025": [3, 5], "2026": [4, 6]}, stacked=True)

    for value in ("3", "5", "4", "6"):
        assert f"<!-- {value} -->" in side_by_side
    assert "<!-- 7 -->" in stacked and "<!-- 11 -->" in stacked
    assert "2025: Privat 3, Offentlig 5" in _parsed(side_by_side).get("aria-label")


def test_a_small_chart_keeps_its_size_and_a_large_one_fills_its_container():
    small = _parsed(time_series_svg(SERIES, unit="%", small=True, size=(2, 1)))
    large = _parsed(time_series_svg(SERIES, unit="%"))

    assert (small.get("width"), small.get("height")) == ("144", "72")
    assert large.get("width") is None and large.get("viewBox")


def test_a_chart_without_points_is_still_drawn():
    svg = time_series_svg([("Kvarnängen", [])], unit="%", target=5, title="Tom")

    assert _parsed(svg).get("role") == "img"


def test_charts_drawn_in_several_threads_at_once_are_each_whole():
    results: list[str] = []

    def draw(value: int) -> None:
        results.append(time_series_svg([("A", [(date(2026, 1, 1), value), (date(2026, 6, 1), value + 1)])],
                                       unit="st", title=f"Chart {value}"))

    threads = [threading.Thread(target=draw, args=(n * 100,)) for n in range(1, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(_parsed(svg).find("{http://www.w3.org/2000/svg}title").text.split(";")[0] for svg in results) == [
        "Chart 100", "Chart 200", "Chart 300", "Chart 400"]
    for svg, n in ((svg, int(re.search(r"Chart (\d+)", svg).group(1))) for svg in results):
        assert f"<!-- {n + 1} -->" in svg


def test_a_chart_for_a_pdf_writes_its_text_as_text_and_leaves_the_pages_charts_as_outlines():
    for_pdf = time_series_svg([(HOSTILE, SERIES[0][1]), ("B", SERIES[0][1])], unit="%", title="Sysselsättning",
                              target=Decimal("66"), target_label="Mål", glyphs=False)
    texts = {"".join(element.itertext()).strip() for element in _parsed(for_pdf).iter("{http://www.w3.org/2000/svg}text")}
    assert {"Sysselsättning", "Mål 66", "60.5", HOSTILE} <= texts  # escaped on the way, read back as written
    assert "<script" not in for_pdf
    # The setting is the PDF chart's alone: the next chart drawn is outlines again.
    assert "<text" not in time_series_svg(SERIES, unit="%", title="Sysselsättning")


def test_a_chart_for_a_pdf_is_an_image_of_the_same_drawing_labelled_with_its_alt_text():
    import base64
    from html.parser import HTMLParser

    for_pdf = time_series_svg([(HOSTILE, SERIES[0][1])], unit="%", title="Sysselsättning", glyphs=False)
    image = svg_as_image(for_pdf)
    found = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attributes):
            found.append((tag, dict(attributes)))

    Tags().feed(image)
    (tag, attributes), = found
    assert tag == "img" and attributes["alt"].startswith("Sysselsättning") and HOSTILE in attributes["alt"]
    assert "<script" not in image  # the label stays escaped in the attribute
    drawn = base64.b64decode(attributes["src"].removeprefix("data:image/svg+xml;base64,")).decode()
    assert _parsed(drawn).tag == "{http://www.w3.org/2000/svg}svg"  # a standalone SVG file: its namespace declared
    assert drawn.replace(' xmlns="http://www.w3.org/2000/svg"', "", 1) == for_pdf.replace(' xmlns="http://www.w3.org/2000/svg"', "", 1)
