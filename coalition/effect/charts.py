"""Geometry of the effect charts: panels on one shared quarter axis, and small multiples on one shared scale.

Templates draw them as inline SVG from these numbers (``templates/effect/_chart.svg`` and
``_small_multiple.svg``), as the network's change chart is drawn: no JavaScript library. A
quarter without a value draws nothing there: points are only where something was measured.
"""
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

__all__ = ["ChartPanel", "PanelSpec", "QuarterChart", "quarter_chart", "small_multiple"]

Number = int | float | Decimal

WIDTH = 720
LEFT, RIGHT = 64, 12
PANEL_HEIGHT, PANEL_TOP, PANEL_GAP = 96, 20, 8
AXIS_HEIGHT = 22
SMALL_WIDTH, SMALL_HEIGHT, SMALL_LEFT, SMALL_TOP, SMALL_BOTTOM = 200, 120, 40, 18, 18


@dataclass(frozen=True)
class PanelSpec:
    """What one panel shows: series of values per quarter, as bars or as points."""

    title: str
    series: Sequence[tuple[str, Sequence[Number | None]]]  # (css class, one value per quarter)
    bars: bool = False
    lowest: Number | None = None
    highest: Number | None = None
    levels: Sequence[tuple[str, Number, str]] = ()  # (css class, value, text): baseline and target
    format_value: Callable[[Number], str] = str
    format_axis: Callable[[Number], str] | None = None  # shorter, for the axis (None: as format_value)


@dataclass
class ChartPanel:
    title: str
    top: float
    bottom: float
    bars: list = field(default_factory=list)  # (x, y, width, height, css class, text)
    lines: list = field(default_factory=list)  # (css class, [(x, y), ...]) between consecutive measured quarters
    points: list = field(default_factory=list)  # (x, y, css class, text)
    levels: list = field(default_factory=list)  # (y, css class, text)
    axis_labels: list = field(default_factory=list)  # (y, text)


@dataclass
class QuarterChart:
    width: int
    height: int
    plot_left: float
    plot_right: float
    panels: list[ChartPanel]
    ticks: list[tuple[float, str, str]]  # (x, quarter label, text-anchor)
    acting_x: float | None  # where the shading of "acting and after" starts


def _scale(values: list[float], lowest, highest) -> tuple[float, float]:
    """The axis's ends: those given, else the values' own with a little room (a level, not zero, for a KPI)."""
    low = float(lowest) if lowest is not None else min(values, default=0.0)
    high = float(highest) if highest is not None else max(values, default=low + 1)
    if high <= low:
        high = low + 1
    room = (high - low) * 0.08
    return (low if lowest is not None else low - room), (high if highest is not None else high + room)


def _panel(spec: PanelSpec, labels: Sequence[str], top: float, left: float, right: float,
           height: float, title_room: float) -> ChartPanel:
    count = max(len(labels), 1)
    slot = (right - left) / count
    values = [float(v) for _c, vs in spec.series for v in vs if v is not None]
    values += [float(v) for _c, v, _t in spec.levels]
    low, high = _scale(values, spec.lowest, spec.highest)
    plot_top, plot_bottom = top + title_room, top + height

    def y_of(value) -> float:
        return round(plot_bottom - (float(value) - low) / (high - low) * (plot_bottom - plot_top), 1)

    panel = ChartPanel(spec.title, plot_top, plot_bottom,
                       axis_labels=[(plot_bottom, (spec.format_axis or spec.format_value)(low)),
                                    (plot_top, (spec.format_axis or spec.format_value)(high))])
    width = slot * 0.8 / max(len(spec.series), 1)
    for index, (css, series) in enumerate(spec.series):
        line = []
        for position, value in enumerate(series):
            centre = left + slot * (position + 0.5)
            if value is None:
                if len(line) > 1:
                    panel.lines.append((css, line))
                line = []
                continue
            text = f"{labels[position]} · {spec.title}: {spec.format_value(value)}"
            if spec.bars:
                x = centre - slot * 0.4 + width * index
                y = y_of(max(float(value), low))
                panel.bars.append((round(x, 1), y, round(width, 1), round(plot_bottom - y, 1), css, text))
            else:
                point = (round(centre, 1), y_of(value))
                line.append(point)
                panel.points.append((*point, css, text))
        if len(line) > 1:
            panel.lines.append((css, line))
    panel.levels = [(y_of(value), css, f"{text} {spec.format_value(value)}") for css, value, text in spec.levels]
    return panel


def quarter_chart(labels: Sequence[str], specs: Sequence[PanelSpec], acting_index: int | None = None) -> QuarterChart:
    """Lay out the panels one under the other on the same quarters; label about eight quarters on the axis.

    >>> chart = quarter_chart(["2025-Q1", "2025-Q2"], [PanelSpec("SEK", [("delivered", [0, 100])], bars=True, lowest=0)], 1)
    >>> [(round(b[0]), b[3]) for b in chart.panels[0].bars], chart.acting_x
    ([(96, 0.0), (418, 70.4)], 386.0)
    """
    right = WIDTH - RIGHT
    panels = [_panel(spec, labels, index * (PANEL_HEIGHT + PANEL_GAP), LEFT, right, PANEL_HEIGHT, PANEL_TOP)
              for index, spec in enumerate(specs)]
    slot = (right - LEFT) / max(len(labels), 1)
    every = max(1, -(-len(labels) // 8))
    ticks = [(round(LEFT + slot * (i + 0.5), 1), text, "middle") for i, text in enumerate(labels) if i % every == 0]
    height = len(specs) * (PANEL_HEIGHT + PANEL_GAP) + AXIS_HEIGHT
    acting_x = round(LEFT + slot * acting_index, 1) if acting_index is not None else None
    return QuarterChart(WIDTH, height, LEFT, right, panels, ticks, acting_x)


def small_multiple(labels: Sequence[str], spec: PanelSpec, acting_index: int | None = None) -> QuarterChart:
    """Lay out one small panel (a neighbourhood on a KPI) on the scale the caller shares between all of them."""
    right = SMALL_WIDTH - 8
    panel = _panel(spec, labels, 0, SMALL_LEFT, right, SMALL_HEIGHT - SMALL_BOTTOM, SMALL_TOP)
    slot = (right - SMALL_LEFT) / max(len(labels), 1)
    ticks = [(SMALL_LEFT, labels[0], "start"), (right, labels[-1], "end")] if labels else []
    acting_x = round(SMALL_LEFT + slot * acting_index, 1) if acting_index is not None else None
    return QuarterChart(SMALL_WIDTH, SMALL_HEIGHT, SMALL_LEFT, right, [panel], ticks, acting_x)
