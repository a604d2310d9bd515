"""Checks that every published release, session and page made it everywhere it belongs."""

from __future__ import annotations

import gzip
import json
import logging
import re
from collections import defaultdict
from pathlib import Path

from warta_content import (
    HEAD_CHARS,
    WartaError,
    abs_url_for,
    build_state,
    declared_canonical,
    declared_kinds,
    site_files,
)

logger = logging.getLogger(__name__)
_HREF = re.compile(r'href="([^"#?]*)')
_LOC = re.compile(r"<loc>([^<]+)</loc>")
CANONICALS = ".warta/kanonik.json"  # beside the output record (excluded from publishing with it)
SHOWN = 40  # problems listed in the message; the rest are counted


class ManifestError(WartaError):
    """The output lacks something the sources promise; the build stops before publishing."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        more = f"\n  … dan {len(problems) - SHOWN} lagi" if len(problems) > SHOWN else ""
        lines = "\n".join(f"  {p}" for p in problems[:SHOWN])
        super().__init__(f"pemeriksaan hasil: {len(problems)} masalah; situs lama tetap tayang:\n{lines}{more}")


def check_output(pelican) -> None:
    """Every published entry has its page, and is in the sitemap, its listings and the open data;
    no page is written twice under two addresses. Runs once every page is written (pages_rendered)."""
    state = build_state(pelican)
    if state.archive is None or state.output is None:
        return
    out, archive, output = Path(pelican.output_path), state.archive, state.output
    siteurl = pelican.settings.get("SITEURL", "").rstrip("/")
    abs_url = abs_url_for(pelican.settings)  # as the pages were written with
    entries = archive.entries
    written = output.files  # every file this build wrote or linked: path → SHA-256
    problems = [
        f"{e.source}: halamannya /{e.url} tidak ditulis"
        for e in entries
        if e.save_as not in written and not (out / e.save_as).is_file()
    ]
    problems += _missing_from_sitemap(out, entries, abs_url)
    problems += _missing_from_listings(out, archive, siteurl)
    problems += _missing_from_open_data(out, archive, abs_url)
    problems += _duplicate_pages(out, written, output.canonicals, output.published)
    if problems:
        raise ManifestError(problems)
    state.searchable = {f"/{e.url}": e.source for e in entries}


def _missing_from_sitemap(out: Path, entries, abs_url) -> list[str]:
    sitemap = out / "sitemap.xml"
    locs = set(_LOC.findall(sitemap.read_text(encoding="utf-8"))) if sitemap.is_file() else set()
    return [f"{e.source}: /{e.url} tidak ada di sitemap.xml" for e in entries if abs_url(e.url) not in locs]


def _links_under(out: Path, base: str, siteurl: str) -> set[str]:
    """Every link on a listing's pages (``base/index.html`` and ``base/hal/N/index.html``)."""
    pages = [out / base / "index.html", *(out / base / "hal").glob("*/index.html")]
    links: set[str] = set()
    for page in pages:
        if page.is_file():
            links.update(href.removeprefix(siteurl).lstrip("/") for href in _HREF.findall(page.read_text("utf-8")))
    return links


def _missing_from_listings(out: Path, archive, siteurl: str) -> list[str]:
    expected: dict[str, list] = defaultdict(list)
    governments = len(archive.vocab.governments) > 1
    for r in archive.releases:
        bases = [a.url for a in r.agencies] + [t.url for t in r.themes] + [r.type.url, f"arsip/{r.date:%Y/%m}/"]
        bases += [g.url for g in r.governments] if governments else []
        for base in bases:
            expected[base].append(r)
    for s in archive.sessions:
        expected[s.series.url].append(s)
    for kind in declared_kinds():
        if kind.listing:
            expected[kind.listing] += archive.declared.get(kind.name, [])
    problems = []
    for base, members in expected.items():
        links = _links_under(out, base, siteurl)
        problems += [f"{e.source}: /{e.url} tidak ada di daftar /{base}" for e in members if e.url not in links]
    return problems


def _missing_from_open_data(out: Path, archive, abs_url) -> list[str]:
    data = out / "data" / "berita.json"
    if not data.is_file():
        return ["data/berita.json tidak ditulis"]
    urls = {row["url"] for row in json.loads(data.read_text("utf-8"))["records"]}
    return [
        f"{r.source}: /{r.url} tidak ada di data/berita.json" for r in archive.releases if abs_url(r.url) not in urls
    ]


def _duplicate_pages(out: Path, written: dict[str, str], declared: dict[str, str], published: Path | None) -> list[str]:
    """Two HTML files claiming one canonical URL (redirect pages excepted) publish one thing twice.

    A page's canonical URL is a property of its bytes: the renderer notes it for each page it
    writes (``declared``); each build leaves ``.warta/kanonik.json`` (SHA-256 → canonical URL), so
    the next one knows it for the pages it links. Only a page neither covers is read.
    """
    known = _read_canonicals(published)
    found: dict[str, str] = {}
    owners: dict[str, list[str]] = defaultdict(list)
    for relative, page in site_files(out, hidden=False):
        if not relative.endswith(".html"):
            continue
        digest = written.get(relative)
        canonical = declared.get(relative)
        if canonical is None and digest:
            canonical = known.get(digest)
        if canonical is None:
            canonical = _canonical(page)
        if digest:
            found[digest] = canonical
        if canonical:
            owners[canonical].append(relative)
    target = out / CANONICALS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(found, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    return [
        f"{url} ditulis {len(files)} kali: {', '.join(sorted(files))}"
        for url, files in owners.items()
        if len(files) > 1
    ]


def _canonical(page: str) -> str:
    """``declared_canonical`` of a page file, from its head alone (whole pages are ~400 MB at 10k)."""
    with open(page, encoding="utf-8") as html:
        return declared_canonical(html.read(HEAD_CHARS))


def _read_canonicals(site: Path | None) -> dict[str, str]:
    try:
        found = json.loads((site / CANONICALS).read_text(encoding="utf-8")) if site else {}
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def check_search_index(pelican) -> None:
    """Every release, session and page is in the search index, over all its shards; counted cheaply, named when not."""
    expected = build_state(pelican).searchable
    root = Path(pelican.output_path) / "pagefind"
    # One bundle is pagefind/ itself; several are pagefind/<shard>/ (warta_search/shards.py).
    bundles = [b for b in [root, *sorted(root.glob("*"))] if (b / "pagefind-entry.json").is_file()]
    if expected is None or not bundles:
        return
    counted = 0
    for bundle in bundles:
        entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
        counted += sum(lang["page_count"] for lang in entry["languages"].values())
    if counted == len(expected):
        return
    found: dict[str, list[str]] = defaultdict(list)  # URL → the bundles holding it
    for bundle in bundles:
        for fragment in (bundle / "fragment").glob("*.pf_fragment"):
            text = gzip.decompress(fragment.read_bytes()).decode("utf-8")
            found[json.loads(text[text.index("{") :])["url"]].append(bundle.relative_to(root.parent).as_posix())
    missing = [f"{source}: {url} tidak ada di indeks pencarian" for url, source in expected.items() if url not in found]
    extra = [f"{url} ada di indeks pencarian padahal bukan rilis, sesi atau halaman" for url in found.keys() - expected]
    twice = [
        f"{url} ada di {len(where)} bagian indeks pencarian: {', '.join(where)}"
        for url, where in found.items()
        if len(where) > 1
    ]
    raise ManifestError(
        missing + extra + twice or [f"indeks pencarian memuat {counted} halaman, seharusnya {len(expected)}"]
    )
