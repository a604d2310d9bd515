"""The content model every Warta capability reads: typed, validated, immutable."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

RELEASE_TYPES = {
    "siaran-pers": "Siaran Pers",
    "berita": "Berita",
    "klarifikasi": "Klarifikasi",
    "pengumuman": "Pengumuman",
}
CLAIM_RATINGS = {"salah": "Salah", "menyesatkan": "Menyesatkan", "benar": "Benar"}


@dataclass(frozen=True)
class Government:
    slug: str
    name: str
    short: str

    @property
    def url(self) -> str:
        return f"pemda/{self.slug}/"


@dataclass(frozen=True)
class Agency:
    slug: str
    name: str
    short: str
    government: Government
    website: str = ""
    email: str = ""
    phone: str = ""

    @property
    def url(self) -> str:
        return f"instansi/{self.slug}/"


@dataclass(frozen=True)
class Theme:
    slug: str
    name: str
    description: str = ""

    @property
    def url(self) -> str:
        return f"tema/{self.slug}/"


@dataclass(frozen=True)
class ReleaseType:
    slug: str
    name: str

    @property
    def url(self) -> str:
        return f"jenis/{self.slug}/"


@dataclass(frozen=True)
class Schedule:
    weekday: int  # 0 = Senin
    start: tuple[int, int]
    end: tuple[int, int]


@dataclass(frozen=True)
class Series:
    slug: str
    name: str
    host: Agency
    description: str
    schedule: Schedule | None = None
    platforms: tuple[str, ...] = ()
    channel: str = ""

    @property
    def url(self) -> str:
        return f"sesi/{self.slug}/"


@dataclass(frozen=True)
class Vocabulary:
    """The four data files, resolved into objects."""

    governments: dict[str, Government]
    agencies: dict[str, Agency]
    themes: dict[str, Theme]
    series: dict[str, Series]


@dataclass(frozen=True)
class MediaFile:
    """A file under ``media/``; ``path`` is relative to the content folder."""

    path: str
    size: int
    width: int | None = None
    height: int | None = None

    @property
    def url(self) -> str:
        return self.path

    @property
    def mime(self) -> str:
        from mimetypes import guess_type

        return guess_type(self.path)[0] or "application/octet-stream"


@dataclass(frozen=True)
class Attachment:
    file: MediaFile
    title: str


@dataclass(frozen=True)
class Change:
    date: datetime
    note: str


@dataclass(frozen=True)
class Claim:
    text: str
    source: str
    rating: str

    @property
    def rating_name(self) -> str:
        return CLAIM_RATINGS[self.rating]


@dataclass(frozen=True)
class Notice:
    """When and why a published release was withdrawn (or an entry removed), shown to readers."""

    date: datetime
    reason: str


@dataclass(frozen=True)
class Gone:
    """A source file left as a removal notice (``status: removed``): its page answers 410."""

    source: str
    kind: str  # rilis, sesi, halaman
    notice: Notice


@dataclass(frozen=True)
class Speaker:
    name: str
    role: str = ""


@dataclass(frozen=True)
class Chapter:
    at: int  # seconds from the start of the recording
    title: str

    @property
    def label(self) -> str:
        h, rest = divmod(self.at, 3600)
        m, s = divmod(rest, 60)
        return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


@dataclass(eq=False)
class Entry:
    """What releases, sessions and pages share."""

    source: str  # path relative to the content folder, for messages
    title: str
    slug: str
    summary: str
    body: str  # sanitised HTML
    url: str = ""
    save_as: str = ""
    # Addresses this entry had in earlier publications (ledger.py): each redirects here like an alias.
    moved_from: tuple[str, ...] = ()
    digest: str = ""  # of the body as written (reader.body_digest): a moved file is known by it

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.source}>"


@dataclass(eq=False, repr=False)
class Release(Entry):
    date: datetime = None  # type: ignore[assignment]
    type: ReleaseType = None  # type: ignore[assignment]
    agencies: tuple[Agency, ...] = ()
    themes: tuple[Theme, ...] = ()
    number: str = ""
    location: str = ""
    session: str = ""  # seri/YYYY-MM-DD as written; the session itself is linked_session
    image: MediaFile | None = None
    image_alt: str = ""
    image_credit: str = ""
    attachments: tuple[Attachment, ...] = ()
    updated: datetime | None = None
    changes: tuple[Change, ...] = ()
    claim: Claim | None = None
    aliases: tuple[str, ...] = ()
    status: str = "published"  # or draft; withdrawn (with its notice) and removed are read apart
    withdrawn: Notice | None = None  # kept at its address with a "Dicabut" notice, out of the latest
    source_id: str = ""  # stable id for feeds and open data: the ledger's, ids.py's, or the pinned one
    linked_session: Session | None = None
    related: list[Release] = field(default_factory=list)

    @property
    def draft(self) -> bool:
        return self.status == "draft"

    @property
    def governments(self) -> tuple[Government, ...]:
        seen = dict.fromkeys(a.government for a in self.agencies)
        return tuple(seen)

    @property
    def modified(self) -> datetime:
        """The last change a reader would want to hear of: the change log's, a withdrawal's, else publication."""
        withdrawn = self.withdrawn.date if self.withdrawn else None
        return max((t for t in (self.updated, withdrawn) if t), default=self.date)


@dataclass(eq=False, repr=False)
class Session(Entry):
    series: Series = None  # type: ignore[assignment]
    date: datetime = None  # type: ignore[assignment]
    end: datetime = None  # type: ignore[assignment]
    topic: str = ""
    agencies: tuple[Agency, ...] = ()
    themes: tuple[Theme, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    youtube: str = ""
    zoom: str = ""
    place: str = ""  # where it is held in person, if it is
    chapters: tuple[Chapter, ...] = ()
    image: MediaFile | None = None  # local still for the video placeholder and link previews
    image_alt: str = ""
    releases: list[Release] = field(default_factory=list)
    source_id: str = ""  # stable id for feeds, from the source path and start day (ids.py)

    @property
    def key(self) -> str:
        return f"{self.series.slug}/{self.date:%Y-%m-%d}"


@dataclass(eq=False, repr=False)
class Page(Entry):
    aliases: tuple[str, ...] = ()
