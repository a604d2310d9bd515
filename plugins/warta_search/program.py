"""The Pagefind program: where it is, and one run of it over one shard's pages."""

from __future__ import annotations

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

from warta_content.errors import WartaError

from .reuse import CONFIG_FILES
from .settings import SearchSettings

# The whole archive is Indonesian: one index, with Pagefind's Snowball Indonesian stemmer.
LANGUAGE = "id"
# Placeholders in the command a shard's digest covers; a run fills in its own folders.
SITE, BUNDLE = "<site>", "<bundle>"
POLL_SECONDS = 0.02  # how often a run's memory and output are read
# Lines Pagefind prints as it goes (1.5): before it builds the index it holds in memory, and once
# it has built it and writes the bundle's files.
PHASES = {"[Reading languages]": "indexing", "Total:": "writing"}
VIEW_PREFIX = ".pagefind-"  # the folder of one shard's pages inside the site, while Pagefind reads it


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
def shard_view(site: Path, pages: tuple[str, ...]) -> Iterator[Path]:
    """A folder inside ``site`` of hard links to exactly ``pages`` (same relative paths, so the same
    URLs), for one Pagefind run; removed afterwards. Pagefind reads a folder, not a list, and this
    also spares it walking the whole site."""
    with tempfile.TemporaryDirectory(prefix=VIEW_PREFIX, dir=site) as folder:
        view = Path(folder)
        _link_pages(site, pages, view)
        yield view


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
    # Pagefind adds files next to old ones; start empty so no stale file survives a rebuild.
    shutil.rmtree(bundle, ignore_errors=True)
    filled = [{SITE: str(view), BUNDLE: str(bundle)}.get(arg, arg) for arg in template]
    code, log, peak_kib = _run(filled, view, on_start, on_phase)
    if code != 0 or not (bundle / "pagefind.js").is_file():
        raise SearchIndexError(
            f"pencarian: Pagefind gagal mengindeks {site} (kode keluar {code}); "
            f"situs tidak diterbitkan tanpa pencarian:\n{_tail(log)}"
        )
    return Run(_indexed_pages(log), time.monotonic() - started, peak_kib / 1024)


def _link_pages(site: Path, pages: tuple[str, ...], view: Path) -> None:
    # Pagefind reads its config file from the folder it runs in: the site's, if it has one.
    extra = [name for name in CONFIG_FILES if (site / name).is_file()]
    for page in [*pages, *extra]:
        target = view / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site / page, target)
        except FileNotFoundError as err:
            raise SearchIndexError(f"pencarian: halaman /{page} tidak ada di {site}, tidak dapat diindeks") from err
        except OSError:  # another file system or no hard links: a copy reads the same
            shutil.copyfile(site / page, target)


def _run(
    command: list[str], cwd: Path, on_start: Callable | None = None, on_phase: Callable | None = None
) -> tuple[int, str, int]:
    """Exit code, output and peak memory in KiB.

    The peak is the program's own high-water mark (``VmHWM``), read while it runs: the kernel's
    figure for a finished child (``wait4``) also counts the Python process it was forked from.
    """
    with tempfile.TemporaryFile() as out:
        try:
            proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=cwd)
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
