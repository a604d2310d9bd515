"""Open data (UU 14/2008): every published release's metadata as JSON and CSV, documented on /data/."""

from pelican import signals

from .generator import OpenDataWriter


def _generators(pelican):
    return OpenDataWriter


def register():
    # The export is written from the archive that warta_content loaded (published releases only).
    signals.get_generators.connect(_generators)
