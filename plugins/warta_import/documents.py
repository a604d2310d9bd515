"""One old item → the front matter and Markdown of a Warta release or page."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import unquote, urlsplit

import nh3
from slugify import slugify
from warta_content import RESERVED, ROOT_FILES, Day, parse_old_path

from .body import Converted
from .model import Item

WIB = timedelta(hours=7)
# Values written without quotes: slugs and dates, as editors write them (README); never a YAML 1.1 boolean or null.
_BARE = re.compile(r"[a-z0-9][a-z0-9-]*|\d{4}-\d{2}-\d{2}( \d{2}:\d{2}|T\d{2}:\d{2}[+-]\d{2}:\d{2})")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\ufffe\uffff]")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


@dataclass
class Document:
    rel: str
    text: str
    aliases: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # old paths that cannot be aliases, with why
    server: list[str] = field(default_factory=list)  # old paths inside Warta's sections: nginx's map only


def plain(text: str) -> str:
    """Markup-free text from an old title or excerpt: tags dropped, entities decoded, spaces collapsed."""
    text = text or ""
    if "<" in text or "&" in text:  # most titles have neither: the sanitiser is skipped for them
        text = html.unescape(nh3.clean(text, tags=set()))
    return " ".join(_CONTROL.sub(" ", text).split())


def old_path(link: str) -> str:
    """The path of an old address (the query is served by nginx's query map, not here)."""
    return urlsplit(link).path if link.startswith(("http://", "https://", "/")) else ""


def slug_for(item: Item, title: str) -> str:
    return slugify(unquote(item.slug) or title, max_length=120, word_boundary=True) or "tanpa-judul"


def when(date: datetime) -> str:
    """WIB as YYYY-MM-DD HH:MM, a bare day as YYYY-MM-DD, any other zone as ISO 8601 with its offset."""
    if isinstance(date, Day):
        return f"{date:%Y-%m-%d}"
    if date.utcoffset() == WIB:
        return f"{date:%Y-%m-%d %H:%M}"
    return date.isoformat(timespec="minutes")


def aliases(links: list[str], own_url: str, claimed: dict | None = None) -> tuple[list[str], list[str], list[str]]:
    """Old paths a release can keep as aliases; those it cannot (with the reason, for the report); and those
    inside a section of Warta's site map (/berita/detail/12/…), which only nginx's query map can redirect."""
    kept, refused, server = [], [], []
    for link in links:
        path = old_path(link)
        if not path or path == "/" or path.strip("/") == own_url.strip("/") or urlsplit(link).query:
            continue  # an address with a query (/index.php?p=12) is nginx's: the item's old_queries
        top = unquote(path).strip("/").split("/")[0]
        owner = (claimed or {}).get(unquote(path).rstrip("/").lower())
        if owner:
            why = "" if owner.startswith("halaman ") else " (dua tulisan di sumber memakainya)"
            refused.append(f"{path}: alamat lama ini sudah milik {owner}{why}")
        elif parse_old_path(path) is None:
            refused.append(f"{path}: tidak bisa menjadi alias (karakter yang tidak bisa disajikan situs statis)")
        elif top in ROOT_FILES or (path.strip("/") == top and top in RESERVED):
            refused.append(f"{path}: alamat milik situs Warta sendiri; tidak bisa dialihkan")
        elif top in RESERVED:
            server.append(path)
        elif path not in kept:
            kept.append(path)
    return kept, refused, server


def front_matter(fields: dict) -> str:
    """YAML front matter, one field a line. Written here rather than by PyYAML: the same YAML (a JSON
    string is a YAML double-quoted scalar), five times faster, which a 10,000-post import notices."""
    lines = [
        f"{key}: [{', '.join(map(_scalar, value))}]" if isinstance(value, list) else f"{key}: {_scalar(value)}"
        for key, value in fields.items()
        if value not in (None, "", [])
    ]
    return "---\n" + "\n".join(lines) + "\n---\n"


def _scalar(value) -> str:
    text = str(value)
    # A slug needs a letter: 2021-11-09 or 123 alone would be read as a date or a number.
    bare = _BARE.fullmatch(text) and text not in _YAML_WORDS and (":" in text or re.search("[a-z]", text))
    return text if bare else json.dumps(text, ensure_ascii=False)


def release(
    item: Item,
    body: Converted,
    mapped: tuple,
    image: tuple[str, str],
    draft: bool,
    more: list[str],
    claimed: dict | None = None,
) -> Document:
    """``more``: other old addresses of the post (its attachments' pages)."""
    agencies, themes, kind = mapped
    title = plain(item.title) or "(tanpa judul)"
    slug = slug_for(item, title)
    url = f"berita/{item.date:%Y/%m}/{slug}/"
    kept, refused, server = aliases([item.link, *more], url, claimed)
    excerpt = plain(item.excerpt)
    summary = excerpt[:300].rsplit(" ", 1)[0] if len(excerpt) > 300 else excerpt
    fields = {
        "title": title,
        "date": when(item.date),
        "type": kind,
        "agencies": agencies,
        "themes": themes,
        "slug": slug,
        "summary": summary,
        "image": image[0],
        "image_alt": image[1],
        "aliases": kept,
        "status": "draft" if draft else "",
    }
    text = front_matter(fields) + "\n" + (body.markdown or "")
    return Document(f"releases/{item.date:%Y/%m}/{slug}.md", text, kept, refused, server)


def page(item: Item, body: Converted, draft: bool, claimed: dict | None = None) -> Document:
    title = plain(item.title) or "(tanpa judul)"
    slug = slug_for(item, title)
    notes = []
    if slug in RESERVED or slug.isdigit():
        notes.append(f"slug '{slug}' dipakai bagian situs Warta; diganti 'halaman-{slug}'")
        slug = f"halaman-{slug}"
    kept, refused, server = aliases([item.link], f"{slug}/", claimed)
    fields = {"title": title, "slug": slug, "aliases": kept, "status": "draft" if draft else ""}
    text = front_matter(fields) + "\n" + (body.markdown or "")
    return Document(f"pages/{slug}.md", text, kept, refused + notes, server)
