"""Read a WordPress export (WXR 1.0–1.2) as a stream: one <item> at a time, cleared once read.

The file is read twice: first only the attachments (small records, for [gallery], alt text and
attachment pages) and the site's offset from UTC; then every post and page. Neither pass holds
more than one item's XML, so a 10,000-post export never has to fit in memory.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

from .model import Attachment, ImportError_, Item, Term

WIB_OFFSET = timedelta(hours=7)
_NO_DATE = "0000-00-00 00:00:00"
_PROLOG_BYTES = 64 * 1024


def refuse_dtd(path: Path) -> None:
    """A WXR file never declares a DTD; one that does is refused before parsing (entity expansion attacks)."""
    with path.open("rb") as handle:
        head = handle.read(_PROLOG_BYTES)
    start = head.find(b"<rss")
    prolog = head if start < 0 else head[:start]
    if b"<!DOCTYPE" in prolog.upper() or b"<!ENTITY" in prolog.upper():
        raise ImportError_(
            f"{path}: berkas berisi deklarasi <!DOCTYPE>/<!ENTITY>, yang tidak pernah ada di ekspor WordPress "
            "dan bisa dipakai untuk serangan perluasan entitas; ekspor ulang dari WordPress (Alat → Ekspor)"
        )


def _events(path: Path, tags: tuple[str, ...]):
    refuse_dtd(path)
    try:
        for _, element in etree.iterparse(
            str(path),
            events=("end",),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
        ):
            if etree.QName(element).localname in tags and etree.QName(element).namespace in (None, *_WP):
                yield element
    except etree.XMLSyntaxError as error:
        line = f" baris {error.lineno}" if getattr(error, "lineno", None) else ""
        raise ImportError_(
            f"{path}{line}: XML rusak ({error.msg}); berkas mungkin terpotong saat diunduh: ekspor ulang dari "
            "WordPress (Alat → Ekspor → Semua konten) dan jalankan lagi"
        ) from None


_WP = tuple(f"http://wordpress.org/export/{v}/" for v in ("1.0", "1.1", "1.2"))


def _forget(element) -> None:
    """Free what was read: the element and the siblings before it (iterparse keeps them otherwise)."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _fields(item) -> dict:
    """The children of an <item> by local name (``encoded`` from content: and excerpt: kept apart)."""
    out: dict = {"category": [], "postmeta": {}}
    for child in item:
        if not isinstance(child.tag, str):
            continue
        qname = etree.QName(child)
        name, ns = qname.localname, qname.namespace or ""
        if name == "category":
            out["category"].append((child.get("domain", ""), child.get("nicename", ""), (child.text or "").strip()))
        elif name == "postmeta":
            key = child.findtext("{*}meta_key") or ""
            out["postmeta"][key] = child.findtext("{*}meta_value") or ""
        elif name == "encoded":
            out["excerpt" if "excerpt" in ns else "content"] = child.text or ""
        else:
            out[name] = child.text or ""
    return out


@dataclass
class Scan:
    """What the first pass learns: attachments by id, authors' names by login, the site's offset from UTC,
    and how often each category, tag and author is used by posts (for the import map)."""

    attachments: dict[str, Attachment] = field(default_factory=dict)
    authors: dict[str, str] = field(default_factory=dict)
    offset: timedelta = WIB_OFFSET
    used: Counter = field(default_factory=Counter)
    names: dict = field(default_factory=dict)


