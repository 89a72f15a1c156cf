"""The network's picture as the page, the report and the SVG download show it.

``picture_context`` places a drawing on a wide canvas and says, for ``network/_drawing.svg``:
each actor's size (a chosen figure), its colour under each colouring (sector, community,
neighbourhood: the script switches between them without asking the server), which actors a
focus lights up, which were active in a chosen quarter, which names are written (no two
overlapping; see ``network.labels``), and the legends. The same SVG, without the script, is
the picture of the report and its PDF.
"""
import math
from dataclasses import dataclass

from flask import render_template, url_for

from ..network import FIGURES, SECTORS, NetworkFilter
from ..network.canvas import Canvas, focus_rings, framed_on
from ..network.drawing import GROUP_LINKS, TIE_KINDS, tie_kind
from ..network.labels import place_labels, shortened
from .drawing import Drawn, community_drawing_for, drawing_for
from .rows import ANONYMISED

__all__ = ["CANVAS", "COLOURINGS", "REPORT_FONT_SIZE", "MapChoice", "chosen_drawing", "picture_context", "picture_svg", "render_picture"]

CANVAS = Canvas(1600, 1000, 40)
# Names are written this large (canvas units) at the whole view; a closer view writes them smaller, as seen.
FONT_SIZE = 19
# The report shows the picture at half the page's width: its names are written larger, so fewer fit.
REPORT_FONT_SIZE = 30
# The most names written at once: a steering group reads the thirty most central, not a hundred.
NAMES_IN_VIEW = 30
# The most central are named even over another actor's circle when nothing else is free.
FORCED_NAMES = 8
PALETTE = 12  # colours for groups and neighbourhoods; the rest share one grey
COLOURINGS = ("sector", "community", "neighbourhood")
LISTED_PARTNERS = 20


@dataclass(frozen=True)
class MapChoice:
    """How to show a network: what sizes and colours its actors, which actor is focused, which quarter."""

    size_by: str = "degree"
    colour_by: str = "sector"
    focus: int | None = None
    steps: int = 1  # the focus lights up partners at one step, or also theirs at two
    quarter: str | None = None  # "2025-Q3": that quarter's actors and ties stand out
    community: str | None = None  # the community opened, as asked (?community=, numbered from 1)


def chosen_drawing(computed, network_filter: NetworkFilter, choice: MapChoice,
                   quarter_graphs=None, ahead: dict | None = None) -> tuple[Drawn, dict]:
    """Return the drawing to show and what the page says of it: the community opened, or one asked for that is not.

    A focused actor of a network drawn as communities opens its community, so that it is drawn.
    ``ahead`` holds the communities' drawings the job made (see ``drawing.community_drawing_for``).
    """
    whole = drawing_for(computed, network_filter, quarter_graphs)
    asked = choice.community
    if asked is None and whole.drawing.reduction == "communities" and choice.focus in computed.figures.actors:
        number = computed.figures.actors[choice.focus].get("community")
        asked = None if number is None else str(number + 1)
    if asked is None:
        return whole, {}
    number = int(asked) - 1 if asked.isdigit() else -1  # the page numbers communities from 1
    found = community_drawing_for(computed, network_filter, number, quarter_graphs, ahead)
    if found is None:
        return whole, {"community_missing": asked}
    return found, {"community": {"number": number + 1, "size": len(computed.figures.communities[number])}}


def _bits(mask: int | None, quarters: int) -> str:
    """A bit mask of quarters as hexadecimal digits, bit 0 last (what the script reads)."""
    return "" if mask is None or not quarters else format(mask, f"0{(quarters + 3) // 4}x")


def _palette_index(ordered: list) -> dict:
    return {key: str(i) if i < PALETTE else "x" for i, key in enumerate(ordered)}


def _colour_keys(graph, communities_drawn: bool, actors: dict, names: dict) -> tuple[dict, dict, list, list]:
    """Return node -> community colour key, node -> neighbourhood colour key, and the legends of both."""
    community = {n: (n if communities_drawn else actors.get(n, {}).get("community")) for n in graph}
    numbers = sorted({c for c in community.values() if c is not None})
    community_key = _palette_index(numbers)
    members = {c: [n for n in graph if community[n] == c] for c in numbers}
    community_legend = [{"key": community_key[c], "number": c + 1, "count": len(members[c]),
                         "label": graph.nodes[max(members[c], key=lambda n: (graph.degree(n, weight="weight"), -n))]
                         .get("label", "") if not communities_drawn else graph.nodes[c].get("label", "")}
                        for c in numbers[:PALETTE]]
    if len(numbers) > PALETTE:
        community_legend.append({"key": "x", "number": None, "count": sum(len(members[c]) for c in numbers[PALETTE:])})

    places = {n: tuple(graph.nodes[n].get("neighbourhoods") or ()) for n in graph}
    counted: dict = {}
    for own in places.values():
        if len(own) == 1:
            counted[own[0]] = counted.get(own[0], 0) + 1
    ordered = sorted(counted, key=lambda p: (-counted[p], names.get(p, str(p))))
    place_key = _palette_index(ordered)
    keys = {n: ("n" if not own else "m" if len(own) > 1 else place_key[own[0]]) for n, own in places.items()}
    place_legend = [{"key": place_key[p], "label": names.get(p, str(p)), "count": counted[p]} for p in ordered[:PALETTE]]
    for key, label in (("x", "other"), ("m", "several"), ("n", "none")):
        count = sum(1 for k in keys.values() if k == key)
        if count:
            place_legend.append({"key": key, "label": None, "kind": label, "count": count})
    return ({n: community_key.get(community[n], "x") for n in graph}, keys, community_legend, place_legend)


