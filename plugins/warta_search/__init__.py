"""Search: the /cari/ page and Pagefind indexes, by year, of every release, session and static page."""

from __future__ import annotations

import logging

from pelican import signals
from warta_content import detik, output_checked

from .generator import SearchPageWriter
from .indexing import IndexReport
from .program import SearchIndexError
from .run import finish_indexing

__all__ = ["SearchIndexError", "SearchPageWriter"]

logger = logging.getLogger(__name__)


def _generators(pelican):
    # Bound to this build's Pelican object, so that indexing at ``finalized`` knows the shards.
    return SearchPageWriter.bind_build(pelican)


def index_site(pelican) -> None:
    """Index the output folder (the staging folder when warta_publish is on), shard by shard, or
    wait for the indexing the build started once its pages were written (run.py)."""
    report = finish_indexing(pelican)
    if report is not None:
        _log(report)


def _log(report: IndexReport) -> None:
    indexed = report.indexed
    if not report.shards:
        logger.info("Warta: pencarian: belum ada rilis, sesi atau halaman untuk diindeks")
        return
    if not indexed:
        logger.info(
            "Warta: pencarian tidak berubah; indeks yang terbit dipakai lagi (%d halaman, %d bagian, %s detik)",
            report.pages,
            len(report.shards),
            detik(report.seconds),
        )
        return
    kept = len(report.shards) - len(indexed)
    logger.info(
        "Warta: pencarian mengindeks %d halaman dalam %s detik (%d bagian: %s)%s",
        sum(s.pages for s in indexed),
        detik(report.seconds),
        len(indexed),
        ", ".join(s.name for s in indexed),
        f"; {kept} bagian lain tidak berubah, dipakai lagi" if kept else "",
    )


def register():
    # The search page is written like any other page, from the archive.
    signals.get_generators.connect(_generators)
    # Pagefind reads the written HTML, so it runs once every page exists; before warta_publish swaps the site in.
    output_checked.connect(index_site)
