"""The Pagefind program: where it is, and one run of it over one shard's pages."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from warta_content import WartaError, folder_key, write_bytes

from .reuse import CONFIG_FILES
from .settings import SearchSettings
from .variants import Variants

# The whole archive is Indonesian: one index, with Pagefind's Snowball Indonesian stemmer.
LANGUAGE = "id"
# Placeholders in the command a shard's digest covers; a run fills in its own folders.
SITE, BUNDLE = "<site>", "<bundle>"
POLL_SECONDS = 0.02  # how often a run's memory and output are read
# Lines Pagefind prints as it goes (1.5): before it builds the index it holds in memory, and once
# it has built it and writes the bundle's files.
PHASES = {"[Reading languages]": "indexing", "Total:": "writing"}
VIEW_PREFIX = ".pagefind-"  # the folder of one shard's pages inside the site, while Pagefind reads it
COPIES = VIEW_PREFIX + "salinan"  # in the site, when not in memory: the shards' trimmed pages (copies_folder)
MEMORY = Path("/dev/shm")  # a file system in memory, on Linux
MEMORY_PREFIX = "warta-pencarian-"  # + the site's folder_key, "-", the building process's id
LEFT_FOR = 3600  # seconds a folder of copies whose build is gone stays untouched before another site's build removes it
MEMORY_SPARE = 512 << 20  # free bytes left in it beyond the trimmed pages, or they go to the site
PAGE_ROOM = 32 << 10  # bytes counted for each trimmed page (they average ~13 KB)
# Pagefind's allocator (jemalloc, configured through this variable): one arena instead of four per
# core holds a shard's index in ~16% less memory (484 instead of 573 MB for 1,735 pages), no slower.
# Two runs overlap, so this is most of what decides the build's peak. A value already set is kept.
ALLOCATOR = ("_RJEM_MALLOC_CONF", "narenas:1")


class SearchIndexError(WartaError):
    """Pagefind could not index the site; the build stops so no site without search is published."""


@dataclass(frozen=True)
class Run:
    """What one Pagefind run did."""

    pages: int
    seconds: float
    peak_mib: float  # the program's maximum resident memory


def find_pagefind(settings: SearchSettings) -> Path:
    """The configured program, else the pinned ``pagefind_bin`` (or ``PAGEFIND_BINARY_PATH``)."""
    if settings.binary:
        return Path(settings.binary)
    from pagefind.service import get_executable

    found = get_executable()
    if found is None or not found.is_file():
        raise SearchIndexError(
            "pencarian: program Pagefind tidak ditemukan; pasang dengan "
            "`.venv/bin/pip install -r requirements.txt` atau isi WARTA_SEARCH['binary']"
        )
    return found


def command(program: Path) -> list[str]:
    """The command line of every run, with ``SITE`` and ``BUNDLE`` still to fill in."""
    return [str(program), "--site", SITE, "--output-path", BUNDLE, "--force-language", LANGUAGE]


@contextmanager
def shard_view(
    site: Path, pages: tuple[str, ...], folder: Path | None = None, variants: Variants | None = None
) -> Iterator[Path]:
    """A folder holding exactly ``pages`` of ``site`` (same relative paths, so the same URLs), for
    one Pagefind run; removed afterwards. Pagefind reads a folder, not a list, and this also spares
    it walking the whole site.

    ``folder``: where the build already wrote some of the pages, trimmed (``search_copy``); the
    others (linked from the published site) are trimmed into it now. Else a new folder of hard
    links inside ``site`` (of trimmed copies when there are ``variants``: the copies carry them).
    """
    if folder is None and variants:
        with tempfile.TemporaryDirectory(prefix=VIEW_PREFIX, dir=site) as made:
            _trim_pages(site, pages, Path(made), variants)
            yield Path(made)
        return
    if folder is None:
        with tempfile.TemporaryDirectory(prefix=VIEW_PREFIX, dir=site) as made:
            view = Path(made)
            _link_pages(site, pages, view)
            yield view
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _trim_pages(site, pages, folder, variants)
        yield folder
    finally:
        remove_view(folder)


def remove_view(folder: Path) -> None:
    """Remove a shard's folder of trimmed pages, and the folder of such folders once it is empty
    (a build stopped meanwhile may have removed it already, and a run re-made it)."""
    shutil.rmtree(folder, ignore_errors=True)
    with contextlib.suppress(OSError):  # other shards' folders are still there
        folder.parent.rmdir()


def copies_folder(site: Path, pages: int = 0) -> Path:
    """Where a build of ``site`` writes its shards' trimmed pages (``search_copy``), a folder per shard.

    In memory (/dev/shm) when the machine has room there for ``pages`` of them and more: ten
    thousand files that live for seconds need no disk, and ext4 creates files slowly right after a
    large site was deleted. The pages are written faster than Pagefind reads them, so most shards'
    copies are there at once (~140 MB at 10,000 releases). Else inside the site. Named after the
    site and the build's process, so that what a stopped build left is found (clear_copies).
    """
    try:
        room = os.statvfs(MEMORY)
        if room.f_bavail * room.f_frsize >= MEMORY_SPARE + pages * PAGE_ROOM and os.access(MEMORY, os.W_OK):
            return MEMORY / f"{MEMORY_PREFIX}{folder_key(site)}-{os.getpid()}"
    except OSError:  # no such file system here
        pass
    return site / COPIES


def left_copies(site: Path) -> list[Path]:
    """The folders of trimmed pages in memory for ``site``, whichever build wrote them."""
    return sorted(MEMORY.glob(f"{MEMORY_PREFIX}{folder_key(site)}-*"))


def clear_copies(folder: Path, site: Path) -> None:
    """Before a build of ``site`` writes its copies into ``folder``: remove what stopped builds left.

    A build removes its copies when it ends, even when it fails; one that was killed cannot. Its
    next build of the same site removes them, as before. Those of a site never built again (a
    test's, say) would hold memory until the machine restarts: any build removes them once the
    process that wrote them is gone and they have not changed for an hour.
    """
    shutil.rmtree(folder, ignore_errors=True)  # in the site, when not in memory
    this_site = set(left_copies(site))
    for left in MEMORY.glob(f"{MEMORY_PREFIX}*"):  # nothing when there is no such file system
        if left in this_site or (not _running(left.name.rpartition("-")[2]) and _untouched(left, LEFT_FOR)):
            shutil.rmtree(left, ignore_errors=True)


def _running(pid: str) -> bool:
    """Whether process ``pid`` exists; a name without one (older builds) has none."""
    if not pid.isdigit() or int(pid) == 0:
        return False
    try:
        os.kill(int(pid), 0)
    except PermissionError:  # another user's
        return True
    except (ProcessLookupError, OverflowError):
        return False
    return True


def _untouched(folder: Path, seconds: float) -> bool:
    try:
        return time.time() - folder.stat().st_mtime > seconds
    except OSError:  # removed meanwhile
        return False


def search_copy(page: bytes, variants: Variants | None = None) -> bytes:
    """What Pagefind reads of a page: its ``<html>`` tag and the ``data-pagefind-body`` element.

    It indexes nothing else when a page has that element (the site's pages do), and parsing the
    head, header and footer of 10,000 pages was a tenth of its time. The page comes back whole
    when it has no such element, or carries ``data-pagefind-`` attributes outside it (which
    Pagefind may read), or its element cannot be delimited. With ``variants``, the element starts
    with the variants of the words it contains (variants.py): only the copy carries them.
    """
    marker, html_at = page.find(b"data-pagefind-body"), page.find(b"<html")
    start = page.rfind(b"<", 0, marker)
    tag = _TAG_NAME.match(page, start) if marker > 0 and html_at >= 0 else None
    if tag is None or b">" in page[start:marker] or page.find(b">", html_at) > start:
        return page
    end = _closing(page, tag[1], start)
    opened = page.index(b">", marker) + 1  # the end of the element's start tag
    added = variants.search_meta(page[opened : end if end >= 0 else len(page)]) if variants else b""
    if end < 0 or b"data-pagefind-" in page[:start] or b"data-pagefind-" in page[end:]:
        return page[:opened] + added + page[opened:] if added else page
    html_tag = page[html_at : page.index(b">", html_at) + 1]
    body = page[start:opened] + added + page[opened:end]
    return b"<!doctype html>\n" + html_tag + b"<body>" + body + b"</body></html>\n"


_TAG_NAME = re.compile(rb"<([A-Za-z][A-Za-z0-9]*)[\s/>]")


def _closing(page: bytes, name: bytes, start: int) -> int:
    """Where the element opened at ``start`` ends (just after its closing tag); -1 when it does not."""
    opening, closing = b"<" + name, b"</" + name + b">"
    depth, at = 0, start
    while True:
        next_open, next_close = page.find(opening, at), page.find(closing, at)
        if next_close < 0:
            return -1
        if 0 <= next_open < next_close:
            found = _TAG_NAME.match(page, next_open)
            if found is not None and found[1] == name:  # <article …>, not <articles>
                depth += 1
            at = next_open + len(opening)
            continue
        depth -= 1
        at = next_close + len(closing)
        if depth == 0:
            return at


def run_pagefind(
    template: list[str],
    site: Path,
    view: Path,
    bundle: Path,
    on_start: Callable[[subprocess.Popen], None] | None = None,
    on_phase: Callable[[subprocess.Popen, str], None] | None = None,
) -> Run:
    """Index the pages of ``view`` (``shard_view`` of ``site``) into an empty ``bundle``; raise SearchIndexError.

    ``on_start`` is handed the Pagefind process as soon as it runs (so that it can be stopped);
    ``on_phase`` the process and "indexing" (it is about to build its index in memory) or
    "writing" (it has, and writes the bundle), as Pagefind reports them.
    """
    started = time.monotonic()
    code, log, peak_kib = _run(_filled(template, view, bundle), view, on_start, on_phase)
    return _finished(site, bundle, code, log, time.monotonic() - started, peak_kib / 1024)


def run_pagefind_plain(template: list[str], site: Path, view: Path, bundle: Path) -> Run:
    """The same run, plainly: Pagefind runs to its end and nothing is read meanwhile (its peak memory is 0)."""
    started = time.monotonic()
    filled = _filled(template, view, bundle)
    try:
        done = subprocess.run(filled, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=view, env=_environment())
    except OSError as err:
        raise SearchIndexError(f"pencarian: tidak dapat menjalankan Pagefind ({filled[0]}): {err}") from err
    log = done.stdout.decode("utf-8", "replace")
    return _finished(site, bundle, done.returncode, log, time.monotonic() - started, 0.0)


def _filled(template: list[str], view: Path, bundle: Path) -> list[str]:
    """The command line of one run; its bundle emptied first (Pagefind adds files next to old ones:
    no stale file may survive a rebuild)."""
    shutil.rmtree(bundle, ignore_errors=True)
    return [{SITE: str(view), BUNDLE: str(bundle)}.get(arg, arg) for arg in template]


def _finished(site: Path, bundle: Path, code: int, log: str, seconds: float, peak_mib: float) -> Run:
    if code != 0 or not (bundle / "pagefind.js").is_file():
        raise SearchIndexError(
            f"pencarian: Pagefind gagal mengindeks {site} (kode keluar {code}); "
            f"situs tidak diterbitkan tanpa pencarian:\n{_tail(log)}"
        )
    return Run(_indexed_pages(log), seconds, peak_mib)


def _environment() -> dict[str, str]:
    return {ALLOCATOR[0]: ALLOCATOR[1], **os.environ}


def _trim_pages(site: Path, pages: tuple[str, ...], view: Path, variants: Variants | None = None) -> None:
    """Write the trimmed copy of each page ``view`` lacks (and the site's Pagefind config file)."""
    for page in pages:
        if not (view / page).exists():
            try:
                data = (site / page).read_bytes()
            except FileNotFoundError as err:
                raise _missing(site, page) from err
            write_bytes(view, page, search_copy(data, variants))
    for name in _config_files(site):
        shutil.copyfile(site / name, view / name)


def _link_pages(site: Path, pages: tuple[str, ...], view: Path) -> None:
    for page in [*pages, *_config_files(site)]:
        target = view / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site / page, target)
        except FileNotFoundError as err:
            raise _missing(site, page) from err
        except OSError:  # another file system or no hard links: a copy reads the same
            shutil.copyfile(site / page, target)


def _config_files(site: Path) -> list[str]:
    """Pagefind reads its config file from the folder it runs in: the site's, if it has one."""
    return [name for name in CONFIG_FILES if (site / name).is_file()]


def _missing(site: Path, page: str) -> SearchIndexError:
    return SearchIndexError(f"pencarian: halaman /{page} tidak ada di {site}, tidak dapat diindeks")


def _run(
    command: list[str], cwd: Path, on_start: Callable | None = None, on_phase: Callable | None = None
) -> tuple[int, str, int]:
    """Exit code, output and peak memory in KiB.

    The peak is the program's own high-water mark (``VmHWM``), read while it runs: the kernel's
    figure for a finished child (``wait4``) also counts the Python process it was forked from.
    """
    with tempfile.TemporaryFile() as out:
        try:
            proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env=_environment())
        except OSError as err:
            raise SearchIndexError(f"pencarian: tidak dapat menjalankan Pagefind ({command[0]}): {err}") from err
        if on_start is not None:
            on_start(proc)
        peak, read, phases = 0, 0, dict(PHASES)
        while proc.poll() is None:
            peak = max(peak, _high_water(proc.pid))
            if on_phase is not None and phases:
                new = os.pread(out.fileno(), 1 << 16, read)
                complete = new[: new.rfind(b"\n") + 1]  # whole lines only
                read += len(complete)
                for line in complete.decode("utf-8", "replace").splitlines():
                    phase = phases.pop(line.strip(), None)
                    if phase is not None:
                        on_phase(proc, phase)
            time.sleep(POLL_SECONDS)
        out.seek(0)
        return proc.returncode, out.read().decode("utf-8", "replace"), peak


def _high_water(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii", errors="replace")
    except OSError:  # finished meanwhile, or no /proc: no figure
        return 0
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) if match else 0


def _indexed_pages(log: str) -> int:
    match = re.search(r"Indexed (\d+) pages?", log)
    return int(match.group(1)) if match else 0


def _tail(text: str, lines: int = 12) -> str:
    kept = [line for line in text.strip().splitlines() if line.strip()][-lines:]
    return "\n".join(f"  {line}" for line in kept) or "  (Pagefind tidak menulis pesan apa pun)"
