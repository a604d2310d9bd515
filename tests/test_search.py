"""Search: the Pagefind index the build leaves, and /cari/ driven in headless Chromium.

The expected sets below are read off tests/fixtures/basic by hand: five published releases,
three sessions of sapa-contoh (one upcoming), the page tentang; a draft and an embargoed
release that must never be found.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import stat
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from conftest import FIXTURES, build, copy_fixture
from icalendar import Timezone
from playwright.sync_api import expect

PLAIN_LOG = ("--log-handler", "plain")  # whole lines, so messages can be matched

IMUNISASI = "/berita/2023/05/dinkes-buka-pekan-imunisasi-anak/"
JALAN = "/berita/2023/05/perbaikan-jalan-desa-dimulai-pekan-depan/"
HOAKS = "/berita/2024/01/klarifikasi-pesan-berantai-vaksin-palsu/"
DRAINASE = "/berita/2024/01/pembangunan-drainase-di-tiga-kecamatan/"
LITERASI = "/berita/2024/02/pelatihan-literasi-digital/"
SESI_KESEHATAN = "/sesi/sapa-contoh/2024-01-10/"
SESI_INFRA = "/sesi/sapa-contoh/2024-01-17/"
SESI_AKAN_DATANG = "/sesi/sapa-contoh/2027-01-06/"
TENTANG = "/tentang/"
EVERYTHING = {IMUNISASI, JALAN, HOAKS, DRAINASE, LITERASI, SESI_KESEHATAN, SESI_INFRA, SESI_AKAN_DATANG, TENTANG}


def fragments(output: Path) -> dict[str, dict]:
    """Every indexed page's record, by URL (Pagefind stores them gzipped behind a signature)."""
    records = {}
    for path in (output / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data.removeprefix(b"pagefind_dcd"))
        records[record["url"]] = record
    return records


# ---- the index the build leaves --------------------------------------------------------------


def test_build_leaves_an_indonesian_index_of_entries_only(basic_site):
    assert basic_site.exists("pagefind/pagefind.js")
    entry = json.loads(basic_site.read("pagefind/pagefind-entry.json"))
    assert list(entry["languages"]) == ["id"]
    records = fragments(basic_site.output)
    assert set(records) == EVERYTHING  # no listing, home or search page; no draft, no embargo
    text = json.dumps(records, ensure_ascii=False)
    assert "Rahasia" not in text and "Embargo" not in text


def test_each_entry_carries_its_filters_and_result_metadata(basic_site):
    records = fragments(basic_site.output)
    hoaks = records[HOAKS]
    assert {key: sorted(values) for key, values in hoaks["filters"].items()} == {
        "jenis": ["klarifikasi"],
        "instansi": ["dinkes-contoh", "diskominfo-contoh"],
        "tema": ["kesehatan", "literasi-digital"],
        "pemda": ["kota-contoh"],
        "tahun": ["2024"],
        "bulan": ["2024-01"],
    }
    assert hoaks["meta"]["title"] == "Klarifikasi: Pesan Berantai Vaksin Palsu"
    assert hoaks["meta"]["jenis"] == "Klarifikasi"
    assert hoaks["meta"]["tanggal"] == "2024-01-11"
    assert hoaks["meta"]["tanggal_teks"] == "11 Januari 2024"
    assert hoaks["meta"]["instansi"] == "Diskominfo · Dinkes"
    assert records[IMUNISASI]["meta"]["image"] == "/media/foto/imunisasi.png"
    assert records[SESI_KESEHATAN]["filters"]["seri"] == ["sapa-contoh"]
    assert records[SESI_KESEHATAN]["filters"]["jenis"] == ["sesi"]
    assert records[TENTANG]["filters"] == {"jenis": ["halaman"]}
    # Date, facts and share buttons stay out of the excerpt text.
    assert "Bagikan" not in records[DRAINASE]["content"]
    assert "WIB" not in records[DRAINASE]["content"]


def test_search_page_explains_itself_without_javascript(basic_site):
    html = basic_site.read("cari/index.html")
    assert "memerlukan JavaScript" in html
    for link in ('href="/instansi/"', 'href="/tema/"', 'href="/arsip/"'):
        assert link in html
    assert 'id="cari" hidden' in html
    assert "theme/js/cari.js" in html
    assert "theme/js/cari.js" not in basic_site.read("index.html")
    assert "theme/js/cari.js" not in basic_site.read(HOAKS.lstrip("/") + "index.html")


