"""Read and check the four data files under ``data/`` into a Vocabulary."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from slugify import slugify

from .errors import Problems
from .fields import parse_clock
from .frontmatter import FrontMatterError, decode, load_yaml_file, start_line
from .model import Agency, Government, Schedule, Series, Theme, Vocabulary
from .schema import DATA_FILES, WEB_ADDRESS_PATTERN
from .yaml_checks import invisible_note, visible

_WEB_ADDRESS = re.compile(WEB_ADDRESS_PATTERN)
WEEKDAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")
_DAY_NUMBERS = {
    **{name: n for n, name in enumerate(WEEKDAYS)},
    **{
        name: n for n, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
    },
    "ahad": 6,
}
# file → (its required fields, its optional ones), as schema.py declares them
_FIELDS = {data.file: (data.required(), data.names() - data.required()) for data in DATA_FILES}
# The fields that are shown as a link, in any data file: a web address or nothing.
_WEB_FIELDS = frozenset(f.name for data in DATA_FILES for f in data.fields if f.pattern == WEB_ADDRESS_PATTERN)


class Entries(dict):
    """One data file's entries by slug. ``excuses(slug)``: the slug cannot be checked because its
    file could not be read or its own entry was refused. That file's own message is the one to fix;
    repeating "tidak ada" for every release that names the slug would only bury it.

    Read-only once made: every release, session and page holds these objects and every page reads
    them, so a change made by one part of the build would be seen, half-way, by the others."""

    def __init__(self, entries=(), unreadable: bool = False, rejected: frozenset = frozenset()):
        super().__init__(entries)
        self.__dict__.update(unreadable=unreadable, rejected=frozenset(rejected))

    def excuses(self, slug) -> bool:
        return self.unreadable or slug in self.rejected

    def _read_only(self, *args, **kwargs):
        raise TypeError("Entries are read-only once loaded (vocabulary.load_vocabulary)")

    __setitem__ = __delitem__ = __ior__ = __setattr__ = __delattr__ = _read_only
    clear = pop = popitem = setdefault = update = _read_only

    def __reduce__(self):
        return (Entries, (dict(self), self.unreadable, self.rejected))


@dataclass
class _Rows:
    """The usable entries of one data file, each with the line of its keys (see load_yaml_file)."""

    good: list[tuple[dict, dict]] = field(default_factory=list)
    unreadable: bool = False
    rejected: set = field(default_factory=set)

    def entries(self, make) -> Entries:
        """``make(row, lines)`` for each good row; a row it refuses (None) is excused too."""
        out = {}
        for row, lines in self.good:
            made = make(row, lines)
            if made is None:
                self.rejected.add(row["slug"])
            else:
                out[row["slug"]] = made
        return Entries(out, self.unreadable, frozenset(self.rejected))


def load_vocabulary(content: Path, problems: Problems) -> Vocabulary:
    """All four data files, checked; problems are collected, never raised here."""
    rows = {name: _rows(content, name, problems) for name in _FIELDS}
    governments = rows["governments.yml"].entries(lambda r, _: Government(r["slug"], r["name"], r["short"]))
    agencies = rows["agencies.yml"].entries(lambda r, at: _agency(r, at, governments, problems))
    themes = rows["themes.yml"].entries(lambda r, _: Theme(r["slug"], r["name"], r.get("description", "")))
    series = rows["series.yml"].entries(lambda r, at: _series(r, at, agencies, problems))
    return Vocabulary(governments, agencies, themes, series)


def _agency(r: dict, at: dict, governments: Entries, problems: Problems) -> Agency | None:
    gov = _resolve(r, at, "government", governments, problems, lambda s: Government(s, s, s))
    if gov is None:
        return None
    return Agency(r["slug"], r["name"], r["short"], gov, r.get("website", ""), r.get("email", ""), r.get("phone", ""))


def _series(r: dict, at: dict, agencies: Entries, problems: Problems) -> Series | None:
    host = _resolve(r, at, "host", agencies, problems, lambda s: Agency(s, s, s, Government(s, s, s)))
    if host is None:
        return None
    schedule = _schedule(r.get("schedule"), problems, at)
    if schedule is _BAD:
        return None  # its sessions' times depend on it: they are checked once it is fixed
    platforms = r.get("platforms") or []
    return Series(
        r["slug"],
        r["name"],
        host,
        " ".join(r["description"].split()),
        schedule,
        tuple(platforms if isinstance(platforms, list) else [platforms]),
        r.get("channel", ""),
    )


# key → (the file it is in, the file it names)
_SOURCES = {"government": ("agencies.yml", "governments.yml"), "host": ("series.yml", "agencies.yml")}


def _resolve(r: dict, at: dict, key: str, known: Entries, problems: Problems, stand_in):
    """The entry ``r[key]`` names in another data file. When that file has its own problem, a stand-in
    keeps this entry from adding knock-on messages (the build stops on that problem, so it never shows)."""
    slug = r[key]
    if slug in known:
        return known[slug]
    if known.excuses(slug):
        return stand_in(slug)
    where, source = _SOURCES[key]
    note = invisible_note(slug)
    problems.add(
        f"data/{where}",
        _line(at, key),
        key,
        f"'{slug}' {note + '; ' if note else ''}tidak ada di data/{source} (slug yang ada: {', '.join(known)})",
    )
    return None


def _line(at: dict, *keys: str) -> int:
    """The line of the first of ``keys`` the entry has, else of the entry itself."""
    return next((at[key] for key in keys if key in at), at[""])


def has_gaps(vocab: Vocabulary) -> bool:
    """Whether a data file had a problem, so some entries (and the files naming them) were not built."""
    files = (vocab.governments, vocab.agencies, vocab.themes, vocab.series)
    return any(getattr(f, "unreadable", False) or getattr(f, "rejected", ()) for f in files)


def _rows(content: Path, name: str, problems: Problems) -> _Rows:
    """The entries of one data file that have every required field and a unique slug."""
    where = f"data/{name}"
    value, lines = _read(content / "data" / name, where, problems)
    if value is None:
        return _Rows(unreadable=True)
    required, optional = _FIELDS[name]
    seen: dict[str, int] = {}
    out = _Rows()
    for row, at in zip(value, lines, strict=True):
        if not isinstance(row, dict):
            problems.add(where, at[""], "entri", f"harus berisi kolom {', '.join(sorted(required))}, mis. '- slug: …'")
            continue
        if _row_problems(row, at, where, required, optional, problems) or not _slug_ok(row, at, where, seen, problems):
            if isinstance(row.get("slug"), str):  # as written, and as it was surely meant
                out.rejected.update((row["slug"], _meant(row["slug"])))
            continue
        out.good.append((row, at))
    return out


def _read(path: Path, where: str, problems: Problems) -> tuple[list | None, list]:
    """The entries of a data file and their lines, or (None, []) with the one problem that says why not."""
    if not path.is_file():
        problems.add(where, None, "berkas", f"tidak ditemukan; buat {where} (lihat README)")
        return None, []
    try:
        text = decode(path.read_bytes())
        value, lines = load_yaml_file(text)
    except UnicodeDecodeError:
        problems.add(where, None, "berkas", "bukan teks UTF-8; simpan ulang sebagai UTF-8")
        return None, []
    except FrontMatterError as exc:
        problems.add(where, exc.line, exc.field or "berkas", str(exc))
        return None, []
    if not isinstance(value, list):
        problems.add(
            where, start_line(text), "berkas", "harus berupa daftar entri, tiap entri diawali '- ', mis. '- slug: …'"
        )
        return None, []
    return value, lines


def _row_problems(row: dict, at: dict, where: str, required: set, optional: set, problems: Problems) -> bool:
    """Report missing, unknown and malformed fields of one entry; True when there was any."""
    missing = sorted(k for k in required if not row.get(k))
    unknown = sorted(str(k) for k in row if k not in required | optional)
    malformed = _malformed(row)
    for key in missing:
        problems.add(where, at[""], key, "wajib diisi")
    for key in unknown:
        problems.add(
            where, _line(at, key), key, f"kolom tidak dikenal (yang boleh: {', '.join(sorted(required | optional))})"
        )
    for key, message in malformed:
        problems.add(where, _line(at, key), key, message)
    return bool(missing or unknown or malformed)


def _slug_ok(row: dict, at: dict, where: str, seen: dict[str, int], problems: Problems) -> bool:
    slug, line = row["slug"], _line(at, "slug")
    if slugify(slug) != slug:
        note = invisible_note(slug)
        problems.add(
            where,
            line,
            "slug",
            f"'{slug}' {note + '; ' if note else ''}harus huruf kecil, angka dan tanda hubung, mis. '{_meant(slug)}'",
        )
        return False
    if slug in seen:
        problems.add(where, line, "slug", f"'{slug}' sudah dipakai di baris {seen[slug]}; pilih slug lain")
        return True  # the first entry with it stands; the slug is not unknown
    seen[slug] = line
    return True


def _meant(slug: str) -> str:
    """The slug an editor surely meant: without invisible characters, then slugified."""
    return slugify(visible(slug))


def _malformed(row: dict) -> list[tuple[str, str]]:
    """Values of the wrong kind: text where text goes, and web addresses a link can safely point to."""
    out = []
    for key, value in row.items():
        if key == "schedule":
            continue  # _schedule checks it
        if key == "platforms":
            if isinstance(value, str) and re.search(r"[,\s]", value.strip()):
                out.append((key, f"tulis sebagai daftar dalam kurung siku: platforms: [{_as_list(value)}]"))
            elif not isinstance(value, str) and not (
                isinstance(value, list) and all(isinstance(v, str) for v in value)
            ):
                out.append((key, "harus berupa daftar nama, mis. [zoom, youtube]"))
        elif not isinstance(value, str):
            out.append((key, "harus berupa teks satu nilai, bukan daftar atau pasangan kunci"))
        elif key in _WEB_FIELDS and value and not _WEB_ADDRESS.fullmatch(value):
            out.append((key, f"'{value}' harus alamat web lengkap yang diawali https://"))
    return out


def _as_list(value: str) -> str:
    return ", ".join(part for part in re.split(r"[,\s]+", value) if part)


def weekday_number(name: str) -> int | None:
    """0 (Senin) to 6 (Minggu) from an Indonesian or English day name in any case: Rabu, wednesday, Jum'at, Ahad."""
    return _DAY_NUMBERS.get(re.sub(r"[\s'’‘`-]", "", name.lower()))


