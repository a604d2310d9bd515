"""The preview server (``invoke serve``): an edited release is on screen first, the rest of the site follows.

A full build of a large archive takes seconds even when it reuses every unchanged page. The
preview keeps the previous build's generators; when the saved files are releases it already
knows, and their address stays the same, it renders just those pages straight into the
published folder (each file replaced whole, never written into). Then the full build runs as
usual and brings listings, feeds and search up to date. Anything else (a new or moved file,
data files, templates, a release with errors) goes straight to the full build, which reports
problems the usual way.
"""

from __future__ import annotations

import functools
import gc
import http.server
import logging
import queue
import threading
import time
from pathlib import Path

from pelican import Pelican, signals
from pelican.settings import read_settings

from .errors import Problems, WartaError
from .incremental import OutputRecord
from .reader import Builder, parse
from .render import BodyRenderer
from .settings import read_content_settings

logger = logging.getLogger(__name__)


class Preview:
    """One preview session: a build, a web server on the output folder, and a watcher."""

    def __init__(self, settings_file: Path, content: Path, output: Path, cache: str | None = None):
        self.settings_file, self.content, self.output = settings_file, content.resolve(), output.resolve()
        self.cache = cache
        self.generators: list = []  # the last finished build's, for quick renders
        self._fresh: list = []
        signals.all_generators_finalized.connect(self._capture)

    def _capture(self, generators) -> None:
        self._fresh = list(generators)

    def pelican(self) -> Pelican:
        overrides = {"PATH": str(self.content), "OUTPUT_PATH": str(self.output)}
        if self.cache:
            overrides["CACHE_PATH"] = self.cache
        return Pelican(read_settings(str(self.settings_file), override=overrides))

    def build(self, pelican: Pelican) -> None:
        """One full build; problems are printed and the preview keeps running."""
        started = time.monotonic()
        try:
            pelican.run()
        except WartaError as error:
            logger.error("Warta: pratinjau tidak diperbarui: %s", error)
            _stop_leftovers(pelican)
            return
        except Exception as error:  # the preview must outlive any one bad build
            logger.error("Warta: pembangunan gagal: %s: %s", type(error).__name__, error)
            _stop_leftovers(pelican)
            return
        finally:
            gc.enable()  # a build that failed after loading left the collector off (ContentGenerator)
        self.generators = self._fresh
        logger.info("Warta: pratinjau diperbarui dalam %.1f detik", time.monotonic() - started)

    def quick(self, paths: set[Path]) -> list[str]:
        """Render the saved releases' own pages into the output now; [] when only a full build will do."""
        context = next((g.context for g in self.generators if "archive" in g.context), None)
        writer = next((g for g in self.generators if hasattr(g, "write_release")), None)
        if context is None or writer is None or not paths:
            return []
        archive = context["archive"]
        known = {r.source: r for r in archive.releases}
        settings = read_content_settings(writer.settings)
        renderer, problems = BodyRenderer(), Problems()
        builder = Builder(self.content, archive.vocab, settings, problems)
        fresh = []
        for path in paths:
            source = _relative(path, self.content)
            old = known.get(source)
            if old is None:
                return []
            release = builder.release(parse(source, path.read_bytes(), renderer, settings.summary_length))
            if release is None or problems or release.url != old.url or release.draft or release.date > archive.now:
                return []
            release.related, release.session = old.related, old.session
            fresh.append(release)
        writer.context = {**writer.context, "warta_output": OutputRecord(self.output, None, "", archive.now)}
        for release in fresh:
            writer.write_release(release)
        return [r.url for r in fresh]

    def serve(self, host: str, port: int) -> None:
        """Build, serve ``output`` on host:port, and rebuild whenever a watched file is saved."""
        pelican = self.pelican()
        self.build(pelican)
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(self.output))
        server = http.server.ThreadingHTTPServer((host, port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        logger.info("Warta: pratinjau di http://%s:%d/ (Ctrl+C untuk berhenti)", host, port)
        saved: queue.Queue = queue.Queue()
        threading.Thread(target=self._watch, args=(saved,), daemon=True).start()
        while True:
            changed = saved.get()
            while not saved.empty():
                changed |= saved.get()
            if self.settings_file.resolve() in changed:
                pelican = self.pelican()
            self.build(pelican)

    def _watch(self, saved: queue.Queue) -> None:
        """Quick renders happen here, as soon as a file is saved, even while a full build runs."""
        import watchfiles

        theme = Path(read_settings(str(self.settings_file))["THEME"])
        for changes in watchfiles.watch(self.content, theme, self.settings_file, step=30, rust_timeout=0):
            paths = {Path(p).resolve() for _, p in changes}
            try:
                # Editors often save through a temporary file renamed over the old one: only files still there count.
                existing = {p for p in paths if p.is_file()}
                shown = self.quick(existing) if all(p.suffix == ".md" for p in existing) else []
            except (OSError, WartaError, ValueError) as error:
                logger.warning("Warta: pratinjau cepat dilewati: %s", error)
                shown = []
            if shown:
                logger.info("Warta: tampil lebih dulu: %s", ", ".join(f"/{u}" for u in shown))
            saved.put(paths)


def _stop_leftovers(pelican: Pelican) -> None:
    """A failed build may have started work that would outlive it (search indexing, warta_search
    lists it in ``pelican.warta_if_failed``): stop it before the next build reuses the folders."""
    for stop in getattr(pelican, "warta_if_failed", []):
        stop()


def _relative(path: Path, content: Path) -> str:
    try:
        return path.relative_to(content).as_posix()
    except ValueError:
        return ""
