"""What a resident on a phone and a journalist meet (issue 18), checked on built sites.

The layout and search behaviour are driven in Chromium in test_readers_browser.py; this file reads
the output tree: pages, feeds, the search copies and the variants file.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import feedparser
import pytest
from conftest import FIXTURES, ROOT, build, copy_fixture

PUBLIC = "https://warta.example/"

# Releases an archive Warta had never seen might hold: an initial ("H. Arief"), the English spelling
# of hoaks, an abbreviation (sosmed) and the full name of a government (Pemerintah Kota).
EXTRA_RELEASES = {
    "arief": (
        "Kepala Dinas Meninjau Posyandu",
        "dinkes-contoh",
        "kesehatan",
        "Kepala Dinas Kesehatan H. Arief Rahman meninjau posyandu di Kelurahan Contoh bersama kader RW 05.",
    ),
    "hoax": (
        "Warga Diminta Waspada Pesan Berantai",
        "diskominfo-contoh",
        "literasi-digital",
        "Diskominfo mengingatkan warga agar tidak menyebarkan hoax tentang bantuan di grup percakapan.",
    ),
    "sosmed": (
        "Admin Sosmed Kelurahan Dilatih",
        "diskominfo-contoh",
        "literasi-digital",
        "Admin sosmed kelurahan belajar menjawab aduan warga dengan cepat dan sopan.",
    ),
    "pemkot": (
        "Pemkot Contoh Buka Layanan Malam",
        "dinkes-contoh",
        "kesehatan",
        "Pemkot Contoh membuka layanan puskesmas sampai pukul 21.00 setiap Kamis.",
    ),
}
PAGES = {slug: f"/berita/2024/03/{slug}/" for slug in EXTRA_RELEASES}


def readers_content(dest: Path) -> Path:
    """tests/fixtures/basic, plus the releases above and the sample archive's variants file."""
    content = copy_fixture("basic", dest)
    folder = content / "releases" / "2024" / "03"
    folder.mkdir(parents=True)
    for day, (slug, (title, agency, theme, body)) in enumerate(EXTRA_RELEASES.items(), 1):
        (folder / f"{slug}.md").write_text(
            f"---\ntitle: {title}\nslug: {slug}\ndate: 2024-03-0{day} 09:00\ntype: berita\n"
            f"agencies: [{agency}]\nthemes: [{theme}]\n---\n\n{body}\n",
            encoding="utf-8",
        )
    (content / "data" / "search-variants.yml").write_bytes((ROOT / "content/data/search-variants.yml").read_bytes())
    return content


@pytest.fixture(scope="module")
def readers_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("readers")
    result = build(readers_content(root), root / "output")
    assert result.returncode == 0, result.log
    return result


def fragments(output: Path) -> dict[str, dict]:
    records = {}
    for path in (output / "pagefind" / "fragment").iterdir():
        record = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        records[record["url"]] = record
    return records


def _count(page: str) -> tuple[int, int]:
    found = re.search(r'class="count">(?:([\d.]+) rilis)?(?: · )?(?:([\d.]+) sesi)?', page)
    return tuple(int((n or "0").replace(".", "")) for n in found.groups())


# ---- agency, theme and type pages ------------------------------------------------------------


def test_every_listing_with_feeds_shows_a_follow_link(sample_site):
    listings = ["berita/", "jenis/berita/", "pemda/kota-bekasi/", "instansi/dinkes-kota-bekasi/", "tema/kesehatan/"]
    listings += ["tema/komunikasi-publik/hal/2/"]  # page 2 follows the listing's feed too
    for path in listings:
        page = sample_site.read(path + "index.html")
        block = re.search(r'<p class="follow-feed">(.*?)</p>', page, re.S)
        assert block, path
        base = "" if path == "berita/" else re.sub(r"hal/\d+/$", "", path)
        assert f'href="/{base}rss.xml" type="application/rss+xml">Umpan RSS</a>' in block[1], path
        assert f'href="/{base}atom.xml" type="application/atom+xml">Umpan Atom</a>' in block[1], path
    assert 'class="follow-feed"' not in sample_site.read("arsip/2022/index.html")  # a year has no feed


