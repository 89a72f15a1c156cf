"""The meeting page's forms that other areas own (participants, headcounts, votes): the page again
with a form that failed, and the one way a form of numbers on it is saved."""
from collections.abc import Callable, Mapping

from flask import url_for
from sqlalchemy.orm import Session

from ..db import db
from ..models import Meeting
from .editing import posted_form
from .forms.numbers import NumberEachForm


def show_again(meeting: Meeting, **forms):
    """The meeting page again, with the form that failed and its messages and input kept."""
    # The meeting page is the meetings blueprint's, which imports these areas: imported when first shown.
    from .meetings import render_show

    return render_show(meeting, **forms)


def save_numbers(meeting: Meeting, form: NumberEachForm, form_name: str,
                 record: Callable[[Session, Meeting, Mapping[int, int | None]], object], *, saved: str, section: str):
    """Save a form of numbers on the meeting page through `record`, all or none: then flash `saved` and go
    back to the page's `section`; otherwise the page again with the reasons beside the numbers."""
    return posted_form(form, lambda: record(db.session, meeting, form.numbers()),
                       lambda _result: (saved, url_for("meetings.show", meeting_id=meeting.id, _anchor=section)),
                       lambda: show_again(meeting, **{form_name: form}),
                       default_field=form.first_field(), own_checks_first=True)
