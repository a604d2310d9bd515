"""Runs the Pagefind program over a finished site; the index goes to ``OUTPUT/pagefind/``."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from warta_content.errors import WartaError

from .reuse import index_digest, read_pages, reuse_bundle, write_digest
from .settings import SearchSettings

logger = logging.getLogger(__name__)

BUNDLE = "pagefind"
# The whole archive is Indonesian: one index, with Pagefind's Snowball Indonesian stemmer.
LANGUAGE = "id"


class SearchIndexError(WartaError):
    """Pagefind could not index the site; the build stops so no site without search is published."""


@dataclass(frozen=True)
class IndexReport:
    """What one indexing did, for the build log and the tests."""

    pages: int
    seconds: float
    bundle: Path
    reused: bool = False  # the published bundle was linked in; Pagefind did not run


def find_pagefind(settings: SearchSettings) -> Path:
    """The configured program, else the pinned ``pagefind_bin`` (or ``PAGEFIND_BINARY_PATH``)."""
    if settings.binary:
        return Path(settings.binary)
    from pagefind.service import get_executable

    found = get_executable()
    if found is None or not found.is_file():
        raise SearchIndexError(
            "pencarian: program Pagefind tidak ditemukan; pasang dengan "
            "`.venv/bin/pip install -r requirements.txt` atau isi WARTA_SEARCH['binary']"
        )
    return found


def build_index(
    site: Path, settings: SearchSettings, published: Path | None = None, glob: str | None = None
) -> IndexReport:
    """Index the pages under ``site`` that ``glob`` matches and carry data-pagefind-body; raise SearchIndexError.

    When the bundle in the ``published`` site was built from exactly the same input, it is reused.
    """
    program = find_pagefind(settings)
    bundle = site / BUNDLE
    command = [str(program), "--site", str(site), "--output-path", str(bundle), "--force-language", LANGUAGE]
    if glob:
        command += ["--glob", glob]
    started = time.monotonic()
    digest = index_digest(site, program, command, read_pages(site, glob))
    in_place = published is not None and (published / BUNDLE).resolve() == bundle.resolve()
    if not in_place:
        shutil.rmtree(bundle, ignore_errors=True)
    if digest and published is not None:
        pages = reuse_bundle(published / BUNDLE, bundle, digest)
        if pages is not None:
            return IndexReport(pages, time.monotonic() - started, bundle, reused=True)
    pages = _run_pagefind(command, site, bundle)
    if digest:
        write_digest(bundle, digest)
    return IndexReport(pages, time.monotonic() - started, bundle)


def _run_pagefind(command: list[str], site: Path, bundle: Path) -> int:
    """Run Pagefind into an empty ``bundle``; the number of pages it indexed."""
    # Pagefind adds files next to old ones; start empty so no stale shard survives a rebuild.
    shutil.rmtree(bundle, ignore_errors=True)
    try:
        proc = subprocess.run(command, capture_output=True, text=True, cwd=site)
    except OSError as err:
        raise SearchIndexError(f"pencarian: tidak dapat menjalankan Pagefind ({command[0]}): {err}") from err
    if proc.returncode != 0 or not (bundle / "pagefind.js").is_file():
        raise SearchIndexError(
            f"pencarian: Pagefind gagal mengindeks {site} (kode keluar {proc.returncode}); "
            f"situs tidak diterbitkan tanpa pencarian:\n{_tail(proc.stderr or proc.stdout)}"
        )
    return _indexed_pages(proc.stdout)


def _indexed_pages(log: str) -> int:
    match = re.search(r"Indexed (\d+) pages?", log)
    return int(match.group(1)) if match else 0


def _tail(text: str, lines: int = 12) -> str:
    kept = [line for line in text.strip().splitlines() if line.strip()][-lines:]
    return "\n".join(f"  {line}" for line in kept) or "  (Pagefind tidak menulis pesan apa pun)"
