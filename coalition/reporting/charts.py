"""Charts drawn on the server as SVG, to put straight into a page: no JavaScript, no network.

Every function draws on its own `matplotlib.figure.Figure` (never pyplot, whose figures are
global), so charts can be drawn from several threads at once and nothing else in the process
is affected: no `matplotlib.use`, and `rcParams` changed only under a lock for one drawing (see
`_inline`). Text is drawn as DejaVu Sans glyph outlines, so the chart reads the same without the
font on the reader's machine; matplotlib keeps each text as an escaped comment beside its outline.
A chart for a PDF (`glyphs=False`) writes its text as SVG text instead: WeasyPrint, which embeds
the font anyway, parses every glyph outline at each use, and four KPI charts took a second. It
also draws each point marker and tick in place rather than as a `<use>` of one shape, which
WeasyPrint lays out as an SVG of its own, bounding box and all (a third of a chart's time).

What comes back is an `<svg>` element ready to inline in HTML: no XML prologue, `role="img"`,
an `aria-label` and a `<title>`, ids unique to the chart (so several charts share a page), a
`viewBox` that scales to its container, and colours as presentation attributes rather than
`style` attributes (so a strict Content-Security-Policy leaves them alone).

>>> from datetime import date, timedelta
>>> svg = time_series_svg([("Kvarnängen", [(date(2025, 1, 1), 10), (date(2026, 1, 1), 12.5)])], unit="%",
...                       baseline=10, target=20, title="<Trygghet>")
>>> svg.startswith("<svg ") and 'role="img"' in svg and "&lt;Trygghet&gt;" in svg and "<Trygghet>" not in svg
True
"""
import base64
import io
import itertools
import re
import threading
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from html import escape

from matplotlib import rc_context
from matplotlib.dates import MONTHLY, AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

__all__ = ["PALETTE", "bar_chart_svg", "time_series_svg"]

# Colour-blind-safe (Okabe–Ito), in the order series are given.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
BASELINE_COLOUR = "#6c757d"
TARGET_COLOUR = "#198754"
FONT = "DejaVu Sans"
_DPI = 72  # one SVG unit per point

Number = int | float | Decimal
Formatter = Callable[[float], str]

_chart_ids = itertools.count(1)
_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
_STYLE_ELEMENT = re.compile(r"\s*<style[^>]*>.*?</style>", re.DOTALL)
_STYLE_ATTRIBUTE = re.compile(r'style="([^"]*)"')
_ID = re.compile(r'\bid="([^"]+)"')
_REFERENCE = re.compile(r'(\bid="|#)([^"\s)#]+)')
_SIZE = re.compile(r'\s(width|height)="([\d.]+)pt"')
_SHAPE = re.compile(r'<path id="([^"]+)" d="([^"]*)"([^>]*)/>')
_USE = re.compile(r'<use xlink:href="#([^"]+)" x="([^"]+)" y="([^"]+)"([^>]*)/>')
# matplotlib reads how to write text from the global rcParams: a chart drawn with text as text
# holds this lock, so that no other thread's chart is drawn under its setting. Drawing holds
# Python's own lock anyway, so charts drawn one at a time lose no speed.
_SAVING = threading.Lock()


def _plain(value: Number | None) -> float | None:
    return None if value is None else float(value)


def _default_format(value: float) -> str:
    return f"{value:.10g}"


def _presentation_attributes(match: re.Match) -> str:
    declarations = [part.split(":", 1) for part in match.group(1).split(";") if ":" in part]
    return " ".join(f'{name.strip()}="{value.strip()}"' for name, value in declarations)


def _shapes_in_place(svg: str) -> str:
    """Draw each `<use>` of a marker or tick as the shape itself, moved to its place.

    The group carries the `<use>`'s own attributes, which the shape inherits where it sets none,
    as it would from the `<use>`.
    """
    shapes = {found.group(1): (found.group(2), found.group(3)) for found in _SHAPE.finditer(svg)}

    def in_place(use: re.Match) -> str:
        if use.group(1) not in shapes:
            return use.group(0)
        path, attributes = shapes[use.group(1)]
        return (f'<g transform="translate({use.group(2)} {use.group(3)})"{use.group(4)}>'
                f'<path d="{path}"{attributes}/></g>')

    return _USE.sub(in_place, svg)


