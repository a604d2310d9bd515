"""``WARTA_FEEDS`` in pelicanconf.py, read once."""

from __future__ import annotations

from dataclasses import dataclass

from warta_content import capability_settings


@dataclass(frozen=True)
class FeedsSettings:
    """How many of the newest items each feed carries."""

    items: int = 50


def read_settings(settings: dict) -> FeedsSettings:
    """Check ``WARTA_FEEDS`` once (unknown keys warn, a bad value stops the build)."""
    return capability_settings(settings, "WARTA_FEEDS", FeedsSettings)
