"""sitemap.xml and robots.txt."""

from pelican import signals

from .generator import SitemapWriter


def _generators(pelican):
    return SitemapWriter


def register():
    # Runs after the page writers so it can list what they wrote.
    signals.get_generators.connect(_generators)
