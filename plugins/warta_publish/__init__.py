"""All-or-nothing output: every build writes a fresh staging folder, then swaps it in."""

from pelican import signals
from warta_content import site_ready

from .staging import remember_output, stage, swap_in


def register():
    # Once per process: note where the site is published (the -o folder); Ctrl+C now exits 130 (interrupt.py).
    signals.initialized.connect(remember_output)
    # Once per build, before generators are created: point them at a fresh staging folder.
    signals.get_generators.connect(stage)
    # After every other plugin (search indexing, checks) finished: replace the published site; Ctrl+C exits 0 again.
    site_ready.connect(swap_in)
