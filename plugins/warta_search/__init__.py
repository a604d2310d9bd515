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
    # Bound to this build's Pelican object, so that indexing at ``finalized`` knows which pages to read.
    return SearchPageWriter.bind_build(pelican)


def index_site(pelican) -> None:
    """Run Pagefind over the finished output folder (the staging folder when warta_publish is on).

    The published site (``pelican.warta_published`` from warta_publish, else OUTPUT_PATH) lends
    its bundle when nothing Pagefind would read has changed.
    """
    published = getattr(pelican, "warta_published", None) or pelican.settings.get("OUTPUT_PATH")
    glob = getattr(pelican, "warta_search_glob", None)
    settings = read_settings(pelican.settings)
    report = build_index(Path(pelican.output_path), settings, Path(published) if published else None, glob)
    if report.reused:
        logger.info(
            "Warta: pencarian tidak berubah; indeks yang terbit dipakai lagi (%d halaman, %s)",
            report.pages,
            report.bundle,
        )
        return
    logger.info(
        "Warta: pencarian mengindeks %d halaman dalam %.1f detik (%s)", report.pages, report.seconds, report.bundle
    )


def register():
    # The search page is written like any other page, from the archive.
    signals.get_generators.connect(_generators)
    # Pagefind reads the written HTML, so it runs once every page exists; before warta_publish swaps the site in.
    signals.finalized.connect(index_site)
