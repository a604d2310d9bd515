"""Writes /cari/, the search page; its script (theme/static/js/cari.js) queries the Pagefind index."""

from __future__ import annotations

from warta_content import WartaGenerator

from .facets import facets, months
from .reuse import pages_glob
from .settings import read_settings


class SearchPageWriter(WartaGenerator):
    """One page: the search form, the filters this archive can offer and the no-JavaScript fallback."""

    def generate_context(self) -> None:
        # Checked here, before anything is written, so a bad WARTA_SEARCH stops the build early.
        self.config = read_settings(self.settings)
        if self.pelican is not None:
            # Only releases, sessions and static pages carry data-pagefind-body; Pagefind need not open the rest.
            # The plugin reads ``warta_search_glob`` back at ``finalized``.
            self.pelican.warta_search_glob = pages_glob(e.save_as for e in self.archive.entries)

    def generate_output(self, writer) -> None:
        self.write_page(
            "cari/",
            "search.html",
            crumbs=[("Cari", "cari/")],
            facets=facets(self.archive),
            months=months(self.archive),
            search=self.config,
            description="Cari siaran pers, berita, klarifikasi, pengumuman dan sesi warga dalam arsip ini.",
        )
