"""Geometry of the network page's change-over-time chart: one small line chart per measure.

The page draws it as inline SVG from these numbers, so it needs no JavaScript library.
"""
from dataclasses import dataclass

from ..i18n import lazy_gettext as _l

PANEL_WIDTH = 230
PANEL_HEIGHT = 150
# Room for the value labels on the left and the quarter labels below.
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 26, 30

# (attribute of a quarter's figures, title, lowest and highest of the axis (None: from the data), as a share)
MEASURES = (
    ("actors", _l("Actors"), 0, None, False),
    ("ties", _l("Ties"), 0, None, False),
    ("cross_sector_share", _l("Cross-sector ties"), 0, 1, True),
    ("ei_index", _l("E-I index"), -1, 1, False),
    ("largest_component_share", _l("Largest component"), 0, 1, True),
)


@dataclass
class Panel:
    """One measure's little chart, in SVG coordinates inside its own panel."""

    title: str
    x_offset: int
    lines: list  # each a list of (x, y) pairs: a quarter without a value breaks the line
    points: list  # (x, y, quarter label, value as text)
    axis_labels: list  # (y, text), lowest and highest
    first_quarter: str
    last_quarter: str


def _as_text(value, share: bool) -> str:
    if share:
        return f"{value * 100:.0f} %"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def change_chart(quarters) -> dict:
    """Return the panels and size of the chart of the quarterly figures (empty panels when none).

    >>> from types import SimpleNamespace as Q
    >>> chart = change_chart([Q(quarter="2025-Q1", actors=2, ties=1, cross_sector_share=1.0, ei_index=1.0,
    ...                         largest_component_share=1.0)])
    >>> chart["panels"][0].points[0][2:], chart["width"]
    (('2025-Q1', '2'), 1150)
    """
    plot_width = PANEL_WIDTH - LEFT - RIGHT
    plot_height = PANEL_HEIGHT - TOP - BOTTOM
    step = plot_width / max(len(quarters) - 1, 1)
    panels = []
    for index, (attribute, title, lowest, highest, share) in enumerate(MEASURES):
        values = [getattr(q, attribute) for q in quarters]
        known = [v for v in values if v is not None]
        top = highest if highest is not None else max(known + [1])
        span = (top - lowest) or 1
        lines, points, line = [], [], []
        for position, (quarter, value) in enumerate(zip(quarters, values)):
            if value is None:
                if line:
                    lines.append(line)
                line = []
                continue
            x = round(LEFT + (position * step if len(quarters) > 1 else plot_width / 2), 1)
            y = round(TOP + plot_height * (1 - (value - lowest) / span), 1)
            line.append((x, y))
            points.append((x, y, quarter.quarter, _as_text(value, share)))
        if line:
            lines.append(line)
        panels.append(Panel(
            title=str(title), x_offset=index * PANEL_WIDTH, lines=lines, points=points,
            axis_labels=[(TOP + plot_height, _as_text(lowest, share)), (TOP, _as_text(top, share))],
            first_quarter=quarters[0].quarter if quarters else "",
            last_quarter=quarters[-1].quarter if len(quarters) > 1 else "",
        ))
    return {"panels": panels, "width": PANEL_WIDTH * len(MEASURES), "height": PANEL_HEIGHT,
            "plot_left": LEFT, "plot_right": PANEL_WIDTH - RIGHT, "plot_top": TOP, "plot_bottom": TOP + plot_height}
