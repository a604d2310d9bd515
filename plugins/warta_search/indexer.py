"""Index a finished site shard by shard: ``OUT/pagefind/<shard>/`` (or ``OUT/pagefind/`` for a single shard).

A shard whose digest equals the published one's is hard-linked from the published site; the
others run Pagefind, overlapping so that only one holds its index in memory (Indexing). A build hands
each shard over as soon as its pages are written (``Indexing.add``), so Pagefind indexes one
shard while the next ones are rendered. ``pagefind/warta-shards.json`` lists the
shards, newest first, for other sites that merge this index and for the checks.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import shutil
import signal
import threading
import time
from collections.abc import Mapping
from concurrent.futures import FIRST_EXCEPTION, Future, wait
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from subprocess import Popen

from warta_content import detik

from .program import VIEW_PREFIX, SearchIndexError, command, find_pagefind, remove_view, run_pagefind, shard_view
from .reuse import program_digest, reuse_bundle, shard_digest, write_digest
from .settings import SearchSettings
from .shards import Shard
from .variants import Variants

logger = logging.getLogger(__name__)

BUNDLE = "pagefind"
SHARD_LIST = "warta-shards.json"  # in pagefind/: which shards there are, newest first
PARALLEL = 2  # Pagefind runs at once, at most (see Indexing)


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


class Indexing:
    """One build's search index, made while the build goes on.

    ``add(shard)`` once a shard's pages are written: its published bundle is linked when the
    digest matches, else Pagefind runs, from a thread of its own (the build's thread goes on
    rendering). ``finish()`` adds the shards not added yet, waits for every run and lists the
    shards; it raises SearchIndexError.

    Runs overlap without two indexes in memory at once. A Pagefind run reads and parses the pages
    on every core (little memory), builds its whole index in memory (~0.3 MB a page), then writes
    the bundle on about one core. The next run starts once the one before has parsed (it builds
    its index or writes), so its parsing fills the cores the other leaves; should it be ready to
    build its index while the other still runs, it is paused (SIGSTOP) until that one ends, and
    no run starts while one is paused. Memory: one index plus one parse, whatever the shard sizes.

    A build that fails meanwhile calls ``abandon()`` (the preview server does; a finished Python
    process does at exit): no run starts, and runs under way are stopped.
    """

    def __init__(
        self,
        site: Path,
        settings: SearchSettings,
        shards: list[Shard],
        published: Path | None = None,
        written: Mapping[str, str] | None = None,
        views: Mapping[str, Path] | None = None,
        variants: Variants | None = None,
    ):
        """``views``: by shard name, the folder the build wrote that shard's trimmed pages into
        (``program.search_copy``); the pages it did not write are trimmed in before the run.
        ``variants``: what the trimmed pages carry besides the page (variants.py); in every shard's digest."""
        self.started = time.monotonic()
        program = find_pagefind(settings)
        self.template = command(program)
        self.site, self.shards, self.written, self.views = site, shards, written, dict(views or {})
        self.root, self.old_root = site / BUNDLE, (published / BUNDLE if published is not None else None)
        in_place = self.old_root is not None and self.old_root.resolve() == self.root.resolve()
        self.copies = {view.parent for view in self.views.values()}  # where those folders are
        _clear(site, self.root, shards, in_place, keep=self.copies)
        self.binary = program_digest(program)
        self.variants = variants or Variants()
        self.jobs: dict[str, Future] = {}
        self._gate = threading.Condition()
        self._running: dict[int, list] = {}  # each run under way, by its thread: [process, phase]
        self._stopped = self._abandoned = False
        atexit.register(self.abandon)

    def add(self, shard: Shard) -> None:
        if shard.name in self.jobs:
            return
        job = self.jobs[shard.name] = Future()
        # A daemon: a failed build exits at once instead of waiting for indexing it will not publish.
        threading.Thread(
            target=self._settle, args=(job, shard), name=f"warta-pencarian-{shard.name}", daemon=True
        ).start()

    def finish(self) -> IndexReport:
        for shard in self.shards:
            self.add(shard)
        wait(self.jobs.values(), return_when=FIRST_EXCEPTION)
        failed = next((job for job in self.jobs.values() if job.done() and job.exception()), None)
        if failed is not None:
            self._stop()  # no new run; those under way finish before the error is raised
            wait(self.jobs.values())
        atexit.unregister(self.abandon)
        self._remove_copies()
        if failed is not None:
            raise failed.exception()
        reports = {name: job.result() for name, job in self.jobs.items()}
        _write_shard_list(self.root, self.shards, reports)
        return IndexReport([reports[s.name] for s in self.shards], time.monotonic() - self.started, self.root)

    def abandon(self) -> None:
        """The build failed: start no run, and stop the runs under way."""
        self._abandoned = True
        self._stop()
        with self._gate:
            processes = [proc for proc, _ in self._running.values() if proc is not None]
        for proc in processes:
            proc.terminate()
            proc.send_signal(signal.SIGCONT)  # a paused run ends too
        self._remove_copies()

    def _remove_copies(self) -> None:
        for folder in self.copies:
            shutil.rmtree(folder, ignore_errors=True)

    def _settle(self, job: Future, shard: Shard) -> None:
        try:
            job.set_result(self._index(shard))
        except BaseException as error:  # handed to finish(), in the build's thread
            job.set_exception(error)

    def _index(self, shard: Shard) -> ShardReport:
        digest = (
            shard_digest(self.site, self.binary, self.template, shard.pages, self.written, self.variants.digest)
            if self.binary
            else None
        )
        bundle, view = self.root / shard.folder, self.views.get(shard.name)
        if digest and self.old_root:
            pages = reuse_bundle(self.old_root / shard.folder, bundle, digest)
            if pages is not None:
                if view is not None:
                    remove_view(view)
                return ShardReport(shard.name, pages, reused=True)
        me = threading.get_ident()
        # The pages are put into the run's folder before its turn comes: it starts at once then.
        with shard_view(self.site, shard.pages, view, self.variants) as view:
            with self._gate:
                self._gate.wait_for(lambda: self._stopped or self._fits())
                if self._stopped:
                    raise SearchIndexError(f"pencarian: bagian {shard.name} tidak diindeks karena pembangunan berhenti")
                self._running[me] = [None, "starting"]
            try:
                run = run_pagefind(
                    self.template,
                    self.site,
                    view,
                    bundle,
                    on_start=partial(self._started, me),
                    on_phase=partial(self._phase, me),
                )
            finally:
                with self._gate:
                    del self._running[me]
                    self._gate.notify_all()
        if digest:
            write_digest(bundle, digest)
        logger.info(
            "Warta: pencarian bagian %s: %d halaman dalam %s detik, memori puncak Pagefind %.0f MiB",
            shard.name,
            run.pages,
            detik(run.seconds),
            run.peak_mib,
        )
        return ShardReport(shard.name, run.pages, run.seconds, run.peak_mib)

    def _started(self, me: int, proc: Popen) -> None:
        with self._gate:
            self._running[me][0] = proc
            abandoned = self._abandoned
        if abandoned:  # abandon() came between the gate and the start
            proc.terminate()

    def _phase(self, me: int, proc: Popen, phase: str) -> None:
        """From a run's thread, as Pagefind reports its progress (program.PHASES)."""
        with self._gate:
            if phase == "indexing" and not self._stopped and len(self._running) > 1:
                # Another run still holds its index: wait for it before building this one. Paused,
                # this run lets no other start (one waiting for it would wait for each other).
                self._running[me][1] = "paused"
                proc.send_signal(signal.SIGSTOP)
                self._gate.wait_for(lambda: self._stopped or len(self._running) == 1)
                proc.send_signal(signal.SIGCONT)
            self._running[me][1] = phase
            self._gate.notify_all()  # a run past its parsing lets the next one start

    def _fits(self) -> bool:
        """A run may start when none runs, or the one running has parsed its pages (it builds its
        index or writes its files): the new run parses meanwhile, on the cores the other leaves."""
        runs = list(self._running.values())
        return not runs or (len(runs) < PARALLEL and all(phase in ("indexing", "writing") for _, phase in runs))

    def _stop(self) -> None:
        with self._gate:
            self._stopped = True
            self._gate.notify_all()


def _clear(site: Path, root: Path, shards: list[Shard], in_place: bool, keep: set[Path]) -> None:
    """Start from an empty ``pagefind/``; building in place, keep the bundles that may still be current.

    ``keep``: the folders of trimmed pages this build is writing."""
    kept = {str(folder.resolve()) for folder in keep}
    for leftover in site.glob(f"{VIEW_PREFIX}*"):  # from a run that was killed
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
