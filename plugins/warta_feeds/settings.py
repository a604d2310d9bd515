"""``WARTA_FEEDS`` in pelicanconf.py, read once."""

from __future__ import annotations

import logging
from dataclasses import dataclass, fields

from warta_content.errors import ConfigurationError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedsSettings:
    """How many of the newest items each feed carries."""

    items: int = 50


def read_settings(settings: dict) -> FeedsSettings:
    """Check ``WARTA_FEEDS``: unknown keys are warned about, a bad value stops the build."""
    raw = dict(settings.get("WARTA_FEEDS") or {})
    known = {f.name for f in fields(FeedsSettings)}
    for key in sorted(set(raw) - known):
        logger.warning("WARTA_FEEDS: kunci '%s' tidak dikenal, diabaikan (yang ada: %s)", key, ", ".join(sorted(known)))
        raw.pop(key)
    items = raw.get("items", FeedsSettings.items)
    if not isinstance(items, int) or isinstance(items, bool) or items < 1:
        raise ConfigurationError(f"WARTA_FEEDS: items harus bilangan bulat positif, bukan {items!r}")
    return FeedsSettings(**raw)
