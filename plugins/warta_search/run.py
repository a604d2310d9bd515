"""When the index is built: in a thread as soon as every page is written, or at ``finalized``.

Pagefind is a process of its own. Started once the pages it indexes are written
(``OutputRecord.when_written``), it runs while the build renders the other pages (listings,
feeds…) and checks its output (warta_manifest); ``finish_indexing`` then waits for it.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .indexer import IndexReport, build_index
from .settings import read_settings


def start_indexing(pelican) -> None:
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="warta-pencarian")
    pelican.warta_search_job = pool.submit(index_now, pelican)
    pool.shutdown(wait=False)  # the job still runs; the interpreter waits for it before exiting


def finish_indexing(pelican) -> IndexReport | None:
    """The report of the indexing started early, or of one run now; raises SearchIndexError."""
    job = getattr(pelican, "warta_search_job", None)
    pelican.warta_search_job = None
    return job.result() if job is not None else index_now(pelican)


def index_now(pelican) -> IndexReport | None:
    """The published site (``pelican.warta_published`` from warta_publish, else OUTPUT_PATH) lends
    each bundle whose pages have not changed; ``pelican.warta_written``, when a build records
    what it wrote, spares reading the pages again. None when no search page planned shards.
    """
    shards = getattr(pelican, "warta_search_shards", None)
    if shards is None:
        return None
    published = getattr(pelican, "warta_published", None) or pelican.settings.get("OUTPUT_PATH")
    written = getattr(pelican, "warta_written", None)
    settings = read_settings(pelican.settings)
    return build_index(Path(pelican.output_path), settings, shards, Path(published) if published else None, written)
