"""An honest comparison, not a claim of cause: a difference in differences across neighbourhoods.

For one KPI, each neighbourhood that reached "acting" is compared with itself before: from its
last measured quarter before acting to its last measured quarter since. Over exactly those two
quarters, the neighbourhoods that had not reached acting by the later one (and were measured in
both) are its comparison group. The difference in differences is the mean change of the acting
neighbourhoods minus the mean change of their comparison groups, each change counted in the
better direction (positive: improved). It is an association, not proof of effect; with fewer
than ``MIN_NEIGHBOURHOODS`` neighbourhoods on either side there is no number at all.
"""
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .figures import NotAvailable, Quarter, Reason, acting_from

__all__ = ["MIN_NEIGHBOURHOODS", "Comparison", "KpiPlace", "difference_in_differences"]

MIN_NEIGHBOURHOODS = 3


@dataclass(frozen=True)
class KpiPlace:
    """One neighbourhood on one KPI: its stage and measured value per quarter."""

    neighbourhood_id: int
    stages: Mapping[Quarter, str | None]
    values: Mapping[Quarter, Decimal]


@dataclass(frozen=True)
class Comparison:
    """The difference in differences on one KPI, with the neighbourhoods behind each side."""

    acting: tuple[int, ...]  # neighbourhoods that reached acting and were measured before and since
    comparison: tuple[int, ...]  # neighbourhoods that had not, measured over the same quarters
    acting_change: Decimal | None  # mean change, in the KPI's unit, positive = better
    comparison_change: Decimal | None
    difference: Decimal | NotAvailable

    @property
    def comparable(self) -> bool:
        return not isinstance(self.difference, NotAvailable)


def _mean(values: list[Decimal]) -> Decimal | None:
    return (sum(values, Decimal(0)) / len(values)) if values else None


def _rounded(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def difference_in_differences(places: Iterable[KpiPlace], higher_is_better: bool) -> Comparison:
    """Compare the change after reaching "acting" with the change over the same quarters where it was not reached.

    Two neighbourhoods acting from 2025-Q2 improve by 3 and 1; three others, over the same
    quarters, by 1, 0 and -1 (all with a higher-is-better KPI): too few acting ones to compare.

    >>> from decimal import Decimal as D
    >>> acting = {(2025, 1): "mobilising", (2025, 2): "acting"}
    >>> waiting = {(2025, 1): "mapping", (2025, 2): "mapping"}
    >>> places = [KpiPlace(1, acting, {(2025, 1): D(10), (2025, 2): D(13)}),
    ...           KpiPlace(2, acting, {(2025, 1): D(10), (2025, 2): D(11)}),
    ...           *(KpiPlace(n, waiting, {(2025, 1): D(10), (2025, 2): D(10 + c)}) for n, c in ((3, 1), (4, 0), (5, -1)))]
    >>> result = difference_in_differences(places, True)
    >>> result.acting_change, result.comparison_change, result.difference.reason
    (Decimal('2.00'), Decimal('0.00'), <Reason.TOO_FEW: 'too_few'>)
    """
    places = list(places)
    sign = 1 if higher_is_better else -1
    starts = {place.neighbourhood_id: acting_from(place.stages) for place in places}
    treated_changes, control_changes, treated, controls = [], [], [], set()
    for place in places:
        start = starts[place.neighbourhood_id]
        if start is None:
            continue
        before = max((q for q in place.values if q < start), default=None)
        since = max((q for q in place.values if q >= start), default=None)
        if before is None or since is None:
            continue
        others = [other for other in places if other is not place
                  and (starts[other.neighbourhood_id] is None or starts[other.neighbourhood_id] > since)
                  and before in other.values and since in other.values]
        if not others:
            continue
        treated.append(place.neighbourhood_id)
        treated_changes.append((place.values[since] - place.values[before]) * sign)
        control_changes.append(_mean([(other.values[since] - other.values[before]) * sign for other in others]))
        controls.update(other.neighbourhood_id for other in others)
    acting_change, comparison_change = _mean(treated_changes), _mean(control_changes)
    if len(treated) < MIN_NEIGHBOURHOODS or len(controls) < MIN_NEIGHBOURHOODS:
        difference = NotAvailable(Reason.TOO_FEW)
    else:
        difference = _rounded(acting_change - comparison_change)
    return Comparison(tuple(sorted(treated)), tuple(sorted(controls)), _rounded(acting_change),
                      _rounded(comparison_change), difference)
