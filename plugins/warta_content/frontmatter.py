"""Split a source file into YAML front matter and Markdown body, keeping line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .yaml_checks import INVISIBLE as ODD_SPACE
from .yaml_checks import (
    INVISIBLE_CHARS,
    Diagnosis,
    Source,
    check_duplicates,
    check_invisible,
    check_values,
    quick_look,
)
from .yaml_messages import explain

# C0/C1 control characters (but tab and newline), lone surrogates and the two XML non-characters:
# invisible in an editor, invalid in HTML and in the XML of feeds and sitemaps.
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# PyYAML's libyaml binding, when it was built with it; see compose().
_FAST_LOADER = getattr(yaml, "CBaseLoader", None)
_FAST_MAX_NESTING = 2_000  # libyaml composes 5,000 levels; 100,000 overflow the C stack
_MAX_DEPTH = 21  # _check_value refuses deeper values anyway, so deeper text can take the slow path
_RETRY = object()
_TOO_BIG = "nilai terlalu besar atau terlalu bertingkat (periksa alias YAML '*' dan tanda kurung)"


class FrontMatterError(ValueError):
    """The file has no readable front matter; ``line`` and ``field`` (when known) say where."""

    def __init__(self, message: str, line: int | None = None, field: str | None = None):
        super().__init__(message)
        self.line, self.field = line, field

    @classmethod
    def of(cls, diagnosis: Diagnosis) -> FrontMatterError:
        return cls(diagnosis.message, diagnosis.line, diagnosis.field or None)


@dataclass
class FrontMatter:
    """Raw front matter: every scalar is a string, plus the line of each field."""

    data: dict
    lines: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1

    def line(self, key: str, index: int | None = None) -> int | None:
        """The 1-based line of a field, or of item ``index`` of a list field."""
        if index is not None and (key, index) in self.lines:
            return self.lines[(key, index)]
        return self.lines.get(key)


def decode(raw: bytes) -> str:
    """Decode UTF-8 (with or without BOM) and normalise line endings."""
    text = raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    bad = INVISIBLE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise FrontMatterError(f"berkas berisi {_describe(bad[0])}", line)
    return text


def _describe(char: str) -> str:
    return (
        f"karakter kendali tak terlihat U+{ord(char):04X} (sering terbawa saat menyalin dari aplikasi lain); "
        "hapus karakter itu"
    )


def split(text: str) -> FrontMatter:
    """Parse ``---``-fenced YAML front matter; all scalars stay strings."""
    lines = text.split("\n")
    end = _closing_fence(lines)
    yaml_text = "\n".join(lines[1:end])
    node = _front_matter_node(yaml_text)
    odd = _check(node, yaml_text, 2, top_level=True)
    data, field_lines = _read_fields(node, yaml_text)
    if odd:
        data = strip_invisible(data)
    body = "\n".join(lines[end + 1 :])
    return FrontMatter(data, field_lines, body, end + 2)


def _closing_fence(lines: list[str]) -> int:
    """The index of the line that closes the front matter opened by the first line."""
    if not lines or lines[0].strip() != "---":
        raise FrontMatterError("berkas harus diawali baris '---', lalu front matter YAML, lalu '---'", 1)
    try:
        return next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        raise FrontMatterError("front matter tidak ditutup dengan baris '---'", 1) from None


def _front_matter_node(yaml_text: str) -> yaml.MappingNode:
    """The front matter's node tree, which must be a mapping of fields (it starts on line 2)."""
    node = _compose(yaml_text, 2)
    if node is None:
        raise FrontMatterError("front matter kosong; tulis kolomnya, mis. title: Judul Rilis", 2)
    if not isinstance(node, yaml.MappingNode):
        raise FrontMatterError(
            "front matter harus berisi baris 'kolom: nilai', mis. title: Judul Rilis", node.start_mark.line + 2
        )
    return node


def _read_fields(node: yaml.MappingNode, yaml_text: str) -> tuple[dict, dict]:
    """Each field's value, and the line of each field and of each item of a list field."""
    loader = yaml.BaseLoader("")
    data: dict = {}
    field_lines: dict = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 2
        key = _construct(loader, key_node, line)
        if not isinstance(key, str):
            raise FrontMatterError("nama kolom harus berupa teks, mis. 'title:'", line)
        if key in data:
            raise FrontMatterError(
                f"kolom '{key}' ditulis dua kali (juga di baris {field_lines[key]}); hapus salah satunya", line, key
            )
        data[key] = value = _construct(loader, value_node, line, f"kolom '{key}': ")
        field_lines[key] = line
        if isinstance(value_node, yaml.SequenceNode):
            for i, item in enumerate(value_node.value):
                field_lines[(key, i)] = item.start_mark.line + 2
        if not isinstance(value, str) and _lost_keys(value_node, value):
            _raise(check_duplicates(value_node, Source(yaml_text, 2, top_level=True)))
    return data, field_lines


def _check(node, text: str, offset: int, top_level: bool) -> bool:
    """Refuse what parsed but does not mean what the editor sees. Each check runs only when a quick
    look at the text says it could find something; True when the text has invisible characters."""
    odd, suspect = quick_look(text)
    if odd or suspect:
        src = Source(text, offset, top_level)
        _raise(check_invisible(src) if odd else None)
        _raise(check_values(node, src) if suspect else None)
    return odd


def _raise(found: Diagnosis | None) -> None:
    if found:
        raise FrontMatterError.of(found)


