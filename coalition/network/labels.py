"""Choose which actors a drawing names, and where, so that no two names overlap.

The drawing names the most important actors first and skips a name that would cover one
already placed: a steering group reads a few names it can read, not all of them on top of
each other. The browser script (static/js/network.js) places names the same way when a user
zooms in; this one places them for the default view, the report and the PDF.
"""
from dataclasses import dataclass

__all__ = ["Label", "place_labels", "shortened", "text_width"]

# Longer names are cut with an ellipsis in the drawing (the whole name shows on pointing at it).
LONGEST_LABEL = 30
# Widths of characters as a share of the font size, a little above a sans-serif's (system-ui,
# DejaVu Sans, Helvetica), so that a name is never wider than the room kept for it.
_NARROW = set("fijlrtI.,:;'!|()[] ")
_WIDE = set("mwMWÅÄÖ@%&")
_NARROW_WIDTH, _WIDTH, _WIDE_WIDTH, _CAPITAL_WIDTH = 0.36, 0.62, 0.92, 0.74
# A name's box reaches this far above and below its baseline, as shares of the font size.
_ASCENT, _DESCENT = 1.0, 0.35
_GAP = 3.0  # between a node's circle and its name
_PAD = 2.0  # kept free between two names


@dataclass(frozen=True)
class Label:
    """Where a node's name goes: its baseline point, its anchor ("start", "middle" or "end") and its box."""

    x: float
    y: float
    anchor: str
    box: tuple[float, float, float, float]  # left, top, right, bottom


def shortened(text: str, longest: int = LONGEST_LABEL) -> str:
    """Return the name as the drawing writes it, cut with an ellipsis when too long.

    >>> shortened("Norrviks kommun"), shortened("x" * 40, 10)
    ('Norrviks kommun', 'xxxxxxxxx…')
    """
    return text if len(text) <= longest else text[:longest - 1].rstrip() + "…"


def text_width(text: str, font_size: float) -> float:
    """Return a generous estimate of how wide ``text`` is written at ``font_size``.

    >>> text_width("Ill", 10) < text_width("MMM", 10)
    True
    """
    total = 0.0
    for char in text:
        if char in _NARROW:
            total += _NARROW_WIDTH
        elif char in _WIDE:
            total += _WIDE_WIDTH
        elif char.isupper():
            total += _CAPITAL_WIDTH
        else:
            total += _WIDTH
    return total * font_size


def _overlaps(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _candidates(x: float, y: float, r: float, width: float, font_size: float):
    """Right of the node, left of it, above, below: (anchor x, baseline y, anchor, box)."""
    middle = y + 0.35 * font_size  # a baseline that centres the name's lower-case letters on the node
    height_up, height_down = _ASCENT * font_size, _DESCENT * font_size
    right, left = x + r + _GAP, x - r - _GAP
    above, below = y - r - _GAP - height_down, y + r + _GAP + height_up
    yield right, middle, "start", (right, middle - height_up, right + width, middle + height_down)
    yield left, middle, "end", (left - width, middle - height_up, left, middle + height_down)
    for baseline in (above, below):
        yield x, baseline, "middle", (x - width / 2, baseline - height_up, x + width / 2, baseline + height_down)


def place_labels(nodes, *, font_size: float, bounds: tuple[float, float, float, float],
                 limit: int | None = None, obstacles: dict | None = None, forced: int = 0) -> dict:
    """Return node -> ``Label`` for the nodes that can be named without two names overlapping.

    ``nodes`` are ``(node, x, y, radius, text)``, the most important first; each is named at the
    first of four places (right, left, above, below) that lies within ``bounds`` (left, top,
    right, bottom), covers no name already placed and no other node's box in ``obstacles``
    (node -> box, its circle), or not at all. The first ``forced`` nodes may cover other nodes
    when nothing else is free: the most central actors are named first of all. At most ``limit`` names.

    >>> placed = place_labels([(1, 100, 50, 5, "Kvarnängen"), (2, 104, 50, 5, "Kvarnängen")],
    ...                       font_size=10, bounds=(0, 0, 200, 100))
    >>> sorted(placed), placed[1].anchor, placed[2].anchor
    ([1, 2], 'start', 'end')
    >>> place_labels([(1, 50, 50, 5, "A very long name indeed")], font_size=10, bounds=(0, 0, 60, 100))
    {}
    >>> place_labels([(1, 50, 50, 5, "Ab")], font_size=10, bounds=(0, 0, 200, 100),
    ...              obstacles={2: (56, 30, 200, 70)})[1].anchor
    'end'
    """
    placed: dict = {}
    boxes: list[tuple] = []
    left, top, right, bottom = bounds
    obstacles = obstacles or {}
    for index, (node, x, y, r, text) in enumerate(nodes):
        if limit is not None and len(placed) >= limit:
            break
        width = text_width(text, font_size)
        others = [box for other, box in obstacles.items() if other != node]
        places = [place for place in _candidates(x, y, r, width, font_size)
                  if place[3][0] >= left and place[3][1] >= top and place[3][2] <= right and place[3][3] <= bottom
                  and not any(_overlaps(_padded(place[3]), other) for other in boxes)]
        free = [place for place in places if not any(_overlaps(place[3], other) for other in others)]
        chosen = free[0] if free else places[0] if places and index < forced else None
        if chosen is not None:
            anchor_x, baseline, anchor, box = chosen
            placed[node] = Label(round(anchor_x, 1), round(baseline, 1), anchor, tuple(round(v, 1) for v in box))
            boxes.append(box)
    return placed


def _padded(box: tuple) -> tuple:
    return box[0] - _PAD, box[1] - _PAD, box[2] + _PAD, box[3] + _PAD
