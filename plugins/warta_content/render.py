"""Markdown body to sanitised HTML, and the plain-text summary taken from it."""

from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser

import markdown
import nh3
from markdown.treeprocessors import InlineProcessor
from markdown.util import Registry
from markupsafe import Markup

from .markdown_compat import CommonMarkCompat

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


# What each inline pattern needs in a run of text to match at all (one of these substrings):
# Python-Markdown's own and footnotes' (code, escapes, links, images, footnote marks, autolinks and
# HTML, line breaks, entities, emphasis), then smarty's. A pattern not named here is always tried.
_PATTERN_NEEDS = {
    "backtick": ("`",),
    "backslash_break": ("\\\n",),
    "escape": ("\\",),
    "footnote": ("[^",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("![",),
    "image_reference": ("![",),
    "short_reference": ("[",),
    "short_image_ref": ("![",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "html": ("<",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
    "smarty-ellipses": ("...",),
    "smarty-em-dashes": ("---",),
    "smarty-en-dashes": ("--",),
    **{f"smarty-quotes-{n}": ("'",) for n in (0, 6, 7, 8, 9, 10)},
    **{f"smarty-quotes-{n}": ('"',) for n in (1, 11, 12, 13, 14)},
    **{f"smarty-quotes-{n}": ("\"'",) for n in (2, 5)},
    **{f"smarty-quotes-{n}": ("'\"",) for n in (3, 4)},
}


# What each block processor needs in a block before it can do anything: its test, or its search
# (processors whose test is always true), finds nothing in a block without one of these. The
# block is a paragraph of Markdown source; most hold no '#', '>', ':', '[' at all.
_BLOCK_NEEDS = {
    "hashheader": ("test", ("#",)),
    "setextheader": ("test", ("\n=", "\n-")),
    "hr": ("test", ("-", "_", "*")),
    "deflist": ("test", (":",)),
    "quote": ("test", (">",)),
    "footnote": ("run", ("[^",)),
    "abbr": ("run", ("*[",)),
    "reference": ("run", ("]:",)),
}


# Preprocessors that change nothing in a body without these: fenced code needs a fence, and
# md_in_html's HTML block reader needs a tag; without them each returns the lines it was given.
_PRE_NEEDS = {"fenced_code_block": ("```", "~~~"), "html_block": ("<",)}


def _any_of(needs) -> re.Pattern:
    """One search for any of ``needs`` (substrings): one call, where a loop over them was several."""
    return re.compile("|".join(map(re.escape, needs)))


def _quick_pre(run, needs: tuple[str, ...]):
    found = _any_of(needs).search

    def quick(lines: list[str]) -> list[str]:
        return run(lines) if found("\n".join(lines)) else lines

    return quick


def _quick_test(test, needs: tuple[str, ...]):
    found = _any_of(needs).search

    def quick(parent, block: str) -> bool:
        return found(block) is not None and test(parent, block)

    return quick


def _quick_run(run, needs: tuple[str, ...]):
    found = _any_of(needs).search

    def quick(parent, blocks: list[str]):
        if found(blocks[0]) is None:
            return False  # what its run returns when its search finds nothing, the blocks untouched
        return run(parent, blocks)

    return quick


class _QuickInline(InlineProcessor):
    """An inline processor that tries on each run of text only the patterns that could match in it.

    Python-Markdown tries every pattern on every run of text (a paragraph, a list item, a tail);
    most runs of a press release hold no markup, and most that do hold a quote and nothing else.
    It calls this hook (its private ``__handleInline``) once per run, and again for the parts of a
    run a pattern matched, which hold no character the run lacked: those get the run's patterns.
    The version is pinned, and tests/test_render.py checks the HTML equals the stock one.
    """

    def __init__(self, md: markdown.Markdown, patterns: Registry) -> None:
        super().__init__(md)
        self.inlinePatterns = self._every = patterns
        self._needs = [(item.name, item.priority, _PATTERN_NEEDS.get(item.name)) for item in patterns._priority]
        self._needs.sort(key=lambda need: need[1], reverse=True)  # the order patterns run in
        self._triggers = sorted({found for _, _, needs in self._needs if needs for found in needs})
        self._any = _any_of(self._triggers).search  # a run without any trigger needs no closer look
        self._always = any(needs is None for _, _, needs in self._needs)
        self._chosen: dict[frozenset, Registry] = {}  # by the triggers a run holds
        self._nested = False

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if self._nested or patternIndex:  # a part of a run: its patterns are chosen
            return super()._InlineProcessor__handleInline(data, patternIndex)
        present = frozenset(t for t in self._triggers if t in data) if self._any(data) else frozenset()
        if not present and not self._always:
            return data
        self.inlinePatterns = self._chosen.get(present) or self._choose(present)
        self._nested = True
        try:
            return super()._InlineProcessor__handleInline(data)
        finally:
            self.inlinePatterns, self._nested = self._every, False

    def _choose(self, present: frozenset) -> Registry:
        chosen = Registry()
        for name, priority, needs in self._needs:
            if needs is None or not present.isdisjoint(needs):
                chosen.register(self._every[name], name, priority)
        self._chosen[present] = chosen
        return chosen


def markdown_converter(quick: bool = True) -> markdown.Markdown:
    """The Markdown converter for bodies; ``quick=False`` keeps the inline and block processors and
    the preprocessors as shipped."""
    md = markdown.Markdown(
        extensions=["extra", "sane_lists", "smarty", CommonMarkCompat()],
        extension_configs={
            "smarty": {"smart_angled_quotes": False, "substitutions": _TYPOGRAPHY},
            "extra": {"footnotes": {"BACKLINK_TITLE": "Kembali ke catatan %d di teks"}},
        },
        output_format="html",
    )
    if quick:
        # Same names and priorities as the processors they replace (Python-Markdown's and smarty's).
        main = _QuickInline(md, md.inlinePatterns)
        smarty = _QuickInline(md, md.treeprocessors["smarty"].inlinePatterns)
        md.treeprocessors.register(main, "inline", 20)
        md.treeprocessors.register(smarty, "smarty", 6)
        for name, (method, needs) in _BLOCK_NEEDS.items():
            processor = md.parser.blockprocessors[name]
            guard = _quick_test if method == "test" else _quick_run
            setattr(processor, method, guard(getattr(processor, method), needs))
        for name, needs in _PRE_NEEDS.items():
            processor = md.preprocessors[name]
            processor.run = _quick_pre(processor.run, needs)
    return md


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