def _inline(figure: Figure, label: str, description: str = "", *, fluid: bool = True, glyphs: bool = True) -> str:
    """Return the figure as an inlinable, labelled <svg> element.

    A fluid chart fills its container's width; otherwise it keeps its size (in CSS pixels).
    Without `glyphs` (for WeasyPrint), text is SVG text in DejaVu Sans rather than the font's
    outlines, and markers are drawn in place.
    """
    buffer = io.StringIO()
    with _SAVING, rc_context({"svg.fonttype": "path" if glyphs else "none"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = _METADATA.sub("", _PROLOGUE.sub("", buffer.getvalue(), count=1), count=1)
    if not glyphs:
        svg = _shapes_in_place(svg)
    svg = _STYLE_ELEMENT.sub("", svg, count=1)
    svg = _STYLE_ATTRIBUTE.sub(_presentation_attributes, svg)
    prefix = f"c{next(_chart_ids)}-"
    ids = set(_ID.findall(svg))
    svg = _REFERENCE.sub(lambda m: m.group(1) + prefix + m.group(2) if m.group(2) in ids else m.group(0), svg)
    label_text = escape(label, quote=True)
    opening = (f'<svg role="img" aria-labelledby="{prefix}title" aria-label="{label_text}" '
               f'preserveAspectRatio="xMinYMin meet" class="chart" stroke-linejoin="round" stroke-linecap="butt"')
    svg = svg.replace("<svg", opening, 1)
    svg = _SIZE.sub("" if fluid else r' \1="\2"', svg, count=2)
    heading = f'<title id="{prefix}title">{label_text}</title>'
    if description:
        heading += f"<desc>{escape(description, quote=False)}</desc>"
    return re.sub(r"(<svg\b[^>]*>)", lambda m: m.group(1) + heading, svg, count=1).strip()


_ROOT = re.compile(r"<svg\b[^>]*>")
_LABEL = re.compile(r'\baria-label="([^"]*)"')


def svg_as_image(svg: str) -> str:
    """Return an inline ``<svg>`` as an ``<img>`` of the same drawing, for a PDF made with WeasyPrint.

    WeasyPrint gives every element of an inline SVG the page's whole CSS cascade: for the
    report's five drawings (about 2,600 elements) that was an eighth of its WeasyPrint time. An
    SVG image it parses as XML and draws the same, still as vectors and text (the pages come
    out the same to the pixel). The image's alt text is the drawing's label.
    """
    root = _ROOT.search(svg)
    if root is not None and " xmlns=" not in root.group(0):
        svg = svg.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"', 1)
    label = _LABEL.search(root.group(0)) if root is not None else None
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    # The label is an attribute value already escaped where the SVG was written.
    return f'<img class="chart" alt="{label.group(1) if label else ""}" src="data:image/svg+xml;base64,{data}">'


def _figure(size: tuple[float, float], *, left: float = 0.6, right: float = 0.15, top: float = 0.15,
            bottom: float = 0.35) -> Figure:
    """A figure with fixed margins in inches: a layout engine would double the drawing time."""
    width, height = size
    figure = Figure(figsize=size, dpi=_DPI)
    figure.patch.set_facecolor("white")
    figure.subplots_adjust(left=min(left / width, 0.5), right=1 - min(right / width, 0.3),
                           bottom=min(bottom / height, 0.45), top=1 - min(top / height, 0.4))
    return figure


def _style_axes(axes, format_value: Formatter, unit: str, small: bool) -> None:
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#dee2e6", linewidth=0.6)
    axes.set_axisbelow(True)
    axes.tick_params(labelsize=7 if small else 9)
    axes.yaxis.set_major_locator(MaxNLocator(nbins=3 if small else 6))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _position: format_value(value)))
    if unit and not small:
        axes.set_ylabel(unit, fontfamily=FONT, fontsize=9)