def scan(path: Path) -> Scan:
    """First pass: everything but the posts' bodies."""
    attachments: dict[str, Attachment] = {}
    authors: dict[str, str] = {}
    offset: timedelta | None = None
    found = Scan(attachments, authors)
    for element in _events(path, ("item", "author")):
        name = etree.QName(element).localname
        if name == "author" and element.findtext("{*}author_login"):
            login = element.findtext("{*}author_login") or ""
            authors[login] = element.findtext("{*}author_display_name") or login
        elif name == "item":
            f = _fields(element)
            offset = offset if offset is not None else _offset(f)
            if f.get("post_type") == "attachment":
                attachments[f.get("post_id", "")] = Attachment(
                    f.get("post_id", ""),
                    f.get("attachment_url", "") or f.get("guid", ""),
                    f["postmeta"].get("_wp_attachment_image_alt", "").strip(),
                    f.get("post_parent", "0"),
                    f.get("link", ""),
                    f.get("title", ""),
                )
            elif f.get("post_type") == "post":
                for domain, nicename, label in f["category"]:
                    kind = {"category": "categories", "post_tag": "tags"}.get(domain)
                    if kind:
                        found.used[(kind, nicename or label)] += 1
                        found.names[(kind, nicename or label)] = label
                if f.get("creator"):
                    found.used[("authors", f["creator"])] += 1
            _forget(element)
    found.names.update({("authors", login): name for login, name in authors.items()})
    found.offset = offset if offset is not None else WIB_OFFSET
    return found


def _offset(f: dict) -> timedelta | None:
    """The site's offset from UTC, as post_date minus post_date_gmt of a dated item (to 15 minutes)."""
    local, gmt = f.get("post_date", _NO_DATE), f.get("post_date_gmt", _NO_DATE)
    if _NO_DATE in (local, gmt) or not local or not gmt:
        return None
    try:
        delta = datetime.fromisoformat(local) - datetime.fromisoformat(gmt)
    except ValueError:
        return None
    return timedelta(minutes=round(delta.total_seconds() / 900) * 15)


def items(path: Path, offset: timedelta, authors: dict[str, str]) -> Iterator[Item]:
    """Second pass: every post and page (attachments were read by scan), one at a time."""
    for element in _events(path, ("item",)):
        f = _fields(element)
        _forget(element)
        kind = f.get("post_type", "")
        if kind in ("post", "page"):
            yield _item(f, kind, offset, authors, path)


def _item(f: dict, kind: str, offset: timedelta, authors: dict[str, str], path: Path) -> Item:
    wp_id = f.get("post_id", "")
    terms = [
        Term("categories" if domain == "category" else "tags", nicename or name, name)
        for domain, nicename, name in f["category"]
        if domain in ("category", "post_tag")
    ]
    creator = f.get("creator", "")
    if creator:
        terms.append(Term("authors", creator, authors.get(creator, creator)))
    query = "p" if kind == "post" else "page_id"
    return Item(
        key=f"wp:{wp_id}",
        kind=kind,
        title=f.get("title", ""),
        html=f.get("content", ""),
        date=_date(f, offset),
        status=f.get("status", "publish"),
        slug=f.get("post_name", ""),
        link=f.get("link", ""),
        old_queries=[f"/?{query}={wp_id}", *_guid_query(f.get("guid", ""), f"/?{query}={wp_id}")],
        terms=terms,
        excerpt=f.get("excerpt", ""),
        image_id=f["postmeta"].get("_thumbnail_id", ""),
        wp_id=wp_id,
        origin=f"{path.name}: {'pos' if kind == 'post' else 'halaman'} #{wp_id}",
    )


def _guid_query(guid: str, known: str) -> list[str]:
    """The guid's own query form (``/index.php?p=12``) when it differs from the usual one."""
    parts = urlsplit(guid)
    form = f"{parts.path or '/'}?{parts.query}" if parts.query else ""
    return [form] if form and form != known else []


def _date(f: dict, offset: timedelta) -> datetime | None:
    """The publication time in the site's own zone: from post_date_gmt where set, else post_date."""
    zone = timezone(offset)
    gmt, local = f.get("post_date_gmt", _NO_DATE), f.get("post_date", _NO_DATE)
    try:
        if gmt and gmt != _NO_DATE:
            return datetime.fromisoformat(gmt).replace(tzinfo=UTC).astimezone(zone)
        if local and local != _NO_DATE:
            return datetime.fromisoformat(local).replace(tzinfo=zone)
    except ValueError:
        return None
    return None
