"""What every source reader yields: one old post, page or file, before it becomes a Warta file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from warta_content import WartaError


class ImportError_(WartaError):
    """The source cannot be read at all (broken XML, a feed that is not a feed, a missing folder)."""


class MapIncomplete(WartaError):
    """The import map still has entries that need a human decision."""


@dataclass(frozen=True)
class Term:
    """A category, tag or author of the old site, as the import map names it."""

    kind: str  # "categories", "tags" or "authors"
    key: str  # the old slug (nicename, login)
    name: str


@dataclass
class Item:
    """One entry of the old site. ``kind``: post, page or attachment."""

    key: str  # stable across runs: "wp:123", "feed:<guid>", "html:<file>"
    kind: str
    title: str
    html: str
    date: datetime | None
    status: str = "publish"  # WordPress's words: publish, future, draft, pending, private, trash
    slug: str = ""
    link: str = ""  # the old address
    old_queries: list[str] = field(default_factory=list)  # "/?p=123": served by nginx only
    terms: list[Term] = field(default_factory=list)
    excerpt: str = ""
    image_id: str = ""  # WordPress _thumbnail_id
    wp_id: str = ""
    parent: str = ""
    file_url: str = ""  # attachments: the uploaded file
    alt: str = ""  # attachments: _wp_attachment_image_alt
    origin: str = ""  # where the item was read, for the report
    notes: list[str] = field(default_factory=list)  # what reading it found for an editor to look at


@dataclass(frozen=True)
class Attachment:
    """What a post needs to know about an uploaded file: for [gallery], alt text and attachment pages."""

    wp_id: str
    url: str
    alt: str
    parent: str
    link: str
    title: str
