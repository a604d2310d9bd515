"""``WARTA_SESSIONS`` in pelicanconf.py, read once."""

from __future__ import annotations

from dataclasses import dataclass

from warta_content import capability_settings


@dataclass(frozen=True)
class SessionsSettings:
    """Every key optional."""

    per_page: int = 20  # sessions per page of a series
    index_upcoming: int = 10  # upcoming sessions across all series on /sesi/
    index_recorded: int = 5  # latest recordings on /sesi/
    calendar_refresh_hours: int = 12  # how often calendar apps should fetch jadwal.ics again


def read_settings(settings: dict) -> SessionsSettings:
    """Check ``WARTA_SESSIONS`` once (unknown keys warn, wrong values stop the build)."""
    return capability_settings(settings, "WARTA_SESSIONS", SessionsSettings)
