"""What session pages show that the content does not store: status, schedule in words, YouTube addresses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from warta_content import WEEKDAYS, hari_tanggal, jam, tanggal_lengkap, zone_name


@dataclass(frozen=True)
class Status:
    """Where a session stands at build time; ``key`` names the CSS class and JSON-LD choice."""

    key: str
    label: str

    @property
    def ended(self) -> bool:
        return self.key in ("recorded", "unrecorded")


UPCOMING = Status("upcoming", "Akan datang")
LIVE = Status("live", "Sedang berlangsung")
RECORDED = Status("recorded", "Rekaman tersedia")
UNRECORDED = Status("unrecorded", "Belum ada rekaman")


def status(session, now: datetime) -> Status:
    """Akan datang / sedang berlangsung / rekaman tersedia / belum ada rekaman, as of ``now``."""
    if now < session.date:
        return UPCOMING
    if now < session.end:
        return LIVE
    return RECORDED if session.youtube else UNRECORDED


def schedule_words(series) -> str:
    """'Setiap Rabu, 20.00–21.00 WIB', or '' for a series without a fixed slot."""
    if series.schedule is None:
        return ""
    day = WEEKDAYS[series.schedule.weekday].capitalize()
    (h1, m1), (h2, m2) = series.schedule.start, series.schedule.end
    return f"Setiap {day}, {h1:02d}.{m1:02d}–{h2:02d}.{m2:02d} WIB"


PLATFORMS = {"youtube": "YouTube", "zoom": "Zoom", "tiktok": "TikTok", "x": "X"}


def platform_names(series) -> str:
    """'Zoom, YouTube' from the series' ``platforms`` slugs."""
    return ", ".join(PLATFORMS.get(p.lower(), p.capitalize()) for p in series.platforms)


def when_words(session) -> str:
    """'Rabu, 10 Januari 2024, 20.00–21.00 WIB'; both full times when it runs past midnight."""
    start, end = session.date, session.end.astimezone(session.date.tzinfo)
    if start.date() == end.date():
        return f"{hari_tanggal(start)}, {jam(start)}–{jam(end)} {zone_name(start)}"
    return f"{tanggal_lengkap(start)} – {tanggal_lengkap(end)}"


def watch_url(video: str, at: int | None = None) -> str:
    """The video on youtube.com, optionally from second ``at`` (what works without JavaScript)."""
    return f"https://www.youtube.com/watch?v={video}" + (f"&t={at}s" if at is not None else "")


def embed_url(video: str) -> str:
    """The privacy-enhanced player address, as schema.org's embedUrl."""
    return f"https://www.youtube-nocookie.com/embed/{video}"


def thumbnail_url(video: str) -> str:
    """YouTube's own still; only for JSON-LD, which browsers do not fetch."""
    return f"https://i.ytimg.com/vi/{video}/hqdefault.jpg"


def iso_duration(seconds: int) -> str:
    """``PT1H30M`` for schema.org durations."""
    h, rest = divmod(int(seconds), 3600)
    m, s = divmod(rest, 60)
    parts = (f"{h}H" if h else "") + (f"{m}M" if m else "") + (f"{s}S" if s else "")
    return "PT" + (parts or "0S")
