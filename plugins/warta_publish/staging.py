"""Build into ``OUT.staging``; only a build that finished replaces ``OUT`` (old one kept as ``OUT.prev``).

Pelican writes wherever ``pelican.output_path`` points when a build starts, so each build
is redirected there. A failed, interrupted or killed build leaves only a stale staging
folder behind, which the next build deletes; the published folder is never touched.
"""

from __future__ import annotations

import filecmp
import glob
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from warta_content import build_state, read_files, site_files

from . import interrupt

logger = logging.getLogger(__name__)


def paths(final: Path) -> tuple[Path, Path]:
    """The staging and previous-site folders that sit beside the published one."""
    return final.with_name(final.name + ".staging"), final.with_name(final.name + ".prev")


def remember_output(pelican) -> None:
    build_state(pelican).published = Path(pelican.output_path).resolve()
    interrupt.guard()  # settings are read and plugins loaded: Ctrl+C from here on must not exit 0


def stage(pelican) -> None:
    """Start every build in an empty staging folder (returns no generator)."""
    interrupt.guard()  # again for each build of a preview, which lets Ctrl+C through between builds
    final = build_state(pelican).published
    staging, _ = paths(final)
    if staging.exists():
        logger.info("Warta: menghapus sisa pembangunan yang terhenti: %s", staging)
        shutil.rmtree(staging)
    for left in final.parent.glob(f"{glob.escape(final.name)}.prev{TRASH}*"):
        delete_later(left)  # a deletion cut short (or still under way: two deleters only race)
    staging.mkdir(parents=True)
    pelican.output_path = str(staging)
    return None


def swap_in(pelican) -> None:
    """Rename, never copy: ``OUT`` → ``OUT.prev``, ``OUT.staging`` → ``OUT``."""
    state = build_state(pelican)
    final = state.published
    staging, previous = paths(final)
    if Path(pelican.output_path) != staging or not staging.is_dir():
        with interrupt.finishing():  # nothing to replace, but the build is over
            return
    record = state.output
    if record is not None and record.out.resolve() == staging.resolve():  # this build's, still in memory
        new, linked = record.listed(), record.linked
    else:
        new, linked = read_files(staging), set()
    kept, total = adopt_unchanged(staging, final, new, read_files(final), linked)
    with interrupt.finishing():
        rotate(final, staging, previous)
    pelican.output_path = str(final)
    logger.info("Warta: situs baru dipasang di %s (%d dari %d berkas tidak berubah)", final, kept, total)


def adopt_unchanged(
    staging: Path,
    final: Path,
    new: dict | None = None,
    old: dict | None = None,
    linked: set[str] | frozenset = frozenset(),
) -> tuple[int, int]:
    """Replace each staged file that is byte-identical to the published one by a hard link to it.

    Unchanged files keep their inode and modification time, so rsync, publish uploads and
    CDN caches see only what really changed. Builds never write into a published file,
    so sharing inodes between ``OUT`` and ``OUT.prev`` is safe. ``linked`` are the files this build
    already linked from the published site (pages whose inputs had not changed): counted, not read.
    A file that already is the published one is counted without being read; so is a file whose
    SHA-256 both builds' records (``new``, ``old``: path → (digest, size)) agree on.
    Only files neither record lists are compared byte by byte.
    """
    new, old, linked = new or {}, old or {}, linked or set()
    kept = total = 0
    if not final.is_dir():
        return kept, total
    published_root = str(final)
    for relative, path in site_files(staging):
        total += 1
        if relative in linked:
            kept += 1
            continue
        published = f"{published_root}/{relative}"
        try:
            old_stat, new_stat = os.stat(published), os.stat(path)
            if os.path.samestat(old_stat, new_stat):
                kept += 1
                continue
            if relative in new and relative in old:
                same = new[relative] == old[relative] and old_stat.st_size == old[relative][1]
            else:
                same = old_stat.st_size == new_stat.st_size and filecmp.cmp(published, path, shallow=False)
        except OSError:
            continue
        if same:
            link = f"{path}.warta-link"
            os.link(published, link)
            os.replace(link, path)
            kept += 1
    return kept, total


def rotate(final: Path, incoming: Path, previous: Path) -> None:
    """Make ``incoming`` the site at ``final``, keeping the current one as ``previous``.

    The site before ``previous`` is renamed aside and deleted by a process of its own, which
    outlives the build: at 10,000 releases deleting its 14,000 folders takes seconds, and the new
    site is live (and the build done) as soon as the renames are. A deletion cut short is finished
    by the next build (``stage``).
    """
    trash = None
    if previous.exists():
        trash = previous.with_name(f"{previous.name}{TRASH}{os.getpid()}")
        previous.rename(trash)
    if final.exists():
        final.rename(previous)
    incoming.rename(final)
    if trash is not None:
        delete_later(trash)


TRASH = ".old-"  # OUT.prev.old-<pid>: a site being deleted


def delete_later(folder: Path) -> None:
    """Delete ``folder`` in a detached process; here, if none can be started."""
    try:
        subprocess.Popen(
            [sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)", str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
