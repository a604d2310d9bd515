"""Release pages, static pages, the home page and 404.html."""

from pelican import signals

from .generator import PagesWriter


def _generators(pelican):
    return PagesWriter


def register():
    # One generator writes every page that shows a single entry, plus the home page.
    signals.get_generators.connect(_generators)
