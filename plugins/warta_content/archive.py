"""Load a whole content folder into an Archive: read, validate, cross-link, index."""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .errors import Problems
from .model import Page, Release, Session, Vocabulary
from .reader import RELEASE_TYPE_OBJECTS, Builder
from .settings import ContentSettings
from .sources import parse_sources
from .vocabulary import load_vocabulary

# Top-level folders that the site map owns; a static page may not take these names.
RESERVED = {
    "berita",
    "instansi",
    "tema",
    "jenis",
    "pemda",
    "arsip",
    "sesi",
    "cari",
    "umpan",
    "data",
    "media",
    "theme",
    "pagefind",
    "hal",
    "static",
}


@dataclass
class Archive:
    """Every published release, session and page, with the indexes listings need."""

    vocab: Vocabulary
    now: datetime
    releases: list[Release]  # published only, newest first
    sessions: list[Session]  # every session, oldest first
    pages: list[Page]
    by_agency: dict = field(default_factory=lambda: defaultdict(list))
    by_theme: dict = field(default_factory=lambda: defaultdict(list))
    by_type: dict = field(default_factory=lambda: defaultdict(list))
    by_government: dict = field(default_factory=lambda: defaultdict(list))
    by_month: dict = field(default_factory=lambda: defaultdict(list))  # (year, month) -> releases
    sessions_by_agency: dict = field(default_factory=lambda: defaultdict(list))
    sessions_by_theme: dict = field(default_factory=lambda: defaultdict(list))
    sessions_by_series: dict = field(default_factory=lambda: defaultdict(list))
    withheld: int = 0  # drafts and embargoed releases, for the build log

    @property
    def types(self):
        return list(RELEASE_TYPE_OBJECTS.values())

    @property
    def years(self) -> list[int]:
        return sorted({year for year, _ in self.by_month}, reverse=True)

    def months(self, year: int) -> list[int]:
        return sorted((m for y, m in self.by_month if y == year), reverse=True)

    def upcoming_sessions(self) -> list[Session]:
        return [s for s in self.sessions if s.end > self.now]

    def past_sessions(self) -> list[Session]:
        return [s for s in reversed(self.sessions) if s.end <= self.now]


def load_archive(content: Path, settings: ContentSettings, cache_dir: Path | None = None) -> Archive:
    """Read and check everything under ``content``; raise ValidationFailed listing every problem."""
    problems = Problems()
    vocab = load_vocabulary(content, problems)
    builder = Builder(content, vocab, settings, problems)
    files = _source_files(content, problems)
    parsed = parse_sources(content, files, settings, cache_dir)
    releases = [r for p in parsed["releases"] if (r := builder.release(p))]
    sessions = [s for p in parsed["sessions"] if (s := builder.session(p))]
    pages = [p for q in parsed["pages"] if (p := builder.page(q))]
    _link_sessions(releases, sessions, problems)
    _check_urls(releases, sessions, pages, problems)
    problems.raise_if_any()
    now = settings.now
    published = sorted((r for r in releases if not r.draft and r.date <= now), key=_newest_first)
    archive = Archive(
        vocab,
        now,
        published,
        sorted(sessions, key=lambda s: s.date),
        sorted(pages, key=lambda p: p.slug),
        withheld=len(releases) - len(published),
    )
    _index(archive)
    _relate(archive, settings.related_count)
    return archive


def _newest_first(release: Release):
    return (-release.date.timestamp(), release.url)


def _source_files(content: Path, problems: Problems) -> dict[str, list[Path]]:
    if not content.is_dir():
        problems.add(str(content), None, "folder", "folder konten tidak ditemukan")
        return {"releases": [], "sessions": [], "pages": []}
    sessions = sorted((content / "sessions").glob("**/*.md"))
    for path in sessions:
        if path.parent.parent != content / "sessions":
            problems.add(
                path.relative_to(content).as_posix(),
                None,
                "folder",
                "berkas sesi harus berada di sessions/<seri>/, satu tingkat di bawah sessions/",
            )
    return {
        "releases": sorted((content / "releases").glob("**/*.md")),
        "sessions": [p for p in sessions if p.parent.parent == content / "sessions"],
        "pages": sorted((content / "pages").glob("**/*.md")),
    }


