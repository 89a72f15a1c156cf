"""A meeting-place picker that works with or without JavaScript, as the organisation pickers do.

The form sends the place's name as typed and, from the type-ahead, its id; the typed text
decides, the id settles namesakes. static/js/organisation_picker.js drives it against
/api/places/suggestions.
"""
from flask import url_for
from flask_babel import gettext as _
from markupsafe import Markup
from wtforms.validators import StopValidation

from ...db import db
from ...meeting_places import look_up_place, place_label
from ...models import MeetingPlace
from ...text import tidy
from .fields import LARGEST_ID
from .organisation_picker import OrganisationField, _attributes


class PlacePickerWidget:
    """A text input holding the place's name, a hidden input its id, and the listbox the script fills."""

    def __call__(self, field: "PlaceField", **kwargs):
        kwargs.setdefault("id", field.id)
        kwargs.setdefault("autocomplete", "off")
        kwargs.setdefault("placeholder", _("Type part of the place's name"))
        text_input = Markup("<input type=\"text\" {} {}>").format(
            _attributes({"name": field.text_name, "value": field.display_text()}), _attributes(kwargs))
        hidden = Markup("").join(Markup('<input type="hidden" name="{}" value="{}">').format(field.name, place.id)
                                 for place in field.chosen())
        return Markup(
            '<div class="organisation-picker position-relative" data-organisation-picker="one" data-suggestions="{}"'
            ' data-keep="{}" data-archived-label="{}">{}{}'
            '<ul class="list-group typeahead-results shadow-sm" id="{}-suggestions" role="listbox" hidden></ul></div>'
        ).format(url_for("places_api.suggestions"), ",".join(str(i) for i in sorted(field.already_chosen)),
                 _("archived"), text_input, hidden, field.id)


class PlaceField(OrganisationField):
    """One registered meeting place by name; `data` is its id, or None. Submitted as an organisation picker is."""

    widget = PlacePickerWidget()

    def chosen(self) -> list[MeetingPlace]:
        place = db.session.get(MeetingPlace, self.data) \
            if isinstance(self.data, int) and 0 < self.data <= LARGEST_ID else None
        return [place] if place is not None else []

    def display_text(self) -> str:
        if self.typed is not None:
            return self.typed
        chosen = self.chosen()
        return place_label(chosen[0]) if chosen else ""

    def _accepted(self, place: MeetingPlace | None) -> int:
        if place is None:
            raise StopValidation(_("That meeting place does not exist. Choose another one."))
        if place.archived_at is not None and not self.archived_allowed and place.id not in self.already_chosen:
            raise StopValidation(_("%(name)s is archived. Restore it first, or choose another place.", name=place.name))
        return place.id

    def pre_validate(self, form):
        if self.typed is None:  # an id only
            if self.bad_id:
                self._accepted(None)
            self.data = self._accepted(db.session.get(MeetingPlace, self.data)) if self.data else None
            return
        self.data = None
        if not tidy(self.typed):
            return
        found = look_up_place(db.session, self.typed, hint=self.hint_ids)
        if not found:
            raise StopValidation(Markup('{} <a href="{}" target="_blank" rel="noopener">{}</a>').format(
                _("No meeting place is called “%(typed)s”.", typed=tidy(self.typed)), url_for("places.new"),
                _("Register it first.")))
        if len(found) > 1:
            raise StopValidation(_("Several meeting places are called “%(typed)s”: %(names)s. Write the neighbourhood "
                                   "in brackets after the name.", typed=tidy(self.typed),
                                   names=", ".join(place_label(place) for place in found)))
        self.data = self._accepted(found[0])
