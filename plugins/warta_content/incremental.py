"""Render only what changed: every page is keyed by a digest of everything it is made from.

A build writes its record, ``.warta/keluaran.json``, into the output: for each file, the SHA-256
and size of its bytes, and for each page that may be reused, the digest of its inputs (its
template and every value handed to it, plus the build-wide digest below). The next build
computes the same digest before rendering; when the published site holds that page under that
digest, the page is hard-linked from it instead of rendered. The record travels with the site,
so a rollback (``OUT.prev``) keeps a record that matches its files.

The build-wide digest covers what any page may read besides its own values: the template files,
Warta's own code, the versions of the libraries that render, the JSON-able settings, the
vocabulary and the footer's page list. "Now" is not in it: a page that depends on the time shows
sessions, and each session is keyed with its phase (before, during, after), so only pages whose
sessions changed phase are rendered again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from functools import cache
from importlib import metadata
from pathlib import Path

from .fields import Day
from .model import Agency, Entry, Government, ReleaseType, Series, Session, Theme

logger = logging.getLogger(__name__)

RECORD = ".warta/keluaran.json"
FORMAT = 2  # bump when a digest starts covering something new, so older records are never trusted
LINKS = ("related", "linked_session", "releases")  # fields that point at other entries
RENDERING_LIBRARIES = ("pelican", "jinja2", "markupsafe", "babel", "markdown", "nh3", "python-slugify", "imagesize")
_NAMED = (Agency, Government, ReleaseType, Series, Theme)  # the vocabulary, and the four types
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def read_files(site: Path) -> dict[str, tuple[str, int]]:
    """The files a site's record lists: path → (SHA-256, size); empty when it has none or it is unreadable."""
    return _read_record(site)[0]


def site_files(site: Path, hidden: bool = True) -> Iterator[tuple[str, str]]:
    """(path relative to ``site``, full path) of every file under it, as strings: this visits every
    file of a 10,000-release site on every build, where ``Path`` objects cost seconds.

    ``hidden=False`` leaves out dot folders: the build's records (``.warta/``) and the pages search is
    reading (``.pagefind-…/``), neither of them published.
    """
    root = str(site)
    for folder, folders, names in os.walk(root):
        if not hidden:
            folders[:] = [name for name in folders if not name.startswith(".")]
        prefix = folder[len(root) + 1 :]
        for name in names:
            yield (f"{prefix}/{name}" if prefix else name), f"{folder}/{name}"


def _read_record(site: Path) -> tuple[dict[str, tuple[str, int]], dict[str, str], str]:
    """A site's record, read once: (files, keys, build digest); all empty when missing, unreadable or older."""
    try:
        record = json.loads((site / RECORD).read_text(encoding="utf-8"))
        if record.get("format") != FORMAT:
            return {}, {}, ""
        files = {path: (digest, size) for path, (digest, size) in record["files"].items()}
        keys = record["keys"] if isinstance(record["keys"], dict) else {}
        return files, keys, record.get("build", "")
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}, {}, ""


def _load(site: Path | None, build_digest: str) -> tuple[dict, dict, dict]:
    """The published record's files, sizes and keys; keys only when it was made by the same code and settings."""
    if site is None:
        return {}, {}, {}
    files, keys, made_by = _read_record(site)
    keys = keys if made_by == build_digest else {}
    return {p: d for p, (d, _) in files.items()}, {p: s for p, (_, s) in files.items()}, keys


# ---- the build-wide digest --------------------------------------------------------------------


def build_digest(settings: dict, loader, archive) -> str:
    """What every page may depend on besides its own values; see the module docstring."""
    return _digest(
        [
            FORMAT,
            _files_digest(_template_folders(loader)),
            _files_digest(_code_folders()),
            [_version(name) for name in RENDERING_LIBRARIES],
            _settings_plain(settings),
            _digest_of(archive.vocab, _reference, named=False),
            [[p.title, p.url] for p in archive.pages],
        ]
    )


def _template_folders(loader) -> list[Path]:
    """Every folder a Jinja loader (and the loaders it chooses between) reads templates from."""
    found: list[Path] = []
    for child in getattr(loader, "loaders", ()):
        found += _template_folders(child)
    for child in getattr(loader, "mapping", {}).values():
        found += _template_folders(child)
    found += [Path(p) for p in getattr(loader, "searchpath", ())]
    return found


