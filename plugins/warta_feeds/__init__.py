"""Feeds: RSS 2.0 and Atom beside every listing, /umpan/ with OPML, autodiscovery links."""

from pelican import signals

from .generator import FeedsWriter, install_feed_links


def _generators(pelican):
    return FeedsWriter


def register():
    # Feeds are written from the archive that warta_content loaded, like any page writer.
    signals.get_generators.connect(_generators)
    # Every generator's templates (pages, listings, sessions…) need feeds_for() for <link rel="alternate">.
    signals.generator_init.connect(install_feed_links)
