"""``WARTA_SEARCH`` in pelicanconf.py, read once."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, fields
from pathlib import Path

from warta_content.errors import ConfigurationError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SearchSettings:
    """Every key optional."""

    binary: str = ""  # the Pagefind program; default: the one pinned in requirements.txt (pagefind_bin)
    per_page: int = 10  # results shown at first and added by each "Muat lebih banyak"
    excerpt_words: int = 30  # length of the highlighted excerpt under each result


def read_settings(settings: dict) -> SearchSettings:
    """Check ``WARTA_SEARCH``: unknown keys are warned about, wrong values stop the build."""
    raw = dict(settings.get("WARTA_SEARCH") or {})
    known = {f.name for f in fields(SearchSettings)}
    for key in sorted(set(raw) - known):
        logger.warning(
            "WARTA_SEARCH: kunci '%s' tidak dikenal, diabaikan (yang ada: %s)", key, ", ".join(sorted(known))
        )
        raw.pop(key)
    for key in ("per_page", "excerpt_words"):
        value = raw.get(key, 1)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigurationError(f"WARTA_SEARCH: {key} harus bilangan bulat positif, bukan {value!r}")
    binary = raw.get("binary") or ""
    if not isinstance(binary, str | os.PathLike):
        raise ConfigurationError(f"WARTA_SEARCH: binary harus path program Pagefind, bukan {binary!r}")
    if binary and not _runnable(Path(binary)):
        raise ConfigurationError(
            f"WARTA_SEARCH: binary '{binary}' tidak ada atau tidak dapat dijalankan; "
            "hapus kunci ini untuk memakai Pagefind dari requirements.txt"
        )
    return SearchSettings(**{**raw, "binary": str(binary)})


def _runnable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)
