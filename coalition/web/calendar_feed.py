"""The meetings as an iCalendar feed that staff subscribe to from their calendar.

The filter is the meetings list's own (its query parameters mean the same here). A download
for the logged-in user, and a subscription address with a secret token for calendar apps,
which fetch without anyone's login cookie.
"""
from datetime import date
from urllib.parse import urlsplit

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_login import current_user

from .. import calendar_feed
from ..auth import public, readable
from ..db import db
from .downloads import content_disposition
from .forms.meetings import MeetingFilterForm
from .meetings import meeting_list

bp = Blueprint("calendar_feed", __name__, url_prefix="/meetings")


def _language() -> str:
    """The interface language for the feed's words: asked for in the address, else the default."""
    chosen = request.args.get("lang", "")
    return chosen if chosen in current_app.config["LANGUAGES"] else current_app.config["BABEL_DEFAULT_LOCALE"]


def _calendar_response(*, inline: bool) -> Response:
    listing = meeting_list.read()
    applied = listing.form.applied()
    meetings = calendar_feed.feed_meetings(
        db.session, listing.query, has_start_date=listing.form.chosen("date_from") is not None, today=date.today(),
    )
    name = _("Coalition meetings")
    if applied:
        name = f"{name} – {', '.join(shown for _name, _label, shown in applied)}"
    settings = calendar_feed.FeedSettings(
        name=name,
        time_zone=current_app.config["BABEL_DEFAULT_TIMEZONE"],
        # The host this app is reached at: the same for every fetch of one subscription.
        uid_domain=urlsplit(request.host_url).hostname or "coalition",
        meeting_url=lambda meeting: url_for("meetings.show", meeting_id=meeting.id, _external=True),
    )
    response = Response(calendar_feed.build_calendar(meetings, settings), mimetype="text/calendar")
    # What a feed shows depends on who may see it: no shared cache may keep a copy.
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["Content-Disposition"] = content_disposition("meetings.ics", inline=inline)
    # The file changes only when a meeting does, so an app that polls mostly gets "304 Not Modified".
    response.add_etag()
    return response.make_conditional(request)


@bp.route("/calendar.ics")
@readable
def download():
    return _calendar_response(inline=False)


@bp.route("/feed/<token>.ics")
@public
def feed(token: str):
    # Public, because calendar apps send no login cookie: the token in the address is the key.
    if calendar_feed.user_for_feed_token(db.session, token) is None:
        abort(404)  # unknown, revoked, or its user deactivated: all look the same from outside
    with force_locale(_language()):
        return _calendar_response(inline=True)


def _feed_url(token: str, form: MeetingFilterForm) -> str:
    return url_for("calendar_feed.feed", token=token, lang=str(get_locale()), **form.applied_args(), _external=True)


def _webcal(url: str) -> str:
    """The same address under the scheme that opens the calendar app on a click."""
    return "webcal://" + url.split("://", 1)[1]


def _render_page(new_token: str | None = None):
    form = meeting_list.filter_form()
    new_url = _feed_url(new_token, form) if new_token else None
    response = Response(render_template(
        "meetings/calendar.html", applied=form.applied(), filter_args=form.applied_args(),
        has_address=current_user.calendar_feed_token_hash is not None, new_url=new_url,
        new_webcal_url=_webcal(new_url) if new_url else None, lookback_days=calendar_feed.FEED_LOOKBACK.days,
        feed_limit=calendar_feed.FEED_LIMIT,
    ))
    # The page may show a secret address: the browser must not keep it in its cache.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/calendar")
@readable
def subscribe():
    return _render_page()


@bp.route("/calendar/address", methods=["POST"])
@readable  # viewers may read meetings, so they may subscribe; this changes only one's own address
def create_address():
    token = calendar_feed.create_feed_token(db.session, current_user._get_current_object())
    db.session.commit()
    # Shown in this response and never again: not redirected, since the secret must not be kept
    # anywhere to show it later, not even in the session cookie.
    return _render_page(new_token=token)


@bp.route("/calendar/address/revoke", methods=["POST"])
@readable
def revoke_address():
    calendar_feed.revoke_feed_token(db.session, current_user._get_current_object())
    db.session.commit()
    flash(_("Your calendar address was revoked: calendar apps can no longer fetch it."), "success")
    return redirect(url_for("calendar_feed.subscribe", **meeting_list.filter_form().applied_args()))

