"""Headline counts for the start page."""
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import Neighbourhood, Organisation, Person, Sector, Stage


def organisations_by_sector(session: Session) -> dict[Sector, int]:
    """Count active organisations in each sector, every sector present."""
    rows = session.execute(
        select(Organisation.sector, func.count()).where(Organisation.archived_at.is_(None)).group_by(Organisation.sector)
    )
    counts = dict.fromkeys(Sector, 0)
    counts.update({sector: n for sector, n in rows})
    return counts


def neighbourhoods_by_stage(session: Session) -> dict[Stage, int]:
    """Count active neighbourhoods at each programme stage, every stage present."""
    rows = session.execute(
        select(Neighbourhood.stage, func.count()).where(Neighbourhood.archived_at.is_(None)).group_by(Neighbourhood.stage)
    )
    counts = dict.fromkeys(Stage, 0)
    counts.update({stage: n for stage, n in rows})
    return counts


def active_people(session: Session) -> int:
    """Count people who are neither archived nor anonymised."""
    return session.scalar(
        select(func.count()).select_from(Person).where(Person.archived_at.is_(None), Person.anonymised_at.is_(None))
    )
