"""When the index is built: shard by shard as the build writes their pages, or all at ``finalized``.

Pagefind is a process of its own. The build renders the pages of one shard after another
(``OutputRecord.when_written``) and hands each shard to the indexing as soon as its pages are
written, so Pagefind indexes it while the next shards, the listings and the feeds are rendered
and warta_manifest checks the output; ``finish_indexing`` then waits for the last run.
"""

from __future__ import annotations

from pathlib import Path

from .indexer import Indexing, IndexReport
from .settings import read_settings
from .shards import Shard


def shard_written(pelican, shard: Shard) -> None:
    """Index ``shard`` now: its pages are written."""
    indexing = getattr(pelican, "warta_indexing", None)
    if indexing is None:
        indexing = pelican.warta_indexing = start_indexing(pelican)
        if indexing is not None:
            # Should the build fail before finish_indexing: the preview server stops the runs (a
            # finished process stops them at exit).
            pelican.warta_if_failed = [*getattr(pelican, "warta_if_failed", []), indexing.abandon]
    if indexing is not None:
        indexing.add(shard)


def finish_indexing(pelican) -> IndexReport | None:
    """The report of the indexing this build started, or of one made now; raises SearchIndexError."""
    indexing = getattr(pelican, "warta_indexing", None) or start_indexing(pelican)
    pelican.warta_indexing = None
    return indexing.finish() if indexing is not None else None


def start_indexing(pelican) -> Indexing | None:
    """The published site (``pelican.warta_published`` from warta_publish, else OUTPUT_PATH) lends
    each bundle whose pages have not changed; ``pelican.warta_written``, when a build records
    what it wrote, spares reading the pages again. None when no search page planned shards.
    """
    shards = getattr(pelican, "warta_search_shards", None)
    if shards is None:
        return None
    published = getattr(pelican, "warta_published", None) or pelican.settings.get("OUTPUT_PATH")
    written = getattr(pelican, "warta_written", None)
    # Each shard's folder the build wrote its trimmed pages into, when it did (SearchPageWriter).
    views = getattr(pelican, "warta_search_views", None)
    variants = getattr(pelican, "warta_search_variants", None)  # data/search-variants.yml (SearchPageWriter)
    settings = read_settings(pelican.settings)
    published = Path(published) if published else None
    return Indexing(Path(pelican.output_path), settings, shards, published, written, views, variants)
