"""iCalendar files of sessions: one VEVENT per session, in Asia/Jakarta, byte-stable between builds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone
from warta_content import ByObject

from .present import RECORDED, status, watch_url

JAKARTA = ZoneInfo("Asia/Jakarta")


class Events:
    """Each session's VEVENT as iCalendar text, made once per build and shared by every calendar
    listing it: a session sits in its own file, its series' and the site's (a third of the events
    otherwise, and folding their lines was most of the time calendars took)."""

    def __init__(self, now: datetime, abs_url):
        self.now, self.abs_url = now, abs_url
        self.domain = urlsplit(abs_url("")).hostname or "warta"
        self._made: ByObject[bytes] = ByObject()

    def __call__(self, session) -> bytes:
        made = self._made.get(session)
        if made is None:
            made = self._made.put(session, _event(session, self.now, self.abs_url, self.domain).to_ical())
        return made


def calendar_ics(name: str, description: str, sessions, events: Events, refresh_hours: int) -> str:
    """A whole calendar; ``sessions`` in any order (events come out oldest first)."""
    cal = Calendar()
    cal.add("prodid", "-//Warta//Sesi Warga//ID")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-caldesc", description)
    cal.add("x-wr-timezone", "Asia/Jakarta")
    # Subscribed calendars poll this often; the standard name first, then the one Outlook reads.
    cal.add("refresh-interval", timedelta(hours=refresh_hours), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", f"PT{refresh_hours}H")
    # Always there, so that a series without sessions yet still gives a valid (non-empty) calendar.
    cal.add_component(_jakarta_zone())
    # The events go where to_ical() would put them as subcomponents: after the zone, before the end.
    head = cal.to_ical()
    body = b"".join(events(s) for s in sorted(sessions, key=lambda s: (s.date, s.series.slug)))
    return (head.removesuffix(_END) + body + _END).decode("utf-8")


_END = b"END:VCALENDAR\r\n"


@cache
def _jakarta_zone() -> Timezone:
    """The VTIMEZONE of Asia/Jakarta, worked out once per process (about 10 ms each) and shared, never changed."""
    zone = Timezone.from_tzinfo(JAKARTA)
    zone.pop("COMMENT", None)  # "only works until 2038": Jakarta has had one offset since 1964, so it holds beyond
    return zone


def _event(session, now: datetime, abs_url, domain: str) -> Event:
    page = abs_url(session.url)
    event = Event()
    # The series and date are the session's address too: a new title never makes a second event.
    event.add("uid", f"{session.series.slug}-{session.date:%Y%m%d}@{domain}")
    # DTSTAMP from the content, not the clock, so an unchanged archive gives identical files.
    event.add("dtstamp", session.date.astimezone(UTC))
    event.add("dtstart", session.date.astimezone(JAKARTA))
    event.add("dtend", session.end.astimezone(JAKARTA))
    event.add("summary", session.title)
    event.add("description", _description(session, now, page))
    location = _location(session, now)
    if location:
        event.add("location", location)
    event.add("url", page)
    event.add("categories", [t.name for t in session.themes])
    return event


def _location(session, now: datetime) -> str:
    """The place and, until the session has ended, the Zoom link (as on the page)."""
    zoom = session.zoom if session.zoom and now < session.end else ""
    return " · ".join(p for p in (session.place, zoom and f"Zoom: {zoom}") if p)


def _description(session, now: datetime, page: str) -> str:
    lines = [session.summary or session.title]
    if session.topic:
        lines.append(f"Topik: {session.topic}")
    if status(session, now) is RECORDED:
        lines.append(f"Rekaman: {watch_url(session.youtube)}")
    lines.append(f"Halaman sesi: {page}")
    return "\n\n".join(lines)
