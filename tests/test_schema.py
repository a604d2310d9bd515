"""The declared schema (warta_content/schema.py) and the readers must not drift apart.

Every limit, pattern, list of choices, vocabulary and required field the schema declares (and the
web editor's form enforces) is broken once, each in its own file, and `invoke check` must refuse
each file naming that field; a value just inside each limit, and each offered choice, must pass.
The other way round: every value in the sample archive and the fixtures matches the form's patterns.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT
from warta_content import scaffold
from warta_content.errors import Problems
from warta_content.reader import PAGE_FIELDS, RELEASE_FIELDS
from warta_content.schema import DATA_FILES, PAGE, RELEASE, SESSION, DataFile, Field, Kind, front_matter_names
from warta_content.sessions_reader import SESSION_FIELDS
from warta_content.vocabulary import load_vocabulary

BASES = {
    "release": {
        "title": "Rilis uji skema",
        "date": "2024-02-01 10:00",
        "type": "siaran-pers",
        "agencies": ["dinkes-contoh"],
        "themes": ["kesehatan"],
    },
    "session": {
        "title": "Sesi uji skema",
        "series": "sapa-contoh",
        "date": "2024-02-07 20:00",
        "agencies": ["dinkes-contoh"],
        "themes": ["kesehatan"],
    },
    "page": {"title": "Halaman uji skema"},
}
FOLDERS = {"release": "releases/skema", "session": "sessions/sapa-contoh", "page": "pages"}
BAD = "Bukan Sah!"  # breaks every declared pattern: a space, capitals and a "!"
SUMMARY_LENGTH = 300  # pelicanconf.py's WARTA_CONTENT summary_length


def _limit(field: Field) -> int | None:
    return SUMMARY_LENGTH if field.setting == "summary_length" else field.max_len


def _sample(field: Field) -> str:
    """A value of an item that passes: its first choice, a chapter time, or text."""
    return next(iter(field.choices)) if field.choices else "00:10" if field.pattern else "teks"


def _broken(kind: Kind) -> dict[str, tuple[str, dict]]:
    """name → (the field the error must name, front matter breaking one declared rule)."""
    cases: dict[str, tuple[str, dict]] = {}
    base = BASES[kind.name]
    for field in kind.fields:
        if field.kind == "markdown":
            continue
        name = field.name
        if field.required:
            cases[f"{name}-missing"] = (name, {k: v for k, v in base.items() if k != name})
        if _limit(field):
            cases[f"{name}-too-long"] = (name, {**base, name: "a" * (_limit(field) + 1)})
        if field.pattern:
            cases[f"{name}-pattern"] = (name, {**base, name: BAD})
        if field.choices:
            cases[f"{name}-choice"] = (name, {**base, name: "bukan-pilihan"})
        if field.vocabulary:
            cases[f"{name}-vocabulary"] = (
                name,
                {**base, name: "bukan-slug" if field.kind == "slug" else ["bukan-slug"]},
            )
        for item in field.items:
            good = {
                i.name: next(iter(i.choices)) if i.choices else "00:10" if i.pattern else "teks" for i in field.items
            }
            if field.kind == "object" and field.name != "claim":
                good = {**good, "date": "2024-01-01 10:00"}
            # A claim belongs to a clarification; a notice is read with its status.
            extra = {"claim": {"type": "klarifikasi"}, "withdrawn": {"status": "withdrawn"}}
            extra = {**extra, "removed": {"status": "removed"}}.get(name, {})
            wrap = (lambda value: value) if field.kind == "object" else (lambda value: [value])
            if item.required:
                cases[f"{name}-{item.name}-missing"] = (
                    name,
                    {**base, **extra, name: wrap({k: v for k, v in good.items() if k != item.name})},
                )
            if item.pattern:
                cases[f"{name}-{item.name}-pattern"] = (name, {**base, **extra, name: wrap({**good, item.name: BAD})})
            if item.choices:
                cases[f"{name}-{item.name}-choice"] = (
                    name,
                    {**base, **extra, name: wrap({**good, item.name: "bukan-pilihan"})},
                )
    return cases


def _accepted(kind: Kind) -> dict[str, dict]:
    """name → front matter with a value at each limit, or each choice the form offers: all must pass."""
    base = BASES[kind.name]
    cases = {}
    for field in kind.fields:
        if _limit(field) and not field.pattern and field.name not in ("id", "session"):
            cases[f"{field.name}-at-limit"] = {**base, field.name: "a" * _limit(field)}
        for value in (field.choices or {}) if field.editor and field.kind == "choice" else ():
            cases[f"{field.name}-{value}"] = {**base, field.name: value}
    return cases


def _write(folder: Path, name: str, front: dict) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.md"
    if front.get("title", "").endswith("uji skema"):
        front = {**front, "title": f"{front['title']} {name}"}  # an address of its own
    path.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n\nIsi uji.\n", encoding="utf-8")
    return path.name


def _check(content: Path) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--content", str(content)], cwd=ROOT, capture_output=True, text=True
    )
    return proc.stdout + proc.stderr


def test_the_readers_take_their_fields_from_the_schema():
    assert front_matter_names(RELEASE) == RELEASE_FIELDS
    assert front_matter_names(SESSION) == SESSION_FIELDS
    assert front_matter_names(PAGE) == PAGE_FIELDS


@pytest.mark.parametrize("kind", [RELEASE, SESSION, PAGE], ids=lambda k: k.name)
def test_every_declared_rule_is_enforced_by_the_check(kind, fixture_copy):
    content = fixture_copy("basic")
    folder = content / FOLDERS[kind.name]
    broken = _broken(kind)
    accepted = _accepted(kind)
    assert len(broken) > (5 if kind is PAGE else 10) and accepted
    for i, (name, (_, front)) in enumerate(broken.items()):
        if kind is SESSION:
            front = {**front, "date": f"2023-{1 + i // 28:02d}-{1 + i % 28:02d} 20:00"} if "date" in front else front
        _write(folder, f"rusak-{name}", front)
    log = _check(content)
    missed = []
    for name, (field, _) in broken.items():
        if not re.search(rf"rusak-{re.escape(name)}\.md(:\d+)?: {field}\b", log):
            missed.append(f"{name} (wanted an error on {field})")
    assert not missed, "the schema declares rules the check does not enforce:\n" + "\n".join(missed) + "\n" + log


@pytest.mark.parametrize("kind", [RELEASE, SESSION, PAGE], ids=lambda k: k.name)
def test_every_value_the_form_allows_passes_the_check(kind, fixture_copy):
    content = fixture_copy("basic")
    folder = content / FOLDERS[kind.name]
    for i, (name, front) in enumerate(_accepted(kind).items()):
        if kind is SESSION:
            front = {**front, "date": f"2023-{1 + i // 28:02d}-{1 + i % 28:02d} 20:00"}
        _write(folder, f"baik-{name}", front)
    log = _check(content)
    assert "OK:" in log, log


def _front_matters():
    for folder in (ROOT / "content", FIXTURES / "basic"):
        for path in sorted(folder.glob("**/*.md")):
            kind = RELEASE if "/releases/" in path.as_posix() else SESSION if "/sessions/" in path.as_posix() else None
            if kind:
                text = path.read_text(encoding="utf-8")
                yield path, kind, yaml.load(text.split("---\n")[1], Loader=yaml.BaseLoader) or {}


def test_the_forms_patterns_accept_every_value_in_the_archive():
    """A pattern stricter than the reader would stop editors from saving a file the build takes."""
    refused = []
    for path, kind, front in _front_matters():
        for field in kind.fields:
            value = front.get(field.name)
            if field.pattern and isinstance(value, str) and not re.fullmatch(field.pattern, value):
                refused.append(f"{path.relative_to(ROOT)}: {field.name}: {value!r}")
            for item in field.items if isinstance(value, list) else ():
                for row in value:
                    got = row.get(item.name) if isinstance(row, dict) else None
                    if item.pattern and isinstance(got, str) and not re.fullmatch(item.pattern, got):
                        refused.append(f"{path.relative_to(ROOT)}: {field.name}.{item.name}: {got!r}")
    assert not refused, refused


# ---- data files -----------------------------------------------------------------------------------------------------

# A good entry of each data file, naming the basic fixture's slugs; every optional field filled.
ENTRIES = {
    "governments": {"slug": "kota-uji", "name": "Pemerintah Kota Uji", "short": "Pemkot Uji"},
    "agencies": {
        **{"slug": "dinas-uji", "name": "Dinas Uji", "short": "Uji", "government": "kota-contoh"},
        **{"website": "https://uji.example", "email": "uji@uji.example", "phone": "021 123"},
    },
    "themes": {"slug": "tema-uji", "name": "Tema Uji", "description": "Uji."},
    "series": {
        **{"slug": "seri-uji", "name": "Seri Uji", "host": "dinkes-contoh", "description": "Uji."},
        **{"schedule": {"weekday": "kamis", "start": "09:00", "end": "10:00"}, "platforms": ["zoom"]},
        "channel": "https://www.youtube.com/@uji",
    },
}


def _data_cases(data: DataFile) -> dict[str, tuple[str, dict]]:
    """name → (the field the error must name, an entry breaking one declared rule)."""
    good = ENTRIES[data.name]
    cases = {"unknown-column": ("kolom_lain", {**good, "kolom_lain": "x"})}
    for field in data.fields:
        if field.required:
            cases[f"{field.name}-missing"] = (field.name, {k: v for k, v in good.items() if k != field.name})
        if field.pattern:
            cases[f"{field.name}-pattern"] = (field.name, {**good, field.name: BAD})
        if field.vocabulary:
            cases[f"{field.name}-vocabulary"] = (field.name, {**good, field.name: "bukan-slug"})
        for item in field.items:
            inner = good[field.name]
            if item.required:
                without = {k: v for k, v in inner.items() if k != item.name}
                cases[f"{field.name}-{item.name}-missing"] = (
                    f"{field.name}.{item.name}",
                    {**good, field.name: without},
                )
            if item.pattern:
                broken = {**inner, item.name: BAD}
                cases[f"{field.name}-{item.name}-pattern"] = (f"{field.name}.{item.name}", {**good, field.name: broken})
    return cases


def _vocabulary_problems(content: Path, data: DataFile, entry: dict) -> list[str]:
    path = content / "data" / data.file
    original = path.read_text(encoding="utf-8")
    path.write_text(original + yaml.safe_dump([entry], allow_unicode=True, sort_keys=False), encoding="utf-8")
    problems = Problems()
    try:
        load_vocabulary(content, problems)
    finally:
        path.write_text(original, encoding="utf-8")
    return [str(p) for p in problems.items]


@pytest.mark.parametrize("data", DATA_FILES, ids=lambda d: d.name)
def test_every_data_file_rule_the_schema_declares_is_enforced(data, fixture_copy):
    content = fixture_copy("basic")
    assert _vocabulary_problems(content, data, ENTRIES[data.name]) == []
    missed = []
    for name, (field, entry) in _data_cases(data).items():
        found = _vocabulary_problems(content, data, entry)
        if not any(re.match(rf"data/{re.escape(data.file)}:\d+: {re.escape(field)}: ", p) for p in found):
            missed.append(f"{name}: wanted an error on {field}, got {found}")
    assert not missed, "\n".join(missed)


def test_an_unknown_data_column_names_the_declared_ones(fixture_copy):
    content = fixture_copy("basic")
    for data in DATA_FILES:
        (problem,) = _vocabulary_problems(content, data, {**ENTRIES[data.name], "kolom_lain": "x"})
        assert problem.endswith(f"kolom tidak dikenal (yang boleh: {', '.join(sorted(data.names()))})"), problem


# ---- invoke new: the scaffold ---------------------------------------------------------------------------------------


def test_the_scaffold_writes_the_fields_in_the_schemas_order():
    now = datetime(2026, 12, 3, 10, 0)
    release = {"title": "Judul: uji", "date": now, "type": "berita", "agencies": ["a"], "themes": ["t"], "slug": "uji"}
    session = {"title": "Sesi", "series": "s", "date": now, "agencies": ["a"], "themes": ["t"], "topic": ""}
    for kind, text, hints in (
        (RELEASE, scaffold.new_release(release, now), scaffold.RELEASE_HINTS),
        (SESSION, scaffold.new_session(session), scaffold.SESSION_HINTS),
    ):
        front = text.split("---\n")[1]
        written = re.findall(r"^(?:# )?(\w+):", front, re.M)
        assert written == [f.name for f in kind.fields if f.name in written], f"{kind.name}: not in schema order"
        values = yaml.safe_load(front)
        assert kind.required() <= set(values), f"{kind.name}: a required field left out"
        assert set(hints) <= front_matter_names(kind) - kind.required()
    assert yaml.safe_load(scaffold.new_release(release, now).split("---\n")[1])["title"] == "Judul: uji"
    with pytest.raises(scaffold.ScaffoldError, match="series"):
        scaffold.new_session({k: v for k, v in session.items() if k != "series"})


def test_the_loaded_vocabulary_is_read_only():
    vocab = load_vocabulary(FIXTURES / "basic", Problems())
    changes = (
        lambda entries: entries.__setitem__("baru", None),
        lambda entries: entries.pop(next(iter(entries))),
        lambda entries: entries.update({}),
        lambda entries: setattr(entries, "unreadable", True),
    )
    for entries in (vocab.governments, vocab.agencies, vocab.themes, vocab.series):
        for change in changes:
            with pytest.raises(TypeError, match="read-only"):
                change(entries)


# What a model keeps under another name or not at all, and why; every other declared field is an
# attribute of the same name on the model (the test below), so a field added to the schema and
# forgotten in the model fails here.
READ_APART = {
    "body": "the Markdown becomes Entry.body, sanitised HTML",
    "removed": "a removal notice becomes a model.Gone, never an entry",
    "id": "a release's pinned id; Release.source_id holds the id in force, pinned or made (ids.py)",
}
NOT_KEPT = {
    ("session", "status"): "a draft session is not built at all",
    ("page", "status"): "a draft page is not built at all",
    ("session", "slug"): "accepted, unused: a session's address comes from its series and date",
    ("page", "date"): "accepted, unused: a page has no date",
}


@pytest.mark.parametrize("kind", [RELEASE, SESSION, PAGE], ids=lambda k: k.name)
def test_each_declared_field_is_a_model_attribute_of_the_same_name(kind):
    from dataclasses import fields

    from warta_content.model import Page, Release, Session

    model = {"release": Release, "session": Session, "page": Page}[kind.name]
    attributes = {f.name for f in fields(model)} | {n for n in dir(model) if isinstance(getattr(model, n), property)}
    missing = [
        f.name
        for f in kind.fields
        if f.name not in attributes and f.name not in READ_APART and (kind.name, f.name) not in NOT_KEPT
    ]
    assert not missing, f"{model.__name__} lacks {missing}: add them, or say in READ_APART why not"
