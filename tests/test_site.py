"""The basic fixture and the sample archive build into the site map SPEC.md promises."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import FIXTURES, build

PUBLISHED = {
    "berita/2023/05/dinkes-buka-pekan-imunisasi-anak/": "Dinkes Buka Pekan Imunisasi Anak",
    "berita/2023/05/perbaikan-jalan-desa-dimulai-pekan-depan/": "Perbaikan Jalan Desa Dimulai Pekan Depan",
    "berita/2024/01/klarifikasi-pesan-berantai-vaksin-palsu/": "Klarifikasi: Pesan Berantai Vaksin Palsu",
    "berita/2024/01/pembangunan-drainase-di-tiga-kecamatan/": "Pembangunan Drainase di Tiga Kecamatan",
    "berita/2024/02/pelatihan-literasi-digital/": "Pelatihan Literasi Digital bagi Operator Kecamatan",
}
WITHHELD = ("Rilis Draf Rahasia", "Rilis Embargo Masa Depan", "rilis-draf-rahasia", "rilis-embargo-masa-depan")


def _text_files(root: Path):
    for path in root.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".csv", ".txt", ".ics", ".opml"}:
            yield path


def _titles_in_order(html: str) -> list[str]:
    return re.findall(r'<h3 class="card-title"><a href="[^"]*">([^<]*)</a>', html)


def test_every_published_release_has_its_page(basic_site):
    for url, title in PUBLISHED.items():
        html = basic_site.read(url + "index.html")
        assert f"<h1 data-pagefind-ignore>{title}</h1>" in html  # found through its metadata, not in excerpts


def test_drafts_and_embargoed_releases_are_nowhere(basic_site):
    assert not list(basic_site.output.rglob("*draf*")) and not list(basic_site.output.rglob("*embargo*"))
    for path in _text_files(basic_site.output):
        text = path.read_text(encoding="utf-8")
        for marker in WITHHELD:
            assert marker not in text, f"{marker} leaked into {path}"


def test_embargo_lifts_at_its_time(tmp_path):
    result = build(FIXTURES / "basic", tmp_path / "out", build_time="2099-01-01 09:00")
    assert result.returncode == 0, result.log
    assert result.exists("berita/2099/01/rilis-embargo-masa-depan/index.html")
    assert not list(result.output.rglob("*rilis-draf-rahasia*"))


def test_listing_members_and_order(basic_site):
    agency = basic_site.read("instansi/dinkes-contoh/index.html")
    assert _titles_in_order(agency) == ["Klarifikasi: Pesan Berantai Vaksin Palsu", "Dinkes Buka Pekan Imunisasi Anak"]
    theme = basic_site.read("tema/infrastruktur/index.html")
    assert _titles_in_order(theme) == [
        "Pembangunan Drainase di Tiga Kecamatan",
        "Perbaikan Jalan Desa Dimulai Pekan Depan",
    ]
    kind = basic_site.read("jenis/berita/index.html")
    assert _titles_in_order(kind) == [
        "Pelatihan Literasi Digital bagi Operator Kecamatan",
        "Pembangunan Drainase di Tiga Kecamatan",
    ]
    government = basic_site.read("pemda/kabupaten-contoh/index.html")
    assert len(_titles_in_order(government)) == 2
    month = basic_site.read("arsip/2024/01/index.html")
    assert _titles_in_order(month) == [
        "Pembangunan Drainase di Tiga Kecamatan",
        "Klarifikasi: Pesan Berantai Vaksin Palsu",
    ]
    assert _titles_in_order(basic_site.read("arsip/2023/index.html")) == [
        "Perbaikan Jalan Desa Dimulai Pekan Depan",
        "Dinkes Buka Pekan Imunisasi Anak",
    ]
    assert _titles_in_order(basic_site.read("index.html"))[0] == "Pelatihan Literasi Digital bagi Operator Kecamatan"


def test_directory_pages_group_and_count(basic_site):
    html = basic_site.read("instansi/index.html")
    kota = html.index("Pemerintah Kota Contoh")
    kabupaten = html.index("Pemerintah Kabupaten Contoh")
    assert kota < html.index("Dinas Kesehatan Kota Contoh") < kabupaten < html.index("Dinas PUPR Kabupaten Contoh")
    assert re.search(r"Dinas Kesehatan Kota Contoh</a> <span class=\"n\">2 rilis, 1 sesi", html)
    assert "2 rilis" in basic_site.read("tema/index.html")
    archive = basic_site.read("arsip/index.html")
    assert 'Mei <span class="n">(2)</span>' in archive and 'Januari <span class="n">(2)</span>' in archive


@pytest.fixture(scope="module")
def paged(tmp_path_factory):
    result = build(FIXTURES / "basic", tmp_path_factory.mktemp("paged") / "out", "-e", 'WARTA_LISTINGS={"per_page": 2}')
    assert result.returncode == 0, result.log
    return result


def test_pagination_edges(paged):
    # Exactly a full page: no second page.
    assert paged.exists("tema/infrastruktur/index.html")
    assert not paged.exists("tema/infrastruktur/hal/2/index.html")
    # Three releases at two per page: pages 1 and 2, page 2 has one, no page 3.
    first = paged.read("pemda/kota-contoh/index.html")
    second = paged.read("pemda/kota-contoh/hal/2/index.html")
    assert len(_titles_in_order(first)) == 2 and len(_titles_in_order(second)) == 1
    assert not paged.exists("pemda/kota-contoh/hal/3/index.html")
    assert 'href="/pemda/kota-contoh/hal/2/" rel="next"' in first and 'rel="prev"' not in first
    assert 'href="/pemda/kota-contoh/" rel="prev"' in second and 'rel="next"' not in second
    assert '<link rel="canonical" href="https://warta.example/pemda/kota-contoh/hal/2/">' in second
    # Page 1 never lives at hal/1/.
    assert not list(paged.output.rglob("hal/1"))


def test_empty_listing_still_has_its_page(tmp_path):
    # Before the second release, most listings are empty: they exist, say so, and have no pager.
    result = build(FIXTURES / "basic", tmp_path / "out", build_time="2023-05-10 00:00")
    assert result.returncode == 0, result.log
    html = result.read("jenis/berita/index.html")
    assert "Belum ada rilis di sini." in html and 'class="pager"' not in html
    assert _titles_in_order(result.read("index.html")) == ["Dinkes Buka Pekan Imunisasi Anak"]


def test_dates_read_in_indonesian(basic_site):
    html = basic_site.read("berita/2023/05/dinkes-buka-pekan-imunisasi-anak/index.html")
    assert "Selasa, 2 Mei 2023, 09.30 WIB" in html
    assert 'datetime="2023-05-02T09:30:00+07:00"' in html
    updated = basic_site.read("berita/2024/01/klarifikasi-pesan-berantai-vaksin-palsu/index.html")
    assert 'Diperbarui <time datetime="2024-01-12T10:00:00+07:00">Jumat, 12 Januari 2024, 10.00 WIB</time>' in updated


def test_release_page_shows_every_field(basic_site):
    html = basic_site.read("berita/2023/05/dinkes-buka-pekan-imunisasi-anak/index.html")
    assert 'class="badge badge-siaran-pers" href="/jenis/siaran-pers/">Siaran Pers</a>' in html
    assert "Nomor 001/DINKES/V/2023" in html and '<span class="dateline">Contoh</span>' in html
    assert '<a href="/instansi/dinkes-contoh/">Dinas Kesehatan Kota Contoh</a>' in html
    assert '<a href="/tema/kesehatan/">Kesehatan</a>' in html
    alt = "Seorang perawat memberikan imunisasi kepada balita."
    assert f'src="/media/foto/imunisasi.png" alt="{alt}" width="64" height="36"' in html
    assert "Foto: Dinkes Kota Contoh" in html
    assert 'href="/media/dokumen/jadwal.pdf" download>Jadwal imunisasi (PDF)</a>' in html
    assert "https://wa.me/?text=" in html and "t.me/share" in html and "facebook.com/sharer" in html
    assert "Baca juga" in html
    claim = basic_site.read("berita/2024/01/klarifikasi-pesan-berantai-vaksin-palsu/index.html")
    assert "Vaksin di puskesmas adalah vaksin palsu." in claim and "<strong>Salah</strong>" in claim
    assert "Menambahkan tautan sesi Sapa Warga." in claim
    assert 'href="/sesi/sapa-contoh/2024-01-10/"' in claim


def _jsonld(html: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)]


def test_every_page_has_head_metadata(basic_site):
    for path in basic_site.output.rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        assert html.startswith('<!doctype html>\n<html lang="id">'), path
        assert re.search(r'<link rel="canonical" href="https://warta\.example/[^"]*">', html), path
        assert re.search(r'<meta name="description" content="[^"]+">', html), path
        for prop in ("og:title", "og:url", "og:description", "og:type", "og:image"):
            assert f'property="{prop}"' in html, (path, prop)
        for data in _jsonld(html):
            assert data["@context"] == "https://schema.org"


def test_structured_data(basic_site):
    release = _jsonld(basic_site.read("berita/2024/01/klarifikasi-pesan-berantai-vaksin-palsu/index.html"))
    kinds = {d["@type"] for d in release}
    assert kinds == {"NewsArticle", "ClaimReview", "BreadcrumbList"}
    article = next(d for d in release if d["@type"] == "NewsArticle")
    assert article["datePublished"] == "2024-01-11T08:00:00+07:00"
    assert article["dateModified"] == "2024-01-12T10:00:00+07:00"
    crumbs = next(d for d in release if d["@type"] == "BreadcrumbList")["itemListElement"]
    assert crumbs[0]["item"] == "https://warta.example/" and crumbs[-1]["name"].startswith("Klarifikasi")


def test_static_pages_404_sitemap_robots(basic_site):
    assert "Arsip uji untuk Warta." in basic_site.read("tentang/index.html")
    assert "Halaman tidak ditemukan" in basic_site.read("404.html")
    sitemap = basic_site.read("sitemap.xml")
    for url in PUBLISHED:
        assert f"<loc>https://warta.example/{url}</loc>" in sitemap
    assert "<loc>https://warta.example/tentang/</loc>" in sitemap
    assert "Sitemap: https://warta.example/sitemap.xml" in basic_site.read("robots.txt")


def test_pelican_defaults_are_switched_off(basic_site):
    names = {p.relative_to(basic_site.output).as_posix() for p in basic_site.output.rglob("*")}
    for unwanted in ("feeds", "category", "tag", "author", "archives.html", "tags.html", "categories.html"):
        assert not any(n == unwanted or n.startswith(unwanted + "/") for n in names), unwanted


def test_sample_archive_builds_completely(sample_site):
    releases = list(sample_site.output.glob("berita/*/*/*/index.html"))
    assert 40 <= len(releases) <= 80
    assert "Contoh arsip — data demonstrasi" in sample_site.read("index.html")
    assert "Contoh arsip — data demonstrasi" in sample_site.read("tentang/index.html")
    types = {p.parent.name for p in sample_site.output.glob("jenis/*/index.html")}
    assert types == {"siaran-pers", "berita", "klarifikasi", "pengumuman"}
    for kind in types:
        assert _titles_in_order(sample_site.read(f"jenis/{kind}/index.html")), kind
    assert len(list(sample_site.output.glob("pemda/*/index.html"))) == 3
