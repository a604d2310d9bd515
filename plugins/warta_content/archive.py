"""Load a whole content folder into an Archive: read, validate, cross-link, index."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from itertools import chain
from pathlib import Path

from .errors import Problem, Problems, in_order
from .folder import source_files
from .kinds import declared_kinds, read_declared
from .ledger import RECORD, Item, Ledger, Previous
from .media import warn_active_media
from .model import Entry, Gone, Page, Release, Session, Vocabulary
from .reader import RELEASE_TYPE_OBJECTS, Builder
from .settings import ContentSettings
from .sources import parse_sources
from .vocabulary import has_gaps, load_vocabulary

# Where warta_redirects writes the nginx map of every alias, at the root of the output.
REDIRECT_MAP = "nginx-redirects.conf"
# And the map of removed addresses, which nginx answers with 410 Gone.
GONE_MAP = "nginx-gone.conf"
# Files the site map puts at the root besides the sections in RESERVED; no alias may take one.
ROOT_FILES = {
    *("index.html", "404.html", "sitemap.xml", "robots.txt", "rss.xml", "atom.xml", "umpan.opml"),
    *(REDIRECT_MAP, GONE_MAP, "nginx-query-redirects.conf"),
}

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
    ledger: Ledger | None = None  # this build matched to the record of what was published
    gone: list[Item] = field(default_factory=list)  # removed entries: their addresses answer 410
    changes: dict = field(default_factory=dict)  # since the last publication (ledger.py), once written
    declared: dict = field(default_factory=dict)  # kind name → its entries, for each declared kind (kinds.py)

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
        """Every published release, session, page and entry of a declared kind: what gets its own page
        and a search entry."""
        return [*self.releases, *self.sessions, *self.pages, *chain(*self.declared.values())]

    def upcoming_sessions(self) -> list[Session]:
        return [s for s in self.sessions if s.end > self.now]

    def past_sessions(self) -> list[Session]:
        return [s for s in reversed(self.sessions) if s.end <= self.now]


def load_archive(
    content: Path,
    settings: ContentSettings,
    cache_dir: Path | None = None,
    each: Callable[[Entry], None] | None = None,
    previous: Previous | None = None,
) -> Archive:
    """Read and check everything under ``content``; raise ValidationFailed listing every problem.

    ``each`` is handed every release, session, page and entry of a declared kind as soon as it is
    built, while later files are still being parsed; only the links between entries (related
    releases, a release's session and a session's releases) are set after it. An entry that the
    record of earlier publications (``previous``, ledger.py) recognises only then, a moved file, is
    handed to it once more.
    """
    problems = Problems()
    vocab = load_vocabulary(content, problems)
    builder = Builder(content, vocab, settings, problems)
    reading = _Reading(builder, Ledger(previous), settings.now, each)
    files = source_files(content, problems)
    built = parse_sources(content, files, settings, cache_dir, background=True, then=reading)
    releases, sessions, pages = (_built(built.pop(folder)) for folder in ("releases", "sessions", "pages"))
    declared = {kind.name: kind.ordered(_built(built[kind.folder])) for kind in reading.kinds}
    published = sorted((r for r in releases if reading.public(r)), key=_newest_first)
    ledger = reading.ledger
    removed = _match_record(ledger, [*published, *sessions, *pages, *chain(*declared.values())], reading, problems)
    placed = _Placed(problems, builder)
    _link_sessions(releases, sessions, placed, vocab)
    owners = _check_urls(releases, sessions, pages, placed, declared)
    warn_active_media(content, problems)
    _check_ids(releases, placed)
    problems.raise_if_any()
    archive = Archive(
        vocab,
        settings.now,
        published,
        sorted(sessions, key=lambda s: s.date),
        sorted(pages, key=lambda p: p.slug),
        withheld=len(releases) - len(published),
        ledger=ledger,
        declared=declared,
    )
    archive.gone = settle_addresses(archive.entries, removed, owners, placed, each)
    _unrecorded(reading.gone, ledger, problems)
    archive.warnings = in_order(problems.warnings)
    _index(archive)
    _relate(archive, settings.related_count)
    return archive


class _Reading:
    """What happens to each file the moment it is parsed (parse_sources' ``then``), while the
    workers parse the next ones: built as its kind says, matched to the record, handed to ``each``."""

    def __init__(self, builder: Builder, ledger: Ledger, now: datetime, each: Callable[[Entry], None] | None):
        self.builder, self.ledger, self.now, self.each = builder, ledger, now, each
        self.kinds = declared_kinds()
        self.make = {"releases": builder.release, "sessions": builder.session, "pages": builder.page}
        self.make.update({kind.folder: partial(read_declared, builder, kind) for kind in self.kinds})
        self.gone: list[Gone] = []  # removal notices (status: removed)

    def __call__(self, folder: str, parsed) -> Entry | None:
        entry = self.make[folder](parsed)
        if isinstance(entry, Gone):
            self.gone.append(entry)
            return None
        if entry is not None:
            if self.public(entry):
                self.ledger.match(entry)
            if self.each is not None:
                self.each(entry)
        return entry

    def public(self, entry: Entry) -> bool:
        """Whether an entry is on the site: a release once it is neither a draft nor embargoed."""
        return not isinstance(entry, Release) or (not entry.draft and entry.date <= self.now)


def _built(found: list) -> list:
    """What was built of one folder's files: a file with problems, or a draft page, left nothing."""
    return [entry for entry in found if entry]


def _match_record(ledger: Ledger, entries: list[Entry], reading: _Reading, problems: Problems) -> list[Item]:
    """Match the entries to the record of what was published: a moved file is recognised, a file the
    record holds but this build lacks is an error unless it was removed. Returns what was removed."""
    ledger.match_moved(entries, reading.each or (lambda entry: None))
    if ledger.unrelated(entries):
        problems.warn(
            RECORD,
            None,
            "berkas",
            "riwayat terbit di folder hasil milik arsip lain (tidak ada satu pun entri yang sama), jadi diabaikan; "
            "bangun ke folder hasil yang kosong, atau sebut situs yang terbit dengan WARTA_PREVIOUS",
        )
        ledger.forget()
    # A file that has problems of its own, or all of them while a data file has one, is not also "gone".
    failed = {"*"} if has_gaps(reading.builder.vocab) else {p.path for p in problems.items}
    return ledger.check_vanished(reading.gone, set(reading.builder.lines), failed, problems)


def settle_addresses(entries, removed: list[Item], owners: dict[str, str], problems: _Placed, each) -> list[Item]:
    """An earlier address that a page or a hand-written alias now takes belongs to it: an entry that
    moved away no longer redirects it (with a warning), a removed one no longer answers 410 there."""
    for entry in entries:
        keep = []
        for old in entry.moved_from:
            owner = owners.get(alias_save_as(old).lower())
            if owner is None:
                keep.append(old)
            elif owner != entry.source:  # its own hand-written alias says the same already
                problems.warn(
                    entry.source,
                    "title",
                    f"alamat lamanya {old} kini dipakai oleh {owner}; tautan lama ke sana membuka halaman itu",
                )
        if len(keep) != len(entry.moved_from):
            entry.moved_from = tuple(keep)
            if each is not None:
                each(entry)
    for item in removed:
        free = [a for a in (item.url, *item.old) if alias_save_as(f"/{a}").lower() not in owners]
        item.url, item.old = (free[0], free[1:]) if free else ("", [])
    return removed


def _unrecorded(gone, ledger: Ledger, problems: Problems) -> None:
    """A removal notice for a file no publication on record holds: there is no address to answer 410."""
    recorded = {item.source for item in ledger.previous} if gone else set()  # removed items included
    for notice in gone:
        if notice.source not in recorded:
            problems.warn(
                notice.source,
                None,
                "status",
                "removed, tetapi riwayat terbit tidak mencatat berkas ini (belum pernah terbit, atau situs "
                "sebelumnya tidak terbaca: lihat WARTA_PREVIOUS); tidak ada alamat yang dijawab 410",
            )


class _Placed:
    """Problems found across files, each put at the line of the field it is about (Builder.line)."""

    def __init__(self, problems: Problems, builder: Builder):
        self.problems, self.builder = problems, builder

    @property
    def items(self):
        return self.problems.items

    def add(self, source: str, line: int | None, field: str, message: str, index: int | None = None) -> None:
        # An address made from the title (no slug given) is fixed at the title.
        line = line or self.builder.line(source, field, index) or self.builder.line(source, "title")
        self.problems.add(source, line, f"{field}[{index + 1}]" if index is not None else field, message)

    def warn(self, source: str, field: str, message: str) -> None:
        """A warning at the line of ``field``."""
        self.problems.warn(source, self.builder.line(source, field), field, message)


def _newest_first(release: Release):
    return (-release.date.timestamp(), release.url)


def _link_sessions(releases: list[Release], sessions: list[Session], problems: _Placed, vocab: Vocabulary) -> None:
    by_key = {s.key: s for s in sessions}
    # A session with a problem of its own, or one a data file's problem kept from being built, is
    # reported once there: the releases that name it are not told it is missing as well.
    unbuilt = {p.path.split("/")[1] for p in problems.items if p.path.startswith("sessions/")}
    if has_gaps(vocab):
        return
    for release in releases:
        if not release.session or release.session.partition("/")[0] in unbuilt:
            continue
        session = by_key.get(release.session)
        if session is None:
            known = ", ".join(sorted(by_key)[:6]) or "belum ada sesi"
            problems.add(
                release.source,
                None,
                "session",
                f"sesi '{release.session}' tidak ditemukan di sessions/ (contoh yang ada: {known})",
            )
        else:
            release.linked_session = session


def _check_urls(releases, sessions, pages, problems: _Placed, declared: dict) -> dict[str, str]:
    """Two sources may never write one path: report both files. Returns each path's owner (lower case)."""
    owners: dict[str, str] = {}

    def claim(save_as: str, source: str, what: str, index: int | None = None) -> None:
        key = save_as.lower()  # nginx matches the redirect map without regard to case
        other = owners.get(key)
        if other is not None and other != source:
            cure = {
                "date": "satu seri hanya boleh punya satu sesi per tanggal; periksa kolom date",
                "aliases": "satu alamat lama hanya bisa dialihkan ke satu tujuan; hapus alias itu dari salah satunya"
                if key in aliased
                else "alamat itu halaman yang masih terbit, jadi tidak bisa dialihkan; hapus alias itu",
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
            if what == "aliases":
                aliased.add(key)

    aliased: set[str] = set()
    others = list(chain(*declared.values()))
    for entry in [*releases, *sessions, *pages, *others]:
        # A session's address comes from its series and date, so the date is what to fix.
        claim(entry.save_as, entry.source, "date" if isinstance(entry, Session) else "slug")
    sections = RESERVED | {kind.section for kind in declared_kinds()}
    for page in pages:
        if page.slug in sections or page.slug.isdigit():
            problems.add(
                page.source, None, "slug", f"'{page.slug}' dipakai oleh bagian situs /{page.slug}/; pilih slug lain"
            )
    _check_aliases([*releases, *pages, *others], owners, claim, problems)
    return owners


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
        if release.linked_session:
            release.linked_session.releases.append(release)
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
        best = sorted(
            (j for j in score if not archive.releases[j].withdrawn), key=lambda j: (-score[j], abs(j - me), j)
        )[:count]
        release.related = [archive.releases[j] for j in best]
