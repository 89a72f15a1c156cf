"""The effect figures and the difference in differences, on small datasets worked out by hand."""
from datetime import date
from decimal import Decimal as D

from coalition.effect import (
    KpiFollowed,
    KpiPlace,
    NotAvailable,
    Reason,
    difference_in_differences,
    kpi_effect,
    measured_by_quarter,
    per_resident,
    stage_by_quarter,
)

Q1, Q2, Q3, Q4 = (2025, 1), (2025, 2), (2025, 3), (2025, 4)


def _stages(acting_in=None):
    return {q: ("acting" if acting_in and q >= acting_in else "mobilising") for q in (Q1, Q2, Q3, Q4)}


def test_a_quarter_without_a_measurement_has_no_value_rather_than_a_carried_one():
    values = measured_by_quarter([(date(2025, 3, 31), D("40")), (date(2025, 9, 30), D("38"))])
    assert values == {Q1: D("40"), Q3: D("38")}
    assert Q2 not in values


def test_the_stage_of_a_quarter_is_the_one_it_ended_in():
    stages = stage_by_quarter([(date(2025, 1, 10), "mobilising"), (date(2025, 5, 2), "acting")], [Q1, Q2, Q3])
    assert stages == {Q1: "mobilising", Q2: "acting", Q3: "acting"}
    assert stage_by_quarter([], [Q1], current="mapping") == {Q1: "mapping"}


def test_progress_and_sek_per_point_worked_out_by_hand():
    # Insecurity, lower is better: 40 -> 30 aimed, 36 measured last: 4 points of 10 = 40 %;
    # 100,000 SEK delivered over 4 points is 25,000 SEK a point.
    kpi = KpiFollowed(1, "Otrygghet", "%", False, D("40"), D("30"),
                      ((date(2025, 3, 31), D("39")), (date(2025, 12, 31), D("36"))))
    effect = kpi_effect(kpi, D("100000"))
    assert (effect.latest, effect.latest_quarter) == (D("36"), Q4)
    assert effect.progress == D("40.0")
    assert effect.points == D("4")
    assert effect.sek_per_point == D("25000")


def test_a_target_equal_to_its_baseline_is_not_available_instead_of_a_division_error():
    kpi = KpiFollowed(1, "Flat", "%", True, D("50"), D("50"), ((date(2025, 3, 31), D("52")),))
    effect = kpi_effect(kpi, D("1000"))
    assert effect.progress == NotAvailable(Reason.TARGET_IS_BASELINE)
    assert effect.sek_per_point == NotAvailable(Reason.TARGET_IS_BASELINE)


def test_ratios_say_why_they_are_missing():
    assert per_resident(D("74000"), 7400) == D("10")
    assert per_resident(D("74000"), None) == NotAvailable(Reason.NO_POPULATION)
    assert per_resident(D("0"), 7400) == NotAvailable(Reason.NO_INVESTMENT)
    unmeasured = KpiFollowed(2, "Unga", "%", True, D("30"), D("40"))
    assert kpi_effect(unmeasured, D("5")).progress == NotAvailable(Reason.NOT_MEASURED)
    nothing_spent = KpiFollowed(3, "Jobb", "%", True, D("30"), D("40"), ((date(2025, 3, 1), D("31")),))
    assert kpi_effect(nothing_spent, D("0")).sek_per_point == NotAvailable(Reason.NO_INVESTMENT)
    worse = KpiFollowed(4, "Jobb", "%", True, D("30"), D("40"), ((date(2025, 3, 1), D("29")),))
    assert kpi_effect(worse, D("5")).sek_per_point == NotAvailable(Reason.NOT_MOVED)
    no_target = KpiFollowed(5, "Ny", "%", True, measurements=((date(2025, 3, 1), D("29")),))
    assert kpi_effect(no_target, D("5")).progress == NotAvailable(Reason.NO_TARGET)


def _hand_worked_places():
    """Three neighbourhoods acting from Q3 and three that never act, a higher-is-better KPI.

    Acting ones, Q2 -> Q4: +4, +2, +3 (mean +3). Waiting ones over the same quarters: +1, 0, +2
    (mean +1). Difference in differences: 3 - 1 = 2.
    """
    acting = [KpiPlace(n, _stages(Q3), {Q1: D(50), Q2: D(50), Q4: D(50 + change)})
              for n, change in ((1, 4), (2, 2), (3, 3))]
    waiting = [KpiPlace(n, _stages(), {Q2: D(60), Q3: D(61), Q4: D(60 + change)})
               for n, change in ((4, 1), (5, 0), (6, 2))]
    return acting + waiting


def test_difference_in_differences_worked_out_by_hand():
    result = difference_in_differences(_hand_worked_places(), higher_is_better=True)
    assert result.acting == (1, 2, 3)
    assert result.comparison == (4, 5, 6)
    assert result.acting_change == D("3.00")
    assert result.comparison_change == D("1.00")
    assert result.difference == D("2.00")
    assert result.comparable


def test_a_lower_is_better_kpi_counts_a_fall_as_improvement():
    result = difference_in_differences(_hand_worked_places(), higher_is_better=False)
    assert (result.acting_change, result.comparison_change, result.difference) == (D("-3.00"), D("-1.00"), D("-2.00"))


def test_with_fewer_than_three_on_either_side_it_cannot_compare_yet():
    places = _hand_worked_places()
    two_waiting = [p for p in places if p.neighbourhood_id != 6]
    result = difference_in_differences(two_waiting, higher_is_better=True)
    assert result.comparison == (4, 5)
    assert result.difference == NotAvailable(Reason.TOO_FEW)
    assert not result.comparable
    two_acting = [p for p in places if p.neighbourhood_id != 1]
    assert difference_in_differences(two_acting, True).difference == NotAvailable(Reason.TOO_FEW)


def test_a_neighbourhood_that_acts_later_compares_only_over_quarters_before_it_acted():
    # Neighbourhood 7 acts from Q4: over Q2 -> Q4 it had reached acting, so it is nobody's
    # comparison; measured in Q2 and Q4 it is on the acting side, +20 against the waiting ones' +1.
    # Acting: (4 + 2 + 3 + 20) / 4 = 7.25; comparison 1; difference 6.25.
    late = KpiPlace(7, _stages(Q4), {Q2: D(70), Q4: D(90)})
    result = difference_in_differences([*_hand_worked_places(), late], True)
    assert result.acting == (1, 2, 3, 7) and result.comparison == (4, 5, 6)
    assert (result.acting_change, result.difference) == (D("7.25"), D("6.25"))


def test_a_neighbourhood_unmeasured_before_acting_is_left_out():
    unmeasured_before = KpiPlace(8, _stages(Q1), {Q2: D(10), Q4: D(20)})
    result = difference_in_differences([*_hand_worked_places(), unmeasured_before], True)
    assert 8 not in result.acting and result.difference == D("2.00")
