"""Nothing lost, nothing duplicated: after every build, compare the sources with the output."""

from pelican import signals

from .check import ManifestError, check_search_index, manifest_generator

__all__ = ["ManifestError"]


def register():
    # After every page writer: each published entry has one page, in the sitemap, listings and open data.
    signals.get_generators.connect(manifest_generator)
    # After search indexing and before warta_publish swaps the site in: each entry is in the index.
    signals.finalized.connect(check_search_index)
