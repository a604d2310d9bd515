"""Markdown body to sanitised HTML, and the plain-text summary taken from it."""

from __future__ import annotations

import html
import re

import markdown
import nh3

_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
}
_ATTRIBUTES = {
    "*": {"id", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "time": {"datetime"},
    "abbr": {"title"},
}
# Signs that a body carried markup we will drop; reported so the editor knows.
_RISKY = re.compile(
    r"<\s*(script|iframe|form|object|embed|style|svg|math|input|button)\b|\son\w+\s*=|javascript:",
    re.IGNORECASE,
)
_FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


class BodyRenderer:
    """One Markdown converter reused for every body in this process."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(
            extensions=["extra", "sane_lists", "smarty"],
            extension_configs={"smarty": {"smart_angled_quotes": False}},
            output_format="html",
        )

    def render(self, text: str) -> tuple[str, bool]:
        """Sanitised HTML and whether anything unsafe was removed."""
        raw = self._md.reset().convert(text)
        safe = nh3.clean(
            raw,
            tags=_TAGS,
            attributes=_ATTRIBUTES,
            url_schemes={"http", "https", "mailto", "tel"},
            link_rel="noopener",
            strip_comments=True,
        )
        return safe, bool(_RISKY.search(text))


def plain_summary(body_html: str, limit: int) -> str:
    """The first paragraph as plain text, cut at a word boundary within ``limit``."""
    match = _FIRST_PARAGRAPH.search(body_html)
    text = html.unescape(_TAG.sub("", match[1] if match else body_html))
    return shorten(" ".join(text.split()), limit)


def shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",.;:—-")
    return cut + "…"
