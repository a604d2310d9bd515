"""Bodies: the quicker inline and block processors give exactly what Python-Markdown's own give."""

from __future__ import annotations

import random

import pytest
from conftest import ROOT
from warta_content.render import markdown_converter

from tools.corpus import plan

KNOWN_PATTERNS = [
    "backtick", "escape", "footnote", "reference", "link", "image_link", "image_reference", "short_reference",
    "short_image_ref", "autolink", "automail", "linebreak", "html", "entity", "em_strong", "backslash_break",
]  # fmt: skip

TYPOGRAPHY = (
    """\
"Kami siap," kata Wali Kota -- didampingi Sekda --- usai rapat... Tahun '90-an sudah lewat.

Warga bilang 'cukup' dan "selesai". Kode `"tetap"` dan `--tidak--` tidak diubah.

    blok kode "apa adanya" -- juga ...

* Daftar: "butir" satu... dua -- tiga
* Tautan [ke "laman"](https://contoh.go.id/?a=1&b='x') dan <em>"HTML"</em>

| kolom "a" | kolom -- b |
|---|---|
| 'sel' | ... |

Catatan kaki[^1]. Teks *miring*, **tebal**, _garis_, \\*bukan miring\\*, &amp; &copy; &#169;, <span>HTML</span>,
di sini, ![gambar](/media/foto/a.png "judul"), <https://contoh.go.id/x>, <humas@contoh.go.id> dan [acuan][r].

[r]: https://contoh.go.id/acuan

[^1]: Isi "catatan" -- di bawah.
"""
    + "Baris dipecah  \ndi sini.\n"
)


BLOCKS = """\
Judul Setext
============

Sub judul
---------

## Judul dengan pagar ##

Paragraf biasa, tanda pagar # di tengah, panah > di tengah, titik dua: di tengah, masing-masing.

> Kutipan
> > bersarang

- - -
***
___

Istilah
:   Definisi pertama
:   Definisi kedua

*[BPBD]: Badan Penanggulangan Bencana Daerah

BPBD menyiapkan posko[^a] dan [tautan acuan][b].

[b]: https://contoh.go.id/b "Judul"
[^a]: Catatan yang
    berlanjut di baris kedua.

1. satu
2. dua
    * bersarang: titik dua
    * butir # pagar

Teks
-

```
kode "pagar" -- apa adanya
```

~~~
juga ~~~ ini
~~~

<div markdown="1">
Blok *HTML* dengan Markdown di dalamnya.
</div>
"""


def _bodies() -> list[str]:
    """Every Markdown body in the sample archive and the test fixtures."""
    found = sorted((ROOT / "content").rglob("*.md")) + sorted((ROOT / "tests" / "fixtures").rglob("*.md"))
    return [path.read_text(encoding="utf-8", errors="replace").split("\n---\n", 1)[-1] for path in found]


@pytest.mark.parametrize("text", [TYPOGRAPHY, BLOCKS, *_bodies()], ids=lambda t: t[:30])
def test_quick_inline_equals_stock_inline(text):
    quick, stock = markdown_converter(), markdown_converter(quick=False)
    assert quick.convert(text) == stock.convert(text)


def test_quick_inline_equals_stock_inline_on_a_generated_archive():
    """Three hundred bodies of the benchmark's corpus: prose with quotes, lists, headings and links."""
    bodies = [entry.body for entry in plan(300, seed=7).releases]
    quick, stock = markdown_converter(), markdown_converter(quick=False)
    assert [quick.reset().convert(b) for b in bodies] == [stock.reset().convert(b) for b in bodies]


def test_quick_inline_equals_stock_inline_on_random_markup():
    """Two thousand runs of text dense in what patterns look for, in every mixture: each pattern is
    tried only on runs that hold its trigger, so a trigger missing from the table shows up here."""
    pieces = ["'", '"', "--", "---", "...", "*", "**", "_", "[", "]", "(", ")", "![", "[^1]", "<", ">", "&",
              "&amp;", "`", "\\", "  \n", " ", " ", "\n", "kata", "Wali", "90-an", "s ", "http://a.id", "a@b.id",
              ":", "1"]  # fmt: skip
    rng = random.Random(11)
    bodies = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(2000)]
    bodies += [f"{b}\n\n[1]: http://a.id\n[^1]: catatan" for b in bodies[:200]]
    quick, stock = markdown_converter(), markdown_converter(quick=False)
    assert [quick.reset().convert(b) for b in bodies] == [stock.reset().convert(b) for b in bodies]


def test_every_inline_pattern_is_known_to_the_quick_processor():
    """A pattern added by a new extension would be skipped silently: the list of names is pinned."""
    md = markdown_converter(quick=False)
    names = [item.name for item in md.inlinePatterns._priority]
    assert sorted(names) == sorted(KNOWN_PATTERNS), "add its trigger to render._PATTERN_NEEDS, then here"


def test_smarty_still_changes_quotes_dashes_and_ellipses():
    html = markdown_converter().convert(TYPOGRAPHY)
    for char in "\u201c\u201d\u2018\u2019\u2013\u2014\u2026":  # “ ” ‘ ’ – — …
        assert char in html, char
    assert '<code>"tetap"</code>' in html.replace("&quot;", '"')
    assert "<br>" in html and "<em>miring</em>" in html


