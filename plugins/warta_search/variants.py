"""The spelling variants and abbreviations residents type: ``data/search-variants.yml``.

Each entry is a list of words or phrases that mean the same (``[hoaks, hoax]``,
``[media sosial, medsos, sosmed]``, ``[Pemerintah Kota, Pemkot]``). A page that contains one of them
is indexed with the others as well, as hidden search metadata (``varian``) in the copy of the page
Pagefind reads: searching any of them finds it. Nothing changes in the published page, so no page
grows; the index grows by the added words of the pages that contain a variant. The file is optional:
without it there are no variants. The list is the archive's own, to be edited by its editors.
"""

from __future__ import annotations

import hashlib
import html
import re
import string
from dataclasses import dataclass
from pathlib import Path

from warta_content import FrontMatterError, WartaError, decode, load_yaml_file

VARIANTS_FILE = "data/search-variants.yml"
MAX_WORDS = 6  # words in one variant: a phrase, not a sentence
_TAG = re.compile(rb"<[^>]*>")
_WORD = re.compile(r"[^\W_]+")
# Pages are read as bytes split at spaces and punctuation: ASCII punctuation (entities such as &quot;
# fall apart into harmless words) and the typographic marks Indonesian text uses (“ ” ‘ ’ – — … « » ·).
_SEPARATORS = bytes.maketrans(string.punctuation.encode(), b" " * len(string.punctuation))
_MARKS = tuple(mark.encode() for mark in ("“", "”", "‘", "’", "–", "—", "…", "«", "»", "·", "•"))


def _words(text: bytes) -> list[bytes]:
    """The words of ``text`` (ASCII letters in lower case), as a page is read for variants."""
    text = text.lower().translate(_SEPARATORS)
    for mark in _MARKS:
        if mark in text:
            text = text.replace(mark, b" ")
    return text.split()


class SearchVariantsError(WartaError):
    """``data/search-variants.yml`` cannot be read as a list of variant groups."""


@dataclass(frozen=True)
class Variants:
    """Groups of equivalent words or phrases (lower case), and one pattern that finds any of them."""

    groups: tuple[tuple[str, ...], ...] = ()

    def __post_init__(self) -> None:
        # A text is read as its words: a phrase is found when its words follow each other, whatever
        # spaces or punctuation lie between them ("e-KTP", "e KTP"), and never inside another word
        # ("hoax" is not in "hoaxes"). A page's words are put in a set once; only a phrase whose every
        # word is in it is looked for in the page's words joined by single spaces (a regular expression
        # of every phrase over the page took eight times as long).
        group_of = {tuple(_words(p.lower().encode())): i for i, group in enumerate(self.groups) for p in group}
        object.__setattr__(self, "_group_of", group_of)
        object.__setattr__(self, "_members", [[(p, tuple(_words(p.encode()))) for p in group] for group in self.groups])

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def digest(self) -> bytes:
        """What the search index depends on: a changed list indexes every shard again."""
        return hashlib.sha256(repr(self.groups).encode("utf-8")).digest()

    def added_words(self, text: str | bytes) -> list[str]:
        """The variants ``text`` lacks of every group it contains one of, in the file's order."""
        if not self.groups:
            return []
        words = _words(text if isinstance(text, bytes) else text.encode())
        present, joined = set(words), None
        found = set()
        for phrase in self._group_of:
            if present.issuperset(phrase):
                if len(phrase) > 1:
                    joined = joined or b" " + b" ".join(words) + b" "
                    if b" " + b" ".join(phrase) + b" " not in joined:
                        continue
                found.add(phrase)
        groups = sorted({self._group_of[p] for p in found})
        return [p for i in groups for p, words in self._members[i] if words not in found]

    def search_meta(self, page: bytes) -> bytes:
        """The hidden metadata element to put at the start of a page's indexed element ('' for none)."""
        words = self.added_words(_TAG.sub(b" ", page))
        if not words:
            return b""
        value = html.escape("varian:" + "; ".join(words), quote=True)
        return f'<span hidden data-pagefind-meta="{value}"></span>'.encode()


def _key(phrase: str) -> str:
    return " ".join(_WORD.findall(phrase.lower()))


def load_variants(content: Path) -> Variants:
    """The archive's variants; none when the file does not exist. Raises SearchVariantsError naming the line."""
    path = content / VARIANTS_FILE
    if not path.is_file():
        return Variants()
    try:
        value, places = load_yaml_file(decode(path.read_bytes()))
        lines = [place[""] for place in places]  # the line of each entry
    except (FrontMatterError, UnicodeDecodeError) as err:
        line = getattr(err, "line", None)
        raise SearchVariantsError(f"{VARIANTS_FILE}{f':{line}' if line else ''}: {err}") from None
    if not isinstance(value, list):
        raise SearchVariantsError(f"{VARIANTS_FILE}:1: harus berupa daftar, satu baris per kelompok: - [hoaks, hoax]")
    groups = []
    for entry, line in zip(value, lines, strict=True):
        groups.append(_group(entry, line))
    _check_once(groups, lines)
    return Variants(tuple(groups))


def _group(entry, line: int) -> tuple[str, ...]:
    words = entry if isinstance(entry, list) else None
    if not words or len(words) < 2 or not all(isinstance(w, str) and _WORD.search(w) for w in words):
        raise SearchVariantsError(
            f"{VARIANTS_FILE}:{line}: tiap baris berisi dua kata atau lebih yang sama artinya, mis. - [hoaks, hoax]"
        )
    too_long = next((w for w in words if len(_WORD.findall(w)) > MAX_WORDS), None)
    if too_long is not None:
        raise SearchVariantsError(
            f"{VARIANTS_FILE}:{line}: '{too_long}' terlalu panjang (paling banyak {MAX_WORDS} kata sekelompok)"
        )
    return tuple(dict.fromkeys(" ".join(w.split()).lower() for w in words))


def _check_once(groups: list[tuple[str, ...]], lines: list[int]) -> None:
    """A word in two groups would join them silently: say where, so the editor merges them."""
    seen: dict[str, int] = {}
    for group, line in zip(groups, lines, strict=True):
        for word in group:
            other = seen.setdefault(_key(word), line)
            if other != line:
                raise SearchVariantsError(
                    f"{VARIANTS_FILE}:{line}: '{word}' sudah ada di baris {other}; gabungkan kedua baris itu"
                )
