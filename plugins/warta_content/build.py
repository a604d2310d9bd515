"""One build, top to bottom: load → plan → render → check → index → check the index → publish.

Pelican's ``run()`` drives the first two phases:

- **load**: at ``get_generators`` warta_publish points the output at a staging folder and the
  core's ``ContentGenerator`` comes first; its ``generate_context`` reads and checks the whole
  content folder into the archive and opens the output record (generator.py);
- **plan**: every capability's ``generate_output`` queues its pages, feeds and data files on the
  output record, which links instead whatever has not changed (output_record.py).

Pelican then sends ``finalized``, and the core's handler, ``finish`` below, runs the rest in
this order. A capability joins a phase through the core's signal for it (hooks.py), never
through ``finalized`` itself (tests/test_architecture.py), so the order is written here once
rather than implied by the order of ``PLUGINS``.
"""

from __future__ import annotations

import logging

from .hooks import output_checked, pages_rendered, site_indexed, site_ready
from .state import BuildState, build_state

logger = logging.getLogger(__name__)


def finish(pelican) -> None:
    """Everything after planning, in order; any WartaError stops the build before ``site_ready``."""
    render(build_state(pelican))
    pages_rendered.send(pelican)  # check: each entry has its page, listings, sitemap (warta_manifest)
    output_checked.send(pelican)  # index: search finishes its index, shard by shard (warta_search)
    site_indexed.send(pelican)  # check: each entry is in the search index (warta_manifest)
    site_ready.send(pelican)  # publish: the staging folder replaces the published site (warta_publish)


def render(state: BuildState) -> None:
    """The queued pages, on every core (parallel.py), then the record of what was written."""
    record = state.output
    if record is None:  # nothing was loaded: this run built no site
        return
    record.finish()
    record.save()
    logger.info(
        "Warta: %d berkas dirender, %d ditautkan dari situs terbit (tidak berubah)", record.rendered, record.reused
    )
