"""``WARTA_SESSIONS`` in pelicanconf.py, read once."""

from __future__ import annotations

import logging
from dataclasses import dataclass, fields

from warta_content.errors import ConfigurationError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SessionsSettings:
    """Every key optional."""

    per_page: int = 20  # sessions per page of a series
    index_upcoming: int = 10  # upcoming sessions across all series on /sesi/
    index_recorded: int = 5  # latest recordings on /sesi/
    calendar_refresh_hours: int = 12  # how often calendar apps should fetch jadwal.ics again


def read_settings(settings: dict) -> SessionsSettings:
    """Check ``WARTA_SESSIONS``: unknown keys are warned about, wrong values stop the build."""
    raw = dict(settings.get("WARTA_SESSIONS") or {})
    known = {f.name for f in fields(SessionsSettings)}
    for key in sorted(set(raw) - known):
        logger.warning(
            "WARTA_SESSIONS: kunci '%s' tidak dikenal, diabaikan (yang ada: %s)", key, ", ".join(sorted(known))
        )
        raw.pop(key)
    for key, value in raw.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigurationError(f"WARTA_SESSIONS: {key} harus bilangan bulat positif, bukan {value!r}")
    return SessionsSettings(**raw)
