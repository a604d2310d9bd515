"""Render pages on every core: the build queues its pages, then forked workers render and write them.

Rendering a page reads the whole archive (a release page shows its related releases, a listing
its items), and the archive is far too large to send to a worker for each page. So the pages are
queued while the generators run, and at the end the build forks: each worker inherits the
archive, the compiled templates and the queue, renders a share of the queue by position, writes
those files and sends back only each file's path, SHA-256 and size.

A fork is only safe while the process has a single thread (a lock held by another thread would
stay locked in the child); the preview server watches files in a thread, so its builds, and
builds with few pages, render in this process.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

logger = logging.getLogger(__name__)

# One queued page: its output path, and a function that returns its text.
Job = tuple[str, Callable[[], str]]

_CHUNK = 48  # pages per task: few round trips, yet shares that even out at the end

# The queue being rendered, set just before the workers are forked and read only by them: a forked
# worker can only be handed a large unpicklable object by inheriting it.
_jobs: list[Job] = []
_out: Path | None = None


def write_bytes(out: Path, path: str, data: bytes) -> None:
    """Write one output file. An existing file is replaced whole, never written into: it may be shared
    (hard-linked) with another site folder, and a reader sees the old page or the new one, never half."""
    target = out / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        partial = target.with_name(target.name + ".warta-tmp")
        partial.write_bytes(data)
        os.replace(partial, target)
    else:
        target.write_bytes(data)


def render_one(out: Path, job: Job) -> tuple[str, str, int]:
    """Render and write one queued page: (path, SHA-256, size)."""
    path, render = job
    data = render().encode("utf-8")
    write_bytes(out, path, data)
    return path, hashlib.sha256(data).hexdigest(), len(data)


def can_fork() -> bool:
    """Whether a forked child is safe: no thread could be holding a lock the child needs.

    Pelican's "Generating…" spinner is the one thread allowed: it only ever locks rich's console,
    and a worker logs through a handler of its own (``quiet_child``), never through that console.
    The preview server's watcher and HTTP threads are not.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    main = threading.main_thread()
    return all(t is main or type(t).__name__ == "_RefreshThread" for t in threading.enumerate())


def quiet_child() -> None:
    """In a forked worker: log to stderr directly, never through the parent's rich console (and its lock)."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logging.root.handlers = [handler]


def render_all(out: Path, jobs: list[Job], parallel_from: int) -> list[tuple[str, str, int]]:
    """Render every job, on every core when there are at least ``parallel_from`` and forking is safe."""
    workers = os.cpu_count() or 1
    if len(jobs) < parallel_from or workers < 2 or not can_fork():
        return [render_one(out, job) for job in jobs]
    logger.debug("Warta: %d halaman dirender dalam %d proses", len(jobs), workers)
    global _jobs, _out
    _jobs, _out = jobs, out
    try:
        starts = range(0, len(jobs), _CHUNK)
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("fork"), initializer=quiet_child
        ) as pool:
            return [row for rows in pool.map(_render_share, starts) for row in rows]
    finally:
        _jobs, _out = [], None


def _render_share(start: int) -> list[tuple[str, str, int]]:
    """In a worker: render the queued pages from ``start``, one chunk."""
    return [render_one(_out, job) for job in _jobs[start : start + _CHUNK]]
