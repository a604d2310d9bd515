"""Writes /cari/, the search page; its script (theme/static/js/cari.js) queries the Pagefind index."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from warta_content import WartaGenerator, build_state

from .facets import facets, months
from .indexing import SearchIndexer
from .run import SearchBuild, start_indexer
from .settings import read_settings
from .shards import plan_shards
from .variants import load_variants


class SearchPageWriter(WartaGenerator):
    """One page: the search form, the filters this archive can offer and the no-JavaScript fallback."""

    def generate_context(self) -> None:
        # Checked here, before anything is written, so a bad WARTA_SEARCH stops the build early.
        self.config = read_settings(self.settings)
        # The archive's spelling variants (data/search-variants.yml): read, and checked, before anything is written.
        self.variants = load_variants(Path(self.path))
        # Which entry goes into which Pagefind bundle: the page loads them all, the indexer builds them.
        self.shards = plan_shards(self.archive.entries, self.config.shard_min_pages, self.config.shard_max_pages)
        if self.pelican is not None:
            # The plugin reads them back at ``finalized``.
            search = build_state(self.pelican).part(SearchBuild)
            search.shards, search.variants = self.shards, self.variants

    def generate_output(self, writer) -> None:
        if self.pelican is not None and self.output.queue is not None:
            # The pages are rendered shard by shard, and the indexer hears of each shard once its pages
            # are written (it may index it while the build renders the rest); the renderer also writes
            # the trimmed copies of the pages the indexer asks for.
            indexer: SearchIndexer = start_indexer(self.pelican)
            for shard in self.shards:
                self.output.when_written(shard.pages, partial(indexer.add, shard), copy=indexer.trimmed_copies(shard))
        self.write_page(
            "cari/",
            "search.html",
            crumbs=[("Cari", "cari/")],
            facets=facets(self.archive),
            months=months(self.archive),
            search=self.config,
            # Each shard's bundle, newest first: the page loads Pagefind from the first and merges the others.
            bundles=[self.env.globals["url"](f"pagefind/{s.folder}") for s in self.shards],
            description="Cari siaran pers, berita, klarifikasi, pengumuman dan sesi warga dalam arsip ini.",
        )