def test_dates_keep_each_zone_apart():
    """One instant shown in three zones, each in its own wall-clock time."""
    from datetime import UTC, datetime, timedelta, timezone

    from warta_content.fields import WIB
    from warta_content.templating import jam, tanggal_lengkap

    wib = datetime(2024, 3, 5, 10, 0, tzinfo=WIB)
    shown = [tanggal_lengkap(wib.astimezone(zone)) for zone in (WIB, UTC, timezone(timedelta(hours=8)))]
    assert shown == [
        "Selasa, 5 Maret 2024, 10.00 WIB",
        "Selasa, 5 Maret 2024, 03.00 UTC+0",
        "Selasa, 5 Maret 2024, 11.00 WITA",
    ]
    assert [jam(wib), jam(wib.astimezone(UTC))] == ["10.00", "03.00"]


def test_dates_are_written_as_babel_writes_them():
    """Every day of a leap year, at three times of day and in two zones, in each pattern Warta shows."""
    from datetime import datetime, timedelta, timezone

    from babel.dates import format_datetime
    from warta_content.fields import WIB
    from warta_content.templating import _PATTERNS, _fmt

    wita = timezone(timedelta(hours=8))
    days = [datetime(2024, 1, 1, tzinfo=WIB) + timedelta(days=n) for n in range(366)]
    moments = [d.replace(hour=h, minute=m) for d in days for h, m in ((0, 0), (9, 7), (23, 59))]
    moments += [m.astimezone(wita) for m in moments[::7]]
    for pattern in _PATTERNS:
        assert [_fmt(m, pattern) for m in moments] == [
            format_datetime(m, pattern, tzinfo=m.tzinfo, locale="id") for m in moments
        ], pattern


def test_generators_of_one_build_share_one_cache_of_macro_output():
    """A release's card is made once per process, whichever generator's page shows it first."""
    from types import SimpleNamespace

    import jinja2
    from warta_content import _templating

    def generator(context):
        return SimpleNamespace(env=jinja2.Environment(), settings={"SITEURL": ""}, context=context)

    build, other_build = {}, {}
    first, second, elsewhere = generator(build), generator(build), generator(other_build)
    for g in (first, second, elsewhere):
        _templating(g)
    assert first.env.globals["remembered"] is second.env.globals["remembered"]
    assert first.env.globals["remembered"] is not elsewhere.env.globals["remembered"]


# Written as CommonMark tools (the web editor) write them: markdown_compat.py reads them the same way.
COMMONMARK_BODIES = {
    "* satu\n  * anak\n* dua": "<ul>\n<li>satu<ul>\n<li>anak</li>\n</ul>\n</li>\n<li>dua</li>\n</ul>",
    "1. satu\n   1. anak\n2. dua": "<ol>\n<li>satu<ol>\n<li>anak</li>\n</ol>\n</li>\n<li>dua</li>\n</ol>",
    "baris satu\\\nbaris dua": "<p>baris satu<br>\nbaris dua</p>",
    # The web editor's own writer: a blank line before a nested list makes the list loose.
    "* a\n\n  * b\n  * c\n* d": (
        "<ul>\n<li>\n<p>a</p>\n<ul>\n<li>b</li>\n<li>c</li>\n</ul>\n</li>\n<li>\n<p>d</p>\n</li>\n</ul>"
    ),
    "1. a\n\n   1. b\n2. c": "<ol>\n<li>\n<p>a</p>\n<ol>\n<li>b</li>\n</ol>\n</li>\n<li>\n<p>c</p>\n</li>\n</ol>",
    "* a\n\n  lanjutan\n* b": "<ul>\n<li>\n<p>a</p>\n<p>lanjutan</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>",
    "- a\n    - b": "<ul>\n<li>a<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>",  # four spaces, as before
    "teks\n\n    kode": "<p>teks</p>\n<pre><code>kode\n</code></pre>",
    "kode `a\\` b": "<p>kode <code>a\\</code> b</p>",
}


@pytest.mark.parametrize("body", COMMONMARK_BODIES)
def test_commonmark_nesting_and_breaks_read_as_commonmark(body):
    for quick in (True, False):
        assert markdown_converter(quick=quick).convert(body) == COMMONMARK_BODIES[body]


def test_lists_without_indented_lines_are_left_as_written():
    """What the preprocessor skips (no line starts with a space) reindent_lists gives back unchanged."""
    from warta_content.markdown_compat import reindent_lists

    rng = random.Random(5)
    pieces = ["* ", "- ", "+ ", "1. ", "2) ", "10. ", "kata", "\n", "\n\n", "```", "~~~", "> ", "\t", "#"]
    bodies = [*COMMONMARK_BODIES, *(entry.body for entry in plan(300, seed=7).releases)]
    bodies += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 60))) for _ in range(2000)]
    flat = [b for b in bodies if not any(line.startswith(" ") for line in b.split("\n"))]
    assert len(flat) > 20
    for body in flat:
        assert reindent_lists(body.split("\n")) == body.split("\n")
