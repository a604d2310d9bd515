"""Page weight budgets on the built sample archive: what a phone downloads to show a page."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

BUDGETS = {"release": 35 * 1024, "home": 50 * 1024}  # HTML + CSS + JS, gzip


def _gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def _head(html: str) -> str:
    return html.split("</head>", 1)[0]


def _transferred(site: Path, page: Path) -> int:
    """Gzipped bytes of the page and of every stylesheet and script it loads."""
    html = page.read_text(encoding="utf-8")
    assets = re.findall(r'<link rel="stylesheet" href="/([^"]+)"', html)
    assets += re.findall(r'<script[^>]* src="/([^"]+)"', html)
    return _gz(page) + sum(_gz(site / asset) for asset in assets)


def _release_pages(site: Path) -> list[Path]:
    return sorted(site.glob("berita/*/*/*/index.html"))


@pytest.mark.parametrize("kind", BUDGETS)
def test_budget(kind, sample_site):
    site = sample_site.output
    pages = _release_pages(site) if kind == "release" else [site / "index.html"]
    assert pages
    heaviest = max(pages, key=lambda p: _transferred(site, p))
    assert _transferred(site, heaviest) <= BUDGETS[kind], heaviest


def test_only_one_render_blocking_request(sample_site):
    site = sample_site.output
    for page in [
        site / "index.html",
        *_release_pages(site),
        *site.glob("sesi/*/*/index.html"),
        site / "cari/index.html",
    ]:
        head = _head(page.read_text(encoding="utf-8"))
        assert len(re.findall(r'<link rel="stylesheet"', head)) == 1, page
        for script in re.findall(r"<script\b[^>]*>", head):
            assert "application/ld+json" in script or " defer" in script or " async" in script, (page, script)


def test_images_have_size_and_lazy_loading_below_the_fold(sample_site):
    site = sample_site.output
    checked = 0
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<img\b[^>]*>", html):
            checked += 1
            assert " width=" in tag and " height=" in tag, (page, tag)
            above_the_fold = 'fetchpriority="high"' in tag
            assert above_the_fold or 'loading="lazy"' in tag, (page, tag)
    assert checked > 0


def test_body_images_get_their_size_from_media(fixture_copy, tmp_path):
    from conftest import build

    content = fixture_copy("basic")
    path = content / "releases/2024/01/pembangunan.md"
    path.write_text(path.read_text() + "\n![Peta drainase](/media/foto/imunisasi.png)\n", encoding="utf-8")
    result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.log
    html = result.read("berita/2024/01/pembangunan-drainase-di-tiga-kecamatan/index.html")
    assert '<img alt="Peta drainase" src="/media/foto/imunisasi.png" loading="lazy" width="64" height="36">' in html