_BAD = object()  # a schedule that was reported


def _schedule(raw, problems: Problems, at: dict):
    """The series' Schedule, None when it has none, or _BAD when it was reported."""
    if not raw:
        return None
    where = "data/series.yml"
    if not isinstance(raw, dict):
        problems.add(where, _line(at, "schedule"), "schedule", "harus berisi weekday, start dan end")
        return _BAD
    weekday = weekday_number(str(raw.get("weekday", "")))
    start, end = parse_clock(str(raw.get("start", ""))), parse_clock(str(raw.get("end", "")))
    if weekday is None:
        problems.add(
            where,
            _line(at, "schedule.weekday", "schedule"),
            "schedule.weekday",
            f"'{raw.get('weekday', '')}' bukan nama hari; tulis nama hari dalam bahasa Indonesia atau Inggris, "
            f"mis. rabu atau wednesday (pilihan: {', '.join(WEEKDAYS)})",
        )
    elif start is None or end is None:
        key = "schedule.start" if start is None else "schedule.end"
        problems.add(
            where,
            _line(at, key, "schedule"),
            key,
            'jam harus berbentuk HH:MM, mis. "20:00"',
        )
    elif end <= start:
        problems.add(
            where, _line(at, "schedule.end", "schedule"), "schedule.end", "jam selesai harus setelah jam mulai"
        )
    else:
        return Schedule(weekday, start, end)
    return _BAD