def _partners(choice: MapChoice, computed, drawn_graph, known_partners) -> dict | None:
    """What the page lists of the focused actor: itself and its strongest partners (the phone's whole map)."""
    focus = choice.focus
    if focus is None:
        return None
    if focus not in computed.graph:
        return {"missing": True}
    data = computed.graph.nodes[focus]
    if known_partners is None:
        source = computed.graph
        ranked = sorted(((other, tie.get("weight", 1), tie) for other, tie in source[focus].items()),
                        key=lambda p: (-p[1], str(source.nodes[p[0]].get("label", ""))))
        total = len(ranked)
        partners = [(other, source.nodes[other].get("label", str(other)), source.nodes[other].get("sector"), weight,
                     tie_kind(tie)) for other, weight, tie in ranked[:LISTED_PARTNERS]]
    else:  # the job's whole programme, stored without its ties: the strongest partners it stored apart
        total = computed.figures.actors.get(focus, {}).get("degree", len(known_partners))
        drawn_ties = drawn_graph.adj.get(focus, {})
        partners = [(other, label, computed.graph.nodes[other].get("sector") if other in computed.graph else None,
                     weight, tie_kind(drawn_ties[other]) if other in drawn_ties else None)
                    for other, label, weight in known_partners[:LISTED_PARTNERS]]
    return {"id": focus, "label": data.get("label", str(focus)), "sector": data.get("sector"),
            "kind": data.get("kind"), "drawn": focus in drawn_graph, "total": total,
            "partners": [{"id": other, "label": label, "sector": sector, "weight": weight, "tie": kind}
                         for other, label, sector, weight, kind in partners]}


