"""After every build the output is compared with the sources; a gap stops the build before publishing."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from conftest import build, snapshot

PLAIN = ("--log-handler", "plain")


def _override(tmp_path: Path, name: str, text: str) -> tuple[str, str]:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return "-e", f'THEME_TEMPLATES_OVERRIDES=["{folder}"]'


def _built(fixture_copy, tmp_path):
    content, out = fixture_copy("basic"), tmp_path / "site"
    assert build(content, out).returncode == 0
    return content, out, snapshot(out)


def test_release_missing_from_sitemap_stops_the_build(fixture_copy, tmp_path):
    content, out, before = _built(fixture_copy, tmp_path)
    sitemap = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n</urlset>\n'
    result = build(content, out, *PLAIN, *_override(tmp_path, "sitemap.xml", sitemap))
    assert result.returncode != 0
    assert (
        "releases/2023/05/imunisasi.md: /berita/2023/05/dinkes-buka-pekan-imunisasi-anak/ tidak ada di sitemap.xml"
        in result.log
    )
    assert "sessions/sapa-contoh/2024-01-10.md: /sesi/sapa-contoh/2024-01-10/ tidak ada di sitemap.xml" in result.log
    assert snapshot(out) == before


def test_release_missing_from_its_listings_stops_the_build(fixture_copy, tmp_path):
    content, out, before = _built(fixture_copy, tmp_path)
    listing = '{% extends "base.html" %}{% block content %}<h1>{{ title }}</h1>{% endblock %}'
    result = build(content, out, *PLAIN, *_override(tmp_path, "listing.html", listing))
    assert result.returncode != 0
    log = result.log
    release = "releases/2024/01/hoaks.md: /berita/2024/01/klarifikasi-pesan-berantai-vaksin-palsu/"
    assert f"{release} tidak ada di daftar /instansi/dinkes-contoh/" in log
    assert "tidak ada di daftar /arsip/2024/01/" in log and "tidak ada di daftar /jenis/klarifikasi/" in log
    assert snapshot(out) == before


def test_release_missing_from_search_index_stops_the_build(fixture_copy, tmp_path):
    content, out, before = _built(fixture_copy, tmp_path)
    # A stand-in indexer that forgets every page but one.
    fake = tmp_path / "pagefind-lupa"
    fake.write_text(
        "#!/bin/sh\n"
        'while [ "$1" != "--output-path" ]; do shift; done; out="$2"\n'
        'mkdir -p "$out/fragment" && : > "$out/pagefind.js"\n'
        'entry=\'{"version":"1.5.2","languages":{"id":{"hash":"x","wasm":"id","page_count":1}}}\'\n'
        'printf \'%s\' "$entry" > "$out/pagefind-entry.json"\n'
        'printf \'pagefind_dcd{"url":"/tentang/"}\' | gzip > "$out/fragment/a.pf_fragment"\n',
        encoding="utf-8",
    )
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    result = build(content, out, *PLAIN, "-e", f"WARTA_SEARCH={json.dumps({'binary': str(fake)})}")
    assert result.returncode != 0
    release = "releases/2023/05/jalan.md: /berita/2023/05/perbaikan-jalan-desa-dimulai-pekan-depan/"
    assert f"{release} tidak ada di indeks pencarian" in result.log
    assert "/tentang/ tidak ada di indeks" not in result.log
    assert snapshot(out) == before


def test_two_files_with_one_canonical_url_are_reported(tmp_path):
    from warta_manifest.check import _duplicate_pages

    page = '<!doctype html><html><head><link rel="canonical" href="https://warta.example/tentang/"></head></html>'
    redirect = page.replace("<head>", '<head><meta http-equiv="refresh" content="0; url=/tentang/">')
    for rel, text in {"tentang/index.html": page, "lama/index.html": redirect, "salinan/index.html": page}.items():
        (tmp_path / rel).parent.mkdir(parents=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    assert _duplicate_pages(tmp_path, {}, {}, None) == [
        "https://warta.example/tentang/ ditulis 2 kali: salinan/index.html, tentang/index.html"
    ]


def test_canonical_urls_are_remembered_by_the_bytes_of_each_page(tmp_path):
    """The next build reads only pages whose bytes are new; the others' canonical URLs come from the last."""
    import hashlib
    import json

    from warta_manifest.check import CANONICALS, _duplicate_pages

    page = '<!doctype html><html><head><link rel="canonical" href="https://warta.example/a/"></head></html>'
    digest = hashlib.sha256(page.encode()).hexdigest()
    first, second = tmp_path / "first", tmp_path / "second"
    for site in (first, second):
        (site / "a").mkdir(parents=True)
        (site / "a/index.html").write_text(page, encoding="utf-8")
    assert _duplicate_pages(first, {"a/index.html": digest}, {}, None) == []
    assert json.loads((first / CANONICALS).read_text(encoding="utf-8")) == {digest: "https://warta.example/a/"}
    # A second page with the same canonical URL, known only from the first build's memory:
    (second / "b").mkdir()
    (second / "b/index.html").write_text("<!doctype html><html><head></head></html>", encoding="utf-8")
    written = {"a/index.html": digest, "b/index.html": digest}
    assert _duplicate_pages(second, written, {}, first) == [
        "https://warta.example/a/ ditulis 2 kali: a/index.html, b/index.html"
    ]


def test_canonical_urls_the_renderer_noted_are_not_read_back(tmp_path):
    """A page this build rendered declares its canonical URL to the check as it is written."""
    from warta_content.parallel import render_one
    from warta_manifest.check import _duplicate_pages

    page = '<!doctype html><html><head><link rel="canonical" href="https://warta.example/a/"></head></html>'
    rows = [render_one(tmp_path, (rel, lambda: page, None, None)) for rel in ("a/index.html", "b/index.html")]
    declared = {path: canonical for path, _, _, _, canonical in rows}
    assert declared == {"a/index.html": "https://warta.example/a/", "b/index.html": "https://warta.example/a/"}
    (tmp_path / "b/index.html").write_text("<!doctype html><html><head></head></html>", encoding="utf-8")
    assert _duplicate_pages(tmp_path, {}, declared, None) == [
        "https://warta.example/a/ ditulis 2 kali: a/index.html, b/index.html"
    ]
