"""Which feeds the site has: one pair (RSS + Atom) beside each listing of the site map."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from warta_content import Government, Session

# The sections of /umpan/ and of the OPML bundle, in the order readers meet them.
GROUPS = {
    "situs": "Seluruh arsip",
    "pemda": "Pemerintah daerah",
    "instansi": "Instansi",
    "tema": "Tema",
    "jenis": "Jenis rilis",
    "sesi": "Sesi warga",
}


@dataclass(frozen=True)
class Feed:
    """The feeds of one listing page; they sit beside it as ``rss.xml`` and ``atom.xml``."""

    base: str  # the listing's URL, "" for the site itself
    name: str  # what the listing is, e.g. "Dinas Kesehatan Kota Bekasi"
    title: str  # the channel title, e.g. "Warta — Dinas Kesehatan Kota Bekasi"
    description: str
    group: str  # a key of GROUPS
    items: list = field(compare=False)  # what the listing page shows: releases and sessions, newest first
    sessions: bool = False  # items are sessions only (a series)
    government: Government | None = None  # whose OPML bundle lists it; None: only the site-wide one

    @property
    def rss(self) -> str:
        return f"{self.base}rss.xml"

    @property
    def atom(self) -> str:
        return f"{self.base}atom.xml"

    @property
    def session_count(self) -> int:
        return sum(isinstance(item, Session) for item in self.items)

    @property
    def release_count(self) -> int:
        return len(self.items) - self.session_count


class Catalogue:
    """Every feed of the site, and which of them a given page should advertise."""

    def __init__(self, feeds: list[Feed]):
        self.feeds = feeds
        self.by_base = {f.base: f for f in feeds}
        self._advertised: dict[tuple, list[Feed]] = {}

    @property
    def site(self) -> Feed:
        return self.by_base[""]

    def group(self, key: str) -> list[Feed]:
        return [f for f in self.feeds if f.group == key]

    def of_government(self, gov: Government) -> list[Feed]:
        return [f for f in self.feeds if f.government is gov]

    def for_page(self, page_url: str, release=None) -> list[Feed]:
        """The page's own listing feed (also on its /hal/N/ pages and a series' session pages),
        a release's agencies' feeds, then the site feed. Pages advertising the same feeds get the
        same list, so that their <link>s are written once (``remembered`` in base.html)."""
        own = self._own(page_url or "")
        agencies = tuple(self.by_base[a.url] for a in getattr(release, "agencies", ()) if a.url in self.by_base)
        key = (own, agencies)
        found = self._advertised.get(key)
        if found is None:
            found = self._advertised[key] = list(dict.fromkeys([*((own,) if own else ()), *agencies, self.site]))
        return found

    def _own(self, page_url: str) -> Feed | None:
        """The feed of the longest listing URL the page's URL starts with. Listing URLs end in '/',
        so they are the page URL cut after one of its slashes: looked up, not searched for."""
        cut = page_url.rfind("/")
        while cut >= 0:
            found = self.by_base.get(page_url[: cut + 1])
            if found is not None and found.base:
                return found
            cut = page_url.rfind("/", 0, cut)
        return None


def build_catalogue(archive, sitename: str) -> Catalogue:
    """One Feed per listing that SPEC.md's site map gives feeds to, in /umpan/ order."""
    site = _feed(
        sitename, "", "Semua rilis", "Semua siaran pers dan berita dalam arsip ini.", "situs", archive.releases
    )
    return Catalogue(
        [
            site,
            *_government_feeds(archive, sitename),
            *_agency_feeds(archive, sitename),
            *_theme_feeds(archive, sitename),
            *_type_feeds(archive, sitename),
            *_series_feeds(archive, sitename),
        ]
    )


def _feed(sitename: str, base: str, name: str, description: str, group: str, items, **kw) -> Feed:
    return Feed(base, name, f"{sitename} — {name}", description, group, list(items), **kw)


def _government_feeds(archive, sitename: str) -> list[Feed]:
    """Each government's, when there are several: as the listing pages, /pemda/ exists only then."""
    if len(archive.vocab.governments) <= 1:
        return []
    return [
        _feed(
            sitename,
            g.url,
            g.name,
            f"Siaran pers dan berita {g.name}.",
            "pemda",
            archive.by_government.get(g.slug, []),
            government=g,
        )
        for g in archive.vocab.governments.values()
    ]


def _agency_feeds(archive, sitename: str) -> list[Feed]:
    return [
        _feed(
            sitename,
            a.url,
            a.name,
            f"Siaran pers, berita dan sesi warga dari {a.name}.",
            "instansi",
            newest_first(archive.by_agency.get(a.slug, []), archive.sessions_by_agency.get(a.slug, [])),
            government=a.government,
        )
        for a in archive.vocab.agencies.values()
    ]


def _theme_feeds(archive, sitename: str) -> list[Feed]:
    return [
        _feed(
            sitename,
            t.url,
            f"Tema {t.name}",
            t.description or f"Rilis bertema {t.name}.",
            "tema",
            newest_first(archive.by_theme.get(t.slug, []), archive.sessions_by_theme.get(t.slug, [])),
        )
        for t in archive.vocab.themes.values()
    ]


def _type_feeds(archive, sitename: str) -> list[Feed]:
    return [
        _feed(sitename, k.url, k.name, f"Semua rilis berjenis {k.name}.", "jenis", archive.by_type.get(k.slug, []))
        for k in archive.types
    ]


def _series_feeds(archive, sitename: str) -> list[Feed]:
    """Each series' sessions, newest first."""
    return [
        _feed(
            sitename,
            s.url,
            f"Sesi {s.name}",
            s.description,
            "sesi",
            archive.sessions_by_series.get(s.slug, [])[::-1],
            sessions=True,
            government=s.host.government,
        )
        for s in archive.vocab.series.values()
    ]


def newest_first(releases: list, sessions: list) -> list:
    """A listing's releases (newest first) and its sessions (oldest first) in one list, newest first.

    A session is dated by its start, upcoming ones too: its listing page shows them, and a journalist
    subscribed to an agency hears of its next session when it is announced, not once it has begun.
    """
    return list(heapq.merge(releases, reversed(sessions), key=lambda item: item.date, reverse=True))