def _horizontal_line(axes, value: float, colour: str, text: str, small: bool) -> None:
    axes.axhline(value, color=colour, linestyle="--", linewidth=1.2)
    if text and not small:
        axes.annotate(text, xy=(1, value), xycoords=("axes fraction", "data"), xytext=(-2, 2),
                      textcoords="offset points", ha="right", va="bottom", color=colour, fontsize=8,
                      fontfamily=FONT)


def time_series_svg(series: Sequence[tuple[str, Sequence[tuple[date, Number]]]], *, unit: str,
                    baseline: Number | None = None, target: Number | None = None, title: str = "",
                    baseline_label: str = "Baseline", target_label: str = "Target",
                    format_value: Formatter = _default_format, size: tuple[float, float] = (6.4, 3.2),
                    small: bool = False, value_range: tuple[float, float] | None = None,
                    glyphs: bool = True) -> str:
    """Draw dated values as lines, with dashed baseline and target levels; return inline SVG.

    `series` is a list of (label, [(date, value), ...]); the points need not be sorted. A
    series with no points is left out. `baseline_label` and `target_label` are drawn beside
    their lines with the value (pass them translated); `format_value` writes a number the way
    the reader's language does. `small` draws a sparkline-sized chart without legend or labels,
    at its own `size`; otherwise the chart fills its container's width. `value_range` (lowest,
    highest) fixes the value axis, so that charts drawn side by side share one scale. Without
    `glyphs` the text is SVG text (for a PDF, which embeds the font).

    >>> svg = time_series_svg([("A", [(date(2026, 3, 31), 4), (date(2025, 12, 31), 2)])], unit="st",
    ...                       title="Antal", small=True, size=(2.4, 1))
    >>> "<!-- 4 -->" in svg  # the latest value is written beside its point
    True
    """
    if small:
        figure = _figure(size, left=0.3, right=0.35, top=0.08, bottom=0.2)
    else:
        figure = _figure(size, left=0.75, right=0.55, top=0.4 if title else 0.15)
    axes = figure.add_subplot()
    _style_axes(axes, format_value, unit, small)
    drawn = [(label, sorted(points)) for label, points in series if points]
    summary = []
    for index, (label, points) in enumerate(drawn):
        colour = PALETTE[index % len(PALETTE)]
        days = [day for day, _value in points]
        values = [float(value) for _day, value in points]
        axes.plot(days, values, color=colour, marker="o", markersize=3 if small else 4,
                  linewidth=1.5 if small else 2, label=label)
        axes.annotate(format_value(values[-1]), xy=(days[-1], values[-1]), xytext=(4, 0), textcoords="offset points",
                      va="center", fontsize=7 if small else 8, color=colour, fontfamily=FONT)
        summary.append(f"{label}: {format_value(values[-1])} {unit} ({days[-1].isoformat()})".strip())
    for value, colour, text in ((_plain(baseline), BASELINE_COLOUR, baseline_label),
                                (_plain(target), TARGET_COLOUR, target_label)):
        if value is not None:
            _horizontal_line(axes, value, colour, f"{text} {format_value(value)}", small)
            summary.append(f"{text}: {format_value(value)} {unit}".strip())
    if drawn:
        days = sorted(day for _label, points in drawn for day, _value in points)
        if days[0] == days[-1]:  # one day: give the axis a span to put ticks on
            axes.set_xlim(days[0] - timedelta(days=90), days[0] + timedelta(days=90))
        locator = AutoDateLocator(minticks=2, maxticks=4 if small else 6)
        # Yearly ticks a year apart, for spans too short for yearly and too long for 6-monthly.
        locator.intervald[MONTHLY] = [1, 2, 3, 4, 6, 12]
        axes.xaxis.set_major_locator(locator)
        # Dates the way the office writes them, in either language: 2026, 2026-04, 2026-04-15.
        axes.xaxis.set_major_formatter(ConciseDateFormatter(
            locator, formats=["%Y", "%Y-%m", "%Y-%m-%d", "%H:%M", "%H:%M", "%S.%f"],
            zero_formats=["", "%Y", "%Y-%m", "%Y-%m-%d", "%H:%M", "%H:%M"], show_offset=False))
        axes.margins(x=0.12)
    else:
        axes.set_xticks([])
    if value_range is not None:
        lowest, highest = value_range
        padding = (highest - lowest) * 0.08 or 1
        axes.set_ylim(lowest - padding, highest + padding)
    if title and not small:
        axes.set_title(title, fontfamily=FONT, fontsize=11, loc="left")
    if len(drawn) > 1 and not small:
        axes.legend(fontsize=8, frameon=False, prop={"family": FONT, "size": 8})
    return _inline(figure, "; ".join(filter(None, [title, *summary])), "; ".join(summary), fluid=not small,
                   glyphs=glyphs)


