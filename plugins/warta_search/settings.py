"""``WARTA_SEARCH`` in pelicanconf.py, read once."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from warta_content import ConfigurationError, capability_settings

logger = logging.getLogger(__name__)

# How Pagefind is run over the shards (indexing.py): the first is the default.
INDEXERS = ("overlapping", "sequential")


@dataclass(frozen=True)
class SearchSettings:
    """Every key optional."""

    binary: str = ""  # the Pagefind program; default: the one pinned in requirements.txt (pagefind_bin)
    per_page: int = 10  # results shown at first and added by each "Muat lebih banyak"
    excerpt_words: int = 30  # length of the highlighted excerpt under each result
    merge: tuple[str, ...] = ()  # other sites' indexes (e.g. "/pagefind-kabupaten/") searched together
    # Shards of whole years (shards.py): consecutive years are joined until a shard holds shard_min_pages;
    # a year above shard_max_pages is split by month. Pagefind holds one shard's index in memory at a
    # time (~0.3 MB a page). Chosen by measurement: README, "Search", "Shards".
    shard_min_pages: int = 2000
    shard_max_pages: int = 2500
    # "overlapping": each shard as soon as its pages are written, runs overlapping (faster);
    # "sequential": one shard after another once every page is written (plainer).
    indexer: str = INDEXERS[0]


def read_settings(settings: dict) -> SearchSettings:
    """Check ``WARTA_SEARCH`` once: unknown keys warn, wrong values stop the build."""
    config = capability_settings(settings, "WARTA_SEARCH", SearchSettings)
    if config.binary and not _runnable(Path(config.binary)):
        raise ConfigurationError(
            f"WARTA_SEARCH: binary '{config.binary}' tidak ada atau tidak dapat dijalankan; "
            "hapus kunci ini untuk memakai Pagefind dari requirements.txt"
        )
    if config.indexer not in INDEXERS:
        raise ConfigurationError(
            f"WARTA_SEARCH: indexer '{config.indexer}' tidak dikenal; "
            "pilih 'overlapping' (bawaan, lebih cepat) atau 'sequential'"
        )
    return config


def _runnable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)
