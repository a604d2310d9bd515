"""Warta's content model: data files, front matter, validation and the shared archive."""

import logging

from pelican import signals

from . import schema

# The core's public API: what a capability may use (tests/test_architecture.py). Extension points: hooks.py.
from .archive import GONE_MAP, REDIRECT_MAP, RESERVED, ROOT_FILES, alias_save_as
from .build import finish
from .errors import ConfigurationError, ValidationFailed, WartaError
from .fields import WIB, Day, parse_datetime, parse_old_path
from .frontmatter import FrontMatterError, decode, load_yaml_file
from .generator import ContentGenerator, folder_key
from .hooks import output_checked, pages_rendered, site_indexed, site_ready
from .incremental import read_files, site_files
from .kinds import ContentKind, declared_kinds, register_kind
from .ledger import CHANGES, RECORD, as_json, changes_json
from .memo import ByObject
from .model import RELEASE_TYPES, Agency, Government, Page, Release, Series, Session, Theme
from .output import WartaGenerator, jsonld, paginate
from .parallel import HEAD_CHARS, declared_canonical, write_bytes
from .reporting import install_filter, start_build
from .settings import capability_settings, read_content_settings
from .state import BuildState, build_state
from .templating import (
    Remembered,
    abs_url_for,
    detik,
    hari_tanggal,
    install,
    jam,
    nama_bulan,
    tanggal,
    tanggal_lengkap,
    zone_name,
)
from .vocabulary import WEEKDAYS

logger = logging.getLogger(__name__)

__all__ = [
    "CHANGES",
    "GONE_MAP",
    "HEAD_CHARS",
    "RECORD",
    "REDIRECT_MAP",
    "RELEASE_TYPES",
    "RESERVED",
    "ROOT_FILES",
    "WEEKDAYS",
    "WIB",
    "Agency",
    "BuildState",
    "ByObject",
    "ConfigurationError",
    "ContentGenerator",
    "ContentKind",
    "Day",
    "FrontMatterError",
    "Government",
    "Page",
    "Release",
    "Series",
    "Session",
    "Theme",
    "ValidationFailed",
    "WartaError",
    "WartaGenerator",
    "abs_url_for",
    "alias_save_as",
    "as_json",
    "build_state",
    "capability_settings",
    "changes_json",
    "declared_canonical",
    "declared_kinds",
    "decode",
    "detik",
    "folder_key",
    "hari_tanggal",
    "jam",
    "jsonld",
    "load_yaml_file",
    "nama_bulan",
    "output_checked",
    "pages_rendered",
    "paginate",
    "parse_datetime",
    "parse_old_path",
    "read_content_settings",
    "read_files",
    "register_kind",
    "schema",
    "site_files",
    "site_indexed",
    "site_ready",
    "tanggal",
    "tanggal_lengkap",
    "write_bytes",
    "zone_name",
]


def _generators(pelican):
    start_build(pelican)  # the first signal of every run
    return type(ContentGenerator.__name__, (ContentGenerator,), {"pelican": pelican})


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
    # Everything after planning, in its order: render, check, index, check the index, publish (build.py).
    signals.finalized.connect(finish)
