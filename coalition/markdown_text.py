"""Markdown that staff write in agenda and minutes, turned into HTML that is safe to show."""
import re

import markdown
import nh3
from markupsafe import Markup

# Ordinary formatting only: no images, frames, forms, styles or scripts.
ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "blockquote", "code", "pre",
    "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
_HEADING = re.compile(r"<(/?)h([1-6])>")


def _below_the_page_headings(match: re.Match) -> str:
    # The page has its own h1 and h2: "# Decisions" in the minutes becomes an h3, and so on down.
    return f"<{match[1]}h{min(int(match[2]) + 2, 6)}>"


def render_markdown(text: str | None) -> Markup:
    """Convert Markdown to HTML and keep only ordinary formatting, so that no script can run."""
    if not text:
        return Markup("")
    html = _HEADING.sub(_below_the_page_headings, markdown.markdown(text, extensions=["tables", "sane_lists"]))
    # Safe: the HTML is what nh3 leaves after removing every tag and attribute not listed above.
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,  # nosec B704
                            url_schemes=ALLOWED_URL_SCHEMES, link_rel="noopener noreferrer"))