def picture_context(computed, network_filter: NetworkFilter, choice: MapChoice, drawn: Drawn, *,
                    page_args: dict | None = None, names: dict | None = None, known_partners: list | None = None,
                    interactive: bool = True, font_size: float = FONT_SIZE) -> dict:
    """Return what ``network/_drawing.svg`` draws and what the page says around it.

    ``page_args`` is the network page's query for this network (an actor's node links there,
    focused on it); ``names`` maps neighbourhood ids to names for the legend;
    ``known_partners`` are the focused actor's strongest partners when the graph holds no ties.
    Without ``interactive`` (the report, the download) only the names written are drawn;
    ``font_size`` is the names' size at the whole view (a picture shown small wants them larger).
    """
    page_args = {key: value for key, value in (page_args or {}).items() if key not in ("focus", "find")}
    drawing, positions, activity = drawn.drawing, drawn.positions, drawn.activity
    graph = drawing.graph
    communities_drawn = drawing.reduction == "communities"
    actors = computed.figures.actors
    if communities_drawn:
        values = {n: graph.nodes[n].get("size", 1) for n in graph}
    else:
        values = {n: actors.get(n, {}).get(choice.size_by) or 0 for n in graph}
    top = max((float(v) for v in values.values()), default=0) or 1
    point = {n: CANVAS.place(positions.get(n, (0.0, 0.0))) for n in graph}

    focus = choice.focus if choice.focus in graph else None
    near, far = focus_rings(graph, focus, choice.steps) if focus is not None else (set(), set())
    view = framed_on(CANVAS, point[focus], [point[n] for n in near]) if focus is not None else CANVAS.whole
    font_size = round(font_size * view.scale, 2)

    quarters = activity.quarters if activity is not None else ()
    shown_quarter = quarters.index(choice.quarter) if choice.quarter in quarters else None

    def active(mask: int) -> bool:
        return shown_quarter is None or bool(mask >> shown_quarter & 1)

    community_key, place_key, community_legend, place_legend = _colour_keys(graph, communities_drawn, actors,
                                                                            names or {})
    ranked = sorted(graph, key=lambda n: (-float(values[n]), -graph.degree(n), str(graph.nodes[n].get("label", ""))))
    rank = {n: i for i, n in enumerate(ranked)}

    def url_of(node) -> str:
        if communities_drawn:  # a community opens as the drawing of its own actors
            return url_for("network.index", **{**page_args, "community": node + 1})
        return url_for("network.index", **{**page_args, "focus": node})

    nodes = []
    for node in ranked:
        data = graph.nodes[node]
        x, y = point[node]
        mask = activity.nodes.get(node, 0) if activity is not None else None
        ring = "focus" if node == focus else "near" if node in near else "far" if node in far else ""
        nodes.append({
            "id": node, "label": data.get("label", str(node)), "x": x, "y": y, "rank": rank[node],
            "text": shortened(data.get("label", str(node))), "value": values[node],
            "r": round(6 + 16 * math.sqrt(max(float(values[node]), 0) / top), 1),
            "classes": " ".join(filter(None, (f"s-{data.get('sector') or 'none'}", f"k{community_key[node]}",
                                              f"h{place_key[node]}", ring, "" if active(mask or 0) else "off"))),
            "url": url_of(node), "q": _bits(mask, len(quarters)), "size": data.get("size"),
            "neighbours": " ".join(str(n) for n in graph[node]),
        })
    by_id = {n["id"]: n for n in nodes}

    heaviest = math.log1p(max((float(w) for _, _, w in graph.edges(data="weight", default=1)), default=1)) or 1
    lit = {focus} | near | far if focus is not None else set()
    ties = []
    for u, v, tie in graph.edges(data=True):
        mask = activity.mask_of_tie(u, v) if activity is not None else None
        lights = focus is not None and (focus in (u, v) or (choice.steps >= 2 and u in lit and v in lit))
        ties.append({"a": u, "b": v, "x1": by_id[u]["x"], "y1": by_id[u]["y"], "x2": by_id[v]["x"], "y2": by_id[v]["y"],
                     "width": round(1 + 5 * math.log1p(float(tie.get("weight", 1))) / heaviest, 2),
                     "kind": tie_kind(tie), "q": _bits(mask, len(quarters)),
                     "classes": " ".join(filter(None, ("near" if lights else "",
                                                       "" if active(mask or 0) else "off")))})

    order = ([focus] + sorted(near, key=lambda n: (-graph[focus][n].get("weight", 1), rank[n]))
             + sorted(far, key=rank.get)) if focus is not None else ranked
    left, top_edge, right, bottom = view.bounds
    inset = 4 * view.scale
    shown = [n for n in order if "off" not in by_id[n]["classes"]]
    circles = {n: (by_id[n]["x"] - by_id[n]["r"], by_id[n]["y"] - by_id[n]["r"], by_id[n]["x"] + by_id[n]["r"],
                   by_id[n]["y"] + by_id[n]["r"]) for n in shown}
    labels = place_labels([(n, by_id[n]["x"], by_id[n]["y"], by_id[n]["r"], by_id[n]["text"]) for n in shown],
                          font_size=font_size, bounds=(left + inset, top_edge + inset, right - inset, bottom - inset),
                          limit=NAMES_IN_VIEW + (10 if focus is not None else 0), obstacles=circles,
                          forced=FORCED_NAMES)
    for node in nodes:
        label = labels.get(node["id"])
        node.update(named=label is not None, label_x=label.x if label else node["x"] + node["r"] + 3,
                    label_y=label.y if label else node["y"] + 0.35 * font_size,
                    anchor=label.anchor if label else "start")

    size_figure = None if communities_drawn else FIGURES.get(choice.size_by)
    return {
        "drawing": drawing, "canvas": CANVAS, "view": view, "font_size": font_size, "nodes": nodes, "ties": ties,
        "colour_by": choice.colour_by if choice.colour_by in COLOURINGS else "sector", "colourings": COLOURINGS,
        "palette": PALETTE, "sectors": SECTORS, "tie_kinds": TIE_KINDS,
        "legends": {"community": community_legend, "neighbourhood": place_legend},
        "focus": _partners(choice, computed, graph, known_partners), "steps": choice.steps,
        "quarters": quarters, "quarter": quarters[shown_quarter] if shown_quarter is not None else None,
        "size_figure": size_figure, "anonymised": ANONYMISED, "interactive": interactive,
        "communities_drawn": communities_drawn, "group_links": GROUP_LINKS,
    }


def render_picture(context: dict) -> str:
    """Render a picture's context as the SVG (an autoescaping template)."""
    return render_template("network/_drawing.svg", **context)


def picture_svg(computed, network_filter: NetworkFilter, choice: MapChoice = MapChoice(),
                page_args: dict | None = None, *, font_size: float = FONT_SIZE) -> str:
    """Draw a computed network as the page draws it at first, without the script's parts (a download, the report)."""
    drawn, _said = chosen_drawing(computed, network_filter, choice)
    return render_picture(picture_context(computed, network_filter, choice, drawn, page_args=page_args,
                                          interactive=False, font_size=font_size))
