"""Build into ``OUT.staging``; only a build that finished replaces ``OUT`` (old one kept as ``OUT.prev``).

Pelican writes wherever ``pelican.output_path`` points when a build starts, so each build
is redirected there. A failed, interrupted or killed build leaves only a stale staging
folder behind, which the next build deletes; the published folder is never touched.
"""

from __future__ import annotations

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
    rotate(final, staging, previous)
    pelican.output_path = str(final)
    logger.info("Warta: situs baru dipasang di %s (situs sebelumnya di %s)", final, previous)


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
