"""KPIs: the indicators of social effect, their targets per neighbourhood and what was measured.

A KPI says which way is better. Each neighbourhood it is followed in has one baseline (where it
started, on a date) and one target (where it aims to be, by a date), and dated measurements,
at most one per day. Progress is how far the latest measurement has come from the baseline
towards the target, in per cent: past 100 once the target is passed, below 0 when it moved the
wrong way.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from . import dates
from .errors import DomainError, Refusals
from .i18n import lazy_gettext as _l
from .models import Direction, Kpi, KpiMeasurement, KpiTarget, Neighbourhood
from .records import add_record
from .text import tidy

# Values are stored as integer hundredths; no indicator comes near this.
LARGEST_VALUE = Decimal("999999999999.99")
_HUNDRED = Decimal(100)


@dataclass
class KpiDetails:
    """What staff type about a KPI, already in the right types."""

    name: str
    unit: str
    direction: Direction
    description: str = ""
    source: str = ""


@dataclass
class TargetDetails:
    """A neighbourhood's baseline and target on a KPI."""

    neighbourhood_id: int
    baseline_value: Decimal
    baseline_on: date
    target_value: Decimal
    target_on: date


@dataclass
class MeasurementDetails:
    """One dated value of a KPI in a neighbourhood."""

    neighbourhood_id: int
    measured_on: date
    value: Decimal
    source: str = ""


def progress_towards_target(baseline: Decimal | None, target: Decimal | None, latest: Decimal | None,
                            direction: Direction) -> Decimal | None:
    """Return how far `latest` has come from `baseline` to `target`, in per cent to one decimal.

    None when there is no measurement (or no baseline or target) to compare. 100 or more once
    the target is reached; below 0 when the value moved away from it. A target that asks for no
    improvement on the baseline (the same value, or one on the worse side) is a level to hold:
    100 while the latest value is at least as good, else 0.

    >>> progress_towards_target(Decimal("41"), Decimal("25"), Decimal("31"), Direction.LOWER_IS_BETTER)
    Decimal('62.5')
    """
    if baseline is None or target is None or latest is None:
        return None
    sign = 1 if direction is Direction.HIGHER_IS_BETTER else -1
    needed = (Decimal(target) - Decimal(baseline)) * sign
    if needed <= 0:
        return _HUNDRED if (Decimal(latest) - Decimal(target)) * sign >= 0 else Decimal(0)
    gained = (Decimal(latest) - Decimal(baseline)) * sign
    return (gained / needed * _HUNDRED).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def plain_number(value: Decimal) -> str:
    """Write a stored value without trailing zeros, for a message: 62.20 -> '62.2'."""
    return format(value.normalize(), "f")


# KPIs


def _check_kpi(session: Session, details: KpiDetails, kpi_id: int | None) -> str:
    name = tidy(details.name)
    if not name:
        raise DomainError(_l("A KPI needs a name."), field="name")
    if not tidy(details.unit):
        raise DomainError(_l("Say what the KPI is measured in, e.g. per cent or number of people."), field="unit")
    existing = session.scalar(select(Kpi).where(func.lower(Kpi.name) == name.lower()))
    if existing is not None and existing.id != kpi_id:
        raise DomainError(_l("There is already a KPI called %(name)s.", name=existing.name), field="name",
                          existing=existing)
    return name


def _apply_kpi(session: Session, kpi: Kpi, details: KpiDetails) -> None:
    kpi.name = _check_kpi(session, details, kpi.id)
    kpi.unit = tidy(details.unit)
    kpi.direction = details.direction
    kpi.description = details.description.strip()
    kpi.source = tidy(details.source)


def create_kpi(session: Session, details: KpiDetails) -> Kpi:
    """Define a KPI; a name already in use is refused."""
    kpi = Kpi()
    return add_record(session, kpi, lambda: _apply_kpi(session, kpi, details))


def update_kpi(session: Session, kpi: Kpi, details: KpiDetails) -> None:
    """Change a KPI's definition under the same rules as defining one."""
    _apply_kpi(session, kpi, details)
    session.flush()


# Targets


