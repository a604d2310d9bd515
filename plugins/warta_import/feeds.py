"""Read an RSS 2.0 or Atom feed (a file or a URL) with feedparser: full text where the feed has it."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import feedparser
from warta_content import WIB

from .media import fetch_text
from .model import ImportError_, Item, Term


def read_feed(source: str) -> list[Item]:
    try:
        raw = fetch_text(source) if source.startswith(("http://", "https://")) else Path(source).read_bytes()
    except (OSError, ValueError) as error:
        raise ImportError_(f"umpan {source} tidak bisa dibaca ({getattr(error, 'reason', None) or error})") from None
    if b"<!ENTITY" in raw[:65536].upper():
        raise ImportError_(f"umpan {source} berisi deklarasi <!ENTITY> (serangan perluasan entitas?); tidak diimpor")
    # Warta's own cleaning (body.py) takes scripts out and says so in the report; feedparser's would do it silently.
    feed = feedparser.parse(raw, sanitize_html=False)
    if not feed.entries:
        why = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
        raise ImportError_(f"{source}: bukan umpan RSS 2.0 atau Atom, atau tidak berisi satu pun tulisan{why}")
    return [_item(entry, source) for entry in feed.entries]


def _item(entry, source: str) -> Item:
    content = entry.get("content") or []
    html = content[0].get("value", "") if content else entry.get("summary", "")
    guid = entry.get("id") or entry.get("link") or entry.get("title", "")
    terms = [Term("categories", t.get("term", ""), t.get("label") or t.get("term", "")) for t in entry.get("tags", [])]
    if entry.get("author"):
        terms.append(Term("authors", entry["author"], entry["author"]))
    link = urlsplit(entry.get("link", ""))
    last = PurePosixPath(link.path.rstrip("/"))
    return Item(
        key="feed:" + hashlib.sha256(guid.encode()).hexdigest()[:24],
        kind="post",
        title=entry.get("title", ""),
        html=html,
        date=_date(entry),
        link=entry.get("link", ""),
        # The old address's last part; none when it is a script (index.php?p=12): then the title.
        slug="" if link.query or last.suffix.lower() in _SCRIPTS else last.stem,
        old_queries=[f"{link.path or '/'}?{link.query}"] if link.query else [],
        terms=[t for t in terms if t.key],
        excerpt=entry.get("summary", "") if content else "",
        origin=f"umpan {Path(source).name or source}: {entry.get('link') or guid}",
    )


_SCRIPTS = {".php", ".asp", ".aspx", ".jsp", ".cfm", ".cgi", ".pl"}


def _date(entry) -> datetime | None:
    """The time with the offset the feed wrote (RFC 822 in RSS, RFC 3339 in Atom); a time in UTC (``Z``,
    ``GMT``) says when, not where, and is shown in WIB, as every time without a zone of its own."""
    for key in ("published", "updated"):
        raw = entry.get(key)
        if not raw:
            continue
        try:
            when = parsedate_to_datetime(raw)
        except (TypeError, ValueError):
            try:
                when = datetime.fromisoformat(raw.replace("Z", "+00:00"))
            except ValueError:
                continue
        if when.tzinfo is None or when.utcoffset() == timedelta(0):
            return when.replace(tzinfo=when.tzinfo or UTC).astimezone(WIB)
        return when
    return None
