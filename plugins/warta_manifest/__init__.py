"""Nothing lost, nothing duplicated: after every build, compare the sources with the output."""

from warta_content import pages_rendered, site_indexed

from .check import ManifestError, check_output, check_search_index

__all__ = ["ManifestError"]


def register():
    # Once every page is written: each published entry has one page, in the sitemap, listings and open data.
    pages_rendered.connect(check_output)
    # After search indexing and before warta_publish swaps the site in: each entry is in the index.
    site_indexed.connect(check_search_index)