def bar_chart_svg(categories: Sequence[str], series: dict[str, Sequence[Number | None]], *, unit: str = "",
                  stacked: bool = False, title: str = "", format_value: Formatter = _default_format,
                  size: tuple[float, float] = (6.4, 3.2), horizontal: bool = False,
                  colours: Sequence[str] = PALETTE) -> str:
    """Draw one bar per category for each series, side by side or stacked; return inline SVG.

    `series` maps a label to one value per category (None draws no bar). With one series there
    is no legend. `horizontal` puts the categories down the side, for long names. `colours` are
    the series' colours in order (the sectors' own, for series that are sectors).

    >>> svg = bar_chart_svg(["Privat", "Offentlig"], {"2026": [3, 5]}, unit="st", title="Aktörer")
    >>> "Aktörer" in svg and "<!-- 5 -->" in svg
    True
    """
    longest = max((len(str(category)) for category in categories), default=0)
    figure = _figure(size, left=min(0.3 + longest * 0.08, 3.2) if horizontal else 0.75, right=0.2,
                     top=0.4 if title else 0.15, bottom=0.45 if horizontal else 0.4)
    axes = figure.add_subplot()
    _style_axes(axes, format_value, "", False)
    if horizontal:
        axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _position: format_value(value)))
        axes.grid(axis="y", visible=False)
        axes.grid(axis="x", color="#dee2e6", linewidth=0.6)
    count = max(len(series), 1)
    width = 0.8 if stacked else 0.8 / count
    positions = list(range(len(categories)))
    bottoms = [0.0] * len(categories)
    summary = []
    for index, (label, values) in enumerate(series.items()):
        heights = [float(v) if v is not None else 0.0 for v in values]
        offsets = positions if stacked else [p - 0.4 + width * (index + 0.5) for p in positions]
        draw = axes.barh if horizontal else axes.bar
        base = {"left": bottoms} if horizontal else {"bottom": bottoms}
        bars = draw(offsets, heights, width, color=colours[index % len(colours)],
                    label=label, **(base if stacked else {}))
        if not stacked:
            axes.bar_label(bars, labels=[format_value(float(v)) if v is not None else "" for v in values], fontsize=7,
                           padding=2, fontfamily=FONT)
        if stacked:
            bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
        summary.append(f"{label}: " + ", ".join(
            f"{category} {format_value(float(v))}" for category, v in zip(categories, values, strict=True)
            if v is not None))
    if stacked:
        for position, total in zip(positions, bottoms, strict=True):
            xy = (total, position) if horizontal else (position, total)
            axes.annotate(format_value(total), xy=xy, xytext=(3, 0) if horizontal else (0, 2),
                          textcoords="offset points", ha="left" if horizontal else "center",
                          va="center" if horizontal else "bottom", fontsize=7, fontfamily=FONT)
    if horizontal:
        axes.set_yticks(positions, list(categories), fontfamily=FONT)
        axes.invert_yaxis()
        if unit:
            axes.set_xlabel(unit, fontfamily=FONT, fontsize=9)
    else:
        axes.set_xticks(positions, list(categories), fontfamily=FONT)
        if unit:
            axes.set_ylabel(unit, fontfamily=FONT, fontsize=9)
    if title:
        axes.set_title(title, fontfamily=FONT, fontsize=11, loc="left")
    if len(series) > 1:
        axes.legend(frameon=False, prop={"family": FONT, "size": 8})
    return _inline(figure, "; ".join(filter(None, [title, *summary])), "; ".join(summary))