def _check_value(value: Decimal | None, field: str, refusals: Refusals) -> None:
    if value is None:
        return  # a form that could not read it says so
    # Size first: quantize cannot hold a number of more than 28 digits, and raises.
    if abs(value) > LARGEST_VALUE:
        refusals.add(_l("This value is too large to be a measurement."), field)
    elif value != value.quantize(Decimal("0.01")):
        refusals.add(_l("A value has at most two decimals."), field)


def set_target(session: Session, kpi: Kpi, details: TargetDetails) -> KpiTarget:
    """Record (or change) a neighbourhood's baseline and target on a KPI."""
    refusals = Refusals()
    _check_value(details.baseline_value, "baseline_value", refusals)
    _check_value(details.target_value, "target_value", refusals)
    in_window = [refusals.date(details.baseline_on, dates.KPI, "baseline_on"),
                 refusals.date(details.target_on, dates.KPI, "target_on")]
    if all(in_window) and details.baseline_on and details.target_on and details.target_on <= details.baseline_on:
        refusals.add(_l("The target date must come after the baseline date."), "target_on")
    if details.neighbourhood_id is None or session.get(Neighbourhood, details.neighbourhood_id) is None:
        refusals.add(_l("Choose a neighbourhood."), "neighbourhood_id")
    refusals.refuse()
    target = session.scalar(select(KpiTarget).where(KpiTarget.kpi_id == kpi.id,
                                                    KpiTarget.neighbourhood_id == details.neighbourhood_id))
    if target is None:
        target = KpiTarget(kpi=kpi, neighbourhood_id=details.neighbourhood_id)
        session.add(target)
    target.baseline_value, target.baseline_on = details.baseline_value, details.baseline_on
    target.target_value, target.target_on = details.target_value, details.target_on
    session.flush()
    return target


def remove_target(session: Session, target: KpiTarget) -> None:
    """Stop following a neighbourhood's baseline and target; its measurements stay."""
    session.delete(target)
    session.flush()


# Measurements


def _check_measurement(session: Session, kpi: Kpi, details: MeasurementDetails, measurement_id: int | None) -> None:
    refusals = Refusals()
    _check_value(details.value, "value", refusals)
    if details.measured_on is not None and details.measured_on > date.today():
        refusals.add(_l("A measurement cannot be dated in the future."), "measured_on")
    refusals.date(details.measured_on, dates.KPI, "measured_on")
    if details.neighbourhood_id is None or session.get(Neighbourhood, details.neighbourhood_id) is None:
        refusals.add(_l("Choose a neighbourhood."), "neighbourhood_id")
    existing = session.scalar(select(KpiMeasurement).where(
        KpiMeasurement.kpi_id == kpi.id, KpiMeasurement.neighbourhood_id == details.neighbourhood_id,
        KpiMeasurement.measured_on == details.measured_on))
    if existing is not None and existing.id != measurement_id:
        refusals.add(_l("A value is already recorded for %(date)s (%(value)s). Edit that measurement instead.",
                        date=details.measured_on.isoformat(), value=plain_number(existing.value)), "measured_on")
    refusals.refuse()


def record_measurement(session: Session, kpi: Kpi, details: MeasurementDetails) -> KpiMeasurement:
    """Record a dated value of a KPI in a neighbourhood; a second value for the same day is refused."""
    _check_measurement(session, kpi, details, None)
    measurement = KpiMeasurement(kpi=kpi, neighbourhood_id=details.neighbourhood_id,
                                 measured_on=details.measured_on, value=details.value, source=tidy(details.source))
    session.add(measurement)
    session.flush()
    return measurement


def correct_measurement(session: Session, measurement: KpiMeasurement, details: MeasurementDetails) -> None:
    """Correct a wrong measurement under the same rules as recording one."""
    _check_measurement(session, measurement.kpi, details, measurement.id)
    measurement.neighbourhood_id = details.neighbourhood_id
    measurement.measured_on, measurement.value = details.measured_on, details.value
    measurement.source = tidy(details.source)
    session.flush()


def delete_measurement(session: Session, measurement: KpiMeasurement) -> None:
    """Remove a measurement recorded by mistake."""
    session.delete(measurement)
    session.flush()


# What the pages show


