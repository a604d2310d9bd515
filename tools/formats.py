"""Write a planned corpus twice: as a Warta content folder and as the same articles for vanilla Pelican."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import struct
import zlib
from pathlib import Path

from .corpus import Corpus, Entry
from .names import IMAGES, TYPE_NAMES, WEEKDAYS

_PLAIN = re.compile(r"[a-z0-9][a-z0-9/:. -]*")
VANILLA_CONF = '''"""Vanilla Pelican over the benchmark corpus: default theme, feeds on, no cache (by tools/)."""

SITENAME = "Arsip Pembanding"
SITEURL = ""
FEED_DOMAIN = "https://pembanding.example"
PATH = "."
ARTICLE_PATHS = ["releases", "sessions"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["media"]
TIMEZONE = "Asia/Jakarta"
DEFAULT_LANG = "id"
DEFAULT_PAGINATION = 10
# Feeds like Warta's: every listing gets Atom and RSS, the newest 50 items, full text.
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/{slug}.rss.xml"
TAG_FEED_ATOM = "feeds/tag-{slug}.atom.xml"
TAG_FEED_RSS = "feeds/tag-{slug}.rss.xml"
AUTHOR_FEED_ATOM = "feeds/author-{slug}.atom.xml"
AUTHOR_FEED_RSS = "feeds/author-{slug}.rss.xml"
FEED_MAX_ITEMS = 50
RSS_FEED_SUMMARY_ONLY = False
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
'''


def write(corpus: Corpus, root: Path) -> None:
    """``root/warta`` (Warta's content format) and ``root/vanilla`` (Pelican's), replacing both."""
    for name, writer in (("warta", write_warta), ("vanilla", write_vanilla)):
        folder = root / name
        if folder.exists():
            shutil.rmtree(folder)
        writer(corpus, folder)


def write_warta(corpus: Corpus, folder: Path) -> None:
    """The layout of SPEC.md "Content format": data/, releases/, sessions/, pages/, media/."""
    _put(folder / "data/governments.yml", _data_list(corpus.governments, ("slug", "name", "short")))
    _put(folder / "data/agencies.yml", _data_list(corpus.agencies, ("slug", "name", "short", "government")))
    _put(folder / "data/themes.yml", _data_list(corpus.themes, ("slug", "name", "description")))
    _put(folder / "data/series.yml", _series_yaml(corpus.series))
    for entry in [*corpus.releases, *corpus.sessions, *corpus.pages]:
        _put(folder / entry.path, front_matter(entry.meta) + "\n" + entry.body)
    _images(folder)


def write_vanilla(corpus: Corpus, folder: Path) -> None:
    """The same files with Pelican's own metadata header; sessions are articles in category Sesi."""
    names = {a["slug"]: a["short"] for a in corpus.agencies} | {t["slug"]: t["name"] for t in corpus.themes}
    _put(folder / "pelicanconf.py", VANILLA_CONF)
    for entry in corpus.releases:
        _put(folder / entry.path, _vanilla_release(entry, names))
    for entry in corpus.sessions:
        _put(folder / entry.path, _vanilla_session(entry, names))
    for entry in corpus.pages:
        _put(folder / entry.path, f"Title: {entry.meta['title']}\nSlug: {entry.meta['slug']}\n\n{entry.body}")
    _images(folder)


def front_matter(meta: dict) -> str:
    """YAML between ``---`` lines: lists of slugs in flow style, records in block style."""
    lines = ["---"]
    for key, value in meta.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{key}:")
            for item in value:
                for n, (k, v) in enumerate(item.items()):
                    lines.append(f"  {'- ' if n == 0 else '  '}{k}: {_scalar(v)}")
        elif isinstance(value, list):
            lines.append(f"{key}: [{', '.join(value)}]")
        elif isinstance(value, dict):
            lines.append(f"{key}:")
            lines.extend(f"  {k}: {_scalar(v)}" for k, v in value.items())
        else:
            lines.append(f"{key}: {_scalar(value)}")
    return "\n".join([*lines, "---", ""])


