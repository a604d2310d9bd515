"""Read a folder of saved article pages: trafilatura finds the article in each site's boilerplate."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import trafilatura
from htmldate import find_date
from lxml import html as lxml_html
from warta_content import WIB, Day, parse_datetime

from .model import ImportError_, Item, Term

_READ_ALSO = re.compile(r"\s*(baca|simak)\s+(juga|pula)\b", re.I)


def read_pages(folder: Path) -> list[Item]:
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".html", ".htm") and p.is_file())
    if not files:
        raise ImportError_(f"folder {folder}: tidak berisi berkas .html; simpan halaman artikelnya sebagai HTML")
    return [_item(path, folder) for path in files]


def _item(path: Path, folder: Path) -> Item:
    raw = path.read_text(encoding="utf-8", errors="replace")
    meta = trafilatura.extract_metadata(raw)
    # Layout tables (old CMSes) would pull menus and sidebars in: tables are left out, and said so.
    body = trafilatura.extract(
        raw, output_format="html", include_images=True, include_links=True, include_comments=False, include_tables=False
    )
    rel = path.relative_to(folder).as_posix()
    notes = ["halaman memuat <table>; tabel tidak ikut diimpor, salin sendiri bila bagian dari berita"] * (
        "<table" in raw.lower()
    )
    html, dropped = _inner(body or "")
    if dropped:
        notes.append(f"{dropped} paragraf 'Baca juga' (tautan ke berita lain) dibuang")
    if not html.strip():
        notes.append("isi berita tidak ditemukan di halaman ini; salin isinya sendiri")
    terms = [Term("categories", c, c) for c in (meta.categories if meta and meta.categories else [])]
    terms += [Term("tags", t, t) for t in (meta.tags if meta and meta.tags else [])]
    link = meta.url if meta and meta.url else ""
    if not link:
        link = _path_of(rel)
        notes.append(
            f"halaman tidak menyebut alamatnya sendiri (link rel=canonical atau og:url); alamat lamanya dianggap "
            f"{link} menurut letak berkasnya: periksa aliases"
        )
    return Item(
        key=f"html:{rel}",
        kind="post",
        title=(meta.title if meta else "") or path.stem,
        html=html,
        date=_date(raw) or _date_only(meta.date if meta else None),
        slug=Path(link.rstrip("/")).stem,
        link=link,
        origin=f"halaman {rel}",
        terms=terms,
        notes=notes,
    )


def _path_of(rel: str) -> str:
    """The old address of a saved file by where it lies: ``wget --mirror`` puts the host first and
    saves ``…/judul/`` as ``…/judul/index.html``."""
    parts = rel.split("/")
    if len(parts) > 1 and "." in parts[0]:
        parts = parts[1:]
    if parts[-1].lower() in ("index.html", "index.htm"):
        parts[-1] = ""
    return "/" + "/".join(parts)


def _inner(body: str) -> tuple[str, int]:
    """What trafilatura found, without the headline (it is the title) and the "Baca juga" links
    that Indonesian news sites put between paragraphs; and how many of those went."""
    if not body:
        return "", 0
    tree = lxml_html.fromstring(body)
    main = tree.find(".//body")
    main = tree if main is None else main
    for h in main.findall(".//h1")[:1]:
        h.getparent().remove(h)
    dropped = 0
    for p in list(main.iter("p", "div")):
        if _READ_ALSO.match(p.text_content()) and p.getparent() is not None:
            p.getparent().remove(p)
            dropped += 1
    return "".join(lxml_html.tostring(child, encoding="unicode") for child in main), dropped


def _date(raw: str) -> datetime | None:
    """The publication time the page states (meta tags, JSON-LD, time elements) with its offset, via htmldate;
    a page that gives only a day is dated by the day alone, never given an invented hour."""
    found = find_date(raw, outputformat="%Y-%m-%dT%H:%M:%S%z", original_date=True, extensive_search=False)
    if not found:
        return None
    when = datetime.strptime(found, "%Y-%m-%dT%H:%M:%S%z" if found[-5:-4] in "+-" else "%Y-%m-%dT%H:%M:%S")
    if when.tzinfo is None:
        if (when.hour, when.minute, when.second) == (0, 0, 0):
            return Day(when.year, when.month, when.day, tzinfo=WIB)
        return when.replace(tzinfo=WIB)
    return when


def _date_only(value: str | None) -> datetime | None:
    parsed = parse_datetime(value, WIB) if value else None
    return parsed if parsed is None or isinstance(parsed, Day) else parsed.astimezone(WIB)