def test_the_count_and_the_list_of_sessions_agree(sample_site):
    page = sample_site.read("instansi/humas-kota-bekasi/index.html")
    _, sessions = _count(page)
    shown = re.search(r'<h2 id="sesi-terkait">(.*?)</ul>', page, re.S)[0]
    assert sessions == 7 and shown.count('class="session-item"') == 5
    assert "(5 dari 7)" in shown
    assert '<a href="/instansi/humas-kota-bekasi/sesi/">Semua 7 sesi warga ›</a>' in page
    every = sample_site.read("instansi/humas-kota-bekasi/sesi/index.html")
    assert every.count('class="session-item"') == 7
    assert '<a href="/instansi/humas-kota-bekasi/">' in every  # and back
    # A listing showing all of its sessions links no such page.
    dinkes = sample_site.read("instansi/dinkes-kota-bekasi/index.html")
    assert "/instansi/dinkes-kota-bekasi/sesi/" not in dinkes
    assert not sample_site.exists("instansi/dinkes-kota-bekasi/sesi/index.html")


def test_the_home_page_links_no_empty_listing(sample_site, readers_site):
    for site in (sample_site, readers_site):
        home = site.read("index.html")
        linked = set(re.findall(r'href="/((?:jenis|instansi|tema|pemda)/[^"/]+/)"', home))
        assert linked
        for path in linked:
            assert sum(_count(site.read(path + "index.html"))) > 0, path
    assert 'href="/jenis/pengumuman/"' in readers_site.read("index.html")


def test_home_drops_a_type_without_releases(fixture_copy, tmp_path):
    content = fixture_copy("basic")
    (content / "releases/2023/05/jalan.md").unlink()  # the only pengumuman
    result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.log
    assert 'href="/jenis/pengumuman/"' not in result.read("index.html")
    assert result.exists("jenis/pengumuman/index.html")  # the listing stays: its address is public


def test_release_pages_show_their_agencies_press_contact(sample_site, basic_site):
    agencies = (ROOT / "content/data/agencies.yml").read_text(encoding="utf-8")
    emails = set(re.findall(r"email: (\S+)", agencies))
    pages = sorted(sample_site.output.glob("berita/*/*/*/index.html"))
    assert len(pages) > 40
    for path in pages:
        page = path.read_text(encoding="utf-8")
        contact = re.search(r'<section class="press-contact".*?</section>', page, re.S)
        assert contact, path
        assert '<h2 id="kontak-media">Kontak media</h2>' in contact[0]
        found = set(re.findall(r'href="mailto:([^"]+)"', contact[0]))
        assert found and found <= emails, path
        assert 'href="tel:' in contact[0]
    # An agency page shows it too; an agency without any contact data shows no empty section.
    agency = sample_site.read("instansi/diskominfosantik-kabupaten-bekasi/index.html")
    assert "Kontak media" in agency and 'href="https://bekasikab.go.id"' in agency
    pupr = basic_site.read("berita/2023/05/perbaikan-jalan-desa-dimulai-pekan-depan/index.html")
    assert "press-contact" not in pupr  # pupr-contoh has no email, phone or website


# ---- feeds carry what their listing shows ------------------------------------------------------


def test_agency_and_theme_feeds_carry_their_sessions(basic_site):
    for base, session in (
        ("instansi/dinkes-contoh/", "sesi/sapa-contoh/2024-01-10/"),
        ("tema/infrastruktur/", "sesi/sapa-contoh/2024-01-17/"),
        ("instansi/diskominfo-contoh/", "sesi/sapa-contoh/2027-01-06/"),  # upcoming: listed as on the page
    ):
        for name in ("atom.xml", "rss.xml"):
            parsed = feedparser.parse(basic_site.read(base + name))
            links = [e.link for e in parsed.entries]
            assert PUBLIC + session in links, base + name
            assert len(links) == sum(_count(basic_site.read(base + "index.html"))), base + name
    assert "2027-01-06" in feedparser.parse(basic_site.read("instansi/diskominfo-contoh/atom.xml")).entries[0].link