def _fake_pagefind(folder: Path, script: str) -> Path:
    program = folder / "pagefind-palsu"
    program.write_text(f"#!/bin/sh\n{script}\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


def test_missing_pagefind_program_stops_the_build(tmp_path):
    out = tmp_path / "out"
    result = build(FIXTURES / "basic", out, *PLAIN_LOG, "-e", 'WARTA_SEARCH={"binary": "/tidak/ada/pagefind"}')
    assert result.returncode != 0
    assert "WARTA_SEARCH: binary '/tidak/ada/pagefind' tidak ada" in result.log
    assert not (out / "index.html").exists()


def test_failing_indexer_stops_the_build_with_its_message(tmp_path):
    program = _fake_pagefind(tmp_path, 'echo "Error: disk penuh" >&2; exit 3')
    out = tmp_path / "out"
    result = build(FIXTURES / "basic", out, *PLAIN_LOG, "-e", f"WARTA_SEARCH={json.dumps({'binary': str(program)})}")
    assert result.returncode != 0, result.log
    assert "Pagefind gagal mengindeks" in result.log
    assert "disk penuh" in result.log
    assert not (out / "index.html").exists()  # the previous site (none here) stays; nothing half-built is published


# ---- rebuilds: the published index is reused while no indexed page changes ---------------------

NEW_WORD = "zamrudkhatulistiwa"  # in no fixture page, so finding it proves the re-index


@pytest.fixture(scope="module")
def rebuilds(tmp_path_factory) -> SimpleNamespace:
    """The basic fixture built three times into one folder: clean, unchanged, then with one release edited."""
    root = tmp_path_factory.mktemp("rebuilds")
    content, out = copy_fixture("basic", root), root / "out"
    entry = Path("pagefind", "pagefind-entry.json")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("COLUMNS", "400")  # Rich wraps INFO lines (shown with -v) at 80 columns otherwise
        clean = build(content, out, "-v")
        unchanged = build(content, out, "-v")
        shared = (out / entry).samefile(out.with_name("out.prev") / entry)
        calendars = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.ics")}
        release = content / "releases/2023/05/jalan.md"
        release.write_text(release.read_text("utf-8") + f"\nWarga menyebut jalan itu {NEW_WORD}.\n", "utf-8")
        edited = build(content, out, "-v")
    for result in (clean, unchanged, edited):
        assert result.returncode == 0, result.log
    return SimpleNamespace(
        clean=clean, unchanged=unchanged, edited=edited, shared=shared, calendars=calendars, output=out
    )


def test_unchanged_rebuild_reuses_the_published_index(rebuilds):
    assert "indeks yang terbit dipakai lagi (9 halaman" in rebuilds.unchanged.log
    assert "pencarian mengindeks" not in rebuilds.unchanged.log
    assert "pencarian mengindeks 9 halaman" in rebuilds.clean.log
    assert rebuilds.shared  # OUT/pagefind/pagefind-entry.json is OUT.prev's file, not a copy


def test_edited_release_is_indexed_again(rebuilds):
    assert "pencarian mengindeks 9 halaman" in rebuilds.edited.log
    assert "indeks yang terbit dipakai lagi" not in rebuilds.edited.log
    records = fragments(rebuilds.output)
    assert set(records) == EVERYTHING
    assert NEW_WORD in records[JALAN]["content"]
    assert all(NEW_WORD not in r["content"] for url, r in records.items() if url != JALAN)


def test_the_bundle_records_what_it_was_built_from(rebuilds):
    digest = (rebuilds.output / "pagefind" / "warta-digest.txt").read_text("ascii").strip()
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    previous = rebuilds.output.with_name("out.prev") / "pagefind" / "warta-digest.txt"
    assert digest != previous.read_text("ascii").strip()


def test_a_small_archive_is_one_bundle_at_pagefind(basic_site):
    # Below WARTA_SEARCH["shard_min_pages"], one shard: the bundle stays where it always was.
    listed = json.loads(basic_site.read("pagefind/warta-shards.json"))["shards"]
    assert [(s["name"], s["folder"], s["pages"]) for s in listed] == [("2023-2027", "", 9)]
    assert not list((basic_site.output / "pagefind").glob("*/pagefind-entry.json"))
    html = basic_site.read("cari/index.html")
    assert 'data-pagefind="/pagefind/pagefind.js"' in html and 'data-shards="[]"' in html


def test_calendars_of_a_rebuild_match_a_clean_build(rebuilds, basic_site):
    clean = {p.relative_to(basic_site.output).as_posix(): p.read_bytes() for p in basic_site.output.rglob("*.ics")}
    assert clean and rebuilds.calendars == clean
    # Worked out once per build and shared: every calendar still carries the zone as computed on its own.
    zone = Timezone.from_tzinfo(ZoneInfo("Asia/Jakarta"))
    zone.pop("COMMENT", None)
    for name, data in clean.items():
        assert data.count(b"BEGIN:VTIMEZONE") == 1, name
        assert zone.to_ical() in data, name


# ---- /cari/ in Chromium ----------------------------------------------------------------------


@pytest.fixture
def cari(basic_site, serve, page):
    """``cari("?q=…")`` → the result URLs /cari/ shows for that address, in order."""
    base = serve(basic_site.output)
    seen_hosts = set()
    page.on("request", lambda request: seen_hosts.add(urlsplit(request.url).netloc))

    def open_search(query: str = "") -> list[str]:
        page.goto(base + "cari/" + query)
        return results(page)

    open_search.base = base
    open_search.page = page
    open_search.hosts = seen_hosts
    return open_search


# Waiting goes through locators: the page's Content-Security-Policy forbids the eval that
# page.wait_for_function would need, and the tests run under the policy the site ships.
def settled(page) -> None:
    """A search has finished: the live region speaks and the list is no longer busy."""
    page.locator("[data-cari-status]").filter(has_text=re.compile(r"\S")).wait_for()
    page.locator("[data-cari-results]:not([aria-busy])").wait_for(state="attached")


def results(page) -> list[str]:
    """The result URLs once the search in progress has finished."""
    settled(page)
    return [urlsplit(href).path for href in page.locator("[data-cari-results] h3 a").evaluate_all(HREFS)]


HREFS = "links => links.map(a => a.href)"


def results_become(page, expected: list[str], attempts: int = 50) -> list[str]:
    """After a history step the new search may not have started yet: wait for ``expected``, then report."""
    for _ in range(attempts):
        shown = results(page)
        if shown == expected:
            break
        page.wait_for_timeout(100)
    return shown


@pytest.mark.browser
def test_a_word_finds_its_release(cari):
    assert cari("?q=drainase") == [DRAINASE]


@pytest.mark.browser
def test_indonesian_stemming_joins_word_forms(cari):
    # jalan.md says "membangun", pembangunan.md says "pembangunan": both stem to "bangun".
    assert set(cari("?q=pembangunan")) == {JALAN, DRAINASE}
    assert set(cari("?q=membangun")) == {JALAN, DRAINASE}


@pytest.mark.browser
def test_agency_acronym_finds_what_its_full_name_finds(cari):
    by_acronym = set(cari("?q=Dinkes"))
    assert HOAKS in by_acronym  # its text never says "Dinkes": found through the agency
    assert by_acronym == set(cari("?q=Dinas+Kesehatan")) == {IMUNISASI, HOAKS, SESI_KESEHATAN}


FILTERS = [
    ("?instansi=dinkes-contoh", {IMUNISASI, HOAKS, SESI_KESEHATAN}),
    ("?instansi=dinkes-contoh&instansi=pupr-contoh", {IMUNISASI, HOAKS, SESI_KESEHATAN, JALAN, DRAINASE, SESI_INFRA}),
    ("?tema=infrastruktur", {JALAN, DRAINASE, SESI_INFRA}),
    ("?jenis=berita", {DRAINASE, LITERASI}),
    ("?jenis=sesi", {SESI_KESEHATAN, SESI_INFRA, SESI_AKAN_DATANG}),
    ("?tahun=2023", {IMUNISASI, JALAN}),
    ("?pemda=kabupaten-contoh", {JALAN, DRAINASE, SESI_INFRA}),
    ("?seri=sapa-contoh", {SESI_KESEHATAN, SESI_INFRA, SESI_AKAN_DATANG}),
    ("?instansi=dinkes-contoh&jenis=klarifikasi", {HOAKS}),
    ("?q=kesehatan&instansi=diskominfo-contoh", {HOAKS}),
    ("?dari=2024-01&sampai=2024-01", {HOAKS, DRAINASE, SESI_KESEHATAN, SESI_INFRA}),
    ("?dari=2024-02", {LITERASI, SESI_AKAN_DATANG}),
    ("?sampai=2023-12", {IMUNISASI, JALAN}),
    ("?q=kesehatan&dari=2024-01", {HOAKS, SESI_KESEHATAN}),
]


@pytest.mark.browser
@pytest.mark.parametrize(("query", "expected"), FILTERS, ids=[q for q, _ in FILTERS])
def test_each_filter_narrows_to_exactly_the_right_set(cari, query, expected):
    assert set(cari(query)) == expected


@pytest.mark.browser
def test_without_words_or_filters_everything_is_listed_newest_first(cari):
    assert cari("") == [
        SESI_AKAN_DATANG,
        LITERASI,
        DRAINASE,
        SESI_INFRA,
        HOAKS,
        SESI_KESEHATAN,
        JALAN,
        IMUNISASI,
        TENTANG,
    ]


@pytest.mark.browser
def test_counts_beside_filters_follow_the_search(cari):
    cari("?q=kesehatan")
    page = cari.page
    assert page.locator('label[for="f-jenis-siaran-pers"] [data-count]').inner_text() == "(1)"
    assert page.locator('label[for="f-jenis-sesi"] [data-count]').inner_text() == "(1)"
    assert page.locator("#f-jenis-berita").is_hidden()  # no result is a berita: not offered
    # Ticking one value keeps the other values of that filter counted as alternatives.
    page.get_by_label("Siaran Pers").check()
    assert results_become(page, [IMUNISASI]) == [IMUNISASI]
    assert page.locator('label[for="f-jenis-klarifikasi"] [data-count]').inner_text() == "(1)"


@pytest.mark.browser
def test_newest_first(cari):
    urls = cari("?q=kesehatan&urut=terbaru")
    assert urls == [HOAKS, SESI_KESEHATAN, IMUNISASI]
    assert cari.page.locator('input[name="urut"][value="terbaru"]').is_checked()


@pytest.mark.browser
def test_the_address_carries_the_search_and_history_restores_it(cari):
    page = cari.page
    assert cari("?q=klaim&tema=kesehatan") == [HOAKS]
    assert page.locator("#cari-q").input_value() == "klaim"
    assert page.locator("#f-tema-kesehatan").is_checked()
    # Keyboard only: a new query, then a filter.
    page.locator("#cari-q").fill("puskesmas")
    page.locator("#cari-q").press("Enter")
    puskesmas = results_become(page, [SESI_KESEHATAN, IMUNISASI, HOAKS])
    assert set(puskesmas) == {SESI_KESEHATAN, IMUNISASI, HOAKS}
    assert parse_qs(urlsplit(page.url).query) == {"q": ["puskesmas"], "tema": ["kesehatan"]}
    page.locator("#f-jenis-sesi").focus()
    page.keyboard.press("Space")
    assert results_become(page, [SESI_KESEHATAN]) == [SESI_KESEHATAN]
    assert parse_qs(urlsplit(page.url).query) == {"q": ["puskesmas"], "jenis": ["sesi"], "tema": ["kesehatan"]}
    page.go_back()
    assert results_become(page, puskesmas) == puskesmas
    assert parse_qs(urlsplit(page.url).query) == {"q": ["puskesmas"], "tema": ["kesehatan"]}
    assert not page.locator("#f-jenis-sesi").is_checked()
    page.go_back()
    assert results_become(page, [HOAKS]) == [HOAKS]
    assert page.locator("#cari-q").input_value() == "klaim"
    page.go_forward()
    assert results_become(page, puskesmas) == puskesmas
    assert page.locator("#cari-q").input_value() == "puskesmas"
    # The live region says how many were found.
    assert "hasil untuk “puskesmas”" in page.get_by_role("status").inner_text()


@pytest.mark.browser
def test_drafts_and_embargoed_releases_cannot_be_found(cari):
    for word in ("rahasia", "embargo", "draf"):
        assert cari(f"?q={word}") == []
        assert "Tidak ada hasil" in cari.page.get_by_role("status").inner_text()
    assert cari("?tahun=2099") == []


def _add_wordy_releases(content: Path, count: int = 100) -> None:
    """Releases of made-up words from a large vocabulary, so that Pagefind splits its index into chunks."""
    rng = random.Random(7)
    syllables = [c + v for c in "bdgjklmnprstw" for v in "aiueo"]
    vocabulary = ["".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(3000)]
    folder = content / "releases" / "2025"
    folder.mkdir()
    for i in range(count):
        (folder / f"kata-{i}.md").write_text(
            f"---\ntitle: Rilis kata {i}\ndate: 2025-03-{i % 28 + 1:02d} 09:00\ntype: berita\n"
            f"agencies: [pupr-contoh]\nthemes: [infrastruktur]\n---\n\n{' '.join(rng.choices(vocabulary, k=200))}\n",
            encoding="utf-8",
        )


@pytest.mark.browser
def test_filters_alone_fetch_one_index_chunk_not_the_whole_index(fixture_copy, tmp_path, serve, page):
    content = fixture_copy("basic")
    _add_wordy_releases(content)
    site = build(content, tmp_path / "out")
    assert site.returncode == 0, site.log
    assert len(list((site.output / "pagefind" / "index").iterdir())) >= 4
    chunks = []
    page.on("request", lambda request: chunks.append(request.url) if "/pagefind/index/" in request.url else None)
    page.goto(serve(site.output) + "cari/?tema=infrastruktur&tahun=2025")
    assert len(results(page)) == 10
    assert "100 entri" in page.get_by_role("status").inner_text()
    assert len(chunks) == 1


@pytest.mark.browser
def test_no_request_leaves_the_local_server(cari):
    cari("?q=imunisasi")
    cari.page.locator("#cari-q").fill("kesehatan")
    cari.page.locator("#cari-q").press("Enter")
    results(cari.page)
    assert cari.page.locator(".hasil-gambar").count() == 1  # the lead image, from our own media/
    assert cari.hosts == {urlsplit(cari.base).netloc}


@pytest.mark.browser
def test_without_javascript_the_page_points_to_browsing(basic_site, serve, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(serve(basic_site.output) + "cari/")
    assert "memerlukan JavaScript" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="menurut instansi").is_visible()
    assert page.locator("#cari").is_hidden()
    context.close()


@pytest.mark.browser
def test_load_more_adds_the_next_results_and_moves_focus(tmp_path, serve, page):
    site = build(FIXTURES / "basic", tmp_path / "out", "-e", 'WARTA_SEARCH={"per_page": 4}')
    assert site.returncode == 0, site.log
    page.goto(serve(site.output) + "cari/")
    first = results(page)
    assert len(first) == 4
    page.get_by_role("button", name="Muat lebih banyak").click()
    items = page.locator("[data-cari-results] > li")
    expect(items).to_have_count(8)
    expect(items.nth(4).locator("a")).to_be_focused()  # keyboard users land on the first new result
    page.get_by_role("button", name="Muat lebih banyak").click()
    expect(items).to_have_count(9)
    assert page.get_by_role("button", name="Muat lebih banyak").is_hidden()
    shown = results(page)
    assert set(shown) == EVERYTHING and shown[-1] == TENTANG  # undated pages come last, newest first
    assert "Menampilkan 9" in page.get_by_role("status").inner_text()


def test_unknown_search_setting_is_reported(tmp_path):
    result = build(FIXTURES / "basic", tmp_path / "out", *PLAIN_LOG, "-e", 'WARTA_SEARCH={"perpage": 4}')
    assert result.returncode == 0, result.log
    assert "WARTA_SEARCH: kunci 'perpage' tidak dikenal" in result.log


def test_unknown_indexer_stops_the_build(tmp_path):
    result = build(FIXTURES / "basic", tmp_path / "out", *PLAIN_LOG, "-e", 'WARTA_SEARCH={"indexer": "paralel"}')
    assert result.returncode != 0
    assert "WARTA_SEARCH: indexer 'paralel' tidak dikenal; pilih 'overlapping'" in result.log
    assert not (tmp_path / "out").exists()
