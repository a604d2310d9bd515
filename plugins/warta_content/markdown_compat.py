"""Markdown as CommonMark writers (the web editor, most other tools) write it, read by Python-Markdown.

Two things differ, and both are read here the CommonMark way for every body, whoever wrote it:

* Nested lists: CommonMark nests an item under the text of the item above ("* a" then "  * b",
  "1. a" then "   1. b"); Python-Markdown wants four spaces per level and otherwise makes one flat
  list. Lines inside lists are re-indented to four spaces per level before Python-Markdown reads them,
  and the item after a nested list that followed a blank line gets a blank line before it (else
  Python-Markdown puts it in the nested list). A body whose lists already use four spaces is unchanged.
* A line break written as a backslash at the end of a line (what the web editor writes for
  Shift+Enter), which Python-Markdown showed as a backslash.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor

_MARKER = re.compile(r"( *)([*+-]|\d{1,9}[.)])( +|$)")
_ANY_LIST = re.compile(r"^ *(?:[*+-]|\d{1,9}[.)]) ", re.MULTILINE)
_FENCE = re.compile(r" *(```|~~~)")
_INDENTED = re.compile(r"^ ", re.MULTILINE)


def reindent_lists(lines: list[str]) -> list[str]:
    """Lines with list items and their continuations indented four spaces per level."""
    out: list[str] = []
    # Open items: [content column in the source, in the output, blank lines seen before it opened];
    # an item holds a blank line when more have been seen by the time it closes.
    stack: list[list[int]] = []
    blank, blanks = True, 0
    rest = iter(lines)  # fenced code is taken from it by _copy_fenced, so the loop goes on after the fence
    for line in rest:
        if not line.strip():
            out.append(line)
            blank, blanks = True, blanks + 1
            continue
        indent = len(line) - len(line.lstrip(" "))
        marker = _MARKER.match(line)
        if marker and stack and indent - stack[-1][0] >= 4:
            marker = None  # indented code inside the item, not an item
        # A line right below text that is less indented than its item continues that paragraph (lazily).
        closed = []
        while stack and indent < stack[-1][0] and (blank or marker):
            closed.append(stack.pop())
        if marker and not blank and any(item[2] < blanks for item in closed):
            # The next item after a nested list that followed a blank line (as the web editor writes
            # them): Python-Markdown would take it into the nested list without a blank line before it.
            out.append("")
        if marker and (stack or indent < 4):
            new = stack[-1][1] if stack else indent  # a nested item starts at its parent's content
            out.append(" " * new + line.lstrip(" "))
            stack.append([indent + len(marker[2]) + max(len(marker[3]), 1), new + 4, blanks])
        elif stack and indent >= stack[-1][0]:
            new = max(indent, stack[-1][1])
            out.append(" " * new + line.lstrip(" "))
            if _FENCE.match(line):
                _copy_fenced(rest, out, _FENCE.match(line)[1], new - indent)
        else:
            out.append(line)
            if not stack and _FENCE.match(line):
                _copy_fenced(rest, out, _FENCE.match(line)[1], 0)
        blank = False
    return out


def _copy_fenced(rest: Iterator[str], out: list[str], fence: str, shift: int) -> None:
    """The lines of fenced code after its opening one, to the closing one: moved as the opening line
    was (``shift`` columns), else untouched."""
    for line in rest:
        out.append(_shifted(line, shift))
        if _FENCE.match(line) and line.strip().startswith(fence):
            return


def _shifted(line: str, shift: int) -> str:
    if shift >= 0:
        return " " * shift + line if line.strip() else line
    return line[min(-shift, len(line) - len(line.lstrip(" "))) :]


class _Lists(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if not _ANY_LIST.search(text) or not _INDENTED.search(text):
            return lines  # no list, or no line indented by spaces: reindent_lists would give them back as they are
        return reindent_lists(lines)


class _BackslashBreak(InlineProcessor):
    def handleMatch(self, m, data):
        return etree.Element("br"), m.start(0), m.end(0)


class CommonMarkCompat(Extension):
    """Registers both readings; before fenced code (which runs at 25) so fences in lists move with them."""

    def extendMarkdown(self, md) -> None:
        md.preprocessors.register(_Lists(md), "commonmark_lists", 27)
        md.inlinePatterns.register(_BackslashBreak(r"\\\n", md), "backslash_break", 185)
