"""This build's output: every file claimed once, what is linked from the published build, and
what waits to be rendered, each job in a class of its own behind OutputRecord (hooks.py).

How pages are keyed and why a key may be trusted: incremental.py.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path

from .errors import WartaError
from .incremental import FORMAT, LINKS, RECORD, _digest_of, _load, own_digest
from .memo import ByObject
from .model import Entry
from .parallel import Copy, Job, Row, render_all, write_bytes


class OutputCollision(WartaError):
    """Two writers produced one output file: one would silently replace the other."""


class FileLedger:
    """Every file this build writes or links, claimed once: its SHA-256, size, input key and the
    canonical URL its page declares. A second claim of one path is an OutputCollision."""

    def __init__(self) -> None:
        self.files: dict[str, str] = {}  # path → SHA-256 of the bytes; read by search and publishing
        self.sizes: dict[str, int] = {}
        self.keys: dict[str, str] = {}  # path → input digest, for pages that may be reused
        self.canonicals: dict[str, str] = {}  # rendered page → the canonical URL it declares ('' for none)

    def claim(self, path: str, digest: str, size: int, key: str | None) -> None:
        if path in self.files:
            raise OutputCollision(f"keluaran: /{path} ditulis dua kali dalam satu pembangunan; satu akan hilang")
        self.files[path], self.sizes[path] = digest, size
        if key is not None:
            self.keys[path] = key

    def note(self, rows: list[Row]) -> None:
        """What the renderer wrote for paths claimed earlier."""
        for path, digest, size, key, canonical in rows:
            self.files[path], self.sizes[path] = digest, size
            if key is not None:
                self.keys[path] = key
            if canonical is not None:
                self.canonicals[path] = canonical

    def listed(self) -> dict[str, tuple[str, int]]:
        return {path: (self.files[path], self.sizes[path]) for path in self.files}

    def save(self, out: Path, build_digest: str) -> None:
        record = {
            "format": FORMAT,
            "build": build_digest,
            "files": {p: [self.files[p], self.sizes[p]] for p in sorted(self.files)},
            "keys": {p: self.keys[p] for p in sorted(self.keys)},
        }
        target = out / RECORD
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(record, separators=(",", ":")) + "\n", encoding="utf-8")


class ReuseCache:
    """The published build's record and the page keys that decide what is linked from it."""

    def __init__(self, published: Path | None, build_digest: str, now: datetime, owns: ByObject[str] | None) -> None:
        self.published, self.build_digest, self.now = published, build_digest, now
        self.old_files, self.old_sizes, self.old_keys = _load(published, build_digest)
        # entry → own_digest(entry, now), as the build made them while loading (or this cache on demand).
        self._owns: ByObject[str] = owns if owns is not None else ByObject()

    @property
    def empty(self) -> bool:
        """No published page carries a key (a first build): nothing can be linked, whatever the keys."""
        return not self.old_keys

    def key(self, template: str, path: str, values: dict) -> str | None:
        """The digest of one page's inputs; None when a value cannot be keyed (the page is always rendered).

        An entry handed to the page itself counts with the entries it links to (a release page lists
        its related releases); an entry further inside (a listing's items) counts by its own data.
        """
        given = [[name, self._full(v) if isinstance(v, Entry) else v] for name, v in values.items()]
        try:
            return _digest_of([self.build_digest, template, path, given], self._own)
        except (TypeError, ValueError):  # a value JSON cannot hold, even through _json_value
            return None

    def _own(self, entry: Entry) -> str:
        found = self._owns.get(entry)
        return found if found is not None else self._owns.put(entry, own_digest(entry, self.now))

    def _full(self, entry: Entry) -> list:
        """What a page shows of an entry: its own data and the title, date… of each entry it links to."""
        linked = []
        for name in LINKS:
            value = getattr(entry, name, None)
            if isinstance(value, Entry):
                linked.append(self._own(value))
            elif isinstance(value, list):
                linked.append([self._own(e) for e in value])
        return [self._own(entry), linked]

    def link(self, out: Path, path: str, key: str) -> tuple[str, int] | None:
        """Hard-link the published file for ``path`` into ``out`` when it was made from the same
        inputs: its (SHA-256, size), else None."""
        if self.published is None or self.old_keys.get(path) != key:
            return None
        # Plain strings, not Paths: this runs for every page of the archive on every build.
        source, target = f"{self.published}/{path}", f"{out}/{path}"
        try:
            if os.stat(source).st_size != self.old_sizes[path]:
                return None
            try:
                os.link(source, target)
            except FileNotFoundError:  # its folder does not exist yet
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.link(source, target)
        except (OSError, KeyError):
            return None
        return self.old_files[path], self.old_sizes[path]


