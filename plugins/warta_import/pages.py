"""Read a folder of saved article pages: trafilatura finds the article in each site's boilerplate."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import trafilatura
from lxml import html as lxml_html
from warta_content.fields import WIB, Day, parse_datetime

from .model import ImportError_, Item


def read_pages(folder: Path) -> list[Item]:
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".html", ".htm") and p.is_file())
    if not files:
        raise ImportError_(f"folder {folder}: tidak berisi berkas .html; simpan halaman artikelnya sebagai HTML")
    return [_item(path, folder) for path in files]


def _item(path: Path, folder: Path) -> Item:
    raw = path.read_text(encoding="utf-8", errors="replace")
    meta = trafilatura.extract_metadata(raw)
    body = trafilatura.extract(
        raw, output_format="html", include_images=True, include_links=True, include_comments=False, favor_precision=True
    )
    rel = path.relative_to(folder).as_posix()
    link = (meta.url if meta and meta.url else "") or "/" + rel
    return Item(
        key=f"html:{rel}",
        kind="post",
        title=(meta.title if meta else "") or path.stem,
        html=_inner(body or ""),
        date=_date(meta.date if meta else None),
        slug=Path(link.rstrip("/")).stem,
        link=link,
        origin=f"halaman {rel}",
        terms=[],
    )


def _inner(body: str) -> str:
    """trafilatura's <html><body><main>…: only what is inside, its <head> title dropped."""
    if not body:
        return ""
    tree = lxml_html.fromstring(body)
    main = tree.find(".//main") if tree.find(".//main") is not None else tree.find(".//body")
    main = tree if main is None else main
    for h in main.findall(".//h1")[:1]:
        h.getparent().remove(h)  # the headline is the title already
    return "".join(lxml_html.tostring(child, encoding="unicode") for child in main)


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = parse_datetime(value, WIB)
    return parsed if parsed is None or isinstance(parsed, Day) else parsed.astimezone(WIB)
