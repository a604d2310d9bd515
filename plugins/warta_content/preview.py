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
import http.server
import logging
import queue
import threading
import time
from pathlib import Path

from pelican import Pelican, signals
from pelican.settings import read_settings

from .errors import Problems, ValidationFailed, WartaError
from .folder import is_source
from .gcpause import COLLECTOR_PAUSE
from .output_record import OutputRecord
from .preview_server import Handler, Report
from .reader import Builder, parse
from .render import BodyRenderer
from .settings import read_content_settings
from .state import build_state
from .templating import detik

logger = logging.getLogger(__name__)


class Preview:
    """One preview session: a build, a web server on the output folder, and a watcher."""

    def __init__(
        self, settings_file: Path, content: Path, output: Path, cache: str | None = None, settings: dict | None = None
    ):
        self.settings_file, self.content, self.output = settings_file, content.resolve(), output.resolve()
        self.cache = cache
        self.settings = settings or {}  # more overrides, e.g. the web editor's (invoke serve --cms)
        self.generators: list = []  # the last finished build's, for quick renders
        self.report = Report()  # what the last build left to show over every page (preview_server.py)
        self._fresh: list = []
        signals.all_generators_finalized.connect(self._capture)

    def _capture(self, generators) -> None:
        self._fresh = list(generators)

    def pelican(self) -> Pelican:
        # A preview publishes nothing: the record of what was published stays as the last build left it
        # (warta_redirects), so the titles an editor tries while typing never become old addresses.
        overrides = {**self.settings, "PATH": str(self.content), "OUTPUT_PATH": str(self.output), "WARTA_PREVIEW": True}
        if self.cache:
            overrides["CACHE_PATH"] = self.cache
        return Pelican(read_settings(str(self.settings_file), override=overrides))

    def build(self, pelican: Pelican) -> None:
        """One full build; problems are printed and the preview keeps running."""
        started = time.monotonic()
        try:
            with COLLECTOR_PAUSE.ended():  # a build that failed after loading never reached rendering
                pelican.run()
        except ValidationFailed as error:  # already listed by the build (reporting.py)
            self._show(Report(problems=error.problems, warnings=error.warnings))
            _stop_leftovers(pelican)
            return
        except WartaError as error:
            logger.error("Warta: pratinjau tidak diperbarui: %s", error)
            self._show(Report(failure=f"Pratinjau tidak diperbarui: {error}"))
            _stop_leftovers(pelican)
            return
        except Exception as error:  # the preview must outlive any one bad build
            logger.error("Warta: pembangunan gagal: %s: %s", type(error).__name__, error)
            self._show(Report(failure=f"Pembangunan gagal: {type(error).__name__}: {error}"))
            _stop_leftovers(pelican)
            return
        self.generators = self._fresh
        archive = build_state(pelican).archive
        self._show(Report(warnings=archive.warnings if archive else []))
        logger.info("Warta: pratinjau diperbarui dalam %s detik", detik(time.monotonic() - started))

    def _show(self, report: Report) -> None:
        """What every page served from now on shows; a new generation makes open pages reload."""
        report.generation = self.report.generation + 1
        self.report = report

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
            if release is None or problems or not _same_place(release, old, archive.now):
                return []
            release.related, release.linked_session = old.related, old.linked_session
            fresh.append(release)
        writer.context = {**writer.context, "warta_output": OutputRecord(self.output, None, "", archive.now)}
        for release in fresh:
            writer.write_release(release)
        self._show(Report(problems=[], warnings=self.report.warnings))
        return [r.url for r in fresh]

    def serve(self, host: str, port: int) -> None:
        """Build, serve ``output`` on host:port, and rebuild whenever a watched file is saved."""
        pelican = self.pelican()
        self.build(pelican)
        preview = self

        class Served(Handler):
            @property
            def report(self) -> Report:
                return preview.report

        handler = functools.partial(Served, directory=str(self.output))
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
                shown = self.quick(existing) if all(is_source(p) for p in existing) else []
            except (OSError, WartaError, ValueError) as error:
                logger.warning("Warta: pratinjau cepat dilewati: %s", error)
                shown = []
            if shown:
                logger.info("Warta: tampil lebih dulu: %s", ", ".join(f"/{u}" for u in shown))
            saved.put(paths)


def _same_place(release, old, now) -> bool:
    """Whether the full build would take the saved release as the quick render shows it: at the same
    address, published, and with nothing the checks across files look at (its session, old addresses
    and id) changed; anything else waits for the full build, which may refuse it."""
    return (
        release.url == old.url
        and not release.draft
        and release.date <= now
        and (release.session, release.aliases, release.source_id) == (old.session, old.aliases, old.source_id)
    )


def _stop_leftovers(pelican: Pelican) -> None:
    """A failed build may have started work that would outlive it (search indexing, warta_search
    lists it in the build state's ``if_failed``): stop it before the next build reuses the folders."""
    for stop in build_state(pelican).if_failed:
        stop()


def _relative(path: Path, content: Path) -> str:
    try:
        return path.relative_to(content).as_posix()
    except ValueError:
        return ""
