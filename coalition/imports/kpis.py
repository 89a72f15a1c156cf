"""Importing KPI measurements from a spreadsheet: all or nothing, by command and by upload.

A row names its neighbourhood by name, ignoring case, accents and spacing; where several
municipalities have a neighbourhood of that name, the row says which: "Name, Municipality".
A value already recorded for that KPI, neighbourhood and day is left as it is, so importing a
file twice adds nothing; a different value for a recorded day is a bad row, never an overwrite.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import DomainError
from ..i18n import lazy_gettext as _l
from ..kpis import MeasurementDetails, plain_number, record_measurement
from ..models import Kpi, KpiMeasurement, Neighbourhood
from ..text import match_key
from .all_or_nothing import ImportCounts, Problems, import_all_or_nothing
from .kpi_file import MeasurementRow, read_measurements

_CHUNK = 500


@dataclass
class ImportedMeasurement:
    """A value the import records (or, on a dry run, would record), for the preview."""

    neighbourhood: str
    kpi: str
    measured_on: date
    value: Decimal
    unit: str


@dataclass
class KpiImportResult(ImportCounts):
    """What a KPI measurements import did or would do: `added` counts measurements."""

    measurements: list[ImportedMeasurement] = field(default_factory=list)


def _name_and_municipality(cell: str) -> tuple[str, str]:
    name, _comma, municipality = cell.rpartition(",")
    return (name, municipality) if name else (cell, "")


def _chunks(values) -> list[list]:
    ordered = sorted(values)
    return [ordered[start:start + _CHUNK] for start in range(0, len(ordered), _CHUNK)]


class NeighbourhoodNames:
    """The neighbourhoods a file's rows name, found by name, or by "Name, Municipality" among namesakes."""

    def __init__(self, session: Session, names: list[str], problems: Problems):
        self.problems = problems
        keys = {match_key(name) for name in names} | {match_key(_name_and_municipality(name)[0]) for name in names}
        self.by_key: dict[str, list[Neighbourhood]] = defaultdict(list)
        for chunk in _chunks(keys):
            for neighbourhood in session.scalars(select(Neighbourhood).where(Neighbourhood.name_key.in_(chunk))
                                                 .order_by(Neighbourhood.municipality_key)):
                self.by_key[neighbourhood.name_key].append(neighbourhood)

    def find(self, row) -> Neighbourhood | None:
        """The one neighbourhood `row.neighbourhood` names; None with the reason noted at `row.line`."""
        found = self.by_key.get(match_key(row.neighbourhood), [])
        if not found:
            name, municipality = _name_and_municipality(row.neighbourhood)
            found = [n for n in self.by_key.get(match_key(name), [])
                     if municipality and n.municipality_key == match_key(municipality)]
        if len(found) == 1:
            return found[0]
        if found:
            self.problems.add(row.line, _l(
                "Several neighbourhoods are called “%(name)s” (in %(municipalities)s); write the municipality "
                "after a comma, e.g. “%(example)s”.", name=row.neighbourhood,
                municipalities=", ".join(n.municipality for n in found),
                example=f"{found[0].name}, {found[0].municipality}"))
        else:
            self.problems.add(row.line, _l("No neighbourhood is registered as “%(name)s”.", name=row.neighbourhood))
        return None


class _Import:
    """One pass over the checked rows, recording the values that are not recorded yet."""

    def __init__(self, session: Session, rows: list[MeasurementRow], problems: Problems, result: KpiImportResult):
        self.session, self.problems, self.result = session, problems, result
        self.neighbourhoods = NeighbourhoodNames(session, [row.neighbourhood for row in rows], problems)
        # KPIs are few, and their names are compared ignoring case and accents.
        self.kpis: dict[str, list[Kpi]] = defaultdict(list)
        for kpi in session.scalars(select(Kpi)):
            self.kpis[match_key(kpi.name)].append(kpi)
        self.recorded: dict[tuple[int, int, date], Decimal] = {}
        self.seen: dict[tuple[int, int, date], MeasurementRow] = {}

    def load_recorded(self, pairs: set[tuple[int, int]]) -> None:
        """Remember the values already recorded for these (KPI, neighbourhood) pairs."""
        kpi_ids = {kpi_id for kpi_id, _ in pairs}
        for chunk in _chunks({neighbourhood_id for _, neighbourhood_id in pairs}):
            for kpi_id, neighbourhood_id, measured_on, value in self.session.execute(
                    select(KpiMeasurement.kpi_id, KpiMeasurement.neighbourhood_id, KpiMeasurement.measured_on,
                           KpiMeasurement.value)
                    .where(KpiMeasurement.kpi_id.in_(kpi_ids), KpiMeasurement.neighbourhood_id.in_(chunk))):
                self.recorded[kpi_id, neighbourhood_id, measured_on] = value

    def neighbourhood(self, row: MeasurementRow) -> Neighbourhood | None:
        return self.neighbourhoods.find(row)

    def kpi(self, row: MeasurementRow) -> Kpi | None:
        found = self.kpis.get(match_key(row.kpi), [])
        if len(found) == 1:
            return found[0]
        if found:
            self.problems.add(row.line, _l("Several KPIs are called “%(name)s”; record this value on the KPI's page.",
                                           name=row.kpi))
        else:
            self.problems.add(row.line, _l("No KPI is defined as “%(name)s”. Define it first, or correct the name.",
                                           name=row.kpi))
        return None

    def add(self, row: MeasurementRow, kpi: Kpi, neighbourhood: Neighbourhood) -> None:
        key = (kpi.id, neighbourhood.id, row.measured_on)
        earlier = self.seen.get(key)
        if earlier is not None:
            self.problems.add(row.line, _l("Line %(line)d already gives a value for this KPI, neighbourhood and date.",
                                           line=earlier.line))
            return
        self.seen[key] = row
        if key in self.recorded:
            if self.recorded[key] == row.value:
                self.result.already_recorded += 1
            else:
                self.problems.add(row.line, _l(
                    "%(value)s is already recorded for this date. If that is wrong, correct it on the KPI's page.",
                    value=plain_number(self.recorded[key])))
            return
        try:
            record_measurement(self.session, kpi, MeasurementDetails(neighbourhood.id, row.measured_on, row.value,
                                                                     row.source))
        except DomainError as error:
            self.problems.refused(row.line, error)
            return
        self.result.added += 1
        self.result.measurements.append(ImportedMeasurement(neighbourhood.name, kpi.name, row.measured_on,
                                                            row.value, kpi.unit))


def import_kpi_measurements(session: Session, text: str, *, dry_run: bool = False) -> KpiImportResult:
    """Import a file of KPI measurements; with `dry_run`, or if any row is bad, keep nothing.

    Nothing is committed: the caller commits when the result has no errors.
    """
    result = KpiImportResult()

    def add_rows(rows: list[MeasurementRow], problems: Problems) -> None:
        run = _Import(session, rows, problems, result)
        named = [(row, run.kpi(row), run.neighbourhood(row)) for row in rows]
        named = [(row, kpi, neighbourhood) for row, kpi, neighbourhood in named if kpi and neighbourhood]
        run.load_recorded({(kpi.id, neighbourhood.id) for _row, kpi, neighbourhood in named})
        for row, kpi, neighbourhood in named:
            run.add(row, kpi, neighbourhood)

    return import_all_or_nothing(session, read_measurements(text), result, add_rows, dry_run=dry_run)
