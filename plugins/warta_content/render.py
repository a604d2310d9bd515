"""Markdown body to sanitised HTML, and the plain-text summary taken from it."""

from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser

import markdown
import nh3
from markupsafe import Markup

from .markdown_compat import CommonMarkCompat
from .markdown_speed import speed_up

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
_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Ids in a body get this prefix so that they can neither clash with the page's own ids
# (the skip link's #isi, form labels) nor clobber globals that scripts read (window.<id>).
ID_PREFIX = "isi-"
# Attributes whose removal an editor should hear about: they run code or fetch something.
_ACTIVE_ATTRIBUTES = {"srcset", "action", "formaction", "xlink:href", "poster", "background", "ping"}
# Smarty writes the characters themselves, as nh3 would turn its entities into them anyway: the
# Markdown output then equals the sanitised one whenever nothing was removed (see removed()).
_TYPOGRAPHY = {
    "left-single-quote": "\u2018",
    "right-single-quote": "\u2019",
    "left-double-quote": "\u201c",
    "right-double-quote": "\u201d",
    "left-angle-quote": "\u00ab",
    "right-angle-quote": "\u00bb",
    "ndash": "\u2013",
    "mdash": "\u2014",
    "ellipsis": "\u2026",
}
_LINK_REL = "noopener"
_ADDED_REL = f' rel="{_LINK_REL}"'  # what nh3 adds to every link
_FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


class BodyError(ValueError):
    """A body that cannot be turned into HTML at all."""


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    """Runs on every attribute nh3 keeps: in-page links follow the id prefix; images stay on our host."""
    if name == "href" and value.startswith("#") and len(value) > 1 and not value.startswith("#" + ID_PREFIX):
        return "#" + ID_PREFIX + value[1:]
    if tag == "img" and name == "src" and re.match(r"\s*(https?:)?//", value, re.IGNORECASE):
        return None  # a request to another host on page load (SPEC), and blocked by our CSP anyway
    return value


def markdown_converter(quick: bool = True) -> markdown.Markdown:
    """The Markdown converter for bodies; ``quick=False`` keeps the inline and block processors and
    the preprocessors as shipped (markdown_speed.py)."""
    md = markdown.Markdown(
        extensions=["extra", "sane_lists", "smarty", CommonMarkCompat()],
        extension_configs={
            "smarty": {"smart_angled_quotes": False, "substitutions": _TYPOGRAPHY},
            "extra": {"footnotes": {"BACKLINK_TITLE": "Kembali ke catatan %d di teks"}},
        },
        output_format="html",
    )
    return speed_up(md) if quick else md


class BodyRenderer:
    """One Markdown converter and one sanitiser, reused for every body in this process."""

    def __init__(self) -> None:
        self._md = markdown_converter()
        self._cleaner = nh3.Cleaner(
            tags=_TAGS,
            attributes=_ATTRIBUTES,
            url_schemes=_URL_SCHEMES,
            link_rel=_LINK_REL,
            strip_comments=True,
            id_prefix=ID_PREFIX,
            attribute_filter=_filter_attribute,
        )

    def render(self, text: str) -> tuple[Markup, str]:
        """Sanitised HTML, and what unsafe markup was removed from it ('' when nothing was)."""
        try:
            raw = self._md.reset().convert(text)
        except RecursionError:
            raise BodyError("isi terlalu bertingkat (daftar atau kutipan bersarang ratusan tingkat)") from None
        safe = self._cleaner.clean(raw)
        return Markup(safe), removed(raw, safe)


class _Inventory(HTMLParser):
    """What a fragment holds that a sanitiser may take away: elements, active attributes, URLs."""

    def __init__(self, html_text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: Counter = Counter()
        self.attributes: Counter = Counter()
        self.urls: dict[str, list[str]] = {"href": [], "src": []}
        self.feed(html_text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.elements[tag] += 1
        for name, value in attrs:
            if name.startswith("on") or name in _ACTIVE_ATTRIBUTES:
                self.attributes[name] += 1
            elif name in self.urls and value is not None and tag in _TAGS:
                # Only on elements nh3 keeps: a removed <iframe> is reported once, as an element.
                self.urls[name].append(value.replace("#" + ID_PREFIX, "#", 1) if value[:1] == "#" else value)


def removed(raw: str, safe: str) -> str:
    """Compare the Markdown output with what nh3 kept, and name what went missing.

    Both sides are read by one parser, so nothing counts as removed that nh3 kept;
    a ``<script>`` shown inside a code block is text on both sides and counts as nothing.
    """
    if safe == raw or _without_additions(safe) == raw:
        return ""  # nh3 only added what it adds to every body, so nothing was removed: skip parsing both sides
    before, after = _Inventory(raw), _Inventory(safe)
    parts = [f"<{tag}>" + (f" ×{n}" if n > 1 else "") for tag, n in sorted((before.elements - after.elements).items())]
    parts += [f"atribut {name}" for name in sorted(before.attributes - after.attributes)]
    for name, values in before.urls.items():
        count = len(values) - len(after.urls[name])
        if count > 0:
            kept, lost = Counter(after.urls[name]), []
            for value in values:
                if kept[value]:
                    kept[value] -= 1
                else:
                    lost.append(repr(value[:40]))
            parts.append(f"{count} alamat {name}" + (f" ({', '.join(lost[:3])})" if lost else ""))
    return "; ".join(parts)


def _without_additions(safe: str) -> str:
    """The sanitised HTML less what nh3 adds (rel on links, the id prefix on ids and in-page links)."""
    return (
        safe.replace(_ADDED_REL, "").replace(f' id="{ID_PREFIX}', ' id="').replace(f' href="#{ID_PREFIX}', ' href="#')
    )


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
