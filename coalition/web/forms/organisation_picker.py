"""Organisation pickers that work at 5,000 organisations, with or without JavaScript.

A picker sends two things: the organisation's name as typed (a text input, or a textarea with
one name per line for several) and the ids a script chose (hidden inputs under the field's own
name). The typed text decides: a user without the script edits only the text. The ids settle
a tie between namesakes, and a post with ids alone (an older client, a test) is taken as it is.
static/js/organisation_picker.js turns the text into a type-ahead against
/api/organisations/suggestions.
"""
from flask import url_for
from flask_babel import gettext as _
from markupsafe import Markup, escape
from wtforms import Field
from wtforms.utils import unset_value
from wtforms.validators import StopValidation
from wtforms.widgets import html_params

from ...db import db
from ...models import Organisation
from ...organisation_lookup import Lookup, look_up_organisation, organisations_by_id
from ...text import tidy
from .fields import record_id

# Each line is looked up on its own; no record has more parties or participants than this.
MOST_LINES = 100


def submitted_ids(values) -> tuple[list[int], bool]:
    """The record ids among submitted values, and whether any non-empty value was not one."""
    ids, bad = [], False
    for value in values:
        if value in (None, ""):
            continue
        try:
            ids.append(record_id(value))
        except (TypeError, ValueError):
            bad = True
    return ids, bad


def _names(organisations) -> str:
    return ", ".join(o.name + (f" ({o.org_number})" if o.org_number else "") for o in organisations)


def refusal(lookup: Lookup) -> Markup:
    """Say why a typed name names no single organisation, and what might be meant."""
    typed = lookup.typed
    if lookup.several:
        return escape(_("Several organisations are called “%(typed)s”: %(names)s. Type the organisation number.",
                        typed=typed, names=_names(lookup.several)))
    if lookup.near_misses:
        return escape(_("No organisation is called “%(typed)s”. Did you mean: %(names)s? Type the full name.",
                        typed=typed, names=_names(lookup.near_misses)))
    return Markup('{} <a href="{}" target="_blank" rel="noopener">{}</a>').format(
        _("No organisation is called “%(typed)s”.", typed=typed), url_for("organisations.new"),
        _("Register it first."))


