"""What a build tells the editor: problems and warnings as plain lines, and Warta's own summary."""

from __future__ import annotations

import logging
import sys
import time

from pelican.log import console

from .errors import Problem, ValidationFailed, WartaError
from .kinds import declared_kinds
from .state import build_state
from .templating import detik


class _WartaErrorFilter(logging.Filter):
    """Pelican logs every fatal error with its traceback; ours carry a full message instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, WartaError):
            record.exc_info = None
            record.exc_text = None
            if isinstance(error, ValidationFailed):
                record.msg, record.args = (
                    "Pembangunan dihentikan: %d masalah konten (lihat daftar 'Warta: konten tidak valid').",
                    (len(error.problems),),
                )
            else:  # not Pelican's "ClassName: message"
                record.msg, record.args = "Warta: %s", (error,)
        return True


def print_problems(error: ValidationFailed) -> None:
    """One ``file:line: field: message`` per line on stderr, easy to read and to grep."""
    print(f"\nWarta: {error}\n", file=sys.stderr, flush=True)
    print_warnings(error.warnings, "juga perlu diperiksa, tetapi tidak menghentikan pembangunan")


def print_warnings(warnings: list[Problem], note: str = "situs tetap dibangun; sebaiknya diperbaiki") -> None:
    """The warnings of a build, after its problems or its summary: they never stop it."""
    if warnings:
        lines = "\n".join(f"  {w}" for w in warnings)
        print(
            f"Warta: {len(warnings)} peringatan ({note}):\n{lines}\n",
            file=sys.stderr,
            flush=True,
        )


def print_changes(changes: dict) -> None:
    """One line per moved address (its old address now redirects), then what changed, in numbers."""
    for move in changes.get("pindah", []):
        print(f"Warta: alamat pindah: {move['lama']} → {move['baru']} (alamat lama dialihkan)", flush=True)
    counts = {name: len(items) for name, items in changes.items() if items}
    if counts:
        said = ", ".join(f"{n} {name}" for name, n in counts.items())
        print(f"Warta: perubahan sejak terbitan sebelumnya: {said} (daftarnya di data/perubahan.json)", flush=True)


def summary(archive, seconds: float) -> str:
    """'Warta: selesai dalam 2,1 detik: 40 rilis terbit (…), 12 sesi, 5 halaman, tanpa peringatan.'"""
    warned = f"{len(archive.warnings)} peringatan (lihat di atas)" if archive.warnings else "tanpa peringatan"
    held = f" ({archive.withheld} draf/embargo ditahan)" if archive.withheld else ""
    return (
        f"Warta: selesai dalam {detik(seconds)} detik: {len(archive.releases)} rilis terbit{held}, "
        f"{len(archive.sessions)} sesi, {len(archive.pages)} halaman{declared_counts(archive)}, {warned}."
    )


def declared_counts(archive) -> str:
    """', 3 agenda' for each declared content kind (kinds.py), in the order they were declared."""
    return "".join(f", {len(archive.declared.get(k.name, []))} {k.label}" for k in declared_kinds())


def start_build(pelican) -> None:
    """At the start of each run: note the time, and take over Pelican's
    closing line ('Done: Processed 0 articles…', which counts Pelican's own articles, never ours)."""
    state = build_state(pelican)
    state.started, state.archive = time.monotonic(), None
    console.print = _closing_line(pelican)  # replaces one a failed run left behind


def _closing_line(pelican):
    def closing(*args, **kwargs):
        if not (args and str(args[0]).startswith("Done: Processed")):
            return type(console).print(console, *args, **kwargs)
        del console.print  # back to Rich's own, until the next run
        state = build_state(pelican)
        if state.archive is not None:
            print_warnings(state.archive.warnings)
            print_changes(state.archive.changes)
            print(summary(state.archive, time.monotonic() - state.started), flush=True)
        return None

    return closing


def install_filter(pelican) -> None:
    logger = logging.getLogger("pelican")
    if not any(isinstance(f, _WartaErrorFilter) for f in logger.filters):
        logger.addFilter(_WartaErrorFilter())
