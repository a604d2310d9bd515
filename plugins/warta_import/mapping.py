"""The import map: each old category, tag and author → Warta agencies, themes or type.

The importer drafts it from what the source uses, with suggestions by similarity to data/*.yml;
whatever has no likely match carries ``todo`` for a human. The import runs only once no ``todo``
is left and every slug named exists, so nothing unmapped is ever guessed.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from slugify import slugify
from warta_content import RELEASE_TYPES

from .model import MapIncomplete, Term

KINDS = {"categories": "kategori", "tags": "tag", "authors": "penulis"}
TODO = "belum ada padanan: isi agencies, themes dan/atau type, atau tulis ignore: true"
_HEADER = """\
# Peta impor Warta: setiap kategori, tag dan penulis situs lama → instansi (agencies),
# tema (themes) atau jenis rilis (type) Warta. Dibuat oleh `invoke import`; sunting, lalu
# jalankan perintah yang sama lagi untuk mengimpor.
#
# - slug agencies dan themes harus ada di data/agencies.yml dan data/themes.yml;
#   type salah satu dari: {types}.
# - Isian yang sudah terisi adalah SARAN menurut kemiripan nama: periksa dan betulkan.
# - Baris `todo:` menandai yang harus diputuskan manusia. Hapus baris itu setelah mengisi
#   agencies/themes/type, atau tulis `ignore: true` bila istilah itu tidak dipakai.
# - defaults: dipakai bila kategori/tag/penulis sebuah tulisan tidak memberi instansi,
#   tema atau jenis. drafts: skip (draf, tertunda dan privat tidak diimpor) atau draft
#   (diimpor dengan status: draft). unmapped_tags: ask (setiap tag tanpa padanan harus
#   diputuskan) atau ignore (tag yang masih bertanda todo diabaikan; situs lama sering punya
#   ratusan tag).
"""


@dataclass(frozen=True)
class Vocabulary:
    agencies: dict[str, list[str]]  # slug → names to compare with (name, short, slug)
    themes: dict[str, list[str]]


def load_vocabulary(content: Path) -> Vocabulary:
    """Slugs and names from data/agencies.yml and data/themes.yml (``invoke check`` reports their own problems)."""

    def read(name: str) -> dict[str, list[str]]:
        path = content / "data" / name
        rows = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else []
        return {
            str(r["slug"]): [str(r.get(k, "")) for k in ("name", "short", "slug") if r.get(k)]
            for r in rows or []
            if isinstance(r, dict) and r.get("slug")
        }

    return Vocabulary(read("agencies.yml"), read("themes.yml"))


def _norm(text: str) -> str:
    return slugify(text, separator=" ")


def _similar(name: str, candidates: dict[str, list[str]]) -> list[str]:
    """Slugs whose name, short name or slug is (nearly) the term's name."""
    wanted = _norm(name)
    best, score = "", 0.0
    for slug, names in candidates.items():
        for candidate in map(_norm, names):
            ratio = difflib.SequenceMatcher(None, wanted, candidate).ratio()
            if " " in wanted and f" {wanted} " in f" {candidate} ":
                ratio = max(ratio, 0.85)  # "Dinas Kesehatan" in "Dinas Kesehatan Kota Contoh"
            if ratio > score:
                best, score = slug, ratio
    return [best] if score >= 0.8 else []


def suggest(term: Term, vocab: Vocabulary) -> dict:
    """A drafted entry: suggestions where a name is close enough, else a todo."""
    types = _similar(term.name, {slug: [name, slug] for slug, name in RELEASE_TYPES.items()})
    entry = {
        "agencies": _similar(term.name, vocab.agencies),
        "themes": [] if term.kind == "authors" else _similar(term.name, vocab.themes),
        "type": types[0] if types and term.kind != "authors" else "",
    }
    if not any(entry.values()):
        entry["todo"] = TODO
    return entry


@dataclass
class ImportMap:
    path: Path
    data: dict

    @property
    def defaults(self) -> dict:
        return self.data.get("defaults") or {}

    def entry(self, term: Term) -> dict:
        return (self.data.get(term.kind) or {}).get(term.key) or {}

    def resolve(self, terms: list[Term]) -> tuple[list[str], list[str], str]:
        """Agencies, themes and type for an item with these old terms, the defaults filling the gaps."""
        key = tuple(terms)
        cache = self.__dict__.setdefault("_resolved", {})
        if key not in cache:
            cache[key] = self._resolve(terms)
        return cache[key]

    def _resolve(self, terms: list[Term]) -> tuple[list[str], list[str], str]:
        agencies: list[str] = []
        themes: list[str] = []
        kind = ""
        for term in terms:
            entry = self.entry(term)
            if entry.get("ignore") or entry.get("todo"):  # a todo left is allowed only by unmapped_tags: ignore
                continue
            agencies += [a for a in _list(entry.get("agencies")) if a not in agencies]
            themes += [t for t in _list(entry.get("themes")) if t not in themes]
            kind = kind or str(entry.get("type") or "")
        d = self.defaults
        return (
            agencies or _list(d.get("agencies")),
            themes or _list(d.get("themes")),
            kind or str(d.get("type") or ""),
        )


