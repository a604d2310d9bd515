"""Stable URLs: every alias leads to its release or page, and no alias can take an address of the site map."""

from __future__ import annotations

import gzip
import json
import re
import sys
from datetime import datetime
from pathlib import Path

import pytest
from conftest import ROOT, build, head

sys.path.insert(0, str(ROOT / "plugins"))
from warta_content.archive import load_archive
from warta_content.errors import ValidationFailed
from warta_content.fields import WIB
from warta_content.settings import ContentSettings

SETTINGS = ContentSettings(build_time=datetime(2026, 11, 22, 12, tzinfo=WIB), cache=False)
LITERASI = "releases/2024/02/literasi.md"
OLD = "berita/2024/02/pelatihan-literasi-digital/"
NEW = "berita/2024/02/literasi-digital-operator/"


def _edit(content: Path, rel: str, old: str, new: str) -> None:
    path = content / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _add_aliases(content: Path, rel: str, *aliases: str) -> None:
    _edit(content, rel, "\n---\n", f"\naliases: [{', '.join(json.dumps(a) for a in aliases)}]\n---\n")


def _problems(content: Path) -> list[str]:
    """Every problem load_archive reports, as 'file: field: message' lines ([] when it loads)."""
    try:
        load_archive(content, SETTINGS, None)
    except ValidationFailed as failure:
        return [str(p) for p in failure.problems]
    return []


@pytest.fixture
def moved(fixture_copy, tmp_path):
    """The basic fixture after an editor renamed a release and kept its old address as an alias."""
    content = fixture_copy("basic")
    _edit(content, LITERASI, "slug: pelatihan-literasi-digital", "slug: literasi-digital-operator")
    _add_aliases(content, LITERASI, f"/{OLD}", "/2019/pelatihan%20literasi.html")
    result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.log
    return result


def test_the_old_address_serves_a_redirect_page(moved):
    assert moved.exists(NEW + "index.html")
    page = moved.read(OLD + "index.html")
    assert f'<meta http-equiv="refresh" content="0; url=/{NEW}">' in page
    assert f'<link rel="canonical" href="https://warta.example/{NEW}">' in page
    assert '<meta name="robots" content="noindex">' in page
    assert f'<a href="/{NEW}">Pelatihan Literasi Digital bagi Operator Kecamatan</a>' in page
    assert '<html lang="id">' in page and "Halaman sudah pindah" in page
    assert moved.exists("2019/pelatihan literasi.html")  # %20 is a space on disk, as servers decode it


@pytest.mark.browser
def test_the_old_address_ends_on_the_new_one_in_chromium(moved, serve, page):
    base = serve(moved.output)
    page.goto(base + OLD)
    page.wait_for_url(base + NEW)
    assert page.locator("h1").inner_text() == "Pelatihan Literasi Digital bagi Operator Kecamatan"
    page.goto(base + "2019/pelatihan%20literasi.html")
    page.wait_for_url(base + NEW)


def test_nginx_map_sends_301s_for_every_alias_with_and_without_slash(moved, basic_site):
    rules = dict(re.findall(r'^"([^"]+)" "([^"]+)";$', moved.read("nginx-redirects.conf"), re.MULTILINE))
    assert rules == {
        f"/{OLD}": f"/{NEW}",
        f"/{OLD.rstrip('/')}": f"/{NEW}",
        "/2019/pelatihan literasi.html": f"/{NEW}",
        "/lama/jalan-desa.html": "/berita/2023/05/perbaikan-jalan-desa-dimulai-pekan-depan/",
    }
    # Only entries and comments: deploy/nginx-warta.conf includes the file inside its own map block.
    lines = [line for line in moved.read("nginx-redirects.conf").splitlines() if line and not line.startswith("#")]
    assert all(re.fullmatch(r'"/[^"]*" "/[^"]*";', line) for line in lines), lines


