"""Warta's content model: data files, front matter, validation and the shared archive."""

import logging

from pelican import signals

from .errors import ValidationFailed, WartaError
from .generator import ContentGenerator
from .model import Agency, Government, Page, Release, Series, Session, Theme
from .output import WartaGenerator, jsonld, paginate
from .reporting import install_filter, start_build
from .templating import Remembered, install

logger = logging.getLogger(__name__)

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
    start_build(pelican)  # the first signal of every run
    return type(ContentGenerator.__name__, (ContentGenerator,), {"pelican": pelican})


def _save_record(pelican) -> None:
    record = getattr(pelican, "warta_output", None)
    if record is not None:
        record.finish()  # any pages still queued (warta_manifest renders them before it checks)
        record.save()
        logger.info(
            "Warta: %d berkas dirender, %d ditautkan dari situs terbit (tidak berubah)", record.rendered, record.reused
        )


def _templating(generator):
    # The generators of one build share their context: one cache of cards and feed links for all.
    install(generator.env, generator.settings, generator.context.setdefault("warta_remembered", Remembered()))
    generator.env.filters["jsonld"] = jsonld


def register():
    # Reading comes first so that every later generator finds context["archive"].
    signals.get_generators.connect(_generators)
    # Our errors already say file, line, field and cure: log them without a traceback.
    signals.initialized.connect(install_filter)
    # Every generator's Jinja environment gets Indonesian dates and URL helpers.
    signals.generator_init.connect(_templating)
    # The record of what was written goes into the output before search indexes it and it is published.
    signals.finalized.connect(_save_record)
