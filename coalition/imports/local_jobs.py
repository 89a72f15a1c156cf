"""Importing area companies' local jobs from a spreadsheet: all or nothing, by command and by upload.

A row names the area company as the organisation is registered and the neighbourhood as the
KPI import does ("Name, Municipality" where several municipalities have one of that name).
A quarter already recorded with the same figures is left as it is, so importing a file twice
adds nothing; different figures for a recorded quarter are a bad row, never an overwrite
(correct them on the company's page).
"""
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..area_companies import LocalJobsDetails, check_local_jobs, record_local_jobs
from ..errors import DomainError
from ..i18n import lazy_gettext as _l
from ..models import LocalJobs, Organisation
from ..text import match_key
from .all_or_nothing import ImportCounts, Problems, import_all_or_nothing
from .kpis import NeighbourhoodNames
from .local_jobs_file import JobsRow, read_local_jobs


@dataclass
class JobsImportResult(ImportCounts):
    """What a local jobs import did or would do: `added` counts quarters recorded."""

    quarters: list[JobsRow] = field(default_factory=list)


def import_local_jobs(session: Session, text: str, *, dry_run: bool = False,
                      today: date | None = None) -> JobsImportResult:
    """Import a file of local jobs; with `dry_run`, or if any row is bad, keep nothing.

    Nothing is committed: the caller commits when the result has no errors.
    """
    result = JobsImportResult()

    def add_rows(rows: list[JobsRow], problems: Problems) -> None:
        neighbourhoods = NeighbourhoodNames(session, [row.neighbourhood for row in rows], problems)
        companies = {o.name_key: o for o in session.scalars(select(Organisation).where(
            Organisation.name_key.in_({match_key(row.organisation) for row in rows})))}
        seen: dict[tuple, int] = {}
        for row in rows:
            company = companies.get(match_key(row.organisation))
            if company is None:
                problems.add(row.line, _l("No organisation is registered as “%(name)s”.", name=row.organisation))
            neighbourhood = neighbourhoods.find(row)
            if company is None or neighbourhood is None:
                continue
            key = (company.id, neighbourhood.id, row.year, row.quarter)
            if key in seen:
                problems.add(row.line, _l("Line %(line)d already gives this company's jobs here in this quarter.",
                                          line=seen[key]))
                continue
            seen[key] = row.line
            figures = (row.positions, row.full_time_equivalents, row.resident_positions)
            details = LocalJobsDetails(neighbourhood.id, row.year, row.quarter, *figures)
            try:
                check_local_jobs(details, today=today or date.today())
            except DomainError as error:
                problems.add(row.line, error.message)
            recorded = session.scalar(select(LocalJobs).where(
                LocalJobs.organisation_id == company.id, LocalJobs.neighbourhood_id == neighbourhood.id,
                LocalJobs.year == row.year, LocalJobs.quarter == row.quarter))
            if recorded is not None:
                if (recorded.positions, recorded.full_time_equivalents, recorded.resident_positions) == figures:
                    if row.line not in problems:
                        result.already_recorded += 1
                else:
                    problems.add(row.line, _l("Other figures are already recorded for %(quarter)s. If they are wrong, "
                                              "correct them on the company's page.", quarter=recorded.label))
                continue
            if row.line in problems:
                continue
            try:
                record_local_jobs(session, company, details, today=today)
            except DomainError as error:
                problems.add(row.line, error.message)
                continue
            result.added += 1
            result.quarters.append(row)

    return import_all_or_nothing(session, read_local_jobs(text), result, add_rows, dry_run=dry_run)
