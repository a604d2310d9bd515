"""Safe HTML: what the sanitiser removes and reports, autoescape, JSON-LD, and the CSP every page carries."""

from __future__ import annotations

import re
import sys

import pytest
from conftest import ROOT
from pelican.settings import read_settings

sys.path.insert(0, str(ROOT / "plugins"))
from warta_content.output import jsonld
from warta_content.render import BodyRenderer

UNSAFE = [  # Markdown body → what the warning must name
    ("<script>alert(1)</script>", "<script>"),
    ("<img src=x onerror=alert(1)>", "atribut onerror"),
    ("<IMG SRC=x OnErRoR=alert(1)>", "atribut onerror"),
    ("[a](javascript:alert(1))", "1 alamat href ('javascript:alert(1)')"),
    ("[a](JaVaScRiPt:alert(1))", "1 alamat href"),
    ("[a](jav&#x61;script:alert(1))", "1 alamat href"),
    ("[a](&#106;avascript:alert(1))", "1 alamat href"),
    ('<a href=" javascript:alert(1)">a</a>', "1 alamat href"),
    ('<a href="jav&#x09;ascript:alert(1)">a</a>', "1 alamat href"),
    ("[a](vbscript:msgbox(1))", "1 alamat href"),
    ("[a](data:text/html;base64,PHNjcmlwdD4=)", "1 alamat href"),
    ("![a](data:image/svg+xml;base64,PHN2Zz4=)", "1 alamat src"),
    ('<iframe src="https://www.youtube.com/embed/AbCdEfGhIj0"></iframe>', "<iframe>"),
    ('<form action="/x"><input name="q"></form>', "<form>; <input>; atribut action"),
    ("<svg onload=alert(1)><circle r=1 /></svg>", "<svg>"),
    ("<object data=x></object><embed src=x>", "<embed>; <object>"),
    ("<style>body{}</style>", "<style>"),
    ("![piksel](https://pelacak.example/p.gif)", "1 alamat src ('https://pelacak.example/p.gif')"),
    ("![piksel](//pelacak.example/p.gif)", "1 alamat src"),
]
SAFE = [  # bodies that must come out as they went in, without a warning
    "Kode `<script>alert(1)</script>` dan `onclick=` ditulis sebagai teks.",
    "    <img src=x onerror=alert(1)>",
    "Sesi onboarding = pelatihan; lihat javascript: sebagai kata.",
    "Catatan[^1].\n\n[^1]: Sumber.",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "[luar](https://bekasikota.go.id/) [dalam](/berita/) [surel](mailto:humas@contoh.example) [bab](#jadwal)",
    "![foto](/media/foto/a.jpg) <abbr title='Dinas Kesehatan'>Dinkes</abbr> <mark>penting</mark>",
]


@pytest.fixture(scope="module")
def renderer() -> BodyRenderer:
    return BodyRenderer()


@pytest.mark.parametrize(("body", "named"), UNSAFE)
def test_unsafe_markup_is_removed_and_named(renderer, body, named):
    html, removed = renderer.render(body)
    assert named in removed
    assert not re.search(r"<(script|iframe|form|svg|object|embed|style)\b|\son\w+=|javascript:|vbscript:|data:", html)
    assert "pelacak.example" not in html


@pytest.mark.parametrize("body", SAFE)
def test_safe_markup_is_kept_without_a_warning(renderer, body):
    html, removed = renderer.render(body)
    assert removed == ""
    assert "&lt;script&gt;" in html or "<script" not in html


def test_ordinary_bodies_are_not_parsed_twice(renderer, monkeypatch):
    """Quotes, dashes and links change nothing but rel="noopener": the removal report skips its two HTML parses."""
    import warta_content.render as render

    def refuse(*args):
        raise AssertionError("both sides were parsed for a body nh3 removed nothing from")

    monkeypatch.setattr(render, "_Inventory", refuse)
    body = "Kata \"kutip\" dan 'kutip' -- sampai... Lihat [situs](https://x.example/) dan [bab](#jadwal)."
    html, removed = renderer.render(body)
    assert removed == "" and "\u201ckutip\u201d" in html and "\u2013" in html and "\u2026" in html
    assert renderer.render("<u>garis</u> [a](/b/)")[1] == ""


def test_links_and_ids(renderer):
    html, _ = renderer.render('Lihat [jadwal](#jadwal) dan [situs](https://x.example/).\n\n<h2 id="jadwal">Jadwal</h2>')
    assert 'href="#isi-jadwal"' in html and 'id="isi-jadwal"' in html  # cannot take the page's #isi or window.jadwal
    assert 'href="https://x.example/" rel="noopener"' in html
    assert "Kembali ke catatan" in renderer.render("a[^1]\n\n[^1]: b")[0]  # footnote back links in Indonesian


def test_jsonld_cannot_close_its_script():
    text = jsonld({"headline": "</script><script>alert(1)</script><!-- & -->"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\\u003c/script\\u003e" in text


def test_autoescape_is_on_for_html_and_xml_templates():
    autoescape = read_settings(str(ROOT / "pelicanconf.py"))["JINJA_ENVIRONMENT"]["autoescape"]
    assert autoescape("release.html") and autoescape("sitemap.xml")
    assert not autoescape("robots.txt") and not autoescape("nginx-redirects.conf") and not autoescape("calendar.ics")


def _policy(html: str) -> str:
    head = html.split("<head>", 1)[1]
    match = re.match(r'\s*<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)">', head)
    assert match, "the policy must come right after the charset, before anything loads"
    return match[1]


def test_every_page_carries_the_policy(basic_site):
    pages = sorted(basic_site.output.rglob("*.html"))
    for path in pages:
        rel = path.relative_to(basic_site.output).as_posix()
        policy = _policy(path.read_text(encoding="utf-8"))
        if rel == "lama/jalan-desa.html":
            assert policy.startswith("default-src 'none';")
            continue
        assert "object-src 'none'" in policy and "base-uri 'self'" in policy and "form-action 'self'" in policy
        assert "style-src 'self'" in policy and "img-src 'self' data:" in policy
        wasm = "script-src 'self' 'wasm-unsafe-eval';" in policy
        assert wasm == (rel == "cari/index.html"), rel
        frames = re.search(r"frame-src ([^;]+)", policy)[1]
        recorded = rel == "sesi/sapa-contoh/2024-01-10/index.html"
        assert frames == ("https://www.youtube-nocookie.com" if recorded else "'none'"), rel
    assert len(pages) > 30
