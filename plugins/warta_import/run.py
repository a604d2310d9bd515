"""`invoke import SOURCE`: the import as a list of phases."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

import yaml

from . import documents, mapping
from .body import MAX_HTML
from .convert import convert_all
from .media import Downloader
from .model import Item
from .record import ImportRecord
from .report import Report
from .sources import Source, open_source

QUERIES = "data/import-queries.yml"
SKIPPED_STATUSES = {
    "trash": "ada di tempat sampah WordPress",
    "auto-draft": "draf otomatis WordPress",
    "inherit": "revisi",
}
HELD = {"draft": "draf", "pending": "menunggu tinjauan", "private": "privat"}


@dataclass(frozen=True)
class Options:
    source: str
    content: Path
    work: Path  # holds import-map.yml, import-record.json and import-report.md
    dry_run: bool = False
    media: bool = True
    force: bool = False
    # ``invoke check`` of the content folder once written: every problem that would stop the build, as
    # "file: field: message" lines. Handed in by tasks.py, which may reach the core's loader.
    check: Callable[[Path], list[str]] | None = None


def run(options: Options) -> Report:
    """Read the source, draft or apply the map, write the files, record and report what happened."""
    started = time.monotonic()
    source = open_source(options.source)
    report = Report(source.name, source.kind, options.dry_run)
    vocab = mapping.load_vocabulary(options.content)
    map_path = options.work / "import-map.yml"
    import_map = _ready_map(source, map_path, vocab, report, options.dry_run)
    if import_map is None:
        return report.finish(options.work, started)
    record = ImportRecord.load(options.work / "import-record.json")
    queries = _Queries()
    queries.owners.update(_page_addresses(options.content))
    imported = _import_all(source, import_map, record, options, report, queries)
    _report_orphans(source, imported, report)
    if not options.dry_run:
        record.save()
        _save_queries(options.content, queries)
        if options.check:
            report.check_problems = options.check(options.content)
    return report.finish(options.work, started)


def _import_all(source: Source, m, record: ImportRecord, options: Options, report: Report, queries) -> set[str]:
    """Every item, converted by the workers and written here in order; the WordPress ids imported."""
    media = Downloader(options.content, options.dry_run, options.media)
    claims: dict[str, str] = {}
    imported: set[str] = set()
    for item, body in convert_all(source, options, m.defaults.get("drafts", "skip")):
        if _import(item, body, source, m, record, media, options, report, queries):
            imported.add(item.wp_id)
        _claim(item, body, claims, report)
    return imported


def _report_orphans(source: Source, imported: set[str], report: Report) -> None:
    """Attachments that belong to no imported post: listed, never dropped in silence."""
    for attachment in source.attachments.values():
        if attachment.parent not in imported:
            report.skipped.append(
                f"lampiran #{attachment.wp_id} {attachment.url}: dilewati, tidak menempel pada tulisan yang diimpor "
                "(halaman lampirannya tidak dialihkan); bila masih dipakai, unggah ke media/ dan tautkan dari rilisnya"
            )


def _ready_map(source: Source, path: Path, vocab, report: Report, dry_run: bool) -> mapping.ImportMap | None:
    """The map when it is complete; otherwise drafted or extended, and None (nothing is imported)."""
    used, names = source.terms()
    existing = mapping.load(path)
    added, current = mapping.update(existing, path, used, vocab, names, dry_run)
    if existing is None or added:
        report.drafted(path, added, mapping.problems(current, vocab))
        return None
    mapping.require_complete(current, vocab)
    if current.defaults.get("unmapped_tags") == "ignore":
        tags = current.data.get("tags") or {}
        report.ignored = [
            f"tag '{e.get('name', k)}' ({e.get('posts', 0)} tulisan)" for k, e in tags.items() if e.get("todo")
        ]
    return current


def skip_reason(item: Item, drafts: str) -> str:
    """Why an item is not imported, or "" when it is."""
    if item.status in SKIPPED_STATUSES:
        return SKIPPED_STATUSES[item.status]
    if item.status in HELD and drafts == "skip":
        return f"{HELD[item.status]} (defaults → drafts: skip di peta impor)"
    if item.date is None and item.kind == "post":
        return "tanpa tanggal terbit; tulis sendiri sebagai rilis baru (invoke new)"
    if len(item.html) > MAX_HTML:
        return f"isinya terlalu besar ({len(item.html):,} karakter, paling banyak {MAX_HTML:,}); salin sendiri"
    return ""


def _import(
    item: Item, body, source: Source, m, record: ImportRecord, media: Downloader, options: Options, report, queries
):
    why = skip_reason(item, m.defaults.get("drafts", "skip"))
    if why or body is None:
        report.skip(item, why)
        return False
    held = item.status in HELD
    pages = [a.link for a in source.children(item.wp_id) if a.link and "attachment_id=" not in a.link]
    image = _lead_image(item, source, media, report) if item.kind == "post" else ("", "")

    def document() -> documents.Document:
        if item.kind == "page":
            return documents.page(item, body, held, queries.owners)
        return documents.release(item, body, m.resolve(item.terms), image, held, pages, queries.owners)

    doc = document()
    rel = record.place(item.key, doc.rel, options.content)
    if rel != doc.rel:  # another post of the month (or a file already there) has this slug: the name is the slug
        item.slug = PurePosixPath(rel).stem
        doc = document()
    outcome = record.write(item.key, rel, doc.text, options.content, options.dry_run, options.force)
    for path in [*doc.aliases, *doc.server]:
        queries.owners[unquote(path).rstrip("/").lower()] = rel
    for query in [*item.old_queries, *doc.server]:
        queries[query] = rel
    for attachment in source.children(item.wp_id):
        queries[f"/?attachment_id={attachment.wp_id}"] = rel
    report.imported(item, rel, outcome, body, doc, held, item.status == "future")
    return True


def _page_addresses(content: Path) -> dict[str, str]:
    """The address of every static page already in the archive (its ``slug``, else its file name), owned by it."""
    owners = {}
    for path in sorted((content / "pages").glob("*.md")):
        found = _SLUG.search(path.read_text(encoding="utf-8", errors="replace"))
        slug = found[1] if found else path.stem
        owners[f"/{slug}".lower()] = f"halaman Warta pages/{path.name}"
    return owners


_SLUG = re.compile(r"^slug:\s*[\"']?([a-z0-9-]+)", re.MULTILINE)


class _Queries(dict):
    """Old addresses for nginx's map (address → file); ``owners``: every old path taken in this run."""

    def __init__(self):
        super().__init__()
        self.owners: dict[str, str] = {}


