"""The Markdown speed patches rely on Python-Markdown's private workings: an upgrade that changes
any of them fails here, naming the part, before it can change a page."""

import re

import markdown
from conftest import ROOT
from warta_content import markdown_speed
from warta_content.render import markdown_converter


def _changed(found: dict[str, str]) -> list[str]:
    expected = markdown_speed.FINGERPRINTS
    return sorted(key for key in {*found, *expected} if found.get(key) != expected.get(key))


def test_the_parts_the_patches_rely_on_are_as_checked():
    found = markdown_speed.fingerprints(markdown_converter(quick=False))
    changed = _changed(found)
    assert not changed, (
        "Python-Markdown berubah di bagian yang ditambal markdown_speed.py: "
        + ", ".join(changed)
        + ". Baca ulang bagian itu, sesuaikan tambalannya, lalu salin sidik baru ini ke FINGERPRINTS:\n"
        + "\n".join(f"    {key!r}: {value!r}," for key, value in found.items())
    )


def test_the_pinned_markdown_is_the_one_the_patches_were_checked_with():
    pinned = re.search(r"^Markdown==(\S+)$", (ROOT / "requirements.txt").read_text(), re.MULTILINE)[1]
    assert markdown.__version__ == pinned == markdown_speed.CHECKED_WITH, (
        f"Python-Markdown {markdown.__version__} terpasang, {pinned} disematkan, tambalan diperiksa dengan "
        f"{markdown_speed.CHECKED_WITH}: jalankan tes ini dan tests/test_render.py, lalu perbarui CHECKED_WITH"
    )


def test_a_changed_part_is_caught():
    """What an upgrade would look like: one processor's expression differs from the checked one."""
    stock = markdown_converter(quick=False)
    stock.parser.blockprocessors["hashheader"].RE = re.compile(r"(?:^|\n)(?P<level>#{1,6})\s*(?P<header>.*)")
    assert _changed(markdown_speed.fingerprints(stock)) == ["blockprocessors['hashheader'].RE"]


def test_every_patched_processor_and_pattern_exists():
    stock = markdown_converter(quick=False)
    assert not [n for n in markdown_speed._BLOCK_NEEDS if n not in stock.parser.blockprocessors]
    assert not [n for n in markdown_speed._PRE_NEEDS if n not in stock.preprocessors]
    patterns = (stock.inlinePatterns, stock.treeprocessors["smarty"].inlinePatterns)
    assert not [n for n in markdown_speed._PATTERN_NEEDS if not any(n in r for r in patterns)]
