"""Read and check the four data files under ``data/`` into a Vocabulary."""

from __future__ import annotations

import re
from pathlib import Path

from slugify import slugify

from .errors import Problems
from .fields import parse_clock
from .frontmatter import FrontMatterError, decode, load_yaml_file
from .model import Agency, Government, Schedule, Series, Theme, Vocabulary

_WEB_ADDRESS = re.compile(r"https?://[^\s\"'<>\\]+")  # shown as a link: never javascript: or data:
WEEKDAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")
_FIELDS = {
    "governments.yml": ({"slug", "name", "short"}, set()),
    "agencies.yml": ({"slug", "name", "short", "government"}, {"website", "email", "phone"}),
    "themes.yml": ({"slug", "name"}, {"description"}),
    "series.yml": ({"slug", "name", "host", "description"}, {"schedule", "platforms", "channel"}),
}


def load_vocabulary(content: Path, problems: Problems) -> Vocabulary:
    """All four data files, checked; problems are collected, never raised here."""
    rows = {name: _rows(content, name, problems) for name in _FIELDS}
    governments = {r["slug"]: Government(r["slug"], r["name"], r["short"]) for r, _ in rows["governments.yml"]}
    agencies = {}
    for r, line in rows["agencies.yml"]:
        gov = governments.get(r["government"])
        if gov is None:
            _unknown(problems, "agencies.yml", line, "government", r["government"], governments, "governments.yml")
            continue
        agencies[r["slug"]] = Agency(
            r["slug"],
            r["name"],
            r["short"],
            gov,
            r.get("website", ""),
            r.get("email", ""),
            r.get("phone", ""),
        )
    themes = {r["slug"]: Theme(r["slug"], r["name"], r.get("description", "")) for r, _ in rows["themes.yml"]}
    series = {}
    for r, line in rows["series.yml"]:
        host = agencies.get(r["host"])
        if host is None:
            _unknown(problems, "series.yml", line, "host", r["host"], agencies, "agencies.yml")
            continue
        platforms = r.get("platforms") or []
        series[r["slug"]] = Series(
            r["slug"],
            r["name"],
            host,
            " ".join(r["description"].split()),
            _schedule(r.get("schedule"), problems, line),
            tuple(platforms if isinstance(platforms, list) else [platforms]),
            r.get("channel", ""),
        )
    return Vocabulary(governments, agencies, themes, series)


def _rows(content: Path, name: str, problems: Problems) -> list[tuple[dict, int]]:
    """The entries of one data file that have every required field and a unique slug."""
    path = content / "data" / name
    where = f"data/{name}"
    if not path.is_file():
        problems.add(where, None, "berkas", f"tidak ditemukan; buat {where} (lihat README)")
        return []
    try:
        value, lines = load_yaml_file(decode(path.read_bytes()))
    except (FrontMatterError, UnicodeDecodeError) as exc:
        problems.add(where, getattr(exc, "line", None), "berkas", str(exc))
        return []
    if not isinstance(value, list):
        problems.add(where, 1, "berkas", "harus berupa daftar entri ('- slug: …')")
        return []
    required, optional = _FIELDS[name]
    seen: dict[str, int] = {}
    good = []
    for row, line in zip(value, lines, strict=True):
        if not isinstance(row, dict):
            problems.add(where, line, "entri", f"harus berisi kolom {', '.join(sorted(required))}")
            continue
        missing = sorted(k for k in required if not row.get(k))
        unknown = sorted(str(k) for k in row if k not in required | optional)
        malformed = _malformed(row)
        for key in missing:
            problems.add(where, line, key, "wajib diisi")
        for key in unknown:
            problems.add(
                where, line, key, f"kolom tidak dikenal (yang boleh: {', '.join(sorted(required | optional))})"
            )
        for key, message in malformed:
            problems.add(where, line, key, message)
        if missing or unknown or malformed:
            continue
        slug = row["slug"]
        if slugify(slug) != slug:
            problems.add(
                where, line, "slug", f"'{slug}' harus huruf kecil, angka dan tanda hubung, mis. '{slugify(slug)}'"
            )
        elif slug in seen:
            problems.add(where, line, "slug", f"'{slug}' sudah dipakai di baris {seen[slug]}")
        else:
            seen[slug] = line
            good.append((row, line))
    return good


def _malformed(row: dict) -> list[tuple[str, str]]:
    """Values of the wrong kind: text where text goes, and web addresses a link can safely point to."""
    out = []
    for key, value in row.items():
        if key == "schedule":
            continue  # _schedule checks it
        if key == "platforms":
            if not isinstance(value, str) and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                out.append((key, "harus berupa daftar nama, mis. [zoom, youtube]"))
        elif not isinstance(value, str):
            out.append((key, "harus berupa teks satu nilai, bukan daftar atau pasangan kunci"))
        elif key in ("website", "channel") and value and not _WEB_ADDRESS.fullmatch(value):
            out.append((key, f"'{value}' harus alamat web lengkap yang diawali https://"))
    return out


def _schedule(raw, problems: Problems, line: int) -> Schedule | None:
    if not raw:
        return None
    where = "data/series.yml"
    if not isinstance(raw, dict):
        problems.add(where, line, "schedule", "harus berisi weekday, start dan end")
        return None
    weekday = str(raw.get("weekday", "")).lower().replace("'", "")
    start, end = parse_clock(str(raw.get("start", ""))), parse_clock(str(raw.get("end", "")))
    if weekday not in WEEKDAYS:
        problems.add(
            where,
            line,
            "schedule.weekday",
            f"'{raw.get('weekday', '')}' bukan nama hari (pilihan: {', '.join(WEEKDAYS)})",
        )
    elif start is None or end is None:
        problems.add(where, line, "schedule.start/end", 'jam harus berbentuk HH:MM, mis. "20:00"')
    elif end <= start:
        problems.add(where, line, "schedule.end", "jam selesai harus setelah jam mulai")
    else:
        return Schedule(WEEKDAYS.index(weekday), start, end)
    return None


def _unknown(problems, file, line, key, value, known, source) -> None:
    problems.add(f"data/{file}", line, key, f"'{value}' tidak ada di data/{source} (slug yang ada: {', '.join(known)})")
