"""The network quarter by quarter: actors, ties, cross-sector share, E-I index, largest component."""
from datetime import date

import pytest

from coalition.network import JointWork, NetworkFilter, quarterly_figures

from .builders import meeting, organisation

ACTORS = [organisation(1, "private"), organisation(2, "public"), organisation(3, "public"), organisation(4, "civil")]
ROWS = (meeting(1, [1, 2], on=date(2025, 2, 10))      # Q1: across sectors
        + meeting(2, [2, 3], on=date(2025, 5, 5))     # Q2: within the public sector
        + meeting(3, [4], on=date(2025, 6, 1))        # Q2: an interview, no one met
        + meeting(4, [1, 4], on=date(2025, 11, 20)))  # Q4: across; Q3 is quiet


def test_each_quarter_shows_what_happened_in_it():
    rows = quarterly_figures(ACTORS, ROWS)
    assert [r.quarter for r in rows] == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
    first, second, quiet, last = rows
    assert (first.actors, first.ties, first.cross_sector_share, first.ei_index, first.largest_component_share) == \
        (2, 1, 1.0, 1.0, 1.0)
    assert (second.actors, second.ties, second.cross_sector_share, second.ei_index) == (3, 1, 0.0, -1.0)
    assert second.largest_component_share == pytest.approx(2 / 3)
    assert (quiet.actors, quiet.ties, quiet.ei_index, quiet.largest_component_share) == (0, 0, None, None)
    assert (last.starts_on, last.ends_on) == (date(2025, 10, 1), date(2025, 11, 20))


def test_cumulative_shows_the_network_as_it_stood_at_each_quarter_end():
    rows = quarterly_figures(ACTORS, ROWS, cumulative=True)
    second = rows[1]
    assert (second.actors, second.ties, second.ei_index) == (4, 2, 0.0)
    assert rows[-1].ties == 3


def test_the_filter_range_clips_the_quarters_and_joint_work_counts_in_its_quarter():
    joint = [JointWork({1, 3}, date(2025, 8, 1))]
    rows = quarterly_figures(ACTORS, ROWS, joint,
                             network_filter=NetworkFilter(date_from=date(2025, 5, 15), date_to=date(2025, 8, 31)))
    assert [(r.quarter, r.starts_on, r.ends_on) for r in rows] == [
        ("2025-Q2", date(2025, 5, 15), date(2025, 6, 30)), ("2025-Q3", date(2025, 7, 1), date(2025, 8, 31))]
    assert rows[0].actors == 1 and rows[0].ties == 0
    assert (rows[1].actors, rows[1].ties, rows[1].ei_index) == (2, 1, 1.0)


def test_no_dated_data_gives_no_quarters():
    assert quarterly_figures(ACTORS) == []
