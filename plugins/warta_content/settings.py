"""The content model's settings, read once from Pelican's settings."""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import TypeVar
from urllib.parse import urlsplit

from .errors import ConfigurationError
from .fields import WIB, parse_datetime

logger = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class ContentSettings:
    """``WARTA_CONTENT`` in pelicanconf.py; every key optional."""

    summary_length: int = 300
    slug_length: int = 80
    related_count: int = 4
    build_time: datetime | None = None  # "now" for embargoes; default: SOURCE_DATE_EPOCH or the clock
    cache: bool = True
    id_authority: str = "localhost"  # host in release ids (see ids.py); default: SITE_PUBLIC_URL's host
    parallel_from: int = 100  # render on every core when at least this many pages are to be rendered

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
    raw["id_authority"] = _id_authority(raw.pop("id_authority", None), settings)
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
        if key not in ("cache", "id_authority") and not (isinstance(value, int) and value > 0):
            raise ConfigurationError(f"WARTA_CONTENT: {key} harus bilangan bulat positif, bukan {value!r}")
    return ContentSettings(build_time=build_time.astimezone(WIB) if build_time else None, **raw)


def _id_authority(given, settings: dict) -> str:
    """The host that release ids are minted under: set once when the site goes live, then never changed."""
    if given is None:
        public = settings.get("SITE_PUBLIC_URL") or settings.get("SITEURL") or ""
        return urlsplit(public).hostname or "localhost"
    if not isinstance(given, str) or not re.fullmatch(r"[a-z0-9]([a-z0-9.-]*[a-z0-9])?", given):
        raise ConfigurationError(
            f"WARTA_CONTENT: id_authority harus nama domain huruf kecil, mis. 'warta.bekasikota.go.id', bukan {given!r}"
        )
    return given


def capability_settings(settings: dict, name: str, cls: type[T]) -> T:
    """``settings[name]`` (a dict) as the frozen dataclass ``cls``, checked once.

    Unknown keys are warned about; a value whose type differs from its field's default
    (or a number that is not a positive whole number) stops the build naming the setting.
    """
    raw = dict(settings.get(name) or {})
    known = {f.name: f.default for f in fields(cls)}
    for key in sorted(set(raw) - set(known)):
        logger.warning("%s: kunci '%s' tidak dikenal, diabaikan (yang ada: %s)", name, key, ", ".join(sorted(known)))
        raw.pop(key)
    for key, value in raw.items():
        default = known[key]
        if isinstance(default, tuple):  # a list setting: JSON and Python lists both arrive as lists
            ok = isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
            raw[key] = tuple(value) if ok else value
        elif isinstance(default, bool):
            ok = isinstance(value, bool)
        elif isinstance(default, int):
            ok = isinstance(value, int) and not isinstance(value, bool) and value > 0
        else:
            ok = isinstance(value, type(default))
        if not ok:
            names = {int: "bilangan bulat positif", tuple: "daftar teks", bool: "True atau False", str: "teks"}
            expected = names.get(type(default), type(default).__name__)
            raise ConfigurationError(f"{name}: {key} harus {expected}, bukan {value!r}")
    return cls(**raw)
