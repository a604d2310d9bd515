"""Build into ``OUT.staging``; only a build that finished replaces ``OUT`` (old one kept as ``OUT.prev``).

Pelican writes wherever ``pelican.output_path`` points when a build starts, so each build
is redirected there. A failed, interrupted or killed build leaves only a stale staging
folder behind, which the next build deletes; the published folder is never touched.
"""

from __future__ import annotations

import filecmp
import logging
import os
import shutil
from pathlib import Path

logger = logging.getLogger(__name__)


def paths(final: Path) -> tuple[Path, Path]:
    """The staging and previous-site folders that sit beside the published one."""
    return final.with_name(final.name + ".staging"), final.with_name(final.name + ".prev")


def remember_output(pelican) -> None:
    pelican.warta_published = Path(pelican.output_path).resolve()


def stage(pelican) -> None:
    """Start every build in an empty staging folder (returns no generator)."""
    final = pelican.warta_published
    staging, _ = paths(final)
    if staging.exists():
        logger.info("Warta: menghapus sisa pembangunan yang terhenti: %s", staging)
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    pelican.output_path = str(staging)
    return None


def swap_in(pelican) -> None:
    """Rename, never copy: ``OUT`` → ``OUT.prev``, ``OUT.staging`` → ``OUT``."""
    final = pelican.warta_published
    staging, previous = paths(final)
    if Path(pelican.output_path) != staging or not staging.is_dir():
        return
    kept, total = adopt_unchanged(staging, final)
    rotate(final, staging, previous)
    pelican.output_path = str(final)
    logger.info("Warta: situs baru dipasang di %s (%d dari %d berkas tidak berubah)", final, kept, total)


def adopt_unchanged(staging: Path, final: Path) -> tuple[int, int]:
    """Replace each staged file that is byte-identical to the published one by a hard link to it.

    Unchanged files keep their inode and modification time, so rsync, publish uploads and
    CDN caches see only what really changed. Builds never write into a published file,
    so sharing inodes between ``OUT`` and ``OUT.prev`` is safe. A file that already is the
    published one (a search index reused by hard link) is counted without being read.
    """
    kept = total = 0
    if not final.is_dir():
        return kept, total
    for folder, _, names in os.walk(staging):
        for name in names:
            total += 1
            new = Path(folder, name)
            old = final / new.relative_to(staging)
            try:
                old_stat, new_stat = old.stat(), new.stat()
                if os.path.samestat(old_stat, new_stat):
                    kept += 1
                    continue
                same = old_stat.st_size == new_stat.st_size and filecmp.cmp(old, new, shallow=False)
            except OSError:
                continue
            if same:
                link = new.with_name(name + ".warta-link")
                os.link(old, link)
                os.replace(link, new)
                kept += 1
    return kept, total


def rotate(final: Path, incoming: Path, previous: Path) -> None:
    """Make ``incoming`` the site at ``final``, keeping the current one as ``previous``."""
    trash = None
    if previous.exists():
        trash = previous.with_name(previous.name + f".old-{os.getpid()}")
        previous.rename(trash)
    if final.exists():
        final.rename(previous)
    incoming.rename(final)
    if trash is not None:
        shutil.rmtree(trash, ignore_errors=True)
