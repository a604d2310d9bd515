"""Python-Markdown, quicker: every patch Warta makes to its private workings, in one place.

Python-Markdown tries every inline pattern on every run of text and every block processor on
every block; most of a press release is plain prose that none of them can match. The patches
below skip a pattern, a block processor or a preprocessor when the text lacks every substring it
would need, and change nothing else: tests/test_render.py checks that the HTML equals the stock
converter's on hand-written, generated and random bodies.

They reach into private methods (``InlineProcessor.__handleInline``) and replace the ``test`` or
``run`` of named processors, so an upgrade of Python-Markdown may change what they rely on.
``relied_on`` names each of those parts with its source (or pattern); ``FINGERPRINTS`` holds their
SHA-256 as checked against the pinned version, and tests/test_markdown_speed.py fails, naming the
part, the moment one of them differs. Re-read the part, adjust the patch, then run
``python -m warta_content.markdown_speed`` for the new fingerprints.
"""

from __future__ import annotations

import hashlib
import inspect
import re

import markdown
from markdown.treeprocessors import InlineProcessor
from markdown.util import Registry

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


def speed_up(md: markdown.Markdown) -> markdown.Markdown:
    """Apply every patch to ``md`` (a converter with the extensions ``render.markdown_converter`` uses)."""
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


def relied_on(md: markdown.Markdown) -> dict[str, str]:
    """What the patches assume of Python-Markdown, by name: the source of each method they wrap or
    override, and the regular expression of each inline pattern whose trigger they declare. ``md``
    is a stock converter (``render.markdown_converter(quick=False)``)."""
    parts = {
        "InlineProcessor.__init__": InlineProcessor.__init__,
        "InlineProcessor.__handleInline": InlineProcessor._InlineProcessor__handleInline,
        "InlineProcessor.run": InlineProcessor.run,
    }
    for name, (method, _) in _BLOCK_NEEDS.items():
        parts[f"blockprocessors[{name!r}].{method}"] = getattr(type(md.parser.blockprocessors[name]), method)
    for name in _PRE_NEEDS:
        parts[f"preprocessors[{name!r}].run"] = type(md.preprocessors[name]).run
    found = {key: inspect.getsource(function) for key, function in parts.items()}
    for name in _BLOCK_NEEDS:  # the expression a processor searches with, where it has one
        expression = getattr(md.parser.blockprocessors[name], "RE", None)
        if expression is not None:
            found[f"blockprocessors[{name!r}].RE"] = getattr(expression, "pattern", expression)
    registries = (md.inlinePatterns, md.treeprocessors["smarty"].inlinePatterns)
    for name in _PATTERN_NEEDS:
        registry = next((r for r in registries if name in r), None)
        found[f"inlinePatterns[{name!r}]"] = registry[name].compiled_re.pattern if registry else "(tidak ada)"
    return found


def fingerprints(md: markdown.Markdown) -> dict[str, str]:
    """``relied_on`` as the first 16 hex digits of each part's SHA-256."""
    return {key: hashlib.sha256(text.encode()).hexdigest()[:16] for key, text in relied_on(md).items()}


CHECKED_WITH = "3.11.3"  # the Python-Markdown release the fingerprints were taken from (requirements.txt)
FINGERPRINTS = {
    "InlineProcessor.__init__": "01e2099738224a98",
    "InlineProcessor.__handleInline": "fe27babc114aed0a",
    "InlineProcessor.run": "f6c93631f2871499",
    "blockprocessors['hashheader'].test": "b05b7970153b822e",
    "blockprocessors['setextheader'].test": "f4517c337decc072",
    "blockprocessors['hr'].test": "d97db1d673f15c75",
    "blockprocessors['deflist'].test": "b05b7970153b822e",
    "blockprocessors['quote'].test": "342a21ffb26b7052",
    "blockprocessors['footnote'].run": "62765fec9d331a31",
    "blockprocessors['abbr'].run": "b56be8a6fce5a243",
    "blockprocessors['reference'].run": "03ec47f76da0d6f4",
    "preprocessors['fenced_code_block'].run": "5ff582f6af84b7e7",
    "preprocessors['html_block'].run": "79cbd05926bc0cb1",
    "blockprocessors['hashheader'].RE": "eb361640c4174f35",
    "blockprocessors['setextheader'].RE": "fd75b3b855184f46",
    "blockprocessors['hr'].RE": "254374595d5d4e2f",
    "blockprocessors['deflist'].RE": "75cd50f6958a810a",
    "blockprocessors['quote'].RE": "e96047bb8c773278",
    "blockprocessors['footnote'].RE": "e9692890598b90ed",
    "blockprocessors['abbr'].RE": "08a87245d7dd4198",
    "blockprocessors['reference'].RE": "0ed9d926a9b3c112",
    "inlinePatterns['backtick']": "231bee70302e704d",
    "inlinePatterns['backslash_break']": "9449b4294829a182",
    "inlinePatterns['escape']": "51a11c21258d37ec",
    "inlinePatterns['footnote']": "154f68064ec7034b",
    "inlinePatterns['reference']": "0aca4cbc7f7995e2",
    "inlinePatterns['link']": "0aca4cbc7f7995e2",
    "inlinePatterns['image_link']": "3bd0cb9cfeedd718",
    "inlinePatterns['image_reference']": "3bd0cb9cfeedd718",
    "inlinePatterns['short_reference']": "0aca4cbc7f7995e2",
    "inlinePatterns['short_image_ref']": "3bd0cb9cfeedd718",
    "inlinePatterns['autolink']": "7cc379585f40fe69",
    "inlinePatterns['automail']": "64b9f843dff4e149",
    "inlinePatterns['linebreak']": "75df45fedc69aea0",
    "inlinePatterns['html']": "47eec514cf83c77b",
    "inlinePatterns['entity']": "59f41c098c4b4533",
    "inlinePatterns['em_strong']": "1d6aeef067c22aba",
    "inlinePatterns['smarty-ellipses']": "c71e9260eb6b85e1",
    "inlinePatterns['smarty-em-dashes']": "a82e863e9d6604e7",
    "inlinePatterns['smarty-en-dashes']": "e54c0c3db42e4632",
    "inlinePatterns['smarty-quotes-0']": "e009d05fa3a24b19",
    "inlinePatterns['smarty-quotes-6']": "d7c4b03f6c8aa0a1",
    "inlinePatterns['smarty-quotes-7']": "d04369bcf549759f",
    "inlinePatterns['smarty-quotes-8']": "5736256c055f13af",
    "inlinePatterns['smarty-quotes-9']": "81ae3ed518d6c66a",
    "inlinePatterns['smarty-quotes-10']": "265fda17a34611b1",
    "inlinePatterns['smarty-quotes-1']": "660d4dd576beacdd",
    "inlinePatterns['smarty-quotes-11']": "bf56bdb41ee0fdb0",
    "inlinePatterns['smarty-quotes-12']": "c0b1df3e35b63f4a",
    "inlinePatterns['smarty-quotes-13']": "e2e3ae2c62c1c17b",
    "inlinePatterns['smarty-quotes-14']": "8a331fdde7032f33",
    "inlinePatterns['smarty-quotes-2']": "97d14eae95c5810e",
    "inlinePatterns['smarty-quotes-5']": "d61325119e8f1eae",
    "inlinePatterns['smarty-quotes-3']": "68a8ad0b44f8f2e5",
    "inlinePatterns['smarty-quotes-4']": "c0207adb6c5dfd16",
}
