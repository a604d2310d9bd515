"""Which kind of source was given, and its items: a WordPress export, an RSS/Atom feed, or saved pages."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from . import wxr
from .model import Attachment, ImportError_, Item


class Source:
    """A source's items (posts and pages) and, for WordPress, its attachments."""

    name = ""
    kind = ""
    attachments: dict[str, Attachment] = {}

    def items(self) -> Iterator[Item]:
        raise NotImplementedError

    def terms(self) -> tuple[Counter, dict]:
        """How many posts use each (kind, key) term, and each term's name."""
        used: Counter = Counter()
        names: dict = {}
        for item in self.items():
            if item.kind == "post":
                for term in item.terms:
                    used[(term.kind, term.key)] += 1
                    names[(term.kind, term.key)] = term.name
        return used, names

    def children(self, wp_id: str) -> list[Attachment]:
        """The attachments uploaded to one post (for [gallery] without ids and attachment pages)."""
        if not wp_id:
            return []
        if not hasattr(self, "_children"):
            self._children: dict[str, list[Attachment]] = {}
            for attachment in self.attachments.values():
                self._children.setdefault(attachment.parent, []).append(attachment)
        return self._children.get(wp_id, [])


class WxrSource(Source):
    kind = "ekspor WordPress"

    def __init__(self, path: Path):
        self.path, self.name = path, str(path)
        self.scan = wxr.scan(path)
        self.attachments = self.scan.attachments

    def items(self) -> Iterator[Item]:
        return wxr.items(self.path, self.scan.offset, self.scan.authors)

    def terms(self) -> tuple[Counter, dict]:
        return self.scan.used, self.scan.names  # counted by the first pass: no third reading of the file


class ListSource(Source):
    """Items read at once: feeds and folders of saved pages are small next to a full export."""

    def __init__(self, name: str, kind: str, found: list[Item]):
        self.name, self.kind, self.found = name, kind, found

    def items(self) -> Iterator[Item]:
        return iter(self.found)


def open_source(source: str) -> Source:
    """Decide by what the source is: a folder of pages, a URL or file holding a feed, or a WXR file."""
    if source.startswith(("http://", "https://")):
        from .feeds import read_feed

        return ListSource(source, "umpan RSS/Atom", read_feed(source))
    path = Path(source)
    if path.is_dir():
        from .pages import read_pages

        return ListSource(source, "folder halaman tersimpan", read_pages(path))
    if not path.is_file():
        raise ImportError_(
            f"sumber '{source}' tidak ditemukan; beri jalur berkas ekspor, umpan, folder halaman, atau URL umpan"
        )
    with path.open("rb") as handle:
        head = handle.read(16384)
    if b"wordpress.org/export/" in head:
        return WxrSource(path)
    from .feeds import read_feed

    return ListSource(source, "umpan RSS/Atom", read_feed(source))
