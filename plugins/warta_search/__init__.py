"""Search: the /cari/ page and a Pagefind index of every release, session and static page."""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from .generator import SearchPageWriter
from .indexer import SearchIndexError, build_index
from .settings import read_settings

__all__ = ["SearchIndexError", "SearchPageWriter"]

logger = logging.getLogger(__name__)


def _generators(pelican):
    return SearchPageWriter


def index_site(pelican) -> None:
    """Run Pagefind over the finished output folder (the staging folder when warta_publish is on)."""
    report = build_index(Path(pelican.output_path), read_settings(pelican.settings))
    logger.info(
        "Warta: pencarian mengindeks %d halaman dalam %.1f detik (%s)", report.pages, report.seconds, report.bundle
    )


def register():
    # The search page is written like any other page, from the archive.
    signals.get_generators.connect(_generators)
    # Pagefind reads the written HTML, so it runs once every page exists; before warta_publish swaps the site in.
    signals.finalized.connect(index_site)