def _lost_keys(node, value) -> bool:
    """Whether a mapping (or a mapping in a list) has fewer keys than were written: one was written twice."""
    if isinstance(value, dict):
        return len(value) < len(node.value)
    if not (isinstance(value, list) and value and isinstance(value[0], dict)):
        return False  # a list of records holds only mappings (Fields.records refuses anything else)
    return any(
        isinstance(item, dict) and len(item) < len(item_node.value)
        for item_node, item in zip(node.value, value, strict=False)
    )


def strip_invisible(value):
    """Trim invisible characters (no-break and zero-width spaces) from both ends of every text:
    pasted after a slug or a date they break it, and nobody can see them to delete them."""
    if isinstance(value, str):
        return value.strip(" \t" + INVISIBLE_CHARS) if ODD_SPACE.search(value) else value
    if isinstance(value, list):
        return [strip_invisible(item) for item in value]
    if isinstance(value, dict):
        return {key: strip_invisible(item) for key, item in value.items()}
    return value


def _construct(loader, node, line: int | None, what: str = "", limit: int = 10_000):
    """One value, refused when it could never be front matter (or would be costly to print)."""
    try:
        value = loader.construct_object(node, deep=True)
    except yaml.MarkedYAMLError as exc:  # BaseLoader refuses only a key that is a list or a mapping
        where = line or (exc.problem_mark.line + 1 if exc.problem_mark else None)  # a data file starts on line 1
        raise FrontMatterError(
            f"{what}nama kolom harus berupa teks, bukan daftar atau pasangan kunci (periksa tanda '?', '[' dan "
            "'{' sebelum titik dua)",
            where,
        ) from None
    except RecursionError:
        raise FrontMatterError(f"{what}{_TOO_BIG}", line) from None
    _check_value(value, line, what, limit)
    return value


def _check_value(value, line: int | None, what: str, limit: int) -> None:
    """No hidden control characters, and no value so big or deep (YAML aliases of aliases) it hangs a build."""
    stack, seen = [(value, 0)], 0
    while stack:
        item, depth = stack.pop()
        seen += 1
        if seen > limit or depth > 20:
            raise FrontMatterError(f"{what}{_TOO_BIG}", line)
        if isinstance(item, str):
            bad = INVISIBLE.search(item)
            if bad:
                raise FrontMatterError(f"{what}berisi {_describe(bad[0])}", line)
        elif isinstance(item, dict):
            stack.extend((part, depth + 1) for pair in item.items() for part in pair)
        elif isinstance(item, list):
            stack.extend((part, depth + 1) for part in item)


def _compose(yaml_text: str, offset: int, top_level: bool = True):
    """The node tree, or a FrontMatterError that says in Indonesian what is wrong and where."""
    try:
        return compose(yaml_text)
    except RecursionError:
        raise FrontMatterError(_TOO_BIG, offset) from None
    except yaml.MarkedYAMLError as exc:
        raise FrontMatterError.of(explain(exc, yaml_text, offset, top_level)) from None
    except yaml.YAMLError:
        raise FrontMatterError("YAML tidak valid; periksa tanda kutip, titik dua dan indentasinya", offset) from None


def compose(text: str):
    """The YAML node tree of ``text``, as the pure-Python BaseLoader composes it (but faster).

    libyaml composes several times faster, but words its errors differently and recurses in C with
    no limit (100,000 nested brackets crash the process). So it only gets text whose nesting is
    certainly shallow, and anything it refuses or nests deeper than front matter may is composed
    again by the pure parser: every message, line and RecursionError stays exactly as before.
    """
    if _FAST_LOADER is not None and _nesting_bound(text) <= _FAST_MAX_NESTING:
        try:
            node = yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            node = _RETRY
        if node is not _RETRY and _depth(node) <= _MAX_DEPTH:
            return node
    return yaml.compose(text, Loader=yaml.BaseLoader)


def _nesting_bound(text: str) -> int:
    """An upper bound on how deep ``text`` nests: every flow level opens a bracket, and every two block
    levels (a sequence may sit at its key's indentation) move at least one column to the right."""
    return text.count("[") + text.count("{") + 2 * max(map(len, text.split("\n"))) + 3


def _depth(node) -> int:
    """How deep the document nests, following each node from where it first appears (an alias is a leaf)."""
    stack, seen, deepest = [(node, 1)], set(), 0
    while stack:
        item, depth = stack.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        deepest = max(deepest, depth)
        if isinstance(item, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in reversed(item.value))
        elif isinstance(item, yaml.MappingNode):
            stack.extend((part, depth + 1) for pair in reversed(item.value) for part in reversed(pair))
    return deepest


def load_yaml_file(text: str):
    """Parse a whole YAML data file with every scalar as a string, plus the lines of each entry:
    ``{"": line of the entry, "slug": line of its slug key, "schedule.weekday": …}``."""
    node = _compose(text, 1, top_level=False)
    if node is None:
        return [], []
    odd = _check(node, text, 1, top_level=False)
    _raise(check_duplicates(node, Source(text, 1, top_level=False)))
    value = _construct(yaml.BaseLoader(""), node, None, limit=500_000)
    if odd:
        value = strip_invisible(value)
    lines = [_key_lines(item) for item in node.value] if isinstance(node, yaml.SequenceNode) else []
    return value, lines


def start_line(text: str) -> int:
    """The line of the first thing in a YAML text that is not blank or a comment."""
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            return number
    return 1


def _key_lines(item) -> dict[str, int]:
    """The 1-based line of an entry and of each of its keys, nested ones as ``schedule.weekday``."""
    lines = {"": item.start_mark.line + 1}
    stack = [(item, "")]
    while stack:
        node, prefix = stack.pop()
        if not isinstance(node, yaml.MappingNode):
            continue
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                lines[prefix + key.value] = key.start_mark.line + 1
                stack.append((value, f"{prefix}{key.value}."))
    return lines
