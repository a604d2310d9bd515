"""Writes every feed, the /umpan/ page and the OPML bundles; gives templates feeds_for()."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from functools import partial

from warta_content import WIB, Release, WartaGenerator

from .catalogue import GROUPS, Catalogue, Feed, build_catalogue
from .documents import feed_documents, feed_updated
from .entries import EntryMaker
from .opml import opml_document
from .settings import read_settings

logger = logging.getLogger(__name__)

# The time an empty feed of an empty archive carries: any fixed value, never the clock.
EMPTY_ARCHIVE_TIME = datetime(2000, 1, 1, tzinfo=WIB)


def install_feed_links(generator) -> None:
    """Add ``feeds_for(page_url, release)`` to a generator's templates, for autodiscovery links.

    It reads the catalogue at render time: every generator is created (and this runs)
    before FeedsWriter.generate_context has built it.
    """
    context = generator.context

    def feeds_for(page_url: str = "", release=None) -> list[Feed]:
        catalogue = context.get("feed_catalogue")
        if catalogue is None:
            return []
        return catalogue.for_page(page_url, release if isinstance(release, Release) else None)

    generator.env.globals["feeds_for"] = feeds_for


class FeedsWriter(WartaGenerator):
    """RSS and Atom beside every listing, /umpan/, /umpan.opml and one OPML per government."""

    def generate_context(self) -> None:
        self.context["feed_catalogue"] = build_catalogue(self.archive, self.settings["SITENAME"])

    @property
    def catalogue(self) -> Catalogue:
        return self.context["feed_catalogue"]

    def generate_output(self, writer) -> None:
        config = read_settings(self.settings)
        abs_url = self.env.globals["abs_url"]
        maker = EntryMaker(self._fragment, abs_url)
        fallback = self._fixed_time()
        for feed in self.catalogue.feeds:
            items = feed.items[: config.items]
            documents: list[str] = []

            def made(kind: int, feed=feed, items=items, documents=documents) -> str:
                if not documents:  # RSS and Atom are made together, once, when either is needed
                    entries = [maker.entry(item) for item in items]
                    updated = feed_updated(entries, fallback)
                    documents += feed_documents(feed, entries, updated, abs_url, self.settings["SITENAME"])
                return documents[kind]

            # What a feed is made from: the channel, and each item with the entries it links to
            # (a session lists its releases); the archive's newest change only when there is no item.
            inputs = {"feed": replace(feed, items=[]), **{f"item{i}": item for i, item in enumerate(items)}}
            if not items:
                inputs["fallback"] = fallback
            self.write_text(feed.rss, partial(made, 0), **inputs)
            self.write_text(feed.atom, partial(made, 1), **inputs)
        self.write_bundles(config.items)
        logger.info(
            "Warta: %d umpan ditulis (RSS dan Atom untuk %d daftar)",
            2 * len(self.catalogue.feeds),
            len(self.catalogue.feeds),
        )

    def write_bundles(self, items: int) -> None:
        """/umpan/, /umpan.opml with every feed, and /umpan/<pemda>.opml for each government."""
        abs_url = self.env.globals["abs_url"]
        sitename = self.settings["SITENAME"]
        sections = self.sections()
        folders = [
            (f"{heading} — {sub}" if sub else heading, feeds) for _, heading, parts in sections for sub, feeds in parts
        ]
        self._write_raw("umpan.opml", opml_document(f"{sitename} — semua umpan", folders, abs_url))
        bundles = []
        for gov in self.archive.vocab.governments.values():
            mine = self.catalogue.of_government(gov)
            folders = [(heading, [f for f in mine if f.group == key]) for key, heading in GROUPS.items()]
            path = f"umpan/{gov.slug}.opml"
            self._write_raw(path, opml_document(f"{sitename} — {gov.name}", folders, abs_url))
            bundles.append((gov, path, len(mine)))
        self.write_page(
            "umpan/",
            "feeds.html",
            crumbs=[("Umpan RSS", "umpan/")],
            sections=sections,
            bundles=bundles,
            feed_count=len(self.catalogue.feeds),
            items=items,
            description="Semua umpan RSS dan Atom arsip ini — per instansi, tema, jenis, pemerintah daerah "
            "dan sesi warga — serta berkas OPML untuk berlangganan sekaligus.",
        )

    def sections(self) -> list[tuple[str, str, list[tuple[str | None, list[Feed]]]]]:
        """(group key, heading, [(sub-heading or None, feeds)]); agencies under their government."""
        out = []
        for key, heading in GROUPS.items():
            feeds = self.catalogue.group(key)
            if key == "instansi":
                parts = [
                    (gov.name, [f for f in feeds if f.government is gov])
                    for gov in self.archive.vocab.governments.values()
                ]
            else:
                parts = [(None, feeds)]
            parts = [(sub, fs) for sub, fs in parts if fs]
            if parts:
                out.append((key, heading, parts))
        return out

    def _fixed_time(self) -> datetime:
        """For a feed with no items: the archive's newest release change, which only an edit can move."""
        newest = max((r.modified for r in self.archive.releases), default=EMPTY_ARCHIVE_TIME)
        return newest.astimezone(WIB)

    def _fragment(self, template: str, **kwargs) -> str:
        return self.get_template(template.removesuffix(".html")).render(**kwargs)

    def _write_raw(self, path: str, text: str) -> None:
        # Through the build's output record, so that two capabilities can never write one path.
        self.output.render(path, lambda: text)