def _claim(item: Item, body, claims: dict[str, str], report) -> None:
    """Two addresses whose files would share one name under media/: the second is reported, never merged."""
    for rel, url in (body.media if body else {}).items():
        if claims.setdefault(rel, url) != url:
            report.attention(item, f"{url} dan {claims[rel]} sama-sama menjadi {rel}; periksa gambarnya")


def _lead_image(item: Item, source: Source, media: Downloader, report) -> tuple[str, str]:
    """The featured image with its alt text; without alt text it is left out and listed, never invented."""
    attachment = source.attachments.get(item.image_id) if item.image_id else None
    if attachment is None:
        return "", ""
    fetched = media.get(attachment.url)
    if not fetched.rel:
        report.attention(item, f"gambar utama {attachment.url} tidak diimpor: {fetched.error}")
        return "", ""
    if not attachment.alt:
        report.missing_alt(item, fetched.rel, lead=True)
        return "", ""
    return fetched.rel.removeprefix("media/"), attachment.alt


def _save_queries(content: Path, queries: dict[str, str]) -> None:
    """Old addresses with a query (/?p=12): the build turns them into nginx-query-redirects.conf."""
    path = content / QUERIES
    known = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    merged = {**(known or {}), **queries}
    if not merged:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    header = (
        "# Dibuat oleh `invoke import`: alamat lama berparameter (mis. /?p=123) → berkas rilis atau halaman\n"
        "# yang menggantikannya. Pembangunan menulis nginx-query-redirects.conf darinya (301 di nginx).\n"
        "# Bila berkasnya dipindah atau diganti namanya, betulkan jalurnya di sini.\n"
    )
    path.write_text(header + yaml.safe_dump(merged, allow_unicode=True, sort_keys=True, width=1000), encoding="utf-8")
