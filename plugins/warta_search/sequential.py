"""The sequential indexer (a ``SearchIndexer``, indexing.py): once every page is written, Pagefind
runs over one shard after another, in the build's own thread.

The plain way to index, easy to follow: no thread, no run paused, no trimmed copies. Each shard's
run reads the finished pages through a folder of hard links (``program.shard_view``), or of
trimmed copies when the archive has search variants (only the copies carry them). Slower than the
overlapping indexer, which indexes while the build renders (docs/search.md);
``WARTA_SEARCH = {"indexer": "sequential"}`` chooses it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from pathlib import Path

from warta_content import detik

from .indexing import BUNDLE, Copy, IndexReport, ShardReport, clear_bundles, write_shard_list
from .program import SearchIndexError, command, find_pagefind, run_pagefind_plain, shard_view
from .reuse import program_digest, reuse_bundle, shard_digest, write_digest
from .settings import SearchSettings
from .shards import Shard
from .variants import Variants

logger = logging.getLogger(__name__)


class SequentialIndexer:
    """One build's search index, made at ``finish``, one shard after another."""

    def __init__(
        self,
        site: Path,
        settings: SearchSettings,
        shards: list[Shard],
        published: Path | None = None,
        written: Mapping[str, str] | None = None,
        variants: Variants | None = None,
    ):
        """``written``: path → SHA-256 of the pages this build wrote (its shards' digests need no
        reading then); ``published``: the site whose unchanged bundles are linked instead of made."""
        self.site, self.settings, self.shards, self.written = site, settings, shards, written
        self.root, self.old_root = site / BUNDLE, (published / BUNDLE if published is not None else None)
        self.variants = variants or Variants()
        self.aborted = False

    def trimmed_copies(self, shard: Shard) -> Copy | None:
        return None  # Pagefind reads the finished pages

    def add(self, shard: Shard) -> None:
        pass  # every shard is indexed in finish(), once the build has written every page

    def finish(self) -> IndexReport:
        if self.aborted:
            raise SearchIndexError("pencarian: tidak diindeks karena pembangunan berhenti")
        started = time.monotonic()
        program = find_pagefind(self.settings)
        template, binary = command(program), program_digest(program)
        in_place = self.old_root is not None and self.old_root.resolve() == self.root.resolve()
        clear_bundles(self.site, self.root, self.shards, in_place)
        reports = {shard.name: self._index(shard, template, binary) for shard in self.shards}
        write_shard_list(self.root, self.shards, reports)
        return IndexReport(list(reports.values()), time.monotonic() - started, self.root)

    def abort(self) -> None:
        self.aborted = True  # nothing runs outside finish(), which runs in the build's own thread

    def _index(self, shard: Shard, template: list[str], binary: bytes | None) -> ShardReport:
        """Link the published bundle of ``shard`` when its pages have not changed, else run Pagefind."""
        digest = None
        if binary:
            digest = shard_digest(self.site, binary, template, shard.pages, self.written, self.variants.digest)
        bundle = self.root / shard.folder
        if digest and self.old_root:
            pages = reuse_bundle(self.old_root / shard.folder, bundle, digest)
            if pages is not None:
                return ShardReport(shard.name, pages, reused=True)
        with shard_view(self.site, shard.pages, variants=self.variants) as view:
            run = run_pagefind_plain(template, self.site, view, bundle)
        if digest:
            write_digest(bundle, digest)
        logger.info("Warta: pencarian bagian %s: %d halaman dalam %s detik", shard.name, run.pages, detik(run.seconds))
        return ShardReport(shard.name, run.pages, run.seconds)
