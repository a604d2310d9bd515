"""What valid YAML can still get wrong for an editor: invisible characters where they change the
meaning (a key, the indentation), and values that YAML silently cut short (an unquoted ``#``, ``!``
or ``&``). Also names characters and writes the quoted value an editor should type instead.

Every check here runs only when a cheap test on the raw text says it could find something, so a
clean build of thousands of releases does not pay for it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import yaml

# Characters that look like a space or like nothing at all. In a key or in the indentation they
# change what YAML reads; at either end of a value they are trimmed (frontmatter.strip_invisible).
INVISIBLE_NAMES = {
    "\u00a0": "spasi tak-putus U+00A0",
    "\u202f": "spasi tak-putus sempit U+202F",
    "\u00ad": "tanda hubung lunak U+00AD",
    "\u200b": "spasi lebar-nol U+200B",
    "\u200c": "pemisah lebar-nol U+200C",
    "\u200d": "penyambung lebar-nol U+200D",
    "\u2060": "penyambung kata U+2060",
    "\ufeff": "tanda BOM U+FEFF",
}
INVISIBLE = re.compile("[" + "".join(INVISIBLE_NAMES) + "]")
INVISIBLE_CHARS = "".join(INVISIBLE_NAMES)
# Quotation marks a word processor puts in: to YAML they are ordinary letters.
CURLY_QUOTES = "\u201c\u201d\u2018\u2019\u201e"
_OPENING_CURLY = {"\u201c": "\u201d\u201c", "\u201e": "\u201d\u201c", "\u2018": "\u2019\u2018", "\u201d": "\u201d"}
CURLY_HELP = (
    "tanda kutip miring “ ” atau ‘ ’ (biasanya terbawa dari Word atau WhatsApp) bukan tanda kutip bagi YAML; "
    'pakai tanda kutip lurus " dari keyboard'
)
_KEY_LINE = re.compile(r"^(\s*)((?:-\s+)*)([^\s#'\"\[\]{}:,-][^:#]*?)\s*:(?:\s|$)")


class Diagnosis(NamedTuple):
    """One problem in a YAML text: the line in the file, the field, and the message."""

    line: int
    field: str
    message: str


class Source:
    """A YAML text split into lines; ``offset`` is the file line of its first line (front matter
    starts on line 2 of its file), ``top_level`` names problems after top-level keys (front matter)
    rather than after the key within a data file's entry (``schedule.weekday``)."""

    def __init__(self, text: str, offset: int, top_level: bool):
        self.lines = text.split("\n")
        self.offset, self.top_level = offset, top_level

    def line(self, index: int) -> str:
        """Line ``index`` (0-based), or '' past the end (YAML marks the end of the text there)."""
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def at(self, index: int, message: str, fallback: str = "") -> Diagnosis:
        """A diagnosis on 0-based line ``index``, named after the key that line belongs to."""
        field = key_path(self.lines, index, self.top_level) or fallback
        return Diagnosis(index + self.offset, field, message)


def describe(char: str) -> str:
    """An invisible or confusable character by name and code point, e.g. 'spasi tak-putus U+00A0'."""
    return INVISIBLE_NAMES.get(char) or f"karakter U+{ord(char):04X}"


def invisible_note(value: str) -> str:
    """Where an invisible character sits in ``value``, for a message ('' when there is none)."""
    found = INVISIBLE.search(value)
    if not found:
        return ""
    return f"berisi {describe(found[0])} di karakter ke-{found.start() + 1}, yang tak terlihat di layar"


def visible(text: str) -> str:
    """``text`` as it looks: no-break spaces made ordinary spaces, zero-width characters removed."""
    return INVISIBLE.sub(lambda found: " " if found[0] in "\u00a0\u202f" else "", text)


def unwrap_curly(value: str) -> str:
    """``“Halo”`` → ``Halo``: quotes around a whole value were meant as YAML quotes."""
    closing = _OPENING_CURLY.get(value[:1]) or {"'": "'", '"': '"'}.get(value[:1])
    if closing and len(value) > 1 and value[-1] in closing:
        return value[1:-1]
    return value


def quoted(value: str) -> str:
    """``value`` as a quoted YAML scalar an editor can copy (curly quotes around it made straight)."""
    inner = unwrap_curly(value.strip())
    if '"' in inner and "'" not in inner:
        return f"'{inner}'"
    return '"' + inner.replace("\\", "\\\\").replace('"', '\\"') + '"'


def key_path(lines: list[str], index: int, top_level: bool) -> str:
    """The key a line belongs to: the top-level key (front matter), or ``schedule.weekday`` within
    one entry of a data file."""
    path, indent = [], None
    for j in range(min(index, len(lines) - 1), -1, -1):
        match = _KEY_LINE.match(lines[j])
        if not match:
            continue
        column = len(match[1]) + len(match[2])
        if indent is None or column < indent:
            path.append(match[3])
            indent = column
        if column == 0 or (match[2] and not top_level):
            break
    if not path:
        return ""
    return _clean(path[-1]) if top_level else _clean(".".join(reversed(path)))


def check_invisible(src: Source) -> Diagnosis | None:
    """An invisible character in a key, in the indentation or right after a key's colon."""
    for index, line in enumerate(src.lines):
        found = INVISIBLE.search(line)
        where = found and _structural_place(line, found.start())
        if where:
            char = f"{describe(found[0])} di karakter ke-{found.start() + 1}"
            return src.at(index, f"{where} {char}. {_RETYPE}", _clean(line.partition(":")[0]))
    return None


