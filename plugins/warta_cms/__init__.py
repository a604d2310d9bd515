"""/admin/: the web editor (Decap CMS) for staff who do not use git, configured from the content schema.

Off unless ``WARTA_CMS = {"enabled": True, …}`` (or ``invoke serve --cms``) turns it on.
"""

from pelican import signals

from .generator import CmsWriter


def _generators(pelican):
    return CmsWriter


def register():
    # After warta_content: the form's lists of agencies, themes and series come from its vocabulary.
    signals.get_generators.connect(_generators)