def test_redirect_pages_are_not_in_the_sitemap_or_the_search_index(moved):
    sitemap = moved.read("sitemap.xml")
    assert NEW in sitemap
    assert OLD not in sitemap and "lama/" not in sitemap and "pelatihan%20literasi" not in sitemap
    indexed = set()
    for fragment in (moved.output / "pagefind/fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        indexed.add(json.loads(data[data.index(b"{") :])["url"])
    assert f"/{NEW}" in indexed
    assert not {url for url in indexed if url.startswith(("/lama/", "/2019/", f"/{OLD}"))}


def test_withheld_releases_redirect_nowhere(fixture_copy, tmp_path):
    content = fixture_copy("basic")
    _add_aliases(content, "releases/2099/01/embargo.md", "/lama/embargo.html")
    _add_aliases(content, "releases/2024/02/draf.md", "/lama/draf/")
    result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.log
    assert not result.exists("lama/embargo.html") and not result.exists("lama/draf/index.html")
    assert "embargo" not in result.read("nginx-redirects.conf") and "draf" not in result.read("nginx-redirects.conf")


def test_an_alias_on_another_release_stops_the_build_naming_both_files(fixture_copy, tmp_path):
    content = fixture_copy("basic")
    _add_aliases(content, LITERASI, "/berita/2024/01/pembangunan-drainase-di-tiga-kecamatan/")
    result = build(content, tmp_path / "out")
    assert result.returncode == 1 and "Traceback" not in result.log
    log = " ".join(result.log.split())
    assert (
        f"{LITERASI}:8: aliases[1]: menghasilkan alamat /berita/2024/01/pembangunan-drainase-di-tiga-kecamatan/" in log
    )
    assert "alamat itu halaman yang masih terbit" in log
    assert "yang juga dipakai oleh releases/2024/01/pembangunan.md" in result.log
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").rglob("*.html"))


SITE_MAP = [
    "/",
    "/index.html",
    "/instansi/",
    "/instansi/dinkes-contoh/",
    "/tema/kesehatan/",
    "/tema/kesehatan/hal/2/",
    "/jenis/berita/rss.xml",
    "/pemda/kota-contoh/",
    "/arsip/2024/02/",
    "/hal/2/",
    "/sesi/sapa-contoh/2024-01-10/",
    "/cari/",
    "/umpan/",
    "/umpan.opml",
    "/data/berita.json",
    "/media/foto/imunisasi.png",
    "/theme/css/warta.css",
    "/pagefind/pagefind.js",
    "/sitemap.xml",
    "/robots.txt",
    "/404.html",
    "/rss.xml",
    "/nginx-redirects.conf",
    "/INSTANSI/",
]


@pytest.mark.parametrize("alias", SITE_MAP)
def test_an_alias_cannot_take_an_address_of_the_site_map(fixture_copy, alias):
    content = fixture_copy("basic")
    _add_aliases(content, LITERASI, alias)
    problems = _problems(content)
    assert len(problems) == 1 and problems[0].startswith(f"{LITERASI}:8: aliases[1]: '{alias}' termasuk peta situs")


@pytest.mark.parametrize(
    ("aliases", "clash"),
    [
        (["/tentang/"], "yang juga dipakai oleh pages/tentang.md"),
        (["/Tentang/"], "yang juga dipakai oleh pages/tentang.md"),  # nginx's map ignores case
        (["/tentang"], "yang juga dipakai oleh pages/tentang.md"),
        (["/lama/jalan-desa.html"], "yang juga dipakai oleh releases/2023/05/jalan.md"),
        (["/berita/2024/02/pelatihan-literasi-digital/"], "adalah alamat berkas ini sendiri"),
        (["/lama/jalan-desa.html/lagi/"], "bertabrakan dengan /lama/jalan-desa.html milik releases/2023/05/jalan.md"),
        (["/tentang/index.html/x.html"], "bertabrakan dengan /tentang/index.html milik pages/tentang.md"),
    ],
)
def test_an_alias_cannot_take_a_page_or_its_folder(fixture_copy, aliases, clash):
    content = fixture_copy("basic")
    _add_aliases(content, LITERASI, *aliases)
    problems = _problems(content)
    assert any(re.match(rf"{LITERASI}:8: aliases\[\d\]: ", p) and clash in p for p in problems), problems


@pytest.mark.parametrize(
    "alias", ["/lama?id=12", "/lama#bagian", "relatif.html", "/../etc/passwd", "/.well-known/x", "/a%0Ab", '/a"b']
)
def test_an_alias_that_no_static_server_can_match_is_refused(fixture_copy, alias):
    content = fixture_copy("basic")
    _add_aliases(content, LITERASI, alias)
    problems = _problems(content)
    assert len(problems) == 1 and "harus jalur lama di situs ini" in problems[0], problems
    assert problems[0].startswith(f"{LITERASI}:8: aliases[1]:")


def test_old_addresses_anywhere_else_are_welcome(fixture_copy):
    content = fixture_copy("basic")
    _add_aliases(content, LITERASI, "/berita/2024/01/pelatihan-lama/", "/berita/detail/123", "/2021/08/lama.html")
    _add_aliases(content, "pages/tentang.md", "/profil/", "/profil")  # one file serves both spellings
    assert _problems(content) == []


@pytest.fixture
def nginx_site(moved, nginx):
    """The moved site served by a real nginx with the snippet as a webmaster installs it."""
    return nginx(moved.output)


def test_the_nginx_snippet_answers_with_301s_and_security_headers(nginx_site, moved):
    for old in (OLD, OLD.rstrip("/"), OLD.upper()):
        status, headers = head(f"{nginx_site}/{old}")
        assert status == 301 and headers["Location"].endswith(f"/{NEW}"), (old, status, headers)
    status, headers = head(f"{nginx_site}/{NEW}")
    assert status == 200 and headers["Cache-Control"] == "no-cache"
    assert "script-src 'self';" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"]
    assert "'wasm-unsafe-eval'" in head(f"{nginx_site}/cari/")[1]["Content-Security-Policy"]
    assert "youtube-nocookie" in head(f"{nginx_site}/sesi/sapa-contoh/2024-01-10/")[1]["Content-Security-Policy"]
    assert "sandbox" in head(f"{nginx_site}/media/foto/imunisasi.png")[1]["Content-Security-Policy"]
    assert head(f"{nginx_site}/nginx-redirects.conf")[0] == 404
    fragment = next((moved.output / "pagefind/fragment").iterdir()).name
    assert "immutable" in head(f"{nginx_site}/pagefind/fragment/{fragment}")[1]["Cache-Control"]
