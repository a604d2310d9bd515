"""When the index is built: the build's ``SearchIndexer`` (indexing.py), made once the pages are
planned, hears of each shard as soon as its pages are written, and finishes at ``finalized``.

Pagefind is a process of its own. The build renders the pages of one shard after another
(``OutputRecord.when_written``) and hands each shard to the indexer as soon as its pages are
written; ``WARTA_SEARCH["indexer"]`` says which indexer: the overlapping one indexes it at once,
while the next shards, the listings and the feeds are rendered and warta_manifest checks the
output, the sequential one waits for ``finish_indexing``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from warta_content import build_state

from .indexing import IndexReport, SearchIndexer
from .overlapping import OverlappingIndexer
from .sequential import SequentialIndexer
from .settings import read_settings
from .shards import Shard
from .variants import Variants


@dataclass
class SearchBuild:
    """What the search page's writer plans for the indexing, in the build's state (``part``)."""

    shards: list[Shard] | None = None  # None: no search page planned any (the plugin writes nothing)
    variants: Variants | None = None  # data/search-variants.yml
    indexer: SearchIndexer | None = None  # made once the shards are planned, until finish_indexing


def start_indexer(pelican) -> SearchIndexer:
    """This build's indexer, made on first use, once the search page has planned the shards.

    The published site (the state's ``published``, from warta_publish, else OUTPUT_PATH) lends
    each bundle whose pages have not changed; the state's ``written``, what the build recorded
    while writing, spares reading the pages again.
    """
    state = build_state(pelican)
    search = state.part(SearchBuild)
    if search.indexer is not None:
        return search.indexer
    settings = read_settings(pelican.settings)
    published = state.published or pelican.settings.get("OUTPUT_PATH")
    published = Path(published) if published else None
    site, shards, variants = Path(pelican.output_path), search.shards or [], search.variants
    if settings.indexer == "sequential":
        indexer = SequentialIndexer(site, settings, shards, published, state.written, variants)
    else:
        indexer = OverlappingIndexer.for_build(site, settings, shards, published, state.written, variants)
    search.indexer = indexer
    # Should the build fail before finish_indexing: the preview server stops the runs (a finished
    # process stops them at exit).
    state.if_failed.append(indexer.abort)
    return indexer


def finish_indexing(pelican) -> IndexReport | None:
    """The report of this build's indexing; None when no search page planned shards. Raises SearchIndexError."""
    search = build_state(pelican).part(SearchBuild)
    if search.shards is None:
        return None
    indexer, search.indexer = start_indexer(pelican), None
    return indexer.finish()
