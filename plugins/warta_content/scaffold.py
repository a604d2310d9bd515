"""The files `invoke new` and `invoke new-session` write: front matter in the order schema.py declares.

Every required field is filled with what the command was given; a few optional fields are written
as a commented-out line showing what to write (the hints below); the others are left out, as an
editor rarely needs them. A field added to the schema as required must be given a value here,
or the scaffold refuses to write a file that `invoke check` would refuse.
"""

from __future__ import annotations

from datetime import datetime

from .schema import RELEASE, SESSION, Field, Kind, front_matter_names

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

# field → what follows "name:" in its commented-out line (a leading newline: a block on the next lines)
RELEASE_HINTS = {
    "summary": "Ringkasan satu-dua kalimat (paling banyak 300 karakter).",
    "number": "001/HUMAS/{month}/{year}",  # the month in Roman numerals, as official numbers write it
    "location": "Nama kota",
}
SESSION_HINTS = {
    "topic": "Subtema sesi",
    "speakers": "\n  - name: Nama narasumber\n    role: Jabatan",
    "youtube": "https://www.youtube.com/watch?v=… (isi setelah rekaman tersedia)",
    "zoom": "https://… (tautan Zoom, tampil sampai sesi selesai)",
    "chapters": '\n  - at: "00:00"\n    title: Pembukaan',
}
RELEASE_BODY = "KOTA — Tulis paragraf pembuka di sini: siapa, apa, kapan, di mana.\n"
SESSION_BODY = "Catatan sesi: apa yang dipaparkan, pertanyaan warga dan jawabannya.\n"


class ScaffoldError(ValueError):
    """The scaffold and the schema disagree: a required field without a value, or an unknown field."""


def new_release(values: dict, now: datetime) -> str:
    """A release's file: ``values`` holds at least every required field (the date a datetime)."""
    hints = {**RELEASE_HINTS, "number": RELEASE_HINTS["number"].format(month=_ROMAN[now.month - 1], year=now.year)}
    return front_matter(RELEASE, values, hints) + "\n" + RELEASE_BODY


def new_session(values: dict) -> str:
    """A session's file: ``values`` holds at least every required field (the date a datetime)."""
    return front_matter(SESSION, values, SESSION_HINTS) + "\n" + SESSION_BODY


def front_matter(kind: Kind, values: dict, hints: dict[str, str]) -> str:
    """``---``, each field of ``kind`` in order: given, as a hint, or left out; then ``---``."""
    given = {name: value for name, value in values.items() if value not in (None, "", [])}
    missing = sorted(kind.required() - set(given))
    unknown = sorted((set(values) | set(hints)) - front_matter_names(kind))
    if missing or unknown:
        raise ScaffoldError(f"{kind.name}: no value for {missing}, not in schema.py: {unknown}")
    lines = ["---"]
    for field in kind.fields:
        if field.name in given:
            lines.append(f"{field.name}: {_value(field, given[field.name])}")
        elif field.name in hints:
            hint = hints[field.name]
            line = f"{field.name}:{hint}" if hint.startswith("\n") else f"{field.name}: {hint}"
            lines.extend("# " + part for part in line.split("\n"))
    return "\n".join([*lines, "---", ""])


def _value(field: Field, value) -> str:
    """YAML for one value: free text quoted (a title may hold ': ' or '#'), the rest as written."""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(value) + "]"
    if field.kind == "text" and not field.pattern:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value
