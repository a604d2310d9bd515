"""Bodies: the quicker smarty processor gives exactly what Python-Markdown's smarty gives."""

from __future__ import annotations

import pytest
from conftest import ROOT
from warta_content.render import markdown_converter

TYPOGRAPHY = """\
"Kami siap," kata Wali Kota -- didampingi Sekda --- usai rapat... Tahun '90-an sudah lewat.

Warga bilang 'cukup' dan "selesai". Kode `"tetap"` dan `--tidak--` tidak diubah.

    blok kode "apa adanya" -- juga ...

* Daftar: "butir" satu... dua -- tiga
* Tautan [ke "laman"](https://contoh.go.id/?a=1&b='x') dan <em>"HTML"</em>

| kolom "a" | kolom -- b |
|---|---|
| 'sel' | ... |

Catatan kaki[^1].

[^1]: Isi "catatan" -- di bawah.
"""


def _bodies() -> list[str]:
    """Every Markdown body in the sample archive and the test fixtures."""
    found = sorted((ROOT / "content").rglob("*.md")) + sorted((ROOT / "tests" / "fixtures").rglob("*.md"))
    return [path.read_text(encoding="utf-8", errors="replace").split("\n---\n", 1)[-1] for path in found]


@pytest.mark.parametrize("text", [TYPOGRAPHY, *_bodies()], ids=lambda t: t[:30])
def test_quick_smarty_equals_stock_smarty(text):
    quick, stock = markdown_converter(), markdown_converter(quick=False)
    assert quick.convert(text) == stock.convert(text)


def test_smarty_still_changes_quotes_dashes_and_ellipses():
    html = markdown_converter().convert(TYPOGRAPHY)
    for entity in ("&ldquo;", "&rdquo;", "&lsquo;", "&rsquo;", "&ndash;", "&mdash;", "&hellip;"):
        assert entity in html, entity
    assert '<code>"tetap"</code>' in html.replace("&quot;", '"')
