"""Withdrawal of consent (GDPR Art. 7) and restriction of processing (Art. 18).

What withdrawal does: the day is recorded, and the person is restricted at once, so that
nothing new is done with their data (no meetings, memberships, lists or pickers) until an
admin decides, on the data-protection page, to anonymise them or to lift the restriction
on another lawful basis. Restricted persons are kept, as the Archives Act may require.
"""
from datetime import date

from sqlalchemy.orm import Session

from .. import dates
from ..errors import DomainError
from ..i18n import lazy_gettext as _l
from ..models import LawfulBasis, Person
from ..text import tidy

__all__ = ["consent_is_withdrawn", "lift_restriction", "restrict_person", "withdraw_consent"]

REASON_LENGTH = 500


def _refuse_if_anonymised(person: Person) -> None:
    if person.anonymised_at is not None:
        raise DomainError(_l("This person has been anonymised and can no longer be changed."))


def consent_is_withdrawn(person: Person) -> bool:
    """Tell whether the person's latest consent has been withdrawn."""
    if person.consent_withdrawn_on is None:
        return False
    return person.consent_given_on is None or person.consent_withdrawn_on >= person.consent_given_on


def withdraw_consent(session: Session, person: Person, withdrawn_on: date) -> None:
    """Record that the person withdrew their consent, and restrict further processing of their data."""
    _refuse_if_anonymised(person)
    if person.lawful_basis is not LawfulBasis.CONSENT:
        raise DomainError(_l("The office holds this person's data on another basis than consent."),
                          field="withdrawn_on")
    if consent_is_withdrawn(person):
        raise DomainError(_l("Their consent is already recorded as withdrawn."), field="withdrawn_on")
    if withdrawn_on > date.today():
        raise DomainError(_l("Consent cannot be withdrawn in the future."), field="withdrawn_on")
    refusal = dates.PROGRAMME.refusal(withdrawn_on)
    if refusal is not None:
        raise DomainError(refusal, field="withdrawn_on")
    if person.consent_given_on is not None and withdrawn_on < person.consent_given_on:
        raise DomainError(_l("Consent cannot be withdrawn before it was given."), field="withdrawn_on")
    person.consent_withdrawn_on = withdrawn_on
    if person.restricted_at is None:
        person.restricted_at = date.today()
        person.restriction_reason = str(_l("Consent withdrawn on %(date)s.", date=withdrawn_on.isoformat()))
    session.flush()


def restrict_person(session: Session, person: Person, reason: str) -> None:
    """Keep the person's data but stop processing it: out of lists, pickers and new meetings."""
    _refuse_if_anonymised(person)
    reason = tidy(reason)
    if not reason:
        raise DomainError(_l("Say why processing is restricted."), field="reason")
    if len(reason) > REASON_LENGTH:
        raise DomainError(_l("Keep the reason under %(count)d characters.", count=REASON_LENGTH), field="reason")
    if person.restricted_at is not None:
        raise DomainError(_l("Processing of this person's data is already restricted."), field="reason")
    person.restricted_at = date.today()
    person.restriction_reason = reason
    session.flush()


def lift_restriction(session: Session, person: Person) -> None:
    """Let the office process the person's data again; not while their withdrawn consent is the only basis."""
    _refuse_if_anonymised(person)
    if person.restricted_at is None:
        raise DomainError(_l("Processing of this person's data is not restricted."))
    if person.lawful_basis is LawfulBasis.CONSENT and consent_is_withdrawn(person):
        raise DomainError(_l("Their consent was withdrawn: record new consent or another lawful basis "
                             "before lifting the restriction."))
    person.restricted_at = None
    person.restriction_reason = ""
    session.flush()
