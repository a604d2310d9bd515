"""Writes sitemap.xml (every release, session, page and listing) and robots.txt."""

from __future__ import annotations

from warta_content import WartaGenerator, declared_kinds


class SitemapWriter(WartaGenerator):
    """Lists every page a search engine should know, with its last change."""

    def generate_output(self, writer) -> None:
        abs_url = self.env.globals["abs_url"]
        rows = [(abs_url(url), when) for url, when in self.entries()]
        self.write_file("sitemap.xml", self.get_template("sitemap.xml"), rows=rows)
        self.write_file("robots.txt", self.get_template("robots.txt"))

    def entries(self):
        """(url, last-modified or None) for every published page, in a stable order."""
        archive = self.archive
        newest = archive.releases[0].modified if archive.releases else None
        yield "", newest
        for release in archive.releases:
            yield release.url, release.modified
        for session in archive.sessions:
            yield session.url, None
        for page in archive.pages:
            yield page.url, None
        yield from _declared(archive)
        for index in ("berita/", "instansi/", "tema/", "jenis/", "arsip/", "sesi/", "umpan/", "data/", "peta-situs/"):
            yield index, None
        listings = [
            *(a.url for a in archive.vocab.agencies.values()),
            *(t.url for t in archive.vocab.themes.values()),
            *(t.url for t in archive.types),
            *(s.url for s in archive.vocab.series.values()),
        ]
        if len(archive.vocab.governments) > 1:
            listings += ["pemda/", *(g.url for g in archive.vocab.governments.values())]
        listings += [f"arsip/{y}/" for y in archive.years]
        listings += [f"arsip/{y}/{m:02d}/" for y in archive.years for m in archive.months(y)]
        for url in listings:
            yield url, None


def _declared(archive):
    """The entries of each declared content kind (warta_content.ContentKind), then its listing."""
    for kind in declared_kinds():
        for entry in archive.declared.get(kind.name, []):
            yield entry.url, None
        if kind.listing:
            yield kind.listing, None