def _link_sessions(releases: list[Release], sessions: list[Session], problems: Problems) -> None:
    by_key = {s.key: s for s in sessions}
    for release in releases:
        if not release.session_ref:
            continue
        session = by_key.get(release.session_ref)
        if session is None:
            known = ", ".join(sorted(by_key)[:6]) or "belum ada sesi"
            problems.add(
                release.source,
                None,
                "session",
                f"sesi '{release.session_ref}' tidak ditemukan di sessions/ (contoh yang ada: {known})",
            )
        else:
            release.session = session


def _check_urls(releases, sessions, pages, problems: Problems) -> None:
    """Two sources may never write one path: report both files."""
    owners: dict[str, str] = {}

    def claim(save_as: str, source: str, what: str) -> None:
        other = owners.get(save_as)
        if other is not None and other != source:
            problems.add(
                source,
                None,
                what,
                f"menghasilkan alamat /{save_as.removesuffix('index.html')} yang juga dipakai oleh {other}; "
                "ubah judul atau isi kolom slug",
            )
        else:
            owners.setdefault(save_as, source)

    for entry in [*releases, *sessions, *pages]:
        claim(entry.save_as, entry.source, "slug")
    for page in pages:
        if page.slug in RESERVED or page.slug.isdigit():
            problems.add(
                page.source, None, "slug", f"'{page.slug}' dipakai oleh bagian situs /{page.slug}/; pilih slug lain"
            )
    for entry in [*releases, *pages]:
        for alias in getattr(entry, "aliases", ()):
            claim(alias_save_as(alias), entry.source, "aliases")


def alias_save_as(alias: str) -> str:
    """The file an old path is served from: ``/a/b.html`` as is, ``/a/b/`` as ``a/b/index.html``."""
    path = alias.lstrip("/")
    return (
        path + "index.html"
        if path.endswith("/") or not path
        else (path if "." in path.rsplit("/", 1)[-1] else path + "/index.html")
    )


def _index(archive: Archive) -> None:
    for release in archive.releases:
        for agency in release.agencies:
            archive.by_agency[agency.slug].append(release)
        for theme in release.themes:
            archive.by_theme[theme.slug].append(release)
        for gov in release.governments:
            archive.by_government[gov.slug].append(release)
        archive.by_type[release.type.slug].append(release)
        archive.by_month[(release.date.year, release.date.month)].append(release)
        if release.session:
            release.session.releases.append(release)
    for session in archive.sessions:
        archive.sessions_by_series[session.series.slug].append(session)
        for agency in session.agencies:
            archive.sessions_by_agency[agency.slug].append(session)
        for theme in session.themes:
            archive.sessions_by_theme[theme.slug].append(session)


def _relate(archive: Archive, count: int, window: int = 6) -> None:
    """'Baca juga': nearby-in-time releases sharing agencies or themes, most shared first.

    Looking only at each group's neighbours in date order keeps this linear in the
    archive's size instead of comparing every pair.
    """
    position = {id(r): i for i, r in enumerate(archive.releases)}
    groups = {
        **{("a", k): v for k, v in archive.by_agency.items()},
        **{("t", k): v for k, v in archive.by_theme.items()},
    }
    orders = {key: [position[id(r)] for r in members] for key, members in groups.items()}
    for release in archive.releases:
        me = position[id(release)]
        score: dict[int, int] = defaultdict(int)
        keys = [("a", a.slug) for a in release.agencies] + [("t", t.slug) for t in release.themes]
        for key in keys:
            order = orders[key]
            at = bisect.bisect_left(order, me)
            for j in order[max(0, at - window) : at + window + 1]:
                if j != me:
                    score[j] += 1
        best = sorted(score, key=lambda j: (-score[j], abs(j - me), j))[:count]
        release.related = [archive.releases[j] for j in best]