def _code_folders() -> list[Path]:
    """Every Warta plugin package loaded in this process."""
    packages = [m for name, m in sys.modules.items() if name.startswith("warta_") and "." not in name]
    return sorted(Path(m.__file__).parent for m in packages if getattr(m, "__file__", None))


def _files_digest(folders: list[Path]) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(f"\0{path.relative_to(folder).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _version(name: str) -> str:
    try:
        return f"{name} {metadata.version(name)}"
    except metadata.PackageNotFoundError:
        return f"{name} -"


# Where the build reads and writes, and "now": none changes what a page says.
# Where things are, where the previous publication is read from, whether this is the preview (which only
# decides whether the record of what was published advances), and DEBUG (logging; Pelican's command line
# sets it, the preview does not, which made every page of the preview's first build, and of the build
# after it, render again): no page depends on them.
_UNKEYED_SETTINGS = {"OUTPUT_PATH", "PATH", "CACHE_PATH", "THEME", "PLUGIN_PATHS", "WRITE_SELECTED"}
_UNKEYED_SETTINGS |= {"WARTA_PREVIEW", "WARTA_PREVIOUS", "DEBUG"}


def _settings_plain(settings: dict) -> dict:
    plain = {}
    for name, value in sorted(settings.items()):
        if not name.isupper() or name in _UNKEYED_SETTINGS:
            continue
        if name == "WARTA_CONTENT" and isinstance(value, dict):
            value = {k: v for k, v in value.items() if k not in ("build_time", "parallel_from")}
        plain[name] = _ADDRESS.sub("", json.dumps(value, sort_keys=True, default=_setting_value))
    return plain


def _setting_value(value) -> str | list:
    """A setting JSON cannot hold: a set in a stable order, anything else as its repr (addresses removed)."""
    if isinstance(value, (set, frozenset)):
        return sorted(repr(v) for v in value)
    return repr(value)


# ---- values as JSON -----------------------------------------------------------------------------


def own_digest(entry: Entry, now: datetime) -> str:
    """An entry's own data (not the entries it links to, which loading sets later), and a session's
    phase at ``now``. The build makes each entry's as soon as the entry is loaded, while the source
    files after it are still being parsed (ContentGenerator), so no renderer makes them again."""
    # The body, the bulk of the bytes, is hashed as it is rather than escaped into JSON first.
    data = {name: getattr(entry, name) for name in _own_fields(type(entry))}
    body = hashlib.sha256(entry.body.encode("utf-8")).hexdigest()
    return _digest_of([type(entry).__name__, data, _phase(entry, now), body], _reference)


@cache
def _own_fields(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind) if f.name not in (*LINKS, "body"))


def _phase(entry: Entry, now: datetime) -> str:
    if not isinstance(entry, Session):
        return ""
    return "sebelum" if now < entry.date else "selama" if now < entry.end else "sesudah"


def _reference(entry: Entry) -> str:
    return f"{type(entry).__name__}:{entry.save_as}"


def _digest_of(value, entry, named: bool = True) -> str:
    """The SHA-256 of ``value`` written as JSON by the JSON encoder itself, which calls ``default``
    only for what it cannot write on its own: entries through ``entry``, the rest as ``_json_value``
    says. TypeError (or ValueError) when a value cannot be written.

    ``named``: agencies, themes, governments, types and series are written by name alone; what
    they hold is in the build-wide digest (which writes the vocabulary out in full), so a page key
    need not repeat it for every release on the page.
    """

    def default(v):
        if isinstance(v, Entry):
            return entry(v)
        if named and isinstance(v, _NAMED):
            return f"{type(v).__name__}:{v.slug}"
        return _json_value(v)

    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=default)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _json_value(value):
    if isinstance(value, Day):
        return f"hari:{value.isoformat()}"  # shown without its time, unlike the same instant written out
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Enum):
        return f"{type(value).__name__}.{value.name}"
    if is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__, [[f.name, getattr(value, f.name)] for f in fields(value)]]
    raise TypeError(f"cannot key a {type(value).__name__}")


def _digest(plain) -> str:
    text = json.dumps(plain, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
