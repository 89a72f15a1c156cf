"""Saving a form through one domain operation: a broken rule or a stale version is refused
with an explanation beside the field, never saved over newer data. Moving a record to another
stage. Archiving a record and bringing it back."""
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from ..auth import staff_only
from ..db import db
from ..errors import DomainError
from ..i18n import lazy_gettext as _l
from ..models import MeetingPlace, Neighbourhood, Organisation, Person
from ..vocabulary import label

# Where each kind of record is shown, so a refused duplicate can link to the one that exists.
_PAGES = {
    Organisation: ("organisations.show", "organisation_id"),
    Person: ("people.show", "person_id"),
    Neighbourhood: ("neighbourhoods.show", "neighbourhood_id"),
    MeetingPlace: ("places.show", "place_id"),
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
    """Validate the form, run one domain operation and commit it; or roll back and put every reason on the form.

    `edited` is the record an edit form changes: its update must find the version the form
    was opened with (the form's hidden `version` field). A form that fails its own checks is
    still shown what the domain's rules say of the rest (see `_what_the_rules_say`), so that
    all its mistakes are shown at once.
    """
    if not form.validate():
        _what_the_rules_say(form, operation, default_field)
        return Outcome()
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


def form_page(form, template: str, operation: Callable[[], object], done: Callable[[object], tuple[str, str]],
              *, edited=None, reload_url: str | None = None, default_field: str = "name", **context):
    """A new or edit page: a valid POST is saved through `operation` (see `save`); once saved,
    `done(result)` gives the message to flash and the page to go to. Otherwise the form again,
    with the reasons beside its fields (409 after someone else's newer change)."""
    outcome = Outcome()
    if form.is_submitted():
        outcome = save(form, operation, edited=edited, reload_url=reload_url, default_field=default_field)
        if outcome.saved:
            message, url = done(outcome.result)
            flash(message, "success")
            return redirect(url)
    return render_template(template, form=form, outcome=outcome, **context), outcome.status


def posted_form(form, operation: Callable[[], object], done: Callable[[object], tuple[str, str]],
                again: Callable[[], object], *, default_field: str = "name", own_checks_first: bool = False):
    """A form posted from a record's page: saved through `operation` (see `save`), then `done(result)`
    gives the message to flash and the page to go to; otherwise `again()` shows the page with the
    form's reasons beside its fields. With `own_checks_first`, a form that fails its own checks is
    shown again with their reasons alone, without asking the domain's rules."""
    if form.validate_on_submit() if own_checks_first else form.is_submitted():
        outcome = save(form, operation, default_field=default_field)
        if outcome.saved:
            message, url = done(outcome.result)
            flash(message, "success")
            return redirect(url)
    return again()


def posted_stage_form(form, record, change: Callable[..., object], stages: type, again: Callable[[], object],
                      *, own_checks_first: bool = False):
    """A stage form posted from a record's page (see `posted_form`): `change` moves the record to the
    chosen one of its `stages` on the form's date, with its note, by the current user; once saved, the
    record's page (the blueprint's `show`) says the stage it is at now."""
    return posted_form(
        form, lambda: change(db.session, record, stages(form.stage.data), changed_on=form.changed_on.data,
                             note=form.note.data or "", changed_by_id=current_user.id),
        lambda _change: (_("%(name)s is now at the stage %(stage)s.", name=record.name, stage=label(record.stage)),
                         url_for(f"{request.blueprint}.show", **request.view_args)),
        again, default_field="stage", own_checks_first=own_checks_first)


def new_page(form, template: str, operation: Callable[[], object],
             created: Callable[[object], str], id_name: str, *, default_field: str = "name", **context):
    """A register's page for a new record (see `form_page`): once saved, `created(record)` is flashed
    and the new record's page (the blueprint's `show`, at `id_name`) is shown."""
    return form_page(form, template, operation,
                     lambda record: (created(record), url_for(f"{request.blueprint}.show", **{id_name: record.id})),
                     default_field=default_field, **context)


def edit_form(form_class: type, record, **shown):
    """Return the form that edits a record, filled from it; when first opened also with its version
    and the `shown` values (those the record holds in another form than the field's)."""
    form = form_class(obj=record)
    if request.method == "GET":
        form.version.data = record.version
        for name, value in shown.items():
            form[name].data = value
    return form


def edit_page(form, template: str, record, operation: Callable[[], object], saved: Callable[[object], str],
              *, default_field: str = "name", **context):
    """A record's edit page (see `form_page`), at an address that holds the record's ids: once saved,
    `saved(record)` is flashed and the record's page (the blueprint's `show`) is shown; after someone
    else's newer change, this page again."""
    ids = request.view_args
    return form_page(form, template, operation,
                     lambda _result: (saved(record), url_for(f"{request.blueprint}.show", **ids)),
                     edited=record, reload_url=url_for(request.endpoint, **ids), default_field=default_field,
                     **context)


def _put_on_form(form, error: DomainError, default_field: str, *, beside_faultless_fields_only: bool = False) -> None:
    for problem in error.every:
        field = getattr(form, problem.field or default_field)
        if not (beside_faultless_fields_only and field.errors):
            field.errors.append(problem.message)


def _what_the_rules_say(form, operation, default_field: str) -> None:
    """Run the operation on what a failed form could read, keep nothing, and add its refusals beside the fields
    the form found no fault with; one whose own checks failed keeps their message alone.

    A value the form could not read reaches the operation as empty (None), so the operation may
    also fail in ways of its own (a kind that is not one, None where it takes text, a text too
    long for its column): those say nothing the form has not said already, and the request goes
    on to show the form's own messages. The same operation on a valid form runs unguarded.
    """
    if getattr(form, "csrf_token", None) is not None and form.csrf_token.errors:
        return  # a request without the form's token runs nothing, not even to be rolled back
    try:
        with db.session.no_autoflush:
            operation()
    except DomainError as error:
        _put_on_form(form, error, default_field, beside_faultless_fields_only=True)
    except Exception:  # noqa: BLE001, S110 (see above: what the form could not read)
        pass
    finally:
        db.session.rollback()


def _attempt(form, operation, edited, reload_url, default_field) -> Outcome | None:
    """Run the operation and commit; None when the database refused it as clashing with another save."""
    if edited is not None:
        expect_version(edited, form.version.data)
    try:
        result = operation()
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        _put_on_form(form, error, default_field)
        return Outcome(duplicate=record_url(error.existing) if error.existing is not None else None)
    except StaleDataError:
        db.session.rollback()
        return Outcome(conflict=reload_url)
    except IntegrityError:
        db.session.rollback()
        return None
    return Outcome(saved=True, result=result)


def add_archive_view(bp: Blueprint, model: type, id_name: str, archived: Callable[[str], str],
                     name: Callable[[object], str] = attrgetter("name")) -> None:
    """Add the register's archive view: POST /<id>/archive archives the record, or with `restore` brings it back.

    `archived` says, given the record's shown name, what archiving it kept; then back to the record's page.
    """
    def archive(**ids):
        record = db.get_or_404(model, ids[id_name])
        if request.form.get("restore"):
            record.restore()
            message = _("%(name)s is back in the lists.", name=name(record))
        else:
            record.archive()
            message = archived(name(record))
        db.session.commit()
        flash(message, "success")
        return redirect(url_for(f"{bp.name}.show", **ids))

    bp.add_url_rule(f"/<int:{id_name}>/archive", "archive", staff_only(archive), methods=["POST"])
