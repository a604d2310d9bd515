"""Typed readers for front-matter fields; each problem names the field, line and cure."""

from __future__ import annotations

import difflib
import re
from datetime import datetime
from urllib.parse import parse_qs, unquote, urlparse
from zoneinfo import ZoneInfo

from .errors import Problems
from .frontmatter import FrontMatter
from .yaml_checks import CURLY_QUOTES, invisible_note

WIB = ZoneInfo("Asia/Jakarta")
DATE_HELP = "gunakan YYYY-MM-DD HH:MM (WIB), mis. 2022-03-22 10:00, atau ISO 8601 dengan zona waktu"
_LOCAL_TIME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2})[:.](\d{2})(?::(\d{2}))?)?$")
_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_OFFSET = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$")
YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")  # use with fullmatch: "$" would let a trailing newline in
_YOUTUBE_HOSTS = {"youtube.com", "m.youtube.com", "music.youtube.com", "youtube-nocookie.com"}


class Day(datetime):
    """A date written without a time (``2024-03-05``): it sorts as 00.00 WIB but is shown as a day alone."""


def parse_datetime(value: str, tz: ZoneInfo = WIB) -> datetime | None:
    """``YYYY-MM-DD HH:MM`` in WIB, a bare date (a Day) or ISO 8601 with an offset."""
    match = _LOCAL_TIME.match(value.strip())
    try:
        if match:
            y, mo, d, h, mi, s = (int(g) if g else 0 for g in match.groups())
            parsed = (datetime if match[4] else Day)(y, mo, d, h, mi, s, tzinfo=tz)
        else:
            parsed = datetime.fromisoformat(value.strip().replace("z", "Z"))
    except ValueError:
        return None
    # Years near 1 or 9999 overflow as soon as a time zone or a session length is added.
    if not 1900 <= parsed.year <= 2999:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)


def parse_clock(value: str) -> tuple[int, int] | None:
    """``HH:MM`` (or ``HH.MM``) as (hour, minute)."""
    match = _CLOCK.match(value.strip())
    if not match:
        return None
    h, m = int(match[1]), int(match[2])
    return (h, m) if h < 24 and m < 60 else None


def parse_offset(value: str) -> int | None:
    """A chapter time ``mm:ss`` or ``h:mm:ss`` in seconds."""
    match = _OFFSET.match(value.strip())
    if not match:
        return None
    h, m, s = int(match[1] or 0), int(match[2]), int(match[3])
    if s >= 60 or (match[1] and m >= 60):
        return None
    return h * 3600 + m * 60 + s


def parse_youtube(value: str) -> str | None:
    """The 11-character video id from a bare id or any common YouTube URL form."""
    value = value.strip()
    if YOUTUBE_ID.fullmatch(value):
        return value
    try:
        url = urlparse(value if "//" in value else f"https://{value}")
        host = (url.hostname or "").removeprefix("www.")
    except ValueError:  # e.g. an unclosed "[" read as an IPv6 address
        return None
    if url.scheme not in ("https", "http", ""):
        return None
    parts = [p for p in url.path.split("/") if p]
    candidate = None
    if host == "youtu.be" and len(parts) == 1:
        candidate = parts[0]
    elif host in _YOUTUBE_HOSTS:
        if parts == ["watch"]:
            candidate = (parse_qs(url.query).get("v") or [None])[0]
        elif len(parts) == 2 and parts[0] in ("live", "embed", "shorts", "v"):
            candidate = parts[1]
    # /embed/videoseries?list=… is a playlist whose path happens to be 11 characters long.
    if candidate == "videoseries" or not (candidate and YOUTUBE_ID.fullmatch(candidate)):
        return None
    return candidate


# What an old address may hold: no space, quote, backslash, braces or semicolon (an nginx map
# and a file name must take it as it is), no query or fragment (a static file cannot match those).
_OLD_PATH = re.compile(r"/[^\t\n\r\f\v\"'<>\\^`{}|#?;$]*")


def parse_old_path(value) -> str | None:
    """An alias as the server sees it (percent-escapes decoded), or None when it cannot be served."""
    if not isinstance(value, str) or any(c.isspace() for c in value):
        return None  # a space is written %20, as the old address had it
    path = unquote(value)
    segments = path.split("/")[1:]
    if not _OLD_PATH.fullmatch(path) or "//" in path or len(path.encode()) > 250:  # nginx map_hash_bucket_size
        return None
    if any(s.startswith(".") or len(s.encode()) > 200 for s in segments):
        return None  # hidden files, "..", and names longer than a file system takes
    return path


