"""The map's pure parts: names that never overlap, a focus and its view, what each quarter lit, a layout with structure."""
import math
import random

import networkx as nx

from coalition.network import layout, reduce_for_drawing
from coalition.network.canvas import Canvas, focus_rings, framed_on
from coalition.network.drawing import GROUP_LINKS, quarter_activity, tie_kind
from coalition.network.labels import place_labels, text_width

from .builders import graph_with_sectors


def _boxes_overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_no_two_names_overlap_however_crowded_the_drawing():
    rng = random.Random(7)
    nodes = [(i, rng.uniform(0, 1600), rng.uniform(0, 1000), rng.uniform(6, 22), f"Organisation {i} i Norrvik")
             for i in range(300)]
    bounds = (0, 0, 1600, 1000)
    placed = place_labels(nodes, font_size=19, bounds=bounds, limit=60)
    boxes = [label.box for label in placed.values()]
    assert 20 <= len(boxes) <= 60
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if _boxes_overlap(a, b)]
    assert all(bounds[0] <= b[0] and bounds[1] <= b[1] and b[2] <= bounds[2] and b[3] <= bounds[3] for b in boxes)


def test_the_most_central_are_named_first_and_a_name_keeps_off_other_actors():
    nodes = [(1, 500, 500, 10, "Norrvik kommun"), (2, 510, 500, 10, "Kvarnängens IF")]
    placed = place_labels(nodes, font_size=19, bounds=(0, 0, 1600, 1000))
    assert placed[1].anchor == "start" and placed[2].anchor == "end"  # the first took the right-hand side
    circle_on_the_right = {3: (520, 480, 560, 520)}
    named = place_labels([(1, 500, 500, 10, "Norrvik kommun")], font_size=19, bounds=(0, 0, 1600, 1000),
                         obstacles=circle_on_the_right)
    assert named[1].anchor == "end"


def test_a_name_is_given_room_for_wide_letters():
    assert text_width("WWW", 10) > text_width("iii", 10) * 2
    assert text_width("Kvarnängen Områdesbolag AB", 19) > 19 * 0.55 * len("Kvarnängen Områdesbolag AB")


def test_a_focus_lights_its_partners_and_at_two_steps_theirs():
    star_and_tail = nx.Graph([(0, 1), (0, 2), (2, 3), (3, 4)])
    assert focus_rings(star_and_tail, 0) == ({1, 2}, set())
    assert focus_rings(star_and_tail, 0, steps=2) == ({1, 2}, {3})


def test_a_focused_view_is_centred_on_the_actor_with_its_partners_in_sight():
    canvas = Canvas(1600, 1000, 40)
    view = framed_on(canvas, (400, 300), [(100, 250), (700, 600)])
    assert (view.x + view.width / 2, view.y + view.height / 2) == (400, 300)
    left, top, right, bottom = view.bounds
    assert left <= 100 and right >= 700 and top <= 250 and bottom >= 600
    assert math.isclose(view.width / view.height, 1.6)
    assert framed_on(canvas, (800, 500), []).scale == 0.35  # alone: as close as it zooms, no closer


def test_each_quarter_lights_what_happened_in_it_where_it_stands():
    drawn = nx.Graph([(1, 2), (2, 3)])
    quarters = [("2025-Q1", None, None, nx.Graph([(1, 2)])), ("2025-Q2", None, None, nx.Graph([(2, 3)])),
                ("2025-Q3", None, None, nx.Graph([(1, 2), (2, 3)]))]
    activity = quarter_activity(quarters, drawn)
    assert activity.quarters == ("2025-Q1", "2025-Q2", "2025-Q3")
    assert activity.nodes == {1: 0b101, 2: 0b111, 3: 0b110}
    assert activity.mask_of_tie(2, 1) == 0b101 and activity.mask_of_tie(3, 2) == 0b110


def test_a_drawing_of_groups_lights_the_group_of_each_actor_who_took_part():
    groups = {10: 0, 11: 0, 20: 1}
    drawn = nx.Graph([(0, 1)])
    activity = quarter_activity([("2025-Q1", None, None, nx.Graph([(10, 11)])),
                                 ("2025-Q2", None, None, nx.Graph([(11, 20)]))], drawn, groups.get)
    assert activity.nodes == {0: 0b11, 1: 0b10}
    assert activity.mask_of_tie(0, 1) == 0b10


def test_a_tie_is_drawn_as_its_most_binding_kind():
    assert tie_kind({"shared_meetings": 12}) == "meetings"
    assert tie_kind({"shared_meetings": 12, "joint_initiatives": 1}) == "joint"
    assert tie_kind({"shared_meetings": 12, "joint_commitments": 2, "declared": 1}) == "declared"


def test_groups_that_all_touch_each_other_keep_only_their_strongest_links():
    """Twelve groups of four, every pair of groups tied once: 66 links would show nothing."""
    graph = nx.Graph()
    for group in range(12):
        members = [group * 4 + i for i in range(4)]
        graph.add_edges_from((a, b, {"weight": 5}) for a in members for b in members if a < b)
    for first in range(12):
        for second in range(first + 1, 12):
            graph.add_edge(first * 4, second * 4 + 1, weight=1 + (first + second) % 3)
    graph = graph_with_sectors(graph.edges(data=True), dict.fromkeys(graph, "civil"))
    drawing = reduce_for_drawing(graph, max_nodes=20)
    assert drawing.reduction == "communities" and drawing.shown_nodes == 12
    assert drawing.shown_ties < 66
    assert all(drawing.graph.degree(group) >= min(GROUP_LINKS, 11) for group in drawing.graph)


def test_communities_stand_apart_in_the_layout():
    graph = nx.barbell_graph(8, 0)
    positions = layout(graph, communities=[set(range(8)), set(range(8, 16))])

    def centre(nodes):
        return tuple(sum(positions[n][axis] for n in nodes) / len(nodes) for axis in (0, 1))

    left, right = centre(range(8)), centre(range(8, 16))
    within = max(math.dist(positions[n], left) for n in range(8))
    assert math.dist(left, right) > 6 * within  # without the groups: about 3.5 times
