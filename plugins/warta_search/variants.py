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
from dataclasses import dataclass
from pathlib import Path

from warta_content.errors import WartaError
from warta_content.frontmatter import FrontMatterError, decode, load_yaml_file

VARIANTS_FILE = "data/search-variants.yml"
MAX_WORDS = 6  # words in one variant: a phrase, not a sentence
_TAG = re.compile(rb"<[^>]*>")
_WORD = re.compile(r"[^\W_]+")


class SearchVariantsError(WartaError):
    """``data/search-variants.yml`` cannot be read as a list of variant groups."""


@dataclass(frozen=True)
class Variants:
    """Groups of equivalent words or phrases (lower case), and one pattern that finds any of them."""

    groups: tuple[tuple[str, ...], ...] = ()

    def __post_init__(self) -> None:
        phrases = sorted({p for group in self.groups for p in group}, key=len, reverse=True)
        # Words of a phrase may be apart by any spaces or punctuation ("e-KTP", "e KTP"); a variant is
        # found only as whole words, never inside another word ("hoax" is not in "hoaxes").
        joined = "|".join(r"[\W_]+".join(map(re.escape, _WORD.findall(p))) for p in phrases)
        pattern = re.compile(rf"(?<![^\W_])(?:{joined})(?![^\W_])", re.IGNORECASE) if phrases else None
        object.__setattr__(self, "_pattern", pattern)
        object.__setattr__(self, "_group_of", {_key(p): i for i, group in enumerate(self.groups) for p in group})

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def digest(self) -> bytes:
        """What the search index depends on: a changed list indexes every shard again."""
        return hashlib.sha256(repr(self.groups).encode("utf-8")).digest()

    def added_words(self, text: str) -> list[str]:
        """The variants ``text`` lacks of every group it contains one of, in the file's order."""
        if self._pattern is None:
            return []
        found = {_key(m[0]) for m in self._pattern.finditer(text)}
        groups = sorted({self._group_of[k] for k in found})
        return [p for i in groups for p in self.groups[i] if _key(p) not in found]

    def search_meta(self, page: bytes) -> bytes:
        """The hidden metadata element to put at the start of a page's indexed element ('' for none)."""
        words = self.added_words(html.unescape(_TAG.sub(b" ", page).decode("utf-8", "replace")))
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
        value, lines = load_yaml_file(decode(path.read_bytes()))
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