def _list(value) -> list[str]:
    if value in (None, ""):
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def load(path: Path) -> ImportMap | None:
    if not path.is_file():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise MapIncomplete(f"{path}{line}: bukan YAML yang sah ({error}); betulkan lalu jalankan lagi") from None
    if not isinstance(data, dict):
        raise MapIncomplete(
            f"{path}: harus berisi defaults, categories, tags dan authors; hapus berkasnya untuk dibuat ulang"
        )
    return ImportMap(path, data)


def update(
    existing: ImportMap | None, path: Path, used: Counter, vocab: Vocabulary, names: dict, dry_run: bool = False
) -> tuple[list[str], ImportMap]:
    """Add every term the source uses that the map lacks; write the map when anything was added (not in a
    dry run). Returns the added terms (none on a rerun of the same source) and the map."""
    data = existing.data if existing else {}
    data.setdefault(
        "defaults", {"type": "siaran-pers", "agencies": [], "themes": [], "drafts": "skip", "unmapped_tags": "ask"}
    )
    if not data["defaults"].get("agencies") or not data["defaults"].get("themes"):
        data["defaults"].setdefault("todo", "isi agencies dan themes bawaan (untuk tulisan tanpa padanan)")
    added = []
    for (kind, key), count in sorted(used.items()):
        section = data.setdefault(kind, {}) or {}
        data[kind] = section
        if key in section:
            if isinstance(section[key], dict):
                section[key]["posts"] = count
            continue
        term = Term(kind, key, names.get((kind, key), key))
        section[key] = {"name": term.name, "posts": count, **suggest(term, vocab)}
        added.append(f"{KINDS[kind]} '{term.name}'")
    if (added or existing is None) and not dry_run:
        write(path, data)
    return added, ImportMap(path, data)


def write(path: Path, data: dict) -> None:
    lines = [_HEADER.format(types=", ".join(RELEASE_TYPES))]
    lines.append(yaml.safe_dump({"defaults": data["defaults"]}, allow_unicode=True, sort_keys=False))
    for kind, label in KINDS.items():
        section = data.get(kind) or {}
        lines.append(f"\n# {label}: {len(section)}\n{kind}:" + ("" if section else " {}"))
        for key, entry in section.items():
            flow = yaml.safe_dump({key: entry}, allow_unicode=True, sort_keys=False, default_flow_style=None, width=200)
            lines.append("  " + flow.rstrip("\n").replace("\n", "\n  "))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def problems(m: ImportMap, vocab: Vocabulary) -> list[str]:
    """Every entry still marked todo, and every slug or type that does not exist."""
    out = []
    sections = [("defaults", {"": m.defaults})] + [(k, m.data.get(k) or {}) for k in KINDS]
    tags_ignored = m.defaults.get("unmapped_tags", "ask") == "ignore"
    for kind, section in sections:
        for key, entry in section.items():
            where = f"{m.path.name}: {kind}" + (f" → {key}" if key else "")
            if not isinstance(entry, dict):
                out.append(f"{where}: harus berisi agencies, themes, type atau ignore")
                continue
            if entry.get("todo") and not (kind == "tags" and tags_ignored):
                out.append(f"{where}: {entry['todo']}")
            out += _unknown(where, entry, vocab)
    drafts = m.defaults.get("drafts", "skip")
    if drafts not in ("skip", "draft"):
        out.append(f"{m.path.name}: defaults → drafts: '{drafts}' harus skip atau draft")
    if m.defaults.get("unmapped_tags", "ask") not in ("ask", "ignore"):
        out.append(f"{m.path.name}: defaults → unmapped_tags: harus ask atau ignore")
    return out


def _unknown(where: str, entry: dict, vocab: Vocabulary) -> list[str]:
    out = []
    for field, known, data_file in (("agencies", vocab.agencies, "agencies"), ("themes", vocab.themes, "themes")):
        for slug in _list(entry.get(field)):
            if slug not in known:
                near = difflib.get_close_matches(slug, list(known), n=1)
                hint = f"; maksudnya '{near[0]}'?" if near else ""
                out.append(f"{where}: {field}: '{slug}' tidak ada di data/{data_file}.yml{hint}")
    kind = entry.get("type")
    if kind and kind not in RELEASE_TYPES:
        out.append(f"{where}: type: '{kind}' tidak dikenal (pilihan: {', '.join(RELEASE_TYPES)})")
    return out


def require_complete(m: ImportMap, vocab: Vocabulary) -> None:
    found = problems(m, vocab)
    if found:
        listed = "\n".join(f"  - {p}" for p in found)
        raise MapIncomplete(
            f"peta impor {m.path} belum lengkap, {len(found)} isian perlu keputusan; sunting berkas itu lalu "
            f"jalankan perintah yang sama lagi (belum ada yang diimpor):\n{listed}"
        )
