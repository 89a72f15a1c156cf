"""Act on the network's suggested introductions: dismiss one, or record it made with a follow-up due.

A decided pair is never suggested again. An introduction made is followed up: by its due date
someone asks whether the two have met, and marks the follow-up done.
"""
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from . import dates
from .errors import DomainError
from .i18n import lazy_gettext as _l
from .models import IntroductionDecision, IntroductionOutcome, Organisation

__all__ = ["FOLLOW_UP_AFTER", "decide", "decided_pairs", "follow_ups", "mark_follow_up_done"]

# When an introduction made is to be followed up, unless staff choose another day.
FOLLOW_UP_AFTER = timedelta(days=30)


def decided_pairs(session: Session) -> frozenset[tuple[int, int]]:
    """Return every pair of organisations (lower id first) already dismissed or introduced."""
    return frozenset((first, second) for first, second in session.execute(
        select(IntroductionDecision.first_organisation_id, IntroductionDecision.second_organisation_id)))


def decide(session: Session, first_id: int, second_id: int, outcome: IntroductionOutcome, *, today: date,
           decided_by_id: int | None = None, due_on: date | None = None) -> IntroductionDecision:
    """Record that a suggested pair was dismissed, or introduced with a follow-up due (``due_on``, a month by default)."""
    if first_id == second_id:
        raise DomainError(_l("An introduction needs two different organisations."))
    first_id, second_id = sorted((first_id, second_id))
    found = session.scalars(select(Organisation.id).where(Organisation.id.in_((first_id, second_id)))).all()
    if len(found) < 2:
        raise DomainError(_l("The organisation is not registered."))
    if session.scalar(select(IntroductionDecision.id).where(IntroductionDecision.first_organisation_id == first_id,
                                                            IntroductionDecision.second_organisation_id == second_id)):
        raise DomainError(_l("This introduction has already been dismissed or made."))
    if outcome is IntroductionOutcome.INTRODUCED:
        due_on = due_on or today + FOLLOW_UP_AFTER
        if due_on < today:
            raise DomainError(_l("The follow-up cannot be due before today."), field="due_on")
        if (refusal := dates.PROGRAMME.refusal(due_on)) is not None:
            raise DomainError(refusal, field="due_on")
    else:
        due_on = None
    decision = IntroductionDecision(first_organisation_id=first_id, second_organisation_id=second_id, outcome=outcome,
                                    decided_on=today, decided_by_id=decided_by_id, due_on=due_on)
    session.add(decision)
    session.flush()
    return decision


def follow_ups(session: Session) -> list[IntroductionDecision]:
    """Return the introductions made whose follow-up is not done, the first due first."""
    return list(session.scalars(
        select(IntroductionDecision)
        .where(IntroductionDecision.outcome == IntroductionOutcome.INTRODUCED, IntroductionDecision.done_on.is_(None))
        .options(selectinload(IntroductionDecision.first_organisation),
                 selectinload(IntroductionDecision.second_organisation))
        .order_by(IntroductionDecision.due_on, IntroductionDecision.id)))


def mark_follow_up_done(decision: IntroductionDecision, done_on: date) -> None:
    """Record that the introduction was followed up."""
    if decision.outcome is not IntroductionOutcome.INTRODUCED:
        raise DomainError(_l("Only an introduction made has a follow-up."))
    decision.done_on = done_on
