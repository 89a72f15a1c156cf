"""The steering group's periodic report: what a period brought, against the period before.

The figures come from ``period_figures``, as the dashboard's do; this module only chooses the
period, gathers them, and adds what the report alone shows (the KPIs).
"""
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from .. import dates
from .. import kpis as kpi_register
from ..area_companies import JobsTotals, jobs_in_period
from ..collaboration import NetworkAlerts, network_alerts, network_view
from ..collaboration.computed import ComputedNetwork
from ..errors import DomainError
from ..i18n import lazy_gettext as _l
from ..models import Stage
from ..network import NetworkFilter
from ..proposals import ProposalFigures, proposal_figures
from ..surveys.results import SurveyRate, surveys_in_period
from .dashboard import neighbourhoods_by_stage
from .period_figures import (
    ActivityFigures,
    CommitmentFigures,
    NetworkChange,
    Period,
    activity,
    commitment_figures,
    neighbourhoods_by_stage_on,
    network_change,
    stage_changes,
)

__all__ = ["KpiProgress", "SteeringReport", "kpi_progress", "network_picture", "parse_period", "period_filter",
           "steering_report"]

# The report names at most this many new actors; the rest it counts ("and 4,900 more"): WeasyPrint
# lays a long list out one inline box at a time (5,000 names took minutes of the PDF's time).
NEW_ACTORS_NAMED = 100

# A KPI's chart in the report draws at most this many neighbourhoods (the latest measured first).
CHART_NEIGHBOURHOODS = 8

# A report covers at most this many days: ten years, the programme's whole span.
LONGEST_PERIOD_DAYS = 3700


def _date(text: str | None, field_name: str) -> date | None:
    day, refusal = dates.read_date(text or "", dates.SEARCH)
    if refusal is not None:
        raise DomainError(refusal, field=field_name)
    return day


def parse_period(date_from: str | None, date_to: str | None, *, today: date) -> Period:
    """Turn the report's from/to text into a period: the quarter of ``today`` when both are empty.

    With only one end given, the other is the end or start of that end's quarter.
    """
    first, last = _date(date_from, "from"), _date(date_to, "to")
    if first is None and last is None:
        return Period.quarter_containing(today)
    first = first or Period.quarter_containing(last).starts_on
    last = last or Period.quarter_containing(first).ends_on
    if last < first:
        raise DomainError(_l("The period ends (%(to)s) before it starts (%(from)s).",
                             to=last.isoformat(), **{"from": first.isoformat()}), field="to")
    period = Period(first, last)
    if period.days > LONGEST_PERIOD_DAYS:
        raise DomainError(_l("A report covers at most ten years."), field="from")
    return period


@dataclass
class KpiProgress:
    """One KPI as it stood at the end of the period: each neighbourhood's values up to then."""

    kpi: object
    followed: list  # kpis.KpiInNeighbourhood, measurements cut at the period's end
    measured_in_period: int

    @property
    def charted(self) -> list:
        """The neighbourhoods the chart draws: those measured, the most recently measured first."""
        measured = [item for item in self.followed if item.measurements]
        measured.sort(key=lambda item: (item.latest.measured_on, item.neighbourhood.name), reverse=True)
        return measured[:CHART_NEIGHBOURHOODS]


def kpi_progress(session: Session, period: Period) -> list[KpiProgress]:
    """Return every KPI with its measurements up to the end of the period (a few queries per KPI)."""
    found = []
    for summary in kpi_register.kpi_summaries(session):
        followed = kpi_register.kpi_by_neighbourhood(session, summary.kpi)
        in_period = 0
        for item in followed:
            in_period += sum(1 for m in item.measurements if period.contains(m.measured_on))
            item.measurements = [m for m in item.measurements if m.measured_on <= period.ends_on]
        if any(item.measurements or item.target for item in followed):
            found.append(KpiProgress(summary.kpi, followed, in_period))
    return found


@dataclass
class SteeringReport:
    """Everything the report shows for one period and the one before it."""

    period: Period
    previous: Period
    today: date
    activity: ActivityFigures
    previous_activity: ActivityFigures
    commitments: CommitmentFigures
    previous_commitments: CommitmentFigures
    network: NetworkChange
    stage_changes: list
    by_stage: dict[Stage, int]
    by_stage_is_current: bool  # counted as the neighbourhoods list counts them today
    alerts: NetworkAlerts = field(default_factory=NetworkAlerts)
    kpis: list = field(default_factory=list)
    jobs: JobsTotals = field(default_factory=JobsTotals)  # each area company's latest quarter in the period
    previous_jobs: JobsTotals = field(default_factory=JobsTotals)
    surveys: list[SurveyRate] = field(default_factory=list)  # open at some time in the period
    proposals: ProposalFigures = field(default_factory=ProposalFigures)  # the coalition process in the period
    previous_proposals: ProposalFigures = field(default_factory=ProposalFigures)

    @property
    def is_current(self) -> bool:
        return self.period.contains(self.today)


def steering_report(session: Session, period: Period, *, today: date) -> SteeringReport:
    """Gather the report for a period; neighbourhoods by stage and the network's alerts as they stood at its end."""
    previous = period.previous()
    current = period.ends_on >= today
    return SteeringReport(
        period=period, previous=previous, today=today,
        activity=activity(session, period, name_new_actors=NEW_ACTORS_NAMED),
        previous_activity=activity(session, previous),
        commitments=commitment_figures(session, period), previous_commitments=commitment_figures(session, previous),
        network=network_change(session, period), stage_changes=stage_changes(session, period),
        by_stage=neighbourhoods_by_stage(session) if current else neighbourhoods_by_stage_on(session, period.ends_on),
        by_stage_is_current=current, kpis=kpi_progress(session, period),
        alerts=network_alerts(session, NetworkFilter(date_to=period.ends_on), today=today),
        jobs=jobs_in_period(session, period.starts_on, period.ends_on),
        previous_jobs=jobs_in_period(session, previous.starts_on, previous.ends_on),
        surveys=surveys_in_period(session, period.starts_on, period.ends_on),
        proposals=proposal_figures(session, period.starts_on, period.ends_on),
        previous_proposals=proposal_figures(session, previous.starts_on, previous.ends_on),
    )


def period_filter(period: Period) -> NetworkFilter:
    """Return the network page's filter for the period's dates."""
    return NetworkFilter(date_from=period.starts_on, date_to=period.ends_on)


def network_picture(session: Session, period: Period) -> ComputedNetwork:
    """Return the period's network as the network page builds it, with what its drawing uses (degrees, communities)."""
    return network_view(session, period_filter(period)).picture