class RenderQueue:
    """Pages and texts waiting for ``finish``, and the groups to render first (``when_written``)."""

    def __init__(self) -> None:
        self.jobs: list[Job] | None = None  # None: render at once (the preview's quick renders)
        self.parallel_from = 1
        # Groups of pages to render before the others, each with what to call once it is written.
        self._groups: list[tuple[set[str], Callable[[], None], Copy | None]] = []
        # Texts queued to be made after the pages (render's ``last``), by maker, in the order first queued.
        self._last: dict[str, list[Job]] = {}

    def add(self, job: Job, last: str | None) -> None:
        if last is None:
            self.jobs.append(job)
        else:
            self._last.setdefault(last, []).append(job)

    def group(self, paths, callback: Callable[[], None], copy: Copy | None) -> None:
        self._groups.append((set(paths), callback, copy))

    def finish(self, out: Path, done: Callable[[list[Row]], None]) -> None:
        """Render every job (on every core, parallel.py), group by group, then the rest, then the
        texts made last; ``done`` hears each phase's rows."""
        queue, self.jobs = self.jobs or [], None
        groups, self._groups = self._groups, []
        phase_of: dict[str, int] = {}
        for number, (paths, _, _) in enumerate(groups):
            for path in paths:
                phase_of.setdefault(path, number)
        phases: list[list[Job]] = [[] for _ in range(len(groups) + 1)]  # the last: every page of no group
        for path, render, key, _ in queue:
            phase = phase_of.get(path, len(groups))
            phases[phase].append((path, render, key, groups[phase][2] if phase < len(groups) else None))

        def written(phase: int, rows: list[Row]) -> None:
            done(rows)
            if phase < len(groups):
                groups[phase][1]()

        # Once the first group is written its callback may have work running (search indexing): the next groups,
        # the rest and the texts render at a lower priority, as fast as that leaves them room for.
        last, self._last = list(self._last.values()), {}
        render_all(out, phases, self.parallel_from, written, yield_from=1 if groups else None, last=last)


class OutputRecord:
    """This build's output, through which every Warta writer goes (hooks.py): the files claimed
    (FileLedger), what is linked from the published build (ReuseCache) and what waits to be
    rendered (RenderQueue)."""

    def __init__(
        self, out: Path, published: Path | None, build_digest: str, now: datetime, owns: ByObject[str] | None = None
    ):
        self.out = out
        published = published if published is not None and published.resolve() != out.resolve() else None
        self.ledger = FileLedger()
        self.cache = ReuseCache(published, build_digest, now, owns)
        self.pending = RenderQueue()
        self.rendered = self.reused = 0
        self.linked: set[str] = set()  # paths hard-linked from the published site

    # What capabilities read (hooks.py), kept where each job keeps it.
    published = property(lambda self: self.cache.published)
    files = property(lambda self: self.ledger.files)
    canonicals = property(lambda self: self.ledger.canonicals)
    queue = property(lambda self: self.pending.jobs)

    def defer(self, parallel_from: int) -> None:
        """Queue what is written until ``finish``, rendering on every core from ``parallel_from`` jobs."""
        self.pending.jobs, self.pending.parallel_from = [], parallel_from

    def reused_or_key(self, template: str, path: str, values: dict) -> tuple[bool, str | Callable | None]:
        """(True, key) when the published file for ``path`` was made from the same inputs and is
        linked; else (False, the key to render with). In a first build, where nothing can be
        linked, that key is a function the renderer calls (OutputRecord.render): in a worker, off
        the path to the first pages search indexes."""
        if self.cache.empty:
            return False, partial(self.cache.key, template, path, values)
        key = self.cache.key(template, path, values)
        return key is not None and self.reuse(path, key), key

    def reuse(self, path: str, key: str) -> bool:
        """Hard-link the published file for ``path`` when it was made from the same inputs."""
        found = self.cache.link(self.out, path, key)
        if found is None:
            return False
        self.ledger.claim(path, found[0], found[1], key)
        self.linked.add(path)
        self.reused += 1
        return True

    def write(self, path: str, data: bytes, key: str | None = None) -> None:
        """Write one output file and remember its digest (and its input key, when it has one)."""
        self.ledger.claim(path, hashlib.sha256(data).hexdigest(), len(data), key)
        write_bytes(self.out, path, data)
        self.rendered += 1

    def render(
        self, path: str, render: Callable[[], str], key: str | Callable | None = None, last: str | None = None
    ) -> None:
        """Write the text ``render()`` returns; queued until ``finish()`` when rendering is deferred.

        ``key``, the page's input key (``key()``), may be a function that returns it: then the
        renderer makes it, once the page is written (see ``WartaGenerator.write_file``).

        ``last``: made once every page is written, for texts made from the whole archive (feeds,
        open data, calendars), which search does not wait for; the value names their maker. One
        worker makes all of a maker's texts, as they share what they make (a feed's RSS and Atom
        are made together, the JSON and CSV of open data from one list of rows).

        The path is claimed at once, so a second writer of one file fails where it is called.
        """
        if self.pending.jobs is None:
            self.write(path, render().encode("utf-8"), key() if callable(key) else key)
            return
        later = key if callable(key) else None
        self.ledger.claim(path, "", 0, None if later else key)
        self.pending.add((path, render, later, None), last)

    def when_written(self, paths, callback: Callable[[], None], copy: Copy | None = None) -> None:
        """Render ``paths`` before the pages of later calls and the rest, and call ``callback`` once
        they are written: search indexes each shard while the build renders the next ones, then the
        listings, feeds… and checks them.

        ``copy`` (folder, trim): each of these pages this build renders is also written, trimmed,
        under that folder, by the renderer that has its bytes at hand. Search hands Pagefind only
        what it reads of a page. Pages linked from the published site get no copy.
        """
        self.pending.group(paths, callback, copy)

    def finish(self) -> None:
        """Render the queued pages (on every core, see parallel.py) and note their digests."""

        def done(rows: list[Row]) -> None:
            self.ledger.note(rows)
            self.rendered += len(rows)

        self.pending.finish(self.out, done)

    def listed(self) -> dict[str, tuple[str, int]]:
        """Every file of this build: path → (SHA-256, size), as ``read_files`` reads them back from the record."""
        return self.ledger.listed()

    def save(self) -> None:
        """Write ``.warta/keluaran.json`` into the output, for the next build and for publishing."""
        self.ledger.save(self.out, self.cache.build_digest)
