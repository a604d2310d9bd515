"""Bodies converted by two worker processes, in order and a few dozen items at a time.

HTML → Markdown is most of an import's work; two processes halve it on the two cores Warta is built
on. At most ``_AHEAD`` batches are in flight, so memory stays bounded however long the export is.
Images are fetched by the workers themselves (media.place puts a file by its URL alone, so both
agree where it goes, and a file is moved in whole).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

from .body import Converted, convert
from .media import Downloader
from .model import Attachment, Item

_BATCH = 32
_AHEAD = 4
_WORKER: dict = {}


def _start(attachments: dict[str, Attachment], downloader: Downloader, drafts: str) -> None:
    _WORKER.update(attachments=attachments, media=downloader, drafts=drafts)


def _convert(batch: list[Item]) -> list[Converted | None]:
    from .run import skip_reason

    return [
        None
        if skip_reason(item, _WORKER["drafts"])
        else convert(item.html, _WORKER["attachments"], _WORKER["media"], item.wp_id)
        for item in batch
    ]


def _batches(items: Iterable[Item]) -> Iterator[list[Item]]:
    it = iter(items)
    while batch := list(islice(it, _BATCH)):
        yield batch


def convert_all(source, options, drafts: str) -> Iterator[tuple[Item, Converted | None]]:
    """Every item of the source with its converted body (None for an item that is skipped)."""
    downloader = Downloader(options.content, options.dry_run, options.media)
    workers = min(2, os.cpu_count() or 1)
    with ProcessPoolExecutor(workers, initializer=_start, initargs=(source.attachments, downloader, drafts)) as pool:
        pending: deque = deque()
        for batch in _batches(source.items()):
            pending.append((batch, pool.submit(_convert, batch)))
            if len(pending) >= _AHEAD:
                done, future = pending.popleft()
                yield from zip(done, future.result(), strict=True)
        while pending:
            done, future = pending.popleft()
            yield from zip(done, future.result(), strict=True)
