"""The programme dashboard: the first page after login."""
import enum
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..area_companies import JobsTotals, jobs_in_period
from ..collaboration import NetworkAlerts, network_alerts
from ..commitment_register import FollowUp, follow_up
from ..models import Neighbourhood, Organisation, Person, Sector, Stage
from ..proposals import ProposalFigures, proposal_figures
from ..surveys.results import SurveyRate, surveys_in_period
from .period_figures import (
    ActivityFigures,
    CommitmentFigures,
    NetworkChange,
    Period,
    activity,
    commitment_figures,
    network_change,
    stage_changes,
)


def _active_by(session: Session, model, column, values: type[enum.Enum]) -> dict:
    """Count the model's active (not archived) records by a column, every one of ``values`` present."""
    rows = session.execute(select(column, func.count()).where(model.archived_at.is_(None)).group_by(column))
    counts = dict.fromkeys(values, 0)
    counts.update({value: n for value, n in rows})
    return counts


def organisations_by_sector(session: Session) -> dict[Sector, int]:
    """Count active organisations in each sector, every sector present."""
    return _active_by(session, Organisation, Organisation.sector, Sector)


def neighbourhoods_by_stage(session: Session) -> dict[Stage, int]:
    """Count active neighbourhoods at each programme stage, every stage present."""
    return _active_by(session, Neighbourhood, Neighbourhood.stage, Stage)


def active_people(session: Session) -> int:
    """Count people who are neither archived nor anonymised."""
    return session.scalar(
        select(func.count()).select_from(Person).where(Person.archived_at.is_(None), Person.anonymised_at.is_(None))
    )


@dataclass
class Dashboard:
    """Everything the programme dashboard shows, for the quarter containing ``today``."""

    today: date
    goal: int
    by_stage: dict[Stage, int]
    quarter: Period
    activity: ActivityFigures
    commitments: CommitmentFigures
    network: NetworkChange
    stage_changes: list
    follow_up: FollowUp
    by_sector: dict[Sector, int]
    people: int
    alerts: NetworkAlerts
    jobs: JobsTotals  # each area company's latest report this quarter or the one before
    surveys: list[SurveyRate]  # open at some time this quarter, with their response rates
    proposals: ProposalFigures  # the coalition process: proposals made, adopted and set aside this quarter

    @property
    def in_programme(self) -> int:
        return sum(self.by_stage.values())

    def share_of_goal(self, count: int) -> float:
        """Return a count as a percentage of the goal, at most 100."""
        return min(100.0, 100.0 * count / self.goal) if self.goal else 0.0


def programme_dashboard(session: Session, *, today: date, goal: int) -> Dashboard:
    """Gather the dashboard: neighbourhoods against the goal, this quarter's activity, follow-up, network, alerts."""
    quarter = Period.quarter_containing(today)
    return Dashboard(
        today=today, goal=goal, by_stage=neighbourhoods_by_stage(session), quarter=quarter,
        activity=activity(session, quarter), commitments=commitment_figures(session, quarter),
        network=network_change(session, quarter), stage_changes=stage_changes(session, quarter)[:10],
        follow_up=follow_up(session, today=today, limit=10),
        by_sector=organisations_by_sector(session), people=active_people(session),
        alerts=network_alerts(session, today=today),
        jobs=jobs_in_period(session, quarter.previous().starts_on, quarter.ends_on),
        surveys=surveys_in_period(session, quarter.starts_on, quarter.ends_on),
        proposals=proposal_figures(session, quarter.starts_on, quarter.ends_on),
    )
