"""The generator that reads and checks the content folder, before anything is written."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pelican.generators import Generator

from .archive import load_archive
from .errors import ValidationFailed
from .gcpause import COLLECTOR_PAUSE
from .incremental import build_digest, own_digest
from .ledger import previous_location, read_previous
from .memo import ByObject
from .output_record import OutputRecord
from .reporting import print_problems
from .settings import read_content_settings
from .state import build_state


def folder_key(folder: Path) -> str:
    """A short name for ``folder`` (by its resolved path), for what a build keeps of it elsewhere."""
    return hashlib.sha1(str(folder.resolve()).encode()).hexdigest()[:12]


class ContentGenerator(Generator):
    """Loads the archive into ``context['archive']``; raises ValidationFailed on bad content.

    Also opens the build's OutputRecord (``context['warta_output']``), through which every
    Warta capability writes, and leaves both in the build's state (state.py) for ``finalized``.
    """

    pelican = None  # this build's Pelican object (set by the get_generators handler)

    def generate_context(self) -> None:
        settings = read_content_settings(self.settings)
        # One cache per content folder, so that builds of different archives do not evict each other.
        cache = Path(self.settings.get("CACHE_PATH") or ".cache") / "warta" / folder_key(Path(self.path))
        # Each entry's own input digest (page keys, incremental.py) is made while the next files parse.
        owns: ByObject[str] = ByObject()

        def loaded(entry) -> None:
            owns.put(entry, own_digest(entry, settings.now))

        # The archive and the queued pages live as long as the build: no collection until rendering begins.
        COLLECTOR_PAUSE.start()
        published = Path(self.settings["OUTPUT_PATH"]).resolve()
        try:
            previous = read_previous(previous_location(self.settings), published)
            archive = load_archive(Path(self.path), settings, cache, each=loaded, previous=previous)
        except ValidationFailed as error:
            print_problems(error)
            raise
        self.context["archive"] = archive
        self.context["warta_output"] = record = self.open_record(archive, owns)
        # Pages are queued and rendered together once every generator has run (parallel.py).
        record.defer(settings.parallel_from)
        if self.pelican is not None:
            state = build_state(self.pelican)
            state.archive, state.output = archive, record

    def open_record(self, archive, owns: ByObject[str] | None = None) -> OutputRecord:
        """The published site is the configured output folder (warta_publish builds beside it)."""
        published = Path(self.settings["OUTPUT_PATH"]).resolve()
        digest = build_digest(self.settings, self.env.loader, archive)
        return OutputRecord(Path(self.output_path), published, digest, archive.now, owns)

    def generate_output(self, writer) -> None:
        """Reading only; other capabilities write."""
