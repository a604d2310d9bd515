"""Load a whole content folder into an Archive: read, validate, cross-link, index."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .errors import Problem, Problems, in_order
from .folder import source_files
from .media import warn_active_media
from .model import Entry, Page, Release, Session, Vocabulary
from .reader import RELEASE_TYPE_OBJECTS, Builder
from .settings import ContentSettings
from .sources import parse_sources
from .vocabulary import load_vocabulary

# Where warta_redirects writes the nginx map of every alias, at the root of the output.
REDIRECT_MAP = "nginx-redirects.conf"
# Files the site map puts at the root besides the sections in RESERVED; no alias may take one.
ROOT_FILES = {"index.html", "404.html", "sitemap.xml", "robots.txt", "rss.xml", "atom.xml", "umpan.opml", REDIRECT_MAP}

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
    "peta-situs",  # the HTML site map (warta_listings)
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
    warnings: list[Problem] = field(default_factory=list)  # what is implausible, for the summary and preview

    @property
    def types(self):
        return list(RELEASE_TYPE_OBJECTS.values())

    @property
    def years(self) -> list[int]:
        return sorted({year for year, _ in self.by_month}, reverse=True)

    def months(self, year: int) -> list[int]:
        return sorted((m for y, m in self.by_month if y == year), reverse=True)

    @property
    def entries(self) -> list:
        """Every published release, session and page: what gets its own page and a search entry."""
        return [*self.releases, *self.sessions, *self.pages]

    def upcoming_sessions(self) -> list[Session]:
        return [s for s in self.sessions if s.end > self.now]

    def past_sessions(self) -> list[Session]:
        return [s for s in reversed(self.sessions) if s.end <= self.now]


def load_archive(
    content: Path, settings: ContentSettings, cache_dir: Path | None = None, each: Callable[[Entry], None] | None = None
) -> Archive:
    """Read and check everything under ``content``; raise ValidationFailed listing every problem.

    ``each`` is handed every release, session and page as soon as it is built, while later files
    are still being parsed; only the links between entries (related releases, a release's session
    and a session's releases) are set after it.
    """
    problems = Problems()
    vocab = load_vocabulary(content, problems)
    builder = Builder(content, vocab, settings, problems)
    files = source_files(content, problems)
    # Each file is built as soon as it is parsed, while the workers parse the next ones.
    make = {"releases": builder.release, "sessions": builder.session, "pages": builder.page}

    def then(kind: str, parsed) -> Entry | None:
        entry = make[kind](parsed)
        if entry is not None and each is not None:
            each(entry)
        return entry

    built = parse_sources(content, files, settings, cache_dir, background=True, then=then)
    releases, sessions, pages = ([e for e in built[kind] if e] for kind in ("releases", "sessions", "pages"))
    placed = _Placed(problems, builder)
    _link_sessions(releases, sessions, placed)
    _check_urls(releases, sessions, pages, placed)
    warn_active_media(content, problems)
    _check_ids(releases, placed)
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
        warnings=in_order(problems.warnings),
    )
    _index(archive)
    _relate(archive, settings.related_count)
    return archive


class _Placed:
    """Problems found across files, each put at the line of the field it is about (Builder.line)."""

    def __init__(self, problems: Problems, builder: Builder):
        self.problems, self.builder = problems, builder

    def add(self, source: str, line: int | None, field: str, message: str, index: int | None = None) -> None:
        # An address made from the title (no slug given) is fixed at the title.
        line = line or self.builder.line(source, field, index) or self.builder.line(source, "title")
        self.problems.add(source, line, f"{field}[{index + 1}]" if index is not None else field, message)


def _newest_first(release: Release):
    return (-release.date.timestamp(), release.url)


def _link_sessions(releases: list[Release], sessions: list[Session], problems: _Placed) -> None:
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


def _check_urls(releases, sessions, pages, problems: _Placed) -> None:
    """Two sources may never write one path: report both files."""
    owners: dict[str, str] = {}

    def claim(save_as: str, source: str, what: str, index: int | None = None) -> None:
        key = save_as.lower()  # nginx matches the redirect map without regard to case
        other = owners.get(key)
        if other is not None and other != source:
            cure = {
                "date": "satu seri hanya boleh punya satu sesi per tanggal; periksa kolom date",
                "aliases": "satu alamat lama hanya bisa dialihkan ke satu tujuan; hapus alias itu dari salah satunya",
            }.get(what, "ubah judul atau isi kolom slug")
            problems.add(
                source,
                None,
                what,
                f"menghasilkan alamat /{save_as.removesuffix('index.html')} yang juga dipakai oleh {other}; {cure}",
                index,
            )
        else:
            owners.setdefault(key, source)

    for entry in [*releases, *sessions, *pages]:
        # A session's address comes from its series and date, so the date is what to fix.
        claim(entry.save_as, entry.source, "date" if isinstance(entry, Session) else "slug")
    for page in pages:
        if page.slug in RESERVED or page.slug.isdigit():
            problems.add(
                page.source, None, "slug", f"'{page.slug}' dipakai oleh bagian situs /{page.slug}/; pilih slug lain"
            )
    _check_aliases([*releases, *pages], owners, claim, problems)


def _check_aliases(entries, owners: dict[str, str], claim, problems: _Placed) -> None:
    """An alias may take only an address nothing else on the site uses, nor the folder of one."""
    for entry in entries:
        for i, alias in enumerate(getattr(entry, "aliases", ())):
            save_as = alias_save_as(alias)
            if save_as == entry.save_as:
                problems.add(
                    entry.source, None, "aliases", f"'{alias}' adalah alamat berkas ini sendiri; hapus alias itu", i
                )
            elif save_as.split("/", 1)[0].lower() in RESERVED - {"berita"} or save_as.lower() in ROOT_FILES:
                problems.add(
                    entry.source,
                    None,
                    "aliases",
                    f"'{alias}' termasuk peta situs Warta sendiri (/{save_as.removesuffix('index.html')}: halaman "
                    "daftar, umpan, pencarian atau berkas situs); alias hanya untuk alamat lama di luar itu",
                    i,
                )
            else:
                claim(save_as, entry.source, "aliases", i)
    _check_nesting(entries, owners, problems)


def _check_nesting(entries, owners: dict[str, str], problems: _Placed) -> None:
    """One path cannot be a file and a folder at once, e.g. aliases ``/a.html`` and ``/a.html/b/``."""
    files = set(owners) | ROOT_FILES
    folders = {parent: path for path in files for parent in _parents(path)}
    for entry in entries:
        for i, alias in enumerate(getattr(entry, "aliases", ())):
            save_as = alias_save_as(alias).lower()
            inside = folders.get(save_as)
            parent = next((p for p in _parents(save_as) if p in files), None)
            if inside or parent:
                other = owners.get(inside or parent, "situs ini")
                problems.add(
                    entry.source,
                    None,
                    "aliases",
                    f"'{alias}' bertabrakan dengan /{inside or parent} milik {other}: satu jalur tidak bisa "
                    "sekaligus berkas dan folder; ubah atau hapus alias itu",
                    i,
                )


def _parents(path: str) -> list[str]:
    """``a/b/c.html`` → ``a/b``, ``a``."""
    return [path.rsplit("/", n)[0] for n in range(1, path.count("/") + 1)]


def _check_ids(releases: list[Release], problems: _Placed) -> None:
    """Feed readers treat two items with one id as one: a pinned ``id`` may not repeat another's."""
    owners: dict[str, str] = {}
    for release in releases:
        other = owners.setdefault(release.source_id, release.source)
        if other != release.source:
            problems.add(
                release.source,
                None,
                "id",
                f"'{release.source_id}' sudah menjadi id {other}; hapus kolom id, atau salin id lama rilis ini sendiri",
            )


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
