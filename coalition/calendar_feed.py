"""The meetings as an iCalendar feed, and the secret addresses that calendar apps fetch it from.

Calendar apps (Outlook, Google Calendar, Apple Calendar) fetch a subscribed address on their
own, without the user's login cookie, so the address itself carries a secret token. Only the
token's SHA-256 is stored, like a password, and the user can replace or revoke it at any time.

The feed holds what the meetings list shows about each meeting, and nothing about the people
who took part: calendars are synced to third-party clouds.
"""
import hashlib
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from icalendar import Calendar, Event, Timezone, vDuration
from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from .models import Meeting, User
from .text import one_line
from .vocabulary import label

__all__ = [
    "DEFAULT_DURATION", "FEED_LIMIT", "FEED_LOOKBACK", "FeedSettings", "build_calendar", "create_feed_token",
    "feed_meetings", "revoke_feed_token", "user_for_feed_token",
]

# A meeting recorded without a duration still needs an end in a calendar.
DEFAULT_DURATION = timedelta(minutes=60)
# Without a "from" date the feed starts a year back: enough to look up a recent meeting, and
# at the scale we design for (10,000 meetings over 10 years) about a thousand events.
FEED_LOOKBACK = timedelta(days=365)
# A hard cap whatever the filter, so that no subscription grows without bound; the latest
# meetings are kept, since a calendar is used for what is coming and what just happened.
FEED_LIMIT = 2000
# Calendar apps poll on their own schedule; this asks them to come back hourly.
REFRESH_INTERVAL = timedelta(hours=1)
# Longer strings than this in the address cannot be one of our tokens.
_MAX_TOKEN_LENGTH = 100


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_feed_token(session: Session, user: User) -> str:
    """Give the user a new feed address secret and return it; any earlier one stops working.

    The secret is returned once and never stored, so the caller must show it now.
    """
    token = secrets.token_urlsafe(32)
    user.calendar_feed_token_hash = _digest(token)
    session.flush()
    return token


def revoke_feed_token(session: Session, user: User) -> None:
    """Make the user's feed address stop working."""
    user.calendar_feed_token_hash = None
    session.flush()


def user_for_feed_token(session: Session, token: str) -> User | None:
    """Return the active user whose feed address carries this token, or None."""
    if not token or len(token) > _MAX_TOKEN_LENGTH:
        return None
    # No constant-time comparison is needed: the database compares the SHA-256 of what was
    # sent, so the time a lookup takes could at most reveal the start of a hash, which does
    # not help anyone find a token that hashes to it. Guessing a 256-bit token is hopeless,
    # so a leaked address (revoked by its owner) is the risk, not brute force.
    user = session.scalar(select(User).where(User.calendar_feed_token_hash == _digest(token)))
    if user is None or not user.active:
        return None
    return user


def feed_meetings(session: Session, query: Select, *, has_start_date: bool, today: date) -> list[Meeting]:
    """Return the meetings of a filtered meetings query that a feed carries, earliest first.

    A filter with its own "from" date is honoured as it is; otherwise the feed starts
    FEED_LOOKBACK before today. Either way at most FEED_LIMIT of the latest meetings come back.
    """
    if not has_start_date:
        query = query.where(Meeting.starts_at >= datetime.combine(today - FEED_LOOKBACK, time.min))
    query = (query.order_by(None).order_by(Meeting.starts_at.desc(), Meeting.id.desc()).limit(FEED_LIMIT)
             .options(selectinload(Meeting.neighbourhoods), selectinload(Meeting.organiser)))
    return list(reversed(session.scalars(query).all()))


@dataclass(frozen=True)
class FeedSettings:
    """What a feed says about itself, beyond its meetings."""

    name: str  # what the calendar app calls the subscribed calendar
    time_zone: str  # the office's zone, in which meetings store their wall-clock times
    uid_domain: str  # makes each event's UID unique across the calendars a user has
    meeting_url: Callable[[Meeting], str]  # the absolute address of a meeting's page


def _utc(naive_utc: datetime) -> datetime:
    return naive_utc.replace(tzinfo=UTC)


def _description(meeting: Meeting, url: str) -> str:
    lines = [str(label(meeting.kind))]
    if meeting.organiser is not None:
        lines.append(_("Organiser: %(name)s", name=meeting.organiser.name))
    if meeting.neighbourhoods:
        lines.append(_("Neighbourhoods: %(names)s", names=", ".join(n.name for n in meeting.neighbourhoods)))
    lines.append(url)
    return "\n".join(one_line(line) for line in lines)


def _event(meeting: Meeting, settings: FeedSettings, zone: ZoneInfo) -> Event:
    starts = meeting.starts_at.replace(tzinfo=zone)
    duration = timedelta(minutes=meeting.duration_minutes) if meeting.duration_minutes else DEFAULT_DURATION
    url = settings.meeting_url(meeting)
    event = Event.new(
        uid=f"meeting-{meeting.id}@{settings.uid_domain}",
        start=starts,
        end=starts + duration,
        summary=one_line(meeting.title),
        description=_description(meeting, url),
        url=url,
        # SEQUENCE counts revisions from 0; our version counter starts at 1.
        sequence=meeting.version - 1,
        last_modified=_utc(meeting.updated_at),
        # Without a METHOD, DTSTAMP is when the event last changed: the file stays the same
        # between fetches until a meeting does, so apps do not see every poll as an update.
        stamp=_utc(meeting.updated_at),
    )
    if meeting.place:
        event.location = one_line(meeting.place)
    return event


def build_calendar(meetings: Sequence[Meeting], settings: FeedSettings) -> bytes:
    """Write the meetings as an iCalendar file, one event per meeting.

    Times carry the office's TZID with a VTIMEZONE that describes it, as RFC 5545 asks and as
    Outlook needs to place them right; Google and Apple use the TZID's name.
    """
    zone = ZoneInfo(settings.time_zone)
    calendar = Calendar()
    calendar.add("PRODID", "-//Coalition//Meetings//EN")
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    # One line, whatever a filter or a title holds: the icalendar library guards its content
    # lines only with assert, which `python -O` drops, and a line break there would end the line.
    calendar.calendar_name = one_line(settings.name)  # NAME and X-WR-CALNAME
    calendar.add("X-WR-TIMEZONE", settings.time_zone)
    # RFC 7986's REFRESH-INTERVAL, and X-PUBLISHED-TTL for Outlook and Apple, which predate it.
    calendar.add("REFRESH-INTERVAL", vDuration(REFRESH_INTERVAL), parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL))
    events = [_event(meeting, settings, zone) for meeting in meetings]
    # The zone description covers whole years of the feed's own dates, so it always shows both
    # summer and winter time; an empty feed still gets one, as a calendar needs a component.
    first = min((e.start.year for e in events), default=date.today().year)
    last = max((e.end.year for e in events), default=date.today().year)
    zone_description = Timezone.from_tzid(settings.time_zone, first_date=date(first, 1, 1),
                                          last_date=date(last + 1, 1, 1))
    calendar.add_component(zone_description)
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()