def test_a_recording_added_later_updates_the_entry_but_not_its_id(fixture_copy, tmp_path, basic_site):
    def entry(site):
        parsed = feedparser.parse(site.read("sesi/sapa-contoh/atom.xml"))
        return next(e for e in parsed.entries if e.link.endswith("/2024-01-10/"))

    recorded = entry(basic_site)
    assert (recorded.published, recorded.updated) == ("2024-01-10T20:00:00+07:00", "2024-01-10T21:00:00+07:00")
    content = fixture_copy("basic")
    session = content / "sessions/sapa-contoh/2024-01-10.md"
    session.write_text(
        session.read_text(encoding="utf-8").replace("youtube: https://youtu.be/AbCdEfGhIj0?si=xyz\n", "")
    )
    before = build(content, tmp_path / "out")
    assert before.returncode == 0, before.log
    unrecorded = entry(before)
    assert unrecorded.id == recorded.id
    assert unrecorded.updated == unrecorded.published == "2024-01-10T20:00:00+07:00"


# ---- every page ---------------------------------------------------------------------------------


def test_news_article_has_an_image_and_every_preview_image_its_alt(basic_site):
    page = basic_site.read("berita/2024/02/pelatihan-literasi-digital/index.html")  # no lead photo
    (article,) = [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)
        if '"NewsArticle"' in block
    ]
    assert article["image"] == [PUBLIC + "theme/img/warta-og.png"]
    assert re.search(r'<meta property="og:image" content="' + PUBLIC + 'theme/img/warta-og.png">', page)
    photo = basic_site.read("berita/2023/05/dinkes-buka-pekan-imunisasi-anak/index.html")
    assert '<meta property="og:image:alt" content="Seorang perawat memberikan imunisasi kepada balita.">' in photo
    for path in basic_site.output.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' not in html:
            assert html.count('property="og:image"') == html.count('property="og:image:alt" content="') == 1, path


def test_404_declares_no_canonical_url(basic_site):
    page = basic_site.read("404.html")
    assert 'rel="canonical"' not in page and 'property="og:url"' not in page
    assert '<link rel="canonical" href="' + PUBLIC + 'tentang/">' in basic_site.read("tentang/index.html")


def test_site_map_page_and_the_berita_page(sample_site):
    for path in ("index.html", "berita/2022/03/mas-tri-sapa-warga-diluncurkan/index.html", "404.html"):
        assert '<a href="/peta-situs/">Peta situs</a>' in sample_site.read(path)
    site_map = sample_site.read("peta-situs/index.html")
    for link in (
        "/berita/",
        "/jenis/klarifikasi/",
        "/arsip/2021/",
        "/instansi/dinkes-kota-bekasi/",
        "/pemda/kota-bekasi/",
    ):
        assert f'href="{link}"' in site_map, link
    for link in ("/tema/kesehatan/", "/sesi/ngobak/", "/umpan/", "/data/", "/cari/", "/tentang/", "/sitemap.xml"):
        assert f'href="{link}"' in site_map, link
    release = sample_site.read("berita/2022/03/mas-tri-sapa-warga-diluncurkan/index.html")
    crumbs = re.search(r'<nav class="breadcrumbs.*?</nav>', release, re.S)[0]
    assert '<li><a href="/berita/">Berita</a></li>' in crumbs
    berita = sample_site.read("berita/index.html")
    assert "<h1>Berita dan siaran pers</h1>" in berita
    assert 'href="/jenis/siaran-pers/"' in berita and 'href="/arsip/2025/"' in berita
    assert berita.count('class="card"') == 20


def test_printouts_carry_site_address_and_date(sample_site):
    release = sample_site.read("berita/2022/03/mas-tri-sapa-warga-diluncurkan/index.html")
    source = re.search(r'<p class="print-source">(.*?)</p>', release, re.S)[1]
    assert "Warta" in source and PUBLIC + "berita/2022/03/mas-tri-sapa-warga-diluncurkan/" in source
    assert "data-cetak" in source and '<script src="/theme/js/cetak.js" defer></script>' in release
    css = (sample_site.output / "theme/css/warta.css").read_text(encoding="utf-8")
    assert ".print-source { display: none; }" in css and ".print-source { display: block !important;" in css


