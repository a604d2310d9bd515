"""How a build hands its written pages to search indexing: the ``SearchIndexer`` interface.

The build sees only this interface (generator.py, run.py). Two indexers implement it, and
``WARTA_SEARCH["indexer"]`` picks one (run.py):

- ``OverlappingIndexer`` (overlapping.py, the default, the faster): each shard is indexed from
  a thread as soon as its pages are written, while the build renders the rest; Pagefind runs
  overlap, paused so that one index is held in memory at a time, over trimmed copies of the pages
  that the renderer writes (in memory when there is room).
- ``SequentialIndexer`` (sequential.py, the plain one): once every page is written, Pagefind runs
  over one shard after another, on the finished pages.

Both lend each shard whose pages have not changed from the published site (reuse.py) and leave
the same bundles. What they share is below: the reports, clearing ``pagefind/`` before a build
indexes, and the list of shards written after it.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .program import VIEW_PREFIX
from .shards import Shard

BUNDLE = "pagefind"
SHARD_LIST = "warta-shards.json"  # in pagefind/: which shards there are, newest first
# A trimmed second copy of each page of a shard, written by the renderer: the folder it goes under
# and the function that trims a page's bytes (OutputRecord.when_written's ``copy``).
Copy = tuple[Path, Callable[[bytes], bytes]]


@dataclass(frozen=True)
class ShardReport:
    """What indexing did for one shard."""

    name: str
    pages: int
    seconds: float = 0.0
    peak_mib: float = 0.0  # Pagefind's maximum resident memory; 0 when reused or not measured
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


class SearchIndexer(Protocol):
    """One build's search index, made from the pages the build writes, shard by shard."""

    def trimmed_copies(self, shard: Shard) -> Copy | None:
        """Where the renderer should also write what Pagefind reads of ``shard``'s pages; None: no copies."""

    def add(self, shard: Shard) -> None:
        """``shard``'s pages are written: index it now, or remember it for ``finish``."""

    def finish(self) -> IndexReport:
        """Index every shard not indexed yet, wait for all of them and list them; raises SearchIndexError."""

    def abort(self) -> None:
        """The build failed: start no Pagefind run, stop those under way, remove what was staged."""


def clear_bundles(site: Path, root: Path, shards: list[Shard], in_place: bool, keep: set[Path] = frozenset()) -> None:
    """Start from an empty ``pagefind/``; building in place, keep the bundles that may still be current.

    Also removes the folders of pages left in the site by a Pagefind run that was killed,
    except ``keep``: the folders of trimmed pages this build is writing."""
    kept = {str(folder.resolve()) for folder in keep}
    for leftover in site.glob(f"{VIEW_PREFIX}*"):
        if str(leftover.resolve()) not in kept:
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


def write_shard_list(root: Path, shards: list[Shard], reports: dict[str, ShardReport]) -> None:
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
