"""Area companies (områdesföretag) and the local jobs they report, per neighbourhood and quarter.

An organisation is an area company of the neighbourhoods it is marked for (on its form). Each
quarter it reports, for each such neighbourhood, its positions, their full-time equivalents and
how many of the positions went to residents of the neighbourhood: numbers, never names. Jobs
are a stock, not a flow: a period's figure is each company's latest quarter within it, summed.
"""
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from .errors import DomainError
from .i18n import lazy_gettext as _l
from .models import LocalJobs, MeetingPlace, Neighbourhood, Organisation
from .models.links import area_company_neighbourhoods

__all__ = ["FIRST_YEAR", "JobsTotals", "LocalJobsDetails", "area_companies_of", "check_local_jobs", "jobs_by_quarter",
           "jobs_in_period", "local_jobs", "places_run_by", "quarter_start", "record_local_jobs"]

# Area companies in Sweden date from the 2000s; an earlier year is a typing slip.
FIRST_YEAR = 2000
# No area company employs more; a larger number is a typing slip.
MOST_POSITIONS = 100_000


def quarter_start(year: int, quarter: int) -> date:
    """Return the first day of a quarter.

    >>> quarter_start(2026, 4)
    datetime.date(2026, 10, 1)
    """
    return date(year, 3 * quarter - 2, 1)


@dataclass
class LocalJobsDetails:
    """One quarter's jobs in one neighbourhood, as staff type them."""

    neighbourhood_id: int
    year: int
    quarter: int
    positions: int
    full_time_equivalents: Decimal
    resident_positions: int = 0


def check_local_jobs(details: LocalJobsDetails, *, today: date) -> None:
    """Refuse figures no quarter can have, naming the field at fault."""
    if not 1 <= details.quarter <= 4:
        raise DomainError(_l("A quarter is 1, 2, 3 or 4."), field="quarter")
    if not FIRST_YEAR <= details.year <= today.year or quarter_start(details.year, details.quarter) > today:
        raise DomainError(_l("Jobs are reported for a quarter that has begun, from %(year)d on.", year=FIRST_YEAR),
                          field="year")
    if not 0 <= details.positions <= MOST_POSITIONS:
        raise DomainError(_l("Positions are a number from 0 to 100 000."), field="positions")
    if not 0 <= details.full_time_equivalents <= details.positions:
        raise DomainError(_l("Full-time equivalents are at least 0 and at most the number of positions."),
                          field="full_time_equivalents")
    if details.resident_positions < 0:
        raise DomainError(_l("The positions held by residents cannot be negative."), field="resident_positions")
    if details.resident_positions > details.positions:
        raise DomainError(_l("More positions went to residents (%(residents)d) than there are (%(positions)d).",
                             residents=details.resident_positions, positions=details.positions),
                          field="resident_positions")


def record_local_jobs(session: Session, organisation: Organisation, details: LocalJobsDetails, *,
                      today: date | None = None) -> tuple[LocalJobs, bool]:
    """Record a quarter's jobs, or correct the quarter already recorded; return it and whether it is new.

    Only a neighbourhood the organisation is the area company of can be reported for.
    """
    check_local_jobs(details, today=today or date.today())
    if details.neighbourhood_id not in {n.id for n in organisation.area_company_of}:
        raise DomainError(_l("%(name)s is not marked as the area company of this neighbourhood. Mark it on the "
                             "organisation's form first.", name=organisation.name), field="neighbourhood_id")
    jobs = session.scalar(select(LocalJobs).where(
        LocalJobs.organisation_id == organisation.id, LocalJobs.neighbourhood_id == details.neighbourhood_id,
        LocalJobs.year == details.year, LocalJobs.quarter == details.quarter))
    created = jobs is None
    if created:
        jobs = LocalJobs(organisation_id=organisation.id, neighbourhood_id=details.neighbourhood_id,
                         year=details.year, quarter=details.quarter)
        session.add(jobs)
    jobs.positions = details.positions
    jobs.full_time_equivalents = Decimal(details.full_time_equivalents).quantize(Decimal("0.01"))
    jobs.resident_positions = details.resident_positions
    session.flush()
    return jobs, created


def local_jobs(session: Session, *, organisation_id: int | None = None,
               neighbourhood_id: int | None = None) -> list[LocalJobs]:
    """Return the jobs reported by an organisation or in a neighbourhood, latest quarter first."""
    query = select(LocalJobs).join(Organisation).join(Neighbourhood)
    if organisation_id is not None:
        query = query.where(LocalJobs.organisation_id == organisation_id)
    if neighbourhood_id is not None:
        query = query.where(LocalJobs.neighbourhood_id == neighbourhood_id)
    return list(session.scalars(query.order_by(LocalJobs.year.desc(), LocalJobs.quarter.desc(),
                                               Neighbourhood.name_key, Organisation.name_key)))


