"""Old addresses keep working: a redirect page for every alias, and an nginx map for real 301s."""

from pelican import signals

from .generator import RedirectsWriter


def _generators(pelican):
    return RedirectsWriter


def register():
    # A generator of its own, so that every redirect page goes through the output record and its
    # guard against writing one path twice (warta_content has already checked that no alias can).
    signals.get_generators.connect(_generators)