_RETYPE = "Karakter itu tak terlihat tetapi mengubah arti baris ini; hapus bagian itu lalu ketik ulang dengan keyboard"


def _structural_place(line: str, at: int) -> str:
    before = line[:at]
    if not before.strip(" \t-" + INVISIBLE_CHARS):
        return "indentasi baris ini memuat"
    head, colon, _ = line.partition(":")
    if colon and at < len(head) and not head.lstrip(" -").startswith(("'", '"', "[", "{", "#")):
        return f"nama kolom '{_clean(head)}' memuat"
    if before.endswith(":") and ":" not in before[:-1] and not before.lstrip(" -").startswith(("'", '"')):
        return f"setelah '{_clean(before)}' ada"
    return ""


def _clean(text: str) -> str:
    return INVISIBLE.sub("", text).strip(" \t-")


# When none of these is in the text, check_values has nothing to find.
VALUE_SUSPECTS = re.compile("[#!&" + CURLY_QUOTES + "]")


def quick_look(text: str) -> tuple[bool, bool]:
    """(has invisible characters, could have a value YAML cut or kept in curly quotes), cheaply:
    most front matter is ASCII, where three substring tests stand in for two regex scans."""
    if text.isascii():
        return False, "#" in text or "!" in text or "&" in text
    if not _ANY_SUSPECT.search(text):  # one scan; most non-ASCII text (an em dash, an é) stops here
        return False, False
    return INVISIBLE.search(text) is not None, VALUE_SUSPECTS.search(text) is not None


_ANY_SUSPECT = re.compile("[#!&" + CURLY_QUOTES + INVISIBLE_CHARS + "]")


def check_values(root, src: Source) -> Diagnosis | None:
    """A value YAML read only in part: the rest of the line taken as a comment, or the first word
    taken as a tag (``!``) or anchor (``&``); or one wrapped in curly quotes, which YAML keeps.
    Only mapping values: ``- a # note`` and ``[a] # note`` lose nothing."""
    for key, value in _pairs(root):
        if not isinstance(value, yaml.ScalarNode) or not isinstance(key, yaml.ScalarNode):
            continue
        start, end = value.start_mark, value.end_mark
        first = src.line(start.line)[start.column : start.column + 1]
        if first in ("!", "&"):
            return _tagged(key, value, src, first)
        if value.style:  # quoted: what is inside the quotes is the value; plain is None or '' (libyaml)
            continue
        rest = src.line(end.line)[end.column :]
        comment = rest.lstrip(" \t")
        if comment.startswith("#") and rest[:1] in (" ", "\t") and (value.value or comment[1:2].strip()):
            return _cut(key, value, src, comment)
        if first in _OPENING_CURLY and unwrap_curly(value.value) != value.value:
            return _curly(key, value, src)
    return None


def _curly(key, value, src: Source) -> Diagnosis:
    as_text = "'" + value.value.replace("'", "''") + "'"
    return src.at(
        value.start_mark.line,
        f"nilai diapit {value.value[0]}…{value.value[-1]}: {CURLY_HELP}. Bila itu dimaksudkan sebagai tanda kutip "
        f"pembungkus, tulis {key.value}: {quoted(value.value)}; bila tanda kutip itu memang bagian dari teks, "
        f"bungkus seluruhnya dengan tanda kutip lurus: {key.value}: {as_text}",
        key.value,
    )


def _pairs(root):
    """Every (key node, value node) of every mapping in the tree, each mapping once."""
    for mapping in _mappings(root):
        yield from mapping.value


def _tagged(key, value, src: Source, first: str) -> Diagnosis:
    raw = _without_comment(src.line(value.start_mark.line)[value.start_mark.column :])
    what = "tag" if first == "!" else "jangkar (anchor)"
    return src.at(
        value.start_mark.line,
        f"nilai yang diawali {first} dibaca YAML sebagai {what}, sehingga sebagian nilainya hilang; "
        f"bungkus seluruh nilai dengan tanda kutip ganda: {key.value}: {quoted(raw)}",
        key.value,
    )


def _cut(key, value, src: Source, comment: str) -> Diagnosis:
    start, end = value.start_mark, value.end_mark
    whole = src.line(end.line)[start.column :].strip() if start.line == end.line else ""
    intended = whole or f"{value.value} {comment}".strip()
    read = f"hanya '{value.value}'" if value.value else "nilai kosong"
    curly = f"; {CURLY_HELP}" if any(c in intended for c in CURLY_QUOTES) else ""
    return src.at(
        end.line,
        f"nilai terpotong: YAML membaca '{comment.strip()}' sebagai komentar, jadi yang terbaca {read}; "
        f"bungkus seluruh nilai dengan tanda kutip ganda: {key.value}: {quoted(intended)} "
        f"(bila memang komentar, pindahkan ke baris sendiri yang diawali #){curly}",
        key.value,
    )


def _without_comment(text: str) -> str:
    at = text.find(" #")
    return (text[:at] if at >= 0 else text).strip()


def check_duplicates(root, src: Source) -> Diagnosis | None:
    """A key written twice in one mapping: YAML would silently keep only the last."""
    for node in _mappings(root):
        seen: dict[str, int] = {}
        for key, _ in node.value:
            if not isinstance(key, yaml.ScalarNode):
                continue
            line = key.start_mark.line
            if key.value in seen:
                return src.at(
                    line,
                    f"kolom '{key.value}' ditulis dua kali (juga di baris {seen[key.value] + src.offset}); "
                    "hapus salah satunya",
                    key.value,
                )
            seen[key.value] = line
    return None


def _mappings(root):
    """Every mapping node in the tree, each once."""
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            yield node
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
