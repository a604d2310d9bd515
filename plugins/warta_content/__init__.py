"""Warta's content model: data files, front matter, validation and the shared archive."""

from pelican import signals

from .errors import ValidationFailed, WartaError
from .generator import ContentGenerator
from .model import Agency, Government, Page, Release, Series, Session, Theme
from .output import WartaGenerator, jsonld, paginate
from .reporting import install_filter
from .templating import install

__all__ = [
    "Agency",
    "ContentGenerator",
    "Government",
    "Page",
    "Release",
    "Series",
    "Session",
    "Theme",
    "ValidationFailed",
    "WartaError",
    "WartaGenerator",
    "jsonld",
    "paginate",
]


def _generators(pelican):
    return ContentGenerator


def _templating(generator):
    install(generator.env, generator.settings)
    generator.env.filters["jsonld"] = jsonld


def register():
    # Reading comes first so that every later generator finds context["archive"].
    signals.get_generators.connect(_generators)
    # Our errors already say file, line, field and cure: log them without a traceback.
    signals.initialized.connect(install_filter)
    # Every generator's Jinja environment gets Indonesian dates and URL helpers.
    signals.generator_init.connect(_templating)
