"""One neighbourhood's effect figures, quarter by quarter, from plain rows.

A quarter is ``(year, quarter)``. A KPI's value in a quarter is its last measurement in that
quarter, and nothing where it was not measured: no value is carried forward or drawn in
between. Where a figure cannot be worked out (no measurement, no population, nothing
delivered, a target equal to its baseline) it is a ``NotAvailable`` with the reason, never a
division error.
"""
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ..network.timeline import quarter_of

__all__ = ["ACTING_STAGES", "EffectQuarter", "KpiEffect", "KpiFollowed", "NotAvailable", "Reason", "acting_from",
           "kpi_effect", "label", "measured_by_quarter", "per_resident", "quarter_of", "quarters_between",
           "stage_by_quarter"]

Quarter = tuple[int, int]

# A neighbourhood "has reached acting" at either of these stages.
ACTING_STAGES = frozenset({"acting", "sustained"})


class Reason(enum.StrEnum):
    """Why a figure is not available (the pages say each in words)."""

    NOT_MEASURED = "not_measured"
    NO_TARGET = "no_target"
    TARGET_IS_BASELINE = "target_is_baseline"
    NO_POPULATION = "no_population"
    NO_INVESTMENT = "no_investment"
    NOT_MOVED = "not_moved"
    TOO_FEW = "too_few"


@dataclass(frozen=True)
class NotAvailable:
    """A figure that cannot be worked out, and why."""

    reason: Reason

    def __bool__(self) -> bool:
        return False


def label(quarter: Quarter) -> str:
    """Write a quarter as the network table does.

    >>> label((2026, 4))
    '2026-Q4'
    """
    return f"{quarter[0]}-Q{quarter[1]}"


def quarters_between(first: Quarter, last: Quarter) -> list[Quarter]:
    """Return every quarter from ``first`` to ``last``, both included.

    >>> quarters_between((2025, 3), (2026, 1))
    [(2025, 3), (2025, 4), (2026, 1)]
    """
    found, (year, quarter) = [], first
    while (year, quarter) <= last:
        found.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return found


def stage_by_quarter(changes: Iterable[tuple[date, str]], quarters: Iterable[Quarter],
                     current: str | None = None) -> dict[Quarter, str | None]:
    """Return the stage each quarter ended in, from the dated stage changes.

    Before its first change a neighbourhood had no stage yet (None); one without any history
    is at ``current`` throughout.

    >>> stage_by_quarter([(date(2025, 4, 9), "acting"), (date(2024, 3, 1), "mapping")],
    ...                  [(2024, 4), (2025, 1), (2025, 2)])
    {(2024, 4): 'mapping', (2025, 1): 'mapping', (2025, 2): 'acting'}
    """
    changes = sorted(changes)
    stages = {}
    for quarter in quarters:
        reached = [stage for day, stage in changes if quarter_of(day) <= quarter]
        stages[quarter] = reached[-1] if reached else (None if changes else current)
    return stages


def acting_from(stages: Mapping[Quarter, str | None]) -> Quarter | None:
    """Return the first quarter that ended at "acting" or later (None: never).

    >>> acting_from({(2025, 1): "mobilising", (2025, 2): "acting", (2025, 3): "sustained"})
    (2025, 2)
    """
    return next((q for q in sorted(stages) if stages[q] in ACTING_STAGES), None)


def measured_by_quarter(measurements: Iterable[tuple[date, Decimal]]) -> dict[Quarter, Decimal]:
    """Return each measured quarter's value: the last measurement in it.

    >>> measured_by_quarter([(date(2025, 3, 31), Decimal(5)), (date(2025, 1, 15), Decimal(4))])
    {(2025, 1): Decimal('5')}
    """
    values = {}
    for day, value in sorted(measurements):
        values[quarter_of(day)] = value
    return values


def _rounded(value: Decimal, places: str = "0.1") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def per_resident(sek: Decimal, population: int | None) -> Decimal | NotAvailable:
    """Return SEK per resident, rounded to the krona: rough, for evaluators.

    >>> per_resident(Decimal("120000"), 400), per_resident(Decimal("5"), None)
    (Decimal('300'), NotAvailable(reason=<Reason.NO_POPULATION: 'no_population'>))
    """
    if not population:
        return NotAvailable(Reason.NO_POPULATION)
    if not sek:
        return NotAvailable(Reason.NO_INVESTMENT)
    return _rounded(Decimal(sek) / population, "1")


