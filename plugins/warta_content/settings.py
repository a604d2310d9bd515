"""The content model's settings, read once from Pelican's settings."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, fields
from datetime import UTC, datetime

from .errors import ConfigurationError
from .fields import WIB, parse_datetime

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ContentSettings:
    """``WARTA_CONTENT`` in pelicanconf.py; every key optional."""

    summary_length: int = 300
    slug_length: int = 80
    related_count: int = 4
    build_time: datetime | None = None  # "now" for embargoes; default: SOURCE_DATE_EPOCH or the clock
    cache: bool = True

    @property
    def now(self) -> datetime:
        return self.build_time or datetime.now(WIB)


def read_content_settings(settings: dict) -> ContentSettings:
    """Check ``WARTA_CONTENT`` once; unknown keys are warned about, wrong types stop the build."""
    raw = dict(settings.get("WARTA_CONTENT") or {})
    known = {f.name for f in fields(ContentSettings)}
    for key in sorted(set(raw) - known):
        logger.warning(
            "WARTA_CONTENT: kunci '%s' tidak dikenal, diabaikan (yang ada: %s)", key, ", ".join(sorted(known))
        )
        raw.pop(key)
    build_time = raw.pop("build_time", None) or os.environ.get("WARTA_BUILD_TIME")
    if build_time is None and os.environ.get("SOURCE_DATE_EPOCH"):
        build_time = datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), UTC)
    if isinstance(build_time, str):
        parsed = parse_datetime(build_time)
        if parsed is None:
            raise ConfigurationError(
                f"WARTA_CONTENT: build_time '{build_time}' bukan tanggal (gunakan YYYY-MM-DD HH:MM)"
            )
        build_time = parsed
    for key, value in raw.items():
        if key != "cache" and not (isinstance(value, int) and value > 0):
            raise ConfigurationError(f"WARTA_CONTENT: {key} harus bilangan bulat positif, bukan {value!r}")
    return ContentSettings(build_time=build_time.astimezone(WIB) if build_time else None, **raw)
