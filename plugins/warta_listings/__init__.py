"""Listings: agencies, themes, release types, governments and the date archive."""

from pelican import signals

from .generator import ListingsWriter


def _generators(pelican):
    return ListingsWriter


def register():
    # Listings read the archive that warta_content loaded and write paginated pages.
    signals.get_generators.connect(_generators)
