"""Split a source file into YAML front matter and Markdown body, keeping line numbers."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml


class FrontMatterError(ValueError):
    """The file has no readable front matter; ``line`` says where it went wrong."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


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
    text = raw.decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split(text: str) -> FrontMatter:
    """Parse ``---``-fenced YAML front matter; all scalars stay strings."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise FrontMatterError("berkas harus diawali baris '---', lalu front matter YAML, lalu '---'", 1)
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        raise FrontMatterError("front matter tidak ditutup dengan baris '---'", 1) from None
    yaml_text = "\n".join(lines[1:end])
    node = _compose(yaml_text)
    if node is None:
        raise FrontMatterError("front matter kosong", 2)
    if not isinstance(node, yaml.MappingNode):
        raise FrontMatterError("front matter harus berupa daftar 'kunci: nilai'", node.start_mark.line + 2)
    loader = yaml.BaseLoader("")
    data: dict = {}
    field_lines: dict = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in data:
            raise FrontMatterError(f"kolom '{key}' ditulis dua kali", key_node.start_mark.line + 2)
        data[key] = loader.construct_object(value_node, deep=True)
        field_lines[key] = key_node.start_mark.line + 2
        if isinstance(value_node, yaml.SequenceNode):
            for i, item in enumerate(value_node.value):
                field_lines[(key, i)] = item.start_mark.line + 2
    body = "\n".join(lines[end + 1 :])
    return FrontMatter(data, field_lines, body, end + 2)


def _compose(yaml_text: str):
    try:
        return yaml.compose(yaml_text, Loader=yaml.BaseLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else None
        raise FrontMatterError(f"YAML tidak valid: {exc.problem or exc}", line) from None
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"YAML tidak valid: {exc}") from None


def load_yaml_file(text: str):
    """Parse a whole YAML data file with every scalar as a string, plus item lines."""
    try:
        node = yaml.compose(text, Loader=yaml.BaseLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise FrontMatterError(f"YAML tidak valid: {exc.problem or exc}", mark.line + 1 if mark else None) from None
    if node is None:
        return [], []
    loader = yaml.BaseLoader("")
    value = loader.construct_object(node, deep=True)
    item_lines = []
    if isinstance(node, yaml.SequenceNode):
        item_lines = [item.start_mark.line + 1 for item in node.value]
    return value, item_lines
