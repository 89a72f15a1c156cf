"""The steering report's PDF: sections flow on from one another instead of each starting a page."""
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
