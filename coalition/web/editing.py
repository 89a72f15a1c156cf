"""Saving a form through one domain operation: a broken rule or a stale version is refused
with an explanation beside the field, never saved over newer data."""
from collections.abc import Callable
from dataclasses import dataclass

from flask import abort, url_for
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from ..db import db
from ..errors import DomainError
from ..i18n import lazy_gettext as _l
from ..models import Neighbourhood, Organisation, Person

# Where each kind of record is shown, so a refused duplicate can link to the one that exists.
_PAGES = {
    Organisation: ("organisations.show", "organisation_id"),
    Person: ("people.show", "person_id"),
    Neighbourhood: ("neighbourhoods.show", "neighbourhood_id"),
}

# Shown when a save still clashes after a second try (another request's record the checks do not know).
CLASHED = _l("This was not saved: it clashes with something saved at the same moment. Check the form and save again.")


def record_url(record) -> str | None:
    """Return the page of a record, or None for a kind of record without one."""
    page = _PAGES.get(type(record))
    return url_for(page[0], **{page[1]: record.id}) if page else None


def expect_version(record, submitted_version: str | None) -> None:
    """Make the record's next UPDATE succeed only if it is still at the version the form showed.

    SQLAlchemy adds "AND version = <committed value>" to the UPDATE; putting the form's version
    there (not the one just loaded) is what lets a second editor's stale form fail.
    """
    try:
        version = int(submitted_version)
    except (TypeError, ValueError):
        abort(400)
    set_committed_value(record, "version", version)


@dataclass
class Outcome:
    """What became of a form: saved (with the operation's result), or why not."""

    saved: bool = False
    result: object = None
    duplicate: str | None = None  # the page of the record a refused duplicate repeats
    conflict: str | None = None  # the edit page again, after someone else's newer change

    @property
    def status(self) -> int:
        return 409 if self.conflict else 200


def save(form, operation: Callable[[], object], *, edited=None, reload_url: str | None = None,
         default_field: str = "name") -> Outcome:
    """Run one domain operation and commit it, or roll back and put the reason on the form.

    `edited` is the record an edit form changes: its update must find the version the form
    was opened with (the form's hidden `version` field).
    """
    outcome = _attempt(form, operation, edited, reload_url, default_field)
    if outcome is None:
        # Someone saved the same name (say) between the operation's check and its insert: on
        # PostgreSQL both requests pass the check and the unique index refuses the second.
        # Once more: the check now sees the other record and says which.
        outcome = _attempt(form, operation, edited, reload_url, default_field)
    if outcome is None:
        getattr(form, default_field).errors.append(CLASHED)
        outcome = Outcome()
    return outcome


def _attempt(form, operation, edited, reload_url, default_field) -> Outcome | None:
    """Run the operation and commit; None when the database refused it as clashing with another save."""
    if edited is not None:
        expect_version(edited, form.version.data)
    try:
        result = operation()
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        getattr(form, error.field or default_field).errors.append(error.message)
        return Outcome(duplicate=record_url(error.existing) if error.existing is not None else None)
    except StaleDataError:
        db.session.rollback()
        return Outcome(conflict=reload_url)
    except IntegrityError:
        db.session.rollback()
        return None
    return Outcome(saved=True, result=result)