@dataclass
class KpiInNeighbourhood:
    """One KPI followed in one neighbourhood: its target, its measurements (oldest first) and progress."""

    kpi: Kpi
    neighbourhood: Neighbourhood
    target: KpiTarget | None = None
    measurements: list[KpiMeasurement] = field(default_factory=list)

    @property
    def latest(self) -> KpiMeasurement | None:
        return self.measurements[-1] if self.measurements else None

    @property
    def progress(self) -> Decimal | None:
        if self.target is None or self.latest is None:
            return None
        return progress_towards_target(self.target.baseline_value, self.target.target_value, self.latest.value,
                                       self.kpi.direction)

    @property
    def series(self) -> list[tuple[date, Decimal]]:
        return [(m.measured_on, m.value) for m in self.measurements]


def _followed(session: Session, *, kpi_id: int | None = None, neighbourhood_id: int | None = None
              ) -> list[KpiInNeighbourhood]:
    """Each (KPI, neighbourhood) with a target or a measurement, in two queries."""
    targets = select(KpiTarget).options(joinedload(KpiTarget.kpi), joinedload(KpiTarget.neighbourhood))
    measurements = (select(KpiMeasurement).order_by(KpiMeasurement.measured_on)
                    .options(selectinload(KpiMeasurement.kpi), selectinload(KpiMeasurement.neighbourhood)))
    if kpi_id is not None:
        targets = targets.where(KpiTarget.kpi_id == kpi_id)
        measurements = measurements.where(KpiMeasurement.kpi_id == kpi_id)
    if neighbourhood_id is not None:
        targets = targets.where(KpiTarget.neighbourhood_id == neighbourhood_id)
        measurements = measurements.where(KpiMeasurement.neighbourhood_id == neighbourhood_id)
    found: dict[tuple[int, int], KpiInNeighbourhood] = {}
    for target in session.scalars(targets):
        found[target.kpi_id, target.neighbourhood_id] = KpiInNeighbourhood(target.kpi, target.neighbourhood, target)
    by_pair = defaultdict(list)
    for measurement in session.scalars(measurements):
        by_pair[measurement.kpi_id, measurement.neighbourhood_id].append(measurement)
    for pair, values in by_pair.items():
        if pair not in found:  # measured, but without a target
            found[pair] = KpiInNeighbourhood(values[0].kpi, values[0].neighbourhood)
        found[pair].measurements = values
    return list(found.values())


def kpi_by_neighbourhood(session: Session, kpi: Kpi) -> list[KpiInNeighbourhood]:
    """Return the neighbourhoods a KPI is followed in, by name."""
    return sorted(_followed(session, kpi_id=kpi.id), key=lambda item: (item.neighbourhood.name_key, item.neighbourhood.id))


def neighbourhood_kpis(session: Session, neighbourhood_id: int) -> list[KpiInNeighbourhood]:
    """Return the KPIs followed in a neighbourhood, by name: for its page's KPI section."""
    return sorted(_followed(session, neighbourhood_id=neighbourhood_id), key=lambda item: item.kpi.name.casefold())


@dataclass
class KpiSummary:
    kpi: Kpi
    neighbourhoods: int
    measurements: int
    latest_on: date | None


def kpi_summaries(session: Session) -> list[KpiSummary]:
    """Return every KPI with how many neighbourhoods follow it and when it was last measured."""
    measured = dict((kpi_id, (count, latest)) for kpi_id, count, latest in session.execute(
        select(KpiMeasurement.kpi_id, func.count(), func.max(KpiMeasurement.measured_on))
        .group_by(KpiMeasurement.kpi_id)))
    places: dict[int, set] = defaultdict(set)
    for kpi_id, neighbourhood_id in session.execute(
            select(KpiTarget.kpi_id, KpiTarget.neighbourhood_id)
            .union(select(KpiMeasurement.kpi_id, KpiMeasurement.neighbourhood_id))):
        places[kpi_id].add(neighbourhood_id)
    kpis = session.scalars(select(Kpi).order_by(func.lower(Kpi.name)))
    return [KpiSummary(kpi, len(places[kpi.id]), *measured.get(kpi.id, (0, None))) for kpi in kpis]
