"""Read source files once: parse and render each, reusing results cached by content hash."""

from __future__ import annotations

import atexit
import contextlib
import gc
import hashlib
import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from .parallel import can_fork, quiet_child
from .reader import Parsed, parse
from .render import BodyRenderer
from .settings import ContentSettings

# 6: Parsed.digest; 5: errors name their field, YAML that parses but means something else is refused;
# 4: smarty writes characters, not entities; 3: sixteen pickles;
# 2: bodies are Markup, Parsed.unsafe names what was removed
CACHE_VERSION = "6"
# Below this many files to parse, starting worker processes costs more than it saves.
POOL_THRESHOLD = 100
_CHUNK = 32  # files per task sent to a worker: few round trips, yet even shares at the end


def parse_sources(
    content: Path,
    files: dict[str, list[Path]],
    settings: ContentSettings,
    cache_dir: Path | None,
    pool_threshold: int = POOL_THRESHOLD,
    background: bool = False,
    then: Callable[[str, Parsed], Any] | None = None,
) -> dict[str, list]:
    """Parsed files per kind, in the order given; bytes that were parsed before come from the cache.

    When more than ``pool_threshold`` files miss the cache they are parsed on every core. The
    parser reads each file itself (the bytes need not cross to a worker) and keys the result by
    the bytes it read, so a file saved again meanwhile is never cached under its old bytes.

    ``background``: a cache of many new entries may be written by a forked process, finished by
    the time this process exits (or ``cache_written()`` returns).

    ``then(kind, parsed)``, when given, takes each file in order as soon as it and those before it
    are parsed, while the workers parse the next ones, and what it returns is listed instead of the
    Parsed. It must leave the Parsed as it is: the cache is written from it afterwards.
    """
    cache = _Cache(cache_dir, settings) if cache_dir and settings.cache else None
    out, jobs = _look_up(content, files, cache)
    results = _parse_all(jobs, _salt(settings), settings.summary_length, pool_threshold)
    _take_results(out, results, cache, then)
    # Asking once more ends the workers' pool (it sits in _in_workers until its last result is
    # taken), and holds what the strict zip here used to: one result per file missed.
    if next(results, None) is not None:
        raise RuntimeError("parse_sources: more results than files parsed")
    if cache:
        cache.save(background=background and len(jobs) > pool_threshold)
    return out


def _look_up(
    content: Path, files: dict[str, list[Path]], cache: _Cache | None
) -> tuple[dict[str, list], list[tuple[str, str]]]:
    """Parsed files per kind as the cache has them, None for each miss; and the (source, path) of
    each miss, in the same order."""
    out: dict[str, list] = {}
    jobs: list[tuple[str, str]] = []
    for kind, paths in files.items():
        out[kind] = []
        for path in paths:
            source = path.relative_to(content).as_posix()
            # An empty cache (a first build) has nothing to look up: the file is read once, by the parser.
            parsed = cache.get(source, path.read_bytes()) if cache and cache.entries else None
            if parsed is None:
                jobs.append((source, str(path)))
            out[kind].append(parsed)
    return out, jobs


def _take_results(
    out: dict[str, list],
    results: Iterator[tuple[str, Parsed]],
    cache: _Cache | None,
    then: Callable[[str, Parsed], Any] | None,
) -> None:
    """Fill in each miss in ``out``, in order, caching it; then pass each file to ``then``."""
    for kind, found in out.items():
        for index, parsed in enumerate(found):
            if parsed is None:  # a miss: the next result, as misses were listed in this order
                key, parsed = next(results)
                if cache:
                    cache.put(key, parsed)
            found[index] = then(kind, parsed) if then else parsed


def _salt(settings: ContentSettings) -> bytes:
    """What a cached parse depends on besides the file: the cache format and the summary length."""
    return f"{CACHE_VERSION}:{settings.summary_length}".encode()


def _key(salt: bytes, source: str, raw: bytes) -> str:
    return hashlib.sha256(salt + source.encode() + b"\0" + raw).hexdigest()


def _read_and_parse(job: tuple[str, str], salt: bytes, renderer: BodyRenderer, summary_length: int):
    """(cache key of the bytes read, Parsed) for one (source, path)."""
    source, path = job
    raw = Path(path).read_bytes()
    return _key(salt, source, raw), parse(source, raw, renderer, summary_length)


def _parse_all(
    jobs: list[tuple[str, str]], salt: bytes, summary_length: int, pool_threshold: int
) -> Iterator[tuple[str, Parsed]]:
    """_read_and_parse() each (source, path), in order, as they are done: serially for a few, else
    in worker processes (which go on with the next files while the caller takes each result)."""
    workers = os.cpu_count() or 2
    if len(jobs) <= pool_threshold or workers < 2:
        renderer = BodyRenderer()
        return (_read_and_parse(job, salt, renderer, summary_length) for job in jobs)
    return _in_workers(jobs, salt, summary_length, workers)


