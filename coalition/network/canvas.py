"""Where a drawing's actors stand on its canvas, which of them a focus lights up, and what the view shows."""
from dataclasses import dataclass

import networkx as nx

__all__ = ["Canvas", "View", "focus_rings", "framed_on"]

# A focused view zooms in at most this far (a share of the whole canvas), so its neighbours keep their context.
CLOSEST_VIEW = 0.35


@dataclass(frozen=True)
class View:
    """The part of the canvas shown: its top-left corner and size; ``scale`` is its width over the canvas's."""

    x: float
    y: float
    width: float
    height: float
    scale: float = 1.0

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        return self.x, self.y, self.x + self.width, self.y + self.height

    @property
    def box(self) -> str:
        """The view as an SVG ``viewBox``."""
        return " ".join(f"{v:g}" for v in (round(self.x, 1), round(self.y, 1), round(self.width, 1),
                                           round(self.height, 1)))


@dataclass(frozen=True)
class Canvas:
    """A wide canvas (room for names beside the actors) with a margin kept free around the drawing.

    >>> Canvas(1600, 1000, 40).place((-1.0, 1.0))
    (40.0, 960.0)
    """

    width: float = 1600
    height: float = 1000
    margin: float = 40

    def place(self, position: tuple[float, float]) -> tuple[float, float]:
        """Return where a layout position (both in [-1, 1]) stands on the canvas."""
        x, y = position
        return (round(self.margin + (x + 1) / 2 * (self.width - 2 * self.margin), 1),
                round(self.margin + (y + 1) / 2 * (self.height - 2 * self.margin), 1))

    @property
    def whole(self) -> View:
        return View(0.0, 0.0, self.width, self.height, 1.0)


def focus_rings(graph: nx.Graph, focus, steps: int = 1) -> tuple[set, set]:
    """Return (its partners, their partners not already named) of ``focus``; the second empty for one step.

    >>> focus_rings(nx.path_graph(4), 0, steps=2)
    ({1}, {2})
    >>> focus_rings(nx.path_graph(4), 9)
    (set(), set())
    """
    if focus not in graph:
        return set(), set()
    near = set(graph[focus])
    far = set()
    if steps >= 2:
        far = {other for partner in near for other in graph[partner]} - near - {focus}
    return near, far


def framed_on(canvas: Canvas, centre: tuple[float, float], around: list[tuple[float, float]],
              room: float = 60.0) -> View:
    """Return the view centred on ``centre`` that shows the points ``around`` it (with ``room`` to spare).

    It keeps the canvas's proportions, shows no more than the whole canvas's size and zooms in
    no closer than ``CLOSEST_VIEW``.

    >>> view = framed_on(Canvas(1600, 1000, 40), (800, 500), [(900, 520)])
    >>> (view.x, view.y, view.width, view.height, view.scale)
    (520.0, 325.0, 560.0, 350.0, 0.35)
    """
    cx, cy = centre
    half_width = max((abs(x - cx) for x, _ in around), default=0.0) + room
    half_height = max((abs(y - cy) for _, y in around), default=0.0) + room
    scale = max(half_width / (canvas.width / 2), half_height / (canvas.height / 2))
    scale = min(1.0, max(CLOSEST_VIEW, scale))
    width, height = canvas.width * scale, canvas.height * scale
    return View(round(cx - width / 2, 1), round(cy - height / 2, 1), round(width, 1), round(height, 1),
                round(scale, 4))
