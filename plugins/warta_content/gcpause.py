"""What a build does with Python's garbage collector: paused from loading until rendering, and
kept off the objects forked workers share.

**The pause.** Until its pages are rendered, a build makes objects that live as long as it does:
the archive, then the queued pages. The collector would only walk them again and again (its full
collections took 0.6 s at 10,000 releases). So ``COLLECTOR_PAUSE`` starts just before the archive
is loaded (``ContentGenerator.generate_context``) and ends as rendering begins
(``parallel.render_all``), since rendering makes garbage. A build that fails in between never
gets there: the preview, which outlives its builds, runs each inside ``COLLECTOR_PAUSE.ended()``
(``Preview.build``); a one-off build ends with its process. No collection is forced at either end.

**Forked workers** (``shared_with_workers``): they share the build's memory until they write to
it, and a collection writes to every object it examines; so what they inherit is frozen out of
the collector's sight while they render.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


class CollectorPause:
    """The collector off from loading the archive until its pages are rendered; one per process, as the collector is."""

    def start(self) -> None:
        """Loading begins: no collection until ``end``."""
        gc.disable()

    def end(self) -> None:
        """Rendering begins, or the build is over: the collector runs again."""
        gc.enable()

    @contextmanager
    def ended(self) -> Iterator[None]:
        """Around a whole build: however it ends, the pause it started has ended too."""
        try:
            yield
        finally:
            self.end()


COLLECTOR_PAUSE = CollectorPause()


@contextmanager
def shared_with_workers() -> Iterator[None]:
    """Every object alive now is out of the collector's sight (``gc.freeze``) for the block: forked
    workers inherit them, and the texts made last would walk the whole archive in each full collection."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