@dataclass(frozen=True)
class KpiFollowed:
    """A KPI in one neighbourhood, as plain values: its baseline, target and dated measurements."""

    kpi_id: int
    name: str
    unit: str
    higher_is_better: bool
    baseline: Decimal | None = None
    target: Decimal | None = None
    measurements: tuple[tuple[date, Decimal], ...] = ()

    @property
    def sign(self) -> int:
        return 1 if self.higher_is_better else -1

    @property
    def by_quarter(self) -> dict[Quarter, Decimal]:
        return measured_by_quarter(self.measurements)

    def progress(self, value: Decimal | None) -> Decimal | NotAvailable:
        """Return how far ``value`` has come from the baseline to the target, in per cent (one decimal).

        >>> kpi = KpiFollowed(1, "Otrygghet", "%", False, Decimal(40), Decimal(20))
        >>> kpi.progress(Decimal(35)), kpi.progress(None).reason
        (Decimal('25.0'), <Reason.NOT_MEASURED: 'not_measured'>)
        """
        if self.baseline is None or self.target is None:
            return NotAvailable(Reason.NO_TARGET)
        if self.target == self.baseline:
            return NotAvailable(Reason.TARGET_IS_BASELINE)
        if value is None:
            return NotAvailable(Reason.NOT_MEASURED)
        return _rounded((Decimal(value) - self.baseline) / (self.target - self.baseline) * 100)

    def points_towards_target(self, value: Decimal | None) -> Decimal | NotAvailable:
        """Return how many of the KPI's units ``value`` has moved from the baseline in the better direction."""
        if self.baseline is None:
            return NotAvailable(Reason.NO_TARGET)
        if value is None:
            return NotAvailable(Reason.NOT_MEASURED)
        return (Decimal(value) - self.baseline) * self.sign


@dataclass(frozen=True)
class KpiEffect:
    """Where a KPI stands in a neighbourhood: its latest measurement, progress, and SEK per point moved."""

    kpi: KpiFollowed
    latest: Decimal | None
    latest_quarter: Quarter | None
    progress: Decimal | NotAvailable
    points: Decimal | NotAvailable
    sek_per_point: Decimal | NotAvailable


def kpi_effect(kpi: KpiFollowed, sek_delivered: Decimal) -> KpiEffect:
    """Return the KPI's latest standing and the SEK delivered per point it moved towards its target (rough).

    >>> kpi = KpiFollowed(1, "Sysselsättning", "%", True, Decimal(60), Decimal(70),
    ...                   ((date(2025, 3, 31), Decimal(61)), (date(2025, 6, 30), Decimal(64))))
    >>> effect = kpi_effect(kpi, Decimal(200000))
    >>> effect.progress, effect.points, effect.sek_per_point
    (Decimal('40.0'), Decimal('4'), Decimal('50000'))
    """
    values = kpi.by_quarter
    last = max(values, default=None)
    latest = values[last] if last else None
    points = kpi.points_towards_target(latest)
    if kpi.target is not None and kpi.target == kpi.baseline:
        per_point = NotAvailable(Reason.TARGET_IS_BASELINE)
    elif isinstance(points, NotAvailable):
        per_point = points
    elif not sek_delivered:
        per_point = NotAvailable(Reason.NO_INVESTMENT)
    elif points <= 0:
        per_point = NotAvailable(Reason.NOT_MOVED)
    else:
        per_point = _rounded(Decimal(sek_delivered) / points, "1")
    return KpiEffect(kpi, latest, last, kpi.progress(latest), points, per_point)


@dataclass
class EffectQuarter:
    """One quarter of a neighbourhood, side by side: investment, engagement, collaboration, KPIs and stage."""

    quarter: Quarter
    stage: str | None = None
    committed: dict[str, Decimal] = field(default_factory=dict)  # by unit: sek, hours, ...
    delivered: dict[str, Decimal] = field(default_factory=dict)
    meetings: int = 0
    attended: dict[str | None, int] = field(default_factory=dict)  # by sector; None: came for no organisation
    counted: int = 0  # people counted without names
    collaboration: object | None = None  # network.CollaborationFigures; None: nothing happened
    kpis: dict[int, Decimal | None] = field(default_factory=dict)  # measured value by KPI id; None: not measured

    @property
    def label(self) -> str:
        return label(self.quarter)

    @property
    def attendance_total(self) -> int:
        return sum(self.attended.values()) + self.counted

    def sek_delivered_per_resident(self, population: int | None) -> Decimal | NotAvailable:
        return per_resident(self.delivered.get("sek", Decimal(0)), population)
