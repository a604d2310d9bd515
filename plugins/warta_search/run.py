"""When the index is built: shard by shard as the build writes their pages, or all at ``finalized``.

Pagefind is a process of its own. The build renders the pages of one shard after another
(``OutputRecord.when_written``) and hands each shard to the indexing as soon as its pages are
written, so Pagefind indexes it while the next shards, the listings and the feeds are rendered
and warta_manifest checks the output; ``finish_indexing`` then waits for the last run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from warta_content import build_state

from .indexer import Indexing, IndexReport
from .settings import read_settings
from .shards import Shard
from .variants import Variants


@dataclass
class SearchBuild:
    """What the search page's writer plans for the indexing, in the build's state (``part``)."""

    shards: list[Shard] | None = None  # None: no search page planned any (the plugin writes nothing)
    variants: Variants | None = None  # data/search-variants.yml
    views: dict[str, Path] | None = None  # each shard's folder of trimmed page copies, when rendered with them
    indexing: Indexing | None = None  # started when the first shard's pages were written


def shard_written(pelican, shard: Shard) -> None:
    """Index ``shard`` now: its pages are written."""
    search = build_state(pelican).part(SearchBuild)
    indexing = search.indexing
    if indexing is None:
        indexing = search.indexing = start_indexing(pelican)
        if indexing is not None:
            # Should the build fail before finish_indexing: the preview server stops the runs (a
            # finished process stops them at exit).
            build_state(pelican).if_failed.append(indexing.abandon)
    if indexing is not None:
        indexing.add(shard)


def finish_indexing(pelican) -> IndexReport | None:
    """The report of the indexing this build started, or of one made now; raises SearchIndexError."""
    search = build_state(pelican).part(SearchBuild)
    indexing = search.indexing or start_indexing(pelican)
    search.indexing = None
    return indexing.finish() if indexing is not None else None


def start_indexing(pelican) -> Indexing | None:
    """The published site (the state's ``published``, from warta_publish, else OUTPUT_PATH) lends
    each bundle whose pages have not changed; the state's ``written``, when a build records what
    it wrote, spares reading the pages again. None when no search page planned shards.
    """
    state = build_state(pelican)
    search = state.part(SearchBuild)
    if search.shards is None:
        return None
    published = state.published or pelican.settings.get("OUTPUT_PATH")
    settings = read_settings(pelican.settings)
    published = Path(published) if published else None
    return Indexing(
        Path(pelican.output_path), settings, search.shards, published, state.written, search.views, search.variants
    )
