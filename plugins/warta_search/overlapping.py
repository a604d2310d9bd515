"""The overlapping indexer (the default ``SearchIndexer``, indexing.py): Pagefind indexes each shard
as soon as its pages are written, while the build renders the rest, and runs overlap.

A shard whose digest equals the published one's is hard-linked from the published site; the
others run Pagefind from a thread of their own, overlapping so that only one holds its index in
memory. Pagefind reads trimmed copies of the pages (``program.search_copy``), which the renderer
writes while it holds each page, into a folder in memory when there is room (``program.copies_folder``).
"""

from __future__ import annotations

import atexit
import logging
import shutil
import signal
import threading
import time
from collections.abc import Mapping
from concurrent.futures import FIRST_EXCEPTION, Future, wait
from functools import partial
from pathlib import Path
from subprocess import Popen

from warta_content import detik

from .indexing import BUNDLE, Copy, IndexReport, ShardReport, clear_bundles, write_shard_list
from .program import (
    SearchIndexError,
    clear_copies,
    command,
    copies_folder,
    find_pagefind,
    remove_view,
    run_pagefind,
    search_copy,
    shard_view,
)
from .reuse import program_digest, reuse_bundle, shard_digest, write_digest
from .settings import SearchSettings
from .shards import Shard
from .variants import Variants

logger = logging.getLogger(__name__)

PARALLEL = 2  # Pagefind runs at once, at most (see OverlappingIndexer)


class OverlappingIndexer:
    """One build's search index, made while the build goes on (a ``SearchIndexer``).

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

    A build that fails meanwhile calls ``abort()`` (the preview server does; a finished Python
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
        """``views``: by shard name, the folder the build writes that shard's trimmed pages into
        (``trimmed_copies``); the pages it did not write are trimmed in before the run.
        ``variants``: what the trimmed pages carry besides the page (variants.py); in every shard's digest."""
        self.started: float | None = None  # when the first shard was handed over
        program = find_pagefind(settings)
        self.template = command(program)
        self.site, self.shards, self.written, self.views = site, shards, written, dict(views or {})
        self.root, self.old_root = site / BUNDLE, (published / BUNDLE if published is not None else None)
        in_place = self.old_root is not None and self.old_root.resolve() == self.root.resolve()
        self.copies = {view.parent for view in self.views.values()}  # where those folders are
        clear_bundles(site, self.root, shards, in_place, keep=self.copies)
        self.binary = program_digest(program)
        self.variants = variants or Variants()
        self._trim = partial(search_copy, variants=self.variants) if self.variants else search_copy
        self.jobs: dict[str, Future] = {}
        self._gate = threading.Condition()
        self._running: dict[int, list] = {}  # each run under way, by its thread: [process, phase]
        self._stopped = self._abandoned = False
        atexit.register(self.abort)

    @classmethod
    def for_build(
        cls,
        site: Path,
        settings: SearchSettings,
        shards: list[Shard],
        published: Path | None,
        written: Mapping[str, str] | None,
        variants: Variants | None,
    ) -> OverlappingIndexer:
        """An indexer whose shards' trimmed pages the renderer writes, in memory when there is room."""
        copies = copies_folder(site, sum(len(shard.pages) for shard in shards))
        clear_copies(copies, site)  # what stopped builds left
        views = {shard.name: copies / shard.name for shard in shards}
        return cls(site, settings, shards, published, written, views, variants)

    def trimmed_copies(self, shard: Shard) -> Copy | None:
        view = self.views.get(shard.name)
        return (view, self._trim) if view is not None else None

    def add(self, shard: Shard) -> None:
        if shard.name in self.jobs:
            return
        if self.started is None:
            self.started = time.monotonic()
        job = self.jobs[shard.name] = Future()
        # A daemon: a failed build exits at once instead of waiting for indexing it will not publish.
        threading.Thread(
            target=self._settle, args=(job, shard), name=f"warta-pencarian-{shard.name}", daemon=True
        ).start()

    def finish(self) -> IndexReport:
        self.started = self.started or time.monotonic()
        for shard in self.shards:
            self.add(shard)
        wait(self.jobs.values(), return_when=FIRST_EXCEPTION)
        failed = next((job for job in self.jobs.values() if job.done() and job.exception()), None)
        if failed is not None:
            self._stop()  # no new run; those under way finish before the error is raised
            wait(self.jobs.values())
        atexit.unregister(self.abort)
        self._remove_copies()
        if failed is not None:
            raise failed.exception()
        reports = {name: job.result() for name, job in self.jobs.items()}
        write_shard_list(self.root, self.shards, reports)
        return IndexReport([reports[s.name] for s in self.shards], time.monotonic() - self.started, self.root)

    def abort(self) -> None:
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
        if abandoned:  # abort() came between the gate and the start
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