class _PickerField(Field):
    """What single and multiple pickers share: the typed text, the hint ids, and archived ones kept."""

    text_suffix = "-name"

    def __init__(self, label=None, validators=None, *, archived_allowed: bool = False, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.archived_allowed = archived_allowed  # a list's filter may look back at archived organisations
        self.typed: str | None = None  # the text as submitted; None when the form sent ids only
        self.hint_ids: list[int] = []
        self.bad_id = False
        self.already_chosen: set[int] = set()
        self._loaded: dict[int, Organisation] = {}

    @property
    def text_name(self) -> str:
        return self.name + self.text_suffix

    def keep(self, organisations) -> None:
        """Accept these organisations even if archived since: the record already names them."""
        self.already_chosen |= {o.id if isinstance(o, Organisation) else o for o in organisations if o is not None}

    def process(self, formdata, data=unset_value, extra_filters=None):
        super().process(formdata, data, extra_filters)
        self.typed = None
        if formdata is not None and self.text_name in formdata:
            self.typed = formdata.get(self.text_name) or ""

    def process_formdata(self, valuelist):
        self.hint_ids, self.bad_id = submitted_ids(valuelist)

    def chosen(self) -> list[Organisation]:
        """The organisations the field holds now (its ``chosen_ids()``), in order, loaded once."""
        missing = [i for i in self.chosen_ids() if i not in self._loaded]
        if missing:
            self._loaded.update(organisations_by_id(db.session, missing))
        return [self._loaded[i] for i in self.chosen_ids() if i in self._loaded]

    def _accepted(self, organisation: Organisation | None) -> int:
        """The organisation's id, unless it is missing or archived (and not already on the record)."""
        if organisation is None:
            raise StopValidation(_("That organisation does not exist. Choose another one."))
        if organisation.archived_at is not None and not self.archived_allowed \
                and organisation.id not in self.already_chosen:
            raise StopValidation(_("%(name)s is archived. Restore it first, or choose another organisation.",
                                   name=organisation.name))
        return organisation.id

    def _resolved(self, text: str) -> int:
        lookup = look_up_organisation(db.session, text, hint=self.hint_ids)
        if lookup.organisation is None:
            raise StopValidation(refusal(lookup))
        return self._accepted(lookup.organisation)


def _placeholder() -> str:
    return _("Type part of the name or the organisation number")


def _render_picker(field: _PickerField, text_input: Markup, many: bool, without_script_hint: str = "") -> Markup:
    """The text input, the ids chosen, and the (empty) listbox the script fills."""
    hidden = Markup("").join(
        Markup('<input type="hidden" name="{}" value="{}" data-name="{}">').format(field.name, o.id, o.name)
        for o in field.chosen())
    hint = Markup('<div class="form-text" data-without-script>{}</div>').format(without_script_hint) \
        if without_script_hint else ""
    return Markup(
        '<div class="organisation-picker position-relative" data-organisation-picker="{}" data-suggestions="{}"'
        ' data-keep="{}" data-remove-label="{}" data-archived-label="{}" data-placeholder="{}">{}{}'
        '<ul class="list-group typeahead-results shadow-sm" id="{}-suggestions" role="listbox" hidden></ul>{}</div>'
    ).format("many" if many else "one", url_for("organisation_picker.suggestions"),
             ",".join(str(i) for i in sorted(field.already_chosen)), _("Remove"), _("archived"), _placeholder(),
             text_input, hidden, field.id, hint)


def _attributes(kwargs: dict) -> Markup:
    # html_params escapes every name and value it writes.
    return Markup(html_params(**kwargs))  # nosec B704


class OrganisationPickerWidget:
    """A text input holding the organisation's name, with its id in a hidden input."""

    def __call__(self, field: "OrganisationField", **kwargs):
        kwargs.setdefault("id", field.id)
        kwargs.setdefault("autocomplete", "off")
        kwargs.setdefault("placeholder", _placeholder())
        text_input = Markup("<input type=\"text\" {} {}>").format(
            _attributes({"name": field.text_name, "value": field.display_text()}), _attributes(kwargs))
        return _render_picker(field, text_input, many=False)


class OrganisationListPickerWidget:
    """A textarea with one organisation per line; the script turns it into removable chips."""

    def __call__(self, field: "OrganisationListField", **kwargs):
        kwargs.setdefault("id", field.id)
        kwargs.setdefault("rows", 3)
        kwargs.pop("required", None)
        text_input = Markup("<textarea {} {}>\r\n{}</textarea>").format(
            _attributes({"name": field.text_name}), _attributes(kwargs), field.display_text())
        return _render_picker(field, text_input, many=True,
                              without_script_hint=_("One organisation per line: its name or organisation number."))


class OrganisationField(_PickerField):
    """One organisation by name; `data` is its id, or None."""

    widget = OrganisationPickerWidget()

    def process_data(self, value):
        self.data = value if isinstance(value, int) else getattr(value, "id", None)
        if self.data is not None:
            self.already_chosen.add(self.data)

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.data = self.hint_ids[0] if self.hint_ids else None

    def chosen_ids(self) -> list[int]:
        return [self.data] if isinstance(self.data, int) else []

    def display_text(self) -> str:
        if self.typed is not None:
            return self.typed
        chosen = self.chosen()
        return chosen[0].name if chosen else ""

    def pre_validate(self, form):
        if self.typed is None:  # ids only
            if self.bad_id:
                self._accepted(None)
            self.data = self._accepted(db.session.get(Organisation, self.data)) if self.data else None
            return
        self.data = None
        if tidy(self.typed):
            self.data = self._resolved(self.typed)


class OrganisationListField(_PickerField):
    """Several organisations by name, one per line; `data` is their ids in the order given."""

    widget = OrganisationListPickerWidget()
    text_suffix = "-names"

    def process_data(self, value):
        self.data = [v for v in (value or []) if isinstance(v, int)]

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.data = list(dict.fromkeys(self.hint_ids))

    def chosen_ids(self) -> list[int]:
        return list(self.data or [])

    def display_text(self) -> str:
        if self.typed is not None:
            return self.typed
        return "\n".join(o.name for o in self.chosen())

    def pre_validate(self, form):
        if self.typed is None:  # ids only
            if self.bad_id:
                self._accepted(None)
            found = organisations_by_id(db.session, self.data)
            self.data = [self._accepted(found.get(i)) for i in self.data]
            return
        lines = [line for line in self.typed.splitlines() if tidy(line)]
        if len(lines) > MOST_LINES:
            raise StopValidation(_("Name at most %(count)d organisations.", count=MOST_LINES))
        ids, errors = [], []
        for line in lines:
            try:
                ids.append(self._resolved(line))
            except StopValidation as refused:
                errors.append(refused.args[0])
        self.data = list(dict.fromkeys(ids))
        if errors:
            self.errors.extend(errors)
            raise StopValidation()