class Fields:
    """Reads one file's front matter into typed values, reporting every problem."""

    def __init__(self, source: str, fm: FrontMatter, problems: Problems):
        self.source, self.fm, self.problems = source, fm, problems

    def error(self, key: str, message: str, index: int | None = None, near: str = "") -> None:
        """A problem that stops the build: the page would be wrong or missing. ``near``: the field
        whose line to name when ``key`` itself is missing (image_alt is wanted beside image)."""
        line, label = self._where(key, index)
        self.problems.add(self.source, self.fm.line(near) or line if near else line, label, message)

    def warn(self, key: str, message: str, index: int | None = None) -> None:
        """Something implausible, shown in the build summary and the preview; the build goes on."""
        self.problems.warn(self.source, *self._where(key, index), message)

    def _where(self, key: str, index: int | None) -> tuple[int | None, str]:
        """The line of the field (or of its item), else of the front matter's start; and its label."""
        line = self.fm.line(key, index) or (1 if key not in self.fm.data else None)
        return line, f"{key}[{index + 1}]" if index is not None else key

    def has(self, key: str) -> bool:
        return self.fm.data.get(key) not in (None, "", [], {})

    def check_known(self, allowed: set[str]) -> None:
        """Unknown fields are most often typos: warn with the nearest known name."""
        for key in self.fm.data:
            if key not in allowed:
                near = difflib.get_close_matches(str(key), sorted(allowed), n=1)
                hint = f"; maksudnya '{near[0]}'?" if near else f" (yang dikenal: {', '.join(sorted(allowed))})"
                self.problems.warn(self.source, self.fm.line(key), str(key), f"kolom tidak dikenal, diabaikan{hint}")

    def text(self, key: str, required: bool = False, max_len: int | None = None) -> str:
        value = self.fm.data.get(key)
        if value in (None, ""):
            if required:
                self.error(key, f"wajib diisi: tulis baris '{key}: …' di antara kedua baris '---' di awal berkas")
            return ""
        if not isinstance(value, str):
            self.error(key, "harus berupa teks satu nilai, bukan daftar atau pasangan kunci")
            return ""
        value = " ".join(value.split()) if "\n" not in value.strip() else value.strip()
        if max_len and len(value) > max_len:
            self.error(key, f"terlalu panjang ({len(value)} karakter, paling banyak {max_len})")
        return value

    def choice(self, key: str, allowed: dict, required: bool = False) -> str:
        value = self.text(key, required)
        if value and value not in allowed:
            self.error(key, f"'{value}' tidak dikenal (pilihan: {', '.join(allowed)})")
            return ""
        return value

    def when(self, key: str, required: bool = False) -> datetime | None:
        value = self.text(key, required)
        if not value:
            return None
        parsed = parse_datetime(value)
        if parsed is None:
            self.error(key, f"'{value}' bukan tanggal yang sah ({DATE_HELP})")
        return parsed

    def items(self, key: str, required: bool = False) -> list:
        value = self.fm.data.get(key)
        if value in (None, "", []):
            if required:
                self.error(key, "wajib diisi, berupa daftar dengan sedikitnya satu isi")
            return []
        if isinstance(value, str):
            return [value]  # a single value written without list brackets
        if not isinstance(value, list):
            self.error(key, "harus berupa daftar, mis. [satu, dua]")
            return []
        return value

    def slugs(self, key: str, vocabulary: dict, data_file: str, required: bool = False) -> tuple:
        """Entries of a data file named by slug. A slug its data file cannot vouch for (the file is
        unreadable, or the slug's own entry was refused: see vocabulary.Entries) is not reported again."""
        excuses = getattr(vocabulary, "excuses", lambda slug: False)
        found = []
        for i, item in self._slug_items(key, required):
            if isinstance(item, str) and item in vocabulary:
                if vocabulary[item] not in found:
                    found.append(vocabulary[item])
            elif not (isinstance(item, str) and excuses(item)):
                self.error(key, _unknown_slug(item, vocabulary, data_file), i)
        return tuple(found)

    def _slug_items(self, key: str, required: bool) -> list[tuple[int | None, object]]:
        """(index, slug) pairs; several slugs written without list brackets are reported once, then read."""
        value = self.fm.data.get(key)
        if isinstance(value, str) and _SEVERAL.search(value.strip()):
            parts = [part for part in _SEVERAL.split(value) if part]
            self.error(key, f"tulis sebagai daftar dalam kurung siku, dipisah koma: {key}: [{', '.join(parts)}]")
            return [(None, part) for part in parts]
        return list(enumerate(self.items(key, required)))

    def records(self, key: str, required_keys: tuple[str, ...], optional_keys=()) -> list[dict]:
        """A list of mappings such as ``[{file, title}]``; bad items are reported."""
        out = []
        allowed = set(required_keys) | set(optional_keys)
        for i, item in enumerate(self.items(key)):
            if not isinstance(item, dict):
                self.error(key, f"setiap isi harus berisi {', '.join(required_keys)}", i)
                continue
            missing = [k for k in required_keys if not isinstance(item.get(k), str) or not item.get(k).strip()]
            extra = [k for k in item if k not in allowed]
            if missing:
                self.error(key, f"kolom {', '.join(missing)} wajib diisi (berupa teks)", i)
            elif extra:
                self.error(
                    key,
                    f"kolom {', '.join(map(str, extra))} tidak dikenal (yang boleh: {', '.join(sorted(allowed))})",
                    i,
                )
            else:
                out.append((i, {k: " ".join(str(v).split()) for k, v in item.items()}))
        return out


_SEVERAL = re.compile(r"[,; \t\n]+")  # a slug never holds a comma or a space


def _unknown_slug(item, vocabulary: dict, data_file: str) -> str:
    """Why ``item`` is not a slug of ``data_file``, naming what cannot be seen (curly quotes, invisible spaces)."""
    shown = f"'{item}'"
    plain = item.strip(CURLY_QUOTES) if isinstance(item, str) else None
    if plain is not None and plain != item:
        return (
            f"{shown} memakai tanda kutip miring “ ” (biasanya terbawa dari Word atau WhatsApp); "
            f"slug tidak perlu tanda kutip: tulis {plain}"
        )
    note = invisible_note(item) if isinstance(item, str) else ""
    if note:
        return f"{shown} {note}; hapus karakter itu, slug hanya huruf kecil, angka dan tanda hubung"
    if isinstance(item, str) and _SEVERAL.search(item):
        return f"{shown} berisi beberapa slug; pisahkan dengan koma: [{', '.join(_SEVERAL.split(item))}]"
    near = difflib.get_close_matches(str(item), list(vocabulary), n=1)
    hint = f"; maksudnya '{near[0]}'?" if near else ""
    return f"{shown} tidak ada di data/{data_file}{hint} (slug yang ada: {_sample(vocabulary)})"


def _sample(vocabulary: dict, limit: int = 8) -> str:
    names = list(vocabulary)
    more = f", … ({len(names)} total)" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more
