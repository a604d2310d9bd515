"""Render pages on every core: the build queues its pages, then forked workers render and write them.

Rendering a page reads the whole archive (a release page shows its related releases, a listing
its items), and the archive is far too large to send to a worker for each page. So the pages are
queued while the generators run, and at the end the build forks: each worker inherits the
archive, the compiled templates and the queue, renders a share of the queue by position, writes
those files and sends back only each file's path, SHA-256, size, (on a first build) input key and
(for a page) the canonical address it declares.

The queue is rendered in phases (one per search shard, then the rest, see OutputRecord.when_written;
then the texts made last, OutputRecord.render) by one pool whose workers are forked before the
first phase. A fork is only safe while no other thread could hold a lock the child needs
(``can_fork``): Pelican's spinner is allowed, the preview server's watcher is not, so preview
builds, and builds with few pages, render in this process.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import multiprocessing
import os
import re
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .gcpause import COLLECTOR_PAUSE, shared_with_workers

logger = logging.getLogger(__name__)

# A second copy of a page, trimmed, for a program that reads the pages (search): the folder it goes
# under (at the same path below it as the page below the output) and the function that trims the bytes.
Copy = tuple[Path, Callable[[bytes], bytes]]
# One queued page: its output path, a function that returns its text, one that returns its input
# key when that is made by the renderer too (OutputRecord.render), else None, and its Copy, if any.
Job = tuple[str, Callable[[], str], Callable[[], str | None] | None, Copy | None]
# A written file: path, SHA-256, size, input key (or None) and, for a page, its declared canonical
# URL ('' for none: declared_canonical), else None.
Row = tuple[str, str, int, str | None, str | None]

_CHUNK = 48  # pages per task: few round trips, yet shares that even out at the end

# The queue being rendered, set just before the workers are forked and read only by them: a forked
# worker can only be handed a large unpicklable object by inheriting it.
_jobs: list[Job] = []
_out: Path | None = None
_NICE = 10  # how far a worker steps back once its pages can wait (render_all's yield_from)
_behind = False  # in a worker: whether it has stepped back


def write_bytes(out: Path, path: str, data: bytes) -> None:
    """Write one output file. An existing file is replaced whole, never written into: it may be shared
    (hard-linked) with another site folder, and a reader sees the old page or the new one, never half.

    Plain strings and ``os`` calls: this runs twice for most pages of a build (the page and its
    search copy), and a new file, the usual case, costs one ``open`` that also says whether it was new.
    """
    target = f"{out}/{path}"
    try:
        fd = os.open(target, _NEW_FILE, 0o666)
    except FileNotFoundError:  # its folder does not exist yet
        os.makedirs(os.path.dirname(target), exist_ok=True)
        fd = os.open(target, _NEW_FILE, 0o666)
    except FileExistsError:
        partial = target + ".warta-tmp"
        with open(partial, "wb") as file:
            file.write(data)
        os.replace(partial, target)
        return
    with open(fd, "wb") as file:
        file.write(data)


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def render_one(out: Path, job: Job) -> Row:
    """Render and write one queued page (and its copy): its ``Row``."""
    path, render, key, copy = job
    text = render()
    data = text.encode("utf-8")
    write_bytes(out, path, data)
    if copy is not None:
        folder, trim = copy
        write_bytes(folder, path, trim(data))
    canonical = declared_canonical(text) if path.endswith(".html") else None
    return path, hashlib.sha256(data).hexdigest(), len(data), key() if key is not None else None, canonical


_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')
HEAD_CHARS = 4000  # the theme's <head> ends well before this; a page's canonical link sits in it


def declared_canonical(page: str) -> str:
    """The canonical URL in a page's head; '' for a redirect page or a page without one. Noted by
    the renderer while the page is in memory, so that checking for two pages claiming one URL
    (warta_manifest) need not read the site back."""
    head = page[:HEAD_CHARS]
    match = _CANONICAL.search(head)
    return match[1] if match and 'http-equiv="refresh"' not in head else ""


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


def render_all(
    out: Path,
    phases: list[list[Job]],
    parallel_from: int,
    done: Callable[[int, list[Row]], None],
    yield_from: int | None = None,
    last: list[list[Job]] = (),
) -> None:
    """Render each phase's jobs in turn, calling ``done`` with each phase's number and rows (``Row``);
    then the ``last`` jobs, each list by one worker, and ``done`` with the number after the phases.

    Everything runs on every core when there are at least ``parallel_from`` jobs and forking is safe.
    The workers are forked once, before the first phase: ``done`` may start threads (search indexing
    does) without making a later fork unsafe. From phase ``yield_from`` on, the workers run at a
    lower priority (``nice``): what ``done`` started (Pagefind) gets the cores first, and the
    rendering takes what it leaves.
    """
    workers = os.cpu_count() or 1
    total = sum(len(jobs) for jobs in [*phases, *last])
    COLLECTOR_PAUSE.end()  # started before the archive was loaded; rendering makes garbage
    if total < parallel_from or workers < 2 or not can_fork():
        for phase, jobs in enumerate(phases):
            done(phase, [render_one(out, job) for job in jobs])
        done(len(phases), [render_one(out, job) for jobs in last for job in jobs])
        return
    logger.debug("Warta: %d halaman dirender dalam %d proses", total, workers)
    _render_in_workers(out, phases, workers, done, yield_from, last)


def _render_in_workers(
    out: Path,
    phases: list[list[Job]],
    workers: int,
    done: Callable[[int, list[Row]], None],
    yield_from: int | None,
    last: list[list[Job]],
) -> None:
    global _jobs, _out
    _jobs, _out = [job for jobs in [*phases, *last] for job in jobs], out
    try:
        with (
            shared_with_workers(),
            ProcessPoolExecutor(
                max_workers=workers, mp_context=multiprocessing.get_context("fork"), initializer=quiet_child
            ) as pool,
        ):
            pool.submit(int).result()  # the first task forks every worker, even when the first phase is empty
            begin = 0
            for phase, jobs in enumerate(phases):
                end = begin + len(jobs)
                starts = range(begin, end, _CHUNK)
                ends = [min(start + _CHUNK, end) for start in starts]
                behind = yield_from is not None and phase >= yield_from
                shares = pool.map(_render_share, starts, ends, [behind] * len(starts))
                done(phase, [row for rows in shares for row in rows])
                begin = end
            starts = list(itertools.accumulate((len(jobs) for jobs in last), initial=begin))
            shares = pool.map(_render_share, starts[:-1], starts[1:], [yield_from is not None] * len(last))
            done(len(phases), [row for rows in shares for row in rows])
    finally:
        _jobs, _out = [], None


def _render_share(start: int, end: int, behind: bool = False) -> list[Row]:
    """In a worker: render the queued pages from ``start`` to ``end``; ``behind``: from now on at a
    lower priority than the build's other programs."""
    global _behind
    if behind and not _behind:
        os.nice(_NICE)
        _behind = True
    return [render_one(_out, job) for job in _jobs[start:end]]