def _scalar(value: str) -> str:
    return value if _PLAIN.fullmatch(value) and ": " not in value else json.dumps(value, ensure_ascii=False)


def _data_list(rows: list[dict], keys: tuple[str, ...]) -> str:
    lines = ["# Data sintetis untuk tolok ukur (tools/corpus.py)."]
    for row in rows:
        lines.extend(f"{'- ' if n == 0 else '  '}{k}: {_scalar(row[k])}" for n, k in enumerate(keys))
    return "\n".join(lines) + "\n"


def _series_yaml(series: list[dict]) -> str:
    lines = ["# Seri sesi sintetis."]
    for s in series:
        (hour, minute), length = s["start"], s["minutes"]
        end = hour * 60 + minute + length
        lines += [
            f"- slug: {s['slug']}",
            f"  name: {_scalar(s['name'])}",
            f"  host: {s['host']}",
            f"  description: {_scalar(s['description'])}",
            f'  schedule: {{weekday: {WEEKDAYS[s["weekday"]]}, start: "{hour:02d}:{minute:02d}", '
            f'end: "{end // 60:02d}:{end % 60:02d}"}}',
            "  platforms: [zoom, youtube]",
        ]
    return "\n".join(lines) + "\n"


def _vanilla_header(entry: Entry, names: dict, category: str, slug: str) -> list[str]:
    meta = entry.meta
    lines = [
        f"Title: {meta['title']}",
        f"Date: {meta['date']}",
        f"Category: {category}",
        f"Tags: {', '.join(names[t] for t in meta['themes'])}",
        # Agencies as authors, so that vanilla also writes one listing and one feed per agency.
        f"Authors: {', '.join(names[a] for a in meta['agencies'])}",
        f"Slug: {slug}",
    ]
    if "summary" in meta:
        lines.append(f"Summary: {meta['summary']}")
    return lines


def _vanilla_release(entry: Entry, names: dict) -> str:
    meta = entry.meta
    lines = _vanilla_header(entry, names, TYPE_NAMES[meta["type"]], meta["slug"])
    body = entry.body
    if "image" in meta:
        body = f"![{meta['image_alt']}]({{static}}/media/{meta['image']})\n\n{body}"
    return "\n".join(lines) + "\n\n" + body


def _vanilla_session(entry: Entry, names: dict) -> str:
    """Speakers, recording and chapters, which Warta renders from front matter, go into the body here."""
    meta = entry.meta
    slug = f"{meta['series']}-{meta['date'][:10]}"
    extra = [f"- {s['name']}, {s['role']}" for s in meta["speakers"]]
    if "youtube" in meta:
        extra.append(f"\n[Rekaman](https://www.youtube.com/watch?v={meta['youtube']})\n")
        extra += [f"- {c['at']} {c['title']}" for c in meta["chapters"]]
    return "\n".join(_vanilla_header(entry, names, "Sesi", slug)) + "\n\n" + "\n".join(extra) + "\n\n" + entry.body


def _images(folder: Path) -> None:
    for n, rel in enumerate(IMAGES):
        _put(folder / "media" / rel, png(640, 360, n), binary=True)


def png(width: int, height: int, variant: int) -> bytes:
    """A real RGB PNG (a gradient with stripes), written with zlib and struct only."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter type: none
        for x in range(width):
            stripe = 60 if (x // (16 + variant * 4)) % 2 else 0
            rows += bytes(((x * 255 // width + stripe) % 256, (y * 255 // height) % 256, (variant * 60 + stripe) % 256))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


def _put(path: Path, data, binary: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if binary:
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8", newline="\n")


def folder_digest(folder: Path) -> str:
    """sha256 over every file's relative path and bytes, in path order: equal digests, equal folders."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
