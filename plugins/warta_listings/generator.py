"""Writes every browse page: /instansi/, /tema/, /jenis/, /pemda/ and /arsip/."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from warta_content import WartaGenerator, capability_settings, declared_kinds, nama_bulan


@dataclass(frozen=True)
class ListingsSettings:
    """``WARTA_LISTINGS`` in pelicanconf.py."""

    per_page: int = 20
    listing_sessions: int = 5


class ListingsWriter(WartaGenerator):
    """One generator for every taxonomy and date listing."""

    def generate_output(self, writer) -> None:
        self.config = capability_settings(self.settings, "WARTA_LISTINGS", ListingsSettings)
        self.write_agencies()
        self.write_themes()
        self.write_types()
        if len(self.archive.vocab.governments) > 1:
            self.write_governments()
        self.write_date_archive()
        self.write_releases_index()
        self.write_site_map()
        self.write_declared()

    def write_declared(self) -> None:
        """The listing of each declared content kind that has one (warta_content.ContentKind)."""
        for kind in declared_kinds():
            if kind.listing:
                entries = self.archive.declared.get(kind.name, [])
                crumbs = [(kind.title, kind.listing)]
                self.write_paginated(
                    kind.listing, kind.listing_template, entries, kind.per_page, crumbs=crumbs, reuse=True, kind=kind
                )

    def _listing(self, base: str, crumbs, title: str, releases: list, sessions=(), **kwargs) -> None:
        upcoming = [s for s in sessions if s.end > self.archive.now]
        past = [s for s in reversed(sessions) if s.end <= self.archive.now]
        ordered = upcoming + past
        shown = ordered[: self.config.listing_sessions]
        # The count and the list agree: when the page shows only the first few, the rest are a click away.
        sessions_url = f"{base}sesi/" if len(ordered) > len(shown) else ""
        self.write_paginated(
            base,
            "listing.html",
            releases,
            self.config.per_page,
            crumbs=crumbs,
            reuse=True,
            title=title,
            sessions=shown,
            session_total=len(sessions),
            sessions_url=sessions_url,
            **kwargs,
        )
        if sessions_url:
            self.write_paginated(
                sessions_url,
                "listing_sessions.html",
                ordered,
                self.config.per_page,
                crumbs=[*crumbs, ("Sesi warga", sessions_url)],
                reuse=True,
                title=f"Sesi warga — {title}",
                owner=title,
                listing_url=base,
                description=f"Semua sesi warga {title}.",
            )

    def write_agencies(self) -> None:
        archive = self.archive
        by_gov = [
            (gov, [a for a in archive.vocab.agencies.values() if a.government is gov])
            for gov in archive.vocab.governments.values()
        ]
        self.write_page(
            "instansi/",
            "agencies.html",
            crumbs=[("Instansi", "instansi/")],
            groups=by_gov,
            description="Semua instansi, dikelompokkan menurut pemerintah daerah, dengan jumlah rilisnya.",
        )
        for agency in archive.vocab.agencies.values():
            self._listing(
                agency.url,
                [("Instansi", "instansi/"), (agency.name, agency.url)],
                agency.name,
                archive.by_agency.get(agency.slug, []),
                archive.sessions_by_agency.get(agency.slug, []),
                agency=agency,
                description=f"Siaran pers dan berita dari {agency.name}.",
            )

    def write_themes(self) -> None:
        archive = self.archive
        self.write_page(
            "tema/",
            "themes.html",
            crumbs=[("Tema", "tema/")],
            themes=list(archive.vocab.themes.values()),
            description="Semua tema (bidang dan isu) dalam arsip ini.",
        )
        for theme in archive.vocab.themes.values():
            self._listing(
                theme.url,
                [("Tema", "tema/"), (theme.name, theme.url)],
                theme.name,
                archive.by_theme.get(theme.slug, []),
                archive.sessions_by_theme.get(theme.slug, []),
                theme=theme,
                description=theme.description or f"Rilis bertema {theme.name}.",
            )

    def write_types(self) -> None:
        archive = self.archive
        self.write_page(
            "jenis/",
            "types.html",
            crumbs=[("Jenis", "jenis/")],
            types=archive.types,
            description="Rilis menurut jenisnya: siaran pers, berita, klarifikasi dan pengumuman.",
        )
        for kind in archive.types:
            self._listing(
                kind.url,
                [("Jenis", "jenis/"), (kind.name, kind.url)],
                kind.name,
                archive.by_type.get(kind.slug, []),
                release_type=kind,
                description=f"Semua rilis berjenis {kind.name}.",
            )

    def write_governments(self) -> None:
        archive = self.archive
        self.write_page(
            "pemda/",
            "governments.html",
            crumbs=[("Pemerintah daerah", "pemda/")],
            governments=list(archive.vocab.governments.values()),
            description="Pemerintah daerah yang diliput arsip ini.",
        )
        for gov in archive.vocab.governments.values():
            self._listing(
                gov.url,
                [("Pemerintah daerah", "pemda/"), (gov.name, gov.url)],
                gov.name,
                archive.by_government.get(gov.slug, []),
                government=gov,
                description=f"Siaran pers dan berita {gov.name}.",
            )

    def write_date_archive(self) -> None:
        archive = self.archive
        years = [
            (year, [(m, len(archive.by_month[(year, m)])) for m in archive.months(year)]) for year in archive.years
        ]
        self.write_page(
            "arsip/",
            "archive.html",
            crumbs=[("Arsip", "arsip/")],
            years=years,
            description="Arsip rilis menurut tahun dan bulan.",
        )
        by_year = groupby(archive.releases, key=lambda r: r.date.year)
        for year, releases in by_year:
            base = f"arsip/{year}/"
            months = dict(years)[year]
            self._listing(
                base,
                [("Arsip", "arsip/"), (str(year), base)],
                f"Arsip {year}",
                list(releases),
                months=months,
                year=year,
                description=f"Semua rilis tahun {year}.",
            )
            for month, _ in months:
                url = f"{base}{month:02d}/"
                name = nama_bulan(month, year)
                self._listing(
                    url,
                    [("Arsip", "arsip/"), (str(year), base), (name, url)],
                    f"Arsip {name}",
                    archive.by_month[(year, month)],
                    year=year,
                    month=month,
                    description=f"Semua rilis bulan {name}.",
                )

    def write_releases_index(self) -> None:
        """/berita/: what the archive holds and the ways into it (the "Berita" of every release's breadcrumb)."""
        archive = self.archive
        self.write_page(
            "berita/",
            "releases.html",
            crumbs=[("Berita", "berita/")],
            latest=archive.releases[: self.config.per_page],
            types=[(t, len(archive.by_type.get(t.slug, []))) for t in archive.types],
            years=[(y, sum(len(archive.by_month[(y, m)]) for m in archive.months(y))) for y in archive.years],
            description="Siaran pers, berita, klarifikasi dan pengumuman pemerintah daerah dalam arsip ini.",
        )

    def write_site_map(self) -> None:
        """/peta-situs/: every section and listing of the site, for people (sitemap.xml is for search engines)."""
        archive = self.archive
        vocab = archive.vocab
        groups = [(g, [a for a in vocab.agencies.values() if a.government is g]) for g in vocab.governments.values()]
        self.write_page(
            "peta-situs/",
            "site_map.html",
            crumbs=[("Peta situs", "peta-situs/")],
            agency_groups=groups,
            description="Semua bagian situs ini: berita menurut jenis dan tanggal, instansi, tema, sesi warga, umpan "
            "dan data.",
        )
