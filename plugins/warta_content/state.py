"""One build's state: what the phases of a build hand each other, on one typed object.

Pelican gives a plugin's signal handlers only the Pelican object (``finalized``, ``initialized``)
or a generator, so what one phase finds for a later one has to hang from the Pelican object.
It hangs there once, as ``build_state(pelican)``; the core's fields are declared below, and a
capability keeps what only it needs in a dataclass of its own, ``state.part(ItsState)``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from .archive import Archive
    from .output_record import OutputRecord

T = TypeVar("T")


@dataclass
class BuildState:
    """What a build knows about itself, phase by phase (docs/architecture.md)."""

    # When the run started, for the closing summary (reporting.py).
    started: float = field(default_factory=time.monotonic)
    # The folder readers are served from: the build writes beside it and swaps (warta_publish).
    published: Path | None = None
    # load: every release, session and page, checked (archive.py).
    archive: Archive | None = None
    # plan and render: every file this build writes or links, and the queue (output_record.py).
    output: OutputRecord | None = None
    # check: the address and source file of every page the search index must hold (warta_manifest).
    searchable: dict[str, str] | None = None
    # Work started in the background that a failed build must stop (the preview calls them).
    if_failed: list[Callable[[], None]] = field(default_factory=list)
    _parts: dict[type, Any] = field(default_factory=dict, repr=False)

    @property
    def written(self) -> dict[str, str] | None:
        """Output path → SHA-256 of every file this build wrote or linked, once loading is done."""
        return self.output.files if self.output is not None else None

    def part(self, kind: type[T]) -> T:
        """A capability's own state for this build: an instance of ``kind``, made on first use."""
        found = self._parts.get(kind)
        if found is None:
            found = self._parts[kind] = kind()
        return found


def build_state(pelican) -> BuildState:
    """This build's state (made on first use: warta_publish reads the output folder at ``initialized``)."""
    state = getattr(pelican, "warta", None)
    if state is None:
        state = pelican.warta = BuildState()
    return state