# ---- search: variants and excerpts ---------------------------------------------------------------


def test_excerpts_are_body_text(readers_site, sample_site):
    for site in (readers_site, sample_site):
        for url, record in fragments(site.output).items():
            title = record["meta"]["title"]
            assert not record["content"].startswith(title), url
            assert "Foto:" not in record["content"], url
    photo = fragments(readers_site.output)["/berita/2023/05/dinkes-buka-pekan-imunisasi-anak/"]
    assert photo["content"].startswith("CONTOH — Dinas Kesehatan membuka pekan imunisasi")
    assert photo["meta"]["nomor"] == "001/DINKES/V/2023"  # the number is still found, as metadata


def test_pages_are_indexed_with_the_variants_of_their_words(readers_site):
    records = fragments(readers_site.output)
    assert records[PAGES["hoax"]]["meta"]["varian"] == "hoaks; berita bohong; kabar bohong"
    assert records[PAGES["sosmed"]]["meta"]["varian"] == "media sosial; medsos"
    assert "pemerintah kota" in records[PAGES["pemkot"]]["meta"]["varian"]
    assert "hoaks" not in records[PAGES["arief"]]["meta"].get("varian", "")
    # Only the copy Pagefind reads carries them: the published page is as it was.
    assert "varian:" not in readers_site.read(PAGES["hoax"].lstrip("/") + "index.html")


def test_without_a_variants_file_there_are_no_variants(basic_site):
    assert not (FIXTURES / "basic/data/search-variants.yml").exists()
    assert all("varian" not in r["meta"] for r in fragments(basic_site.output).values())


def test_variants_are_found_as_whole_words_and_phrases():
    from warta_search.variants import Variants

    variants = Variants((("hoaks", "hoax"), ("media sosial", "medsos", "sosmed"), ("ktp elektronik", "e-ktp")))
    assert variants.added_words("Jangan sebar HOAX!") == ["hoaks"]
    assert variants.added_words("hoaxes dan hoaksnya") == []  # whole words only
    assert variants.added_words("lewat Media  Sosial resmi") == ["medsos", "sosmed"]
    assert variants.added_words("urus e KTP dan hoaks") == ["hoax", "ktp elektronik"]
    meta = variants.search_meta(b"<p>Kabar &quot;hoax&quot; di <b>media</b> sosial</p>")
    assert meta == b'<span hidden data-pagefind-meta="varian:hoaks; medsos; sosmed"></span>'
    assert not Variants()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- [hoaks]\n", "search-variants.yml:1: tiap baris berisi dua kata atau lebih"),
        ("hoaks: hoax\n", "search-variants.yml:1: harus berupa daftar"),
        ("- [hoaks, hoax]\n- [sosmed, hoax]\n", "search-variants.yml:2: 'hoax' sudah ada di baris 1"),
        ("- [hoaks, hoax\n", "search-variants.yml:1: kurung siku [ di karakter ke-3 dibuka tetapi tidak ditutup"),
    ],
)
def test_a_bad_variants_file_names_its_line(tmp_path, text, message):
    from warta_search.variants import SearchVariantsError, load_variants

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "search-variants.yml").write_text(text, encoding="utf-8")
    with pytest.raises(SearchVariantsError, match=re.escape(message)):
        load_variants(tmp_path)


def test_a_bad_variants_file_stops_the_build_and_says_where(fixture_copy, tmp_path):
    content = fixture_copy("basic")
    (content / "data" / "search-variants.yml").write_text("- [hoaks]\n", encoding="utf-8")
    result = build(content, tmp_path / "out")
    assert result.returncode != 0
    assert "data/search-variants.yml:1:" in result.log
    assert "tidak dibaca" not in result.log  # the file is Warta's own, not reported as stray
