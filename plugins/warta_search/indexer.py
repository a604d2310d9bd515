"""Index a finished site shard by shard: ``OUT/pagefind/<shard>/`` (or ``OUT/pagefind/`` for a single shard).

A shard whose digest equals the published one's is hard-linked from the published site; the
others run Pagefind, two at a time while their pages fit in the memory budget. ``pagefind/warta-shards.json`` lists the
shards, newest first, for other sites that merge this index and for the checks.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from .program import VIEW_PREFIX, command, find_pagefind, run_pagefind
from .reuse import program_digest, reuse_bundle, shard_digest, write_digest
from .settings import SearchSettings
from .shards import Shard

logger = logging.getLogger(__name__)

BUNDLE = "pagefind"
SHARD_LIST = "warta-shards.json"  # in pagefind/: which shards there are, newest first
PARALLEL = 2  # Pagefind runs at once, at most (see _index_changed)


@dataclass(frozen=True)
class ShardReport:
    """What indexing did for one shard."""

    name: str
    pages: int
    seconds: float = 0.0
    peak_mib: float = 0.0  # Pagefind's maximum resident memory; 0 when reused
    reused: bool = False  # the published bundle was linked in; Pagefind did not run


@dataclass(frozen=True)
class IndexReport:
    """What one indexing did, for the build log and the tests."""

    shards: list[ShardReport]
    seconds: float
    root: Path

    @property
    def pages(self) -> int:
        return sum(s.pages for s in self.shards)

    @property
    def indexed(self) -> list[ShardReport]:
        return [s for s in self.shards if not s.reused]


def build_index(
    site: Path,
    settings: SearchSettings,
    shards: list[Shard],
    published: Path | None = None,
    written: Mapping[str, str] | None = None,
) -> IndexReport:
    """Index each shard's pages into its bundle, reusing published bundles built from the same input.

    ``written``: output path → SHA-256 of the page this build wrote, when the build recorded them.
    Raises SearchIndexError.
    """
    started = time.monotonic()
    program = find_pagefind(settings)
    template = command(program)
    root, old_root = site / BUNDLE, (published / BUNDLE if published is not None else None)
    _clear(site, root, shards, in_place=old_root is not None and old_root.resolve() == root.resolve())
    binary = program_digest(program)
    reports: dict[str, ShardReport] = {}
    changed: list[tuple[Shard, str | None]] = []
    for shard in shards:
        digest = shard_digest(site, binary, template, shard.pages, written) if binary else None
        pages = reuse_bundle(old_root / shard.folder, root / shard.folder, digest) if digest and old_root else None
        if pages is None:
            changed.append((shard, digest))
        else:
            reports[shard.name] = ShardReport(shard.name, pages, reused=True)
    reports |= _index_changed(site, root, template, changed, settings.shard_max_pages)
    _write_shard_list(root, shards, reports)
    return IndexReport([reports[s.name] for s in shards], time.monotonic() - started, root)


def _index_changed(site: Path, root: Path, template: list[str], changed: list, budget: int) -> dict[str, ShardReport]:
    """Run Pagefind for each changed shard, the largest first.

    Two run at once (the build machine has two cores, and Pagefind uses about one) while together
    they hold at most ``budget`` pages: Pagefind keeps its whole index in memory (~0.3 MB a page),
    so the budget bounds the memory of indexing whatever the shard sizes. A larger shard runs alone.
    """

    def index(shard: Shard, digest: str | None) -> ShardReport:
        bundle = root / shard.folder
        run = run_pagefind(template, site, shard.pages, bundle)
        if digest:
            write_digest(bundle, digest)
        logger.info(
            "Warta: pencarian bagian %s: %d halaman dalam %.1f detik, memori puncak Pagefind %.0f MiB",
            shard.name,
            run.pages,
            run.seconds,
            run.peak_mib,
        )
        return ShardReport(shard.name, run.pages, run.seconds, run.peak_mib)

    pending = sorted(changed, key=lambda job: -len(job[0].pages))
    running: dict[Future, int] = {}  # each run and its pages
    reports: dict[str, ShardReport] = {}
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        while pending or running:
            for job in list(pending):
                size = len(job[0].pages)
                if not running or (len(running) < PARALLEL and sum(running.values()) + size <= budget):
                    running[pool.submit(index, *job)] = size
                    pending.remove(job)
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                del running[future]
                if future.exception() is not None:
                    pending.clear()  # no new run; those under way finish before the error is raised
                    wait(running)
                    raise future.exception()
                reports[future.result().name] = future.result()
    return reports


def _clear(site: Path, root: Path, shards: list[Shard], in_place: bool) -> None:
    """Start from an empty ``pagefind/``; building in place, keep the bundles that may still be current."""
    for leftover in site.glob(f"{VIEW_PREFIX}*"):  # from a run that was killed
        shutil.rmtree(leftover, ignore_errors=True)
    if not in_place or not root.is_dir():
        shutil.rmtree(root, ignore_errors=True)
        return
    current = {s.folder.rstrip("/") for s in shards}
    single = current == {""}
    for child in root.iterdir():
        # One shard: pagefind/ is the bundle, and holds no shard folders. Several: only their folders.
        stale = (child / "pagefind-entry.json").is_file() if single else child.name not in current
        if stale and child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        elif stale:
            child.unlink()


def _write_shard_list(root: Path, shards: list[Shard], reports: dict[str, ShardReport]) -> None:
    """``pagefind/warta-shards.json``, newest first; replaced, never written into (it may be a published file)."""
    listed = {
        "format": 1,
        "shards": [
            {"name": s.name, "folder": s.folder, "first": s.first, "last": s.last, "pages": reports[s.name].pages}
            for s in shards
        ],
    }
    root.mkdir(parents=True, exist_ok=True)
    fresh = root / f".{SHARD_LIST}.new"
    fresh.write_text(json.dumps(listed, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(fresh, root / SHARD_LIST)