def _in_workers(
    jobs: list[tuple[str, str]], salt: bytes, summary_length: int, workers: int
) -> Iterator[tuple[str, Parsed]]:
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=_context(), initializer=_start_worker, initargs=(salt, summary_length)
    ) as pool:
        yield from pool.map(_parse_in_worker, jobs, chunksize=_CHUNK)


def _context():
    """'fork' starts workers fastest and needs nothing re-imported, when it is safe (parallel.can_fork);
    else 'spawn', which re-imports this module in each worker."""
    return multiprocessing.get_context("fork" if can_fork() else "spawn")


# Only ever set inside a pool's worker process, by _start_worker: an initializer can hand state to
# later tasks only through a global, and this one is private to that process, so no build shares it.
_worker: tuple[bytes, BodyRenderer, int] | None = None


def _start_worker(salt: bytes, summary_length: int) -> None:
    """Runs once in each worker: the Markdown converter and sanitiser are built once, not per file."""
    global _worker
    quiet_child()
    gc.enable()  # forked while the build's process keeps its collector off (ContentGenerator); Markdown makes cycles
    _worker = (salt, BodyRenderer(), summary_length)


def _parse_in_worker(job: tuple[str, str]) -> tuple[str, Parsed]:
    salt, renderer, summary_length = _worker
    return _read_and_parse(job, salt, renderer, summary_length)


class _Cache:
    """{digest: Parsed} in 16 pickles by the digest's first hex digit; keyed by the bytes and the
    settings that shape output. An edit rewrites one sixteenth of the cache, not all of it."""

    SHARDS = "0123456789abcdef"

    def __init__(self, folder: Path, settings: ContentSettings):
        self.folder = folder
        self.salt = _salt(settings)
        self.entries: dict[str, Parsed] = {}
        self.used: dict[str, Parsed] = {}
        self.counts: dict[str, int] = {}  # entries read from each shard
        self.added: set[str] = set()  # shards with a new entry
        for left in folder.glob("sources-*.tmp"):  # by a writer that was stopped midway
            with contextlib.suppress(OSError):
                left.unlink()
        for shard in self.SHARDS:
            try:
                found = pickle.loads(self._path(shard).read_bytes())
            except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, ValueError):
                found = {}
            self.entries.update(found)
            self.counts[shard] = len(found)

    def _path(self, shard: str) -> Path:
        return self.folder / f"sources-{shard}.pickle"

    def get(self, source: str, raw: bytes) -> Parsed | None:
        key = _key(self.salt, source, raw)
        hit = self.entries.get(key)
        if hit is not None:
            self.used[key] = hit
        return hit

    def put(self, key: str, parsed: Parsed) -> None:
        """Remember ``parsed`` under the key of the bytes it was parsed from (``_key``)."""
        self.used[key] = parsed
        self.added.add(key[0])

    def save(self, background: bool = False) -> None:
        """Write each shard whose entries used by this build are not exactly the ones read from it.

        ``background``: in a forked process, when forking is safe, so that the build goes on (a
        first build of 10,000 releases pickles ~70 MB while its other core would idle). Each file
        is replaced whole, so a build that reads the cache meanwhile sees the old one or the new.
        """
        shards: dict[str, dict[str, Parsed]] = {shard: {} for shard in self.SHARDS}
        for key, parsed in self.used.items():
            shards[key[0]][key] = parsed
        changed = {
            shard: entries
            for shard, entries in shards.items()
            # Nothing added to a shard: what it used is a subset of what it held, equal when the counts are.
            if shard in self.added or len(entries) != self.counts[shard]
        }
        if not changed:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        if background and can_fork():
            child = os.fork()
            if child:
                if not _writers:
                    atexit.register(cache_written)  # long finished by then; the build never waits for it
                _writers.append(child)
                return
            written = False
            try:
                gc.disable()  # the collector would touch, and so copy, every page shared with the build
                self._write(changed)
                written = True
            finally:
                os._exit(0 if written else 1)
        self._write(changed)

    def _write(self, shards: dict[str, dict[str, Parsed]]) -> None:
        for shard, entries in shards.items():
            tmp = self._path(shard).with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL))
            tmp.replace(self._path(shard))


_writers: list[int] = []  # cache writers forked by this process and not waited for yet


def cache_written() -> None:
    """Wait for the cache writers this process forked (it does at exit)."""
    while _writers:
        with contextlib.suppress(ChildProcessError):  # already reaped
            os.waitpid(_writers.pop(), 0)
