"""The steering report's PDF: sections flow on from one another instead of each starting a page, on
paper without the screen's controls, with the social effect summarised."""
import io

from pypdf import PdfReader


def _lowest_text(page) -> float:
    """How far down the page its lowest line of text reaches, from 0 (top) to 1 (bottom)."""
    heights = []

    def note(text, cm, tm, font, size):
        if text.strip():
            heights.append(tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=note)
    return 1 - min(heights) / float(page.mediabox.height)


def test_no_page_of_the_demo_report_is_left_half_empty_before_the_last(demo_viewer):
    response = demo_viewer.get("/reports/steering", query_string={"format": "pdf", "lang": "en"})
    pages = PdfReader(io.BytesIO(response.data)).pages
    reaches = [round(_lowest_text(page), 2) for page in pages]
    assert all(reach > 0.5 for reach in reaches[:-1]), reaches


def test_the_demo_report_on_paper_has_no_buttons_numbered_pages_and_the_effect_in_brief(demo_viewer):
    response = demo_viewer.get("/reports/steering", query_string={"format": "pdf", "lang": "sv"})
    pages = PdfReader(io.BytesIO(response.data)).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    # The screen's controls stay on screen: no quarter buttons, download link or period form.
    for control in ("Föregående kvartal", "Ladda ner PDF", "In English", "Detta kvartal"):
        assert control not in text, control
    # Every page says what it is and where it stands, for a printed pile.
    for number, page in enumerate(pages, start=1):
        assert f"{number} / {len(pages)}" in page.extract_text() and "Styrgruppsrapport" in page.extract_text()
    # Every neighbourhood in one table, with where the quarters are to be found.
    effect = text[text.index("Var varje område står"):]
    for place in ("Kvarnängen", "Solbacka", "Myrbacken", "Strandparken"):
        assert place in effect, place
    assert "/effect/effect.xlsx" in effect
    assert "Social effekt, kvartal för kvartal" not in text  # no neighbourhood's twenty-column quarter table