def area_companies_of(session: Session, neighbourhood_id: int) -> list[Organisation]:
    """Return the active organisations marked as area companies of a neighbourhood."""
    link = area_company_neighbourhoods.c
    return list(session.scalars(
        select(Organisation).join(area_company_neighbourhoods, link.organisation_id == Organisation.id)
        .where(link.neighbourhood_id == neighbourhood_id, Organisation.archived_at.is_(None))
        .order_by(Organisation.name_key)))


def places_run_by(session: Session, *, organisation_id: int | None = None,
                  neighbourhood_id: int | None = None) -> list[MeetingPlace]:
    """Return the active meeting places an organisation runs, or those run by area companies of a neighbourhood."""
    query = select(MeetingPlace).where(MeetingPlace.archived_at.is_(None), MeetingPlace.run_by_id.is_not(None))
    if organisation_id is not None:
        query = query.where(MeetingPlace.run_by_id == organisation_id)
    if neighbourhood_id is not None:
        query = query.where(MeetingPlace.neighbourhood_id == neighbourhood_id)
    return list(session.scalars(query.order_by(MeetingPlace.name_key)))


@dataclass
class JobsTotals:
    """Local jobs summed over area companies: positions, full-time equivalents, of which residents."""

    positions: int = 0
    full_time_equivalents: Decimal = Decimal("0.00")
    resident_positions: int = 0
    reports: int = 0  # how many (company, neighbourhood) reports the sum holds
    by_neighbourhood: dict = field(default_factory=dict)  # (id, name) -> JobsTotals

    def add(self, jobs: LocalJobs) -> None:
        self.positions += jobs.positions
        self.full_time_equivalents += jobs.full_time_equivalents
        self.resident_positions += jobs.resident_positions
        self.reports += 1

    @property
    def resident_share(self) -> float | None:
        """The share of positions that went to residents, in per cent; None without positions."""
        return 100.0 * self.resident_positions / self.positions if self.positions else None


def jobs_in_period(session: Session, first_day: date, last_day: date, *,
                   neighbourhood_id: int | None = None) -> JobsTotals:
    """Sum each company's latest report (per neighbourhood) among the quarters that begin within the period.

    A quarter that began before the period but runs into it counts too, so that a period
    shorter than a quarter still shows the jobs of the quarter it lies in.
    """
    def starts(year, quarter):
        return year * 10 + quarter

    first = starts(first_day.year, (first_day.month - 1) // 3 + 1)
    last = starts(last_day.year, (last_day.month - 1) // 3 + 1)
    order = LocalJobs.year * 10 + LocalJobs.quarter
    latest = (select(LocalJobs.organisation_id, LocalJobs.neighbourhood_id, func.max(order).label("latest"))
              .where(order.between(first, last))
              .group_by(LocalJobs.organisation_id, LocalJobs.neighbourhood_id))
    if neighbourhood_id is not None:
        latest = latest.where(LocalJobs.neighbourhood_id == neighbourhood_id)
    latest = latest.subquery()
    totals = JobsTotals()
    for jobs, name in session.execute(
            select(LocalJobs, Neighbourhood.name).join(latest, and_(
                LocalJobs.organisation_id == latest.c.organisation_id,
                LocalJobs.neighbourhood_id == latest.c.neighbourhood_id, order == latest.c.latest))
            .join(Neighbourhood, Neighbourhood.id == LocalJobs.neighbourhood_id)
            .order_by(Neighbourhood.name_key)):
        totals.add(jobs)
        totals.by_neighbourhood.setdefault((jobs.neighbourhood_id, name), JobsTotals()).add(jobs)
    return totals


def jobs_by_quarter(session: Session, neighbourhood_id: int) -> list[tuple[str, JobsTotals]]:
    """Sum the jobs every area company reported for a neighbourhood, per quarter, the latest quarter first."""
    quarters: dict[tuple[int, int], JobsTotals] = {}
    for jobs in session.scalars(select(LocalJobs).where(LocalJobs.neighbourhood_id == neighbourhood_id)):
        quarters.setdefault((jobs.year, jobs.quarter), JobsTotals()).add(jobs)
    return [(f"{year} Q{quarter}", totals) for (year, quarter), totals in sorted(quarters.items(), reverse=True)]
