"""Issue 18 in headless Chromium, on 360 and 412 px wide phones (and a desktop where it matters).

Layout (the video's play button, the home page's order and search box, chapter links, printouts),
search (words, not initials; spelling variants) and axe-core with its best-practice rules.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, axe_violations, build, require
from test_readers import PAGES, readers_content

AXE = ROOT / "node_modules/axe-core/axe.min.js"
PHONES = {360: 740, 412: 915}  # width: height of the viewport
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE_PAGES = {
    "beranda": "",
    "rilis": "berita/2022/03/pemkot-bekasi-buka-layanan-vaksinasi-booster-di-seluruh-puskesmas/",
    "sesi": "sesi/mas-tri-sapa-warga/2022-03-23/",
    "instansi": "instansi/humas-kota-bekasi/",
    "cari": "cari/?q=vaksinasi",
}
LONG_TITLE = "Mas Tri Sapa Warga: Bidang Kesehatan, Vaksinasi Lanjutan, Layanan Puskesmas dan Tanya Jawab Warga Bekasi"


@pytest.fixture(scope="module")
def readers_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("readers-browser")
    content = readers_content(root)
    session = content / "sessions/sapa-contoh/2024-01-10.md"
    text = session.read_text(encoding="utf-8")
    session.write_text(text.replace('title: "Sapa Warga Contoh: Kesehatan"', f'title: "{LONG_TITLE}"'), "utf-8")
    result = build(content, root / "output")
    assert result.returncode == 0, result.log
    return result


@pytest.fixture
def phone(browser):
    """``phone(width)`` → a page in a fresh context of that phone's viewport."""
    contexts = []

    def open_phone(width: int):
        context = browser.new_context(viewport={"width": width, "height": PHONES.get(width, 800)})
        contexts.append(context)
        return context.new_page()

    yield open_phone
    for context in contexts:
        context.close()


def box(locator) -> dict:
    found = locator.bounding_box()
    assert found is not None, locator
    return found


def overlaps(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def inside(inner: dict, outer: dict) -> bool:
    return (
        inner["x"] >= outer["x"] - 0.5
        and inner["y"] >= outer["y"] - 0.5
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 0.5
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 0.5
    )


# ---- session pages ------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("width", [*PHONES, 1280])
def test_the_play_button_is_never_covered(width, readers_site, sample_site, serve, phone):
    for site, path in ((readers_site, "sesi/sapa-contoh/2024-01-10/"), (sample_site, AXE_PAGES["sesi"])):
        page = phone(width)
        page.goto(serve(site.output) + path)
        page.locator(".video-facade").scroll_into_view_if_needed()
        facade = box(page.locator(".video-facade"))
        play = box(page.locator(".video-play"))
        assert play["width"] >= 44 and play["height"] >= 44, play
        assert inside(play, facade), (play, facade)
        for other in (".video-title", ".video-label"):
            assert not overlaps(play, box(page.locator(other))), (width, path, other)
        # The tap lands on the link that starts the video, at the button's centre.
        hit = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).closest('a')?.className",
            [play["x"] + play["width"] / 2, play["y"] + play["height"] / 2],
        )
        assert hit == "video-facade"


@pytest.mark.browser
def test_chapter_links_underline_no_leading_space(sample_site, serve, phone):
    page = phone(360)
    page.goto(serve(sample_site.output) + AXE_PAGES["sesi"])
    link = page.locator(".chapters a").first
    assert link.evaluate("a => getComputedStyle(a).textDecorationLine") == "none"
    for part in (".chapter-at", ".chapter-title"):
        assert link.locator(part).evaluate("e => getComputedStyle(e).textDecorationLine") == "underline"
    assert re.fullmatch(r"00:00 \S.*", link.inner_text())  # still read as "00:00 Pembukaan"


# ---- search forms and the home page on a phone ------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("width", PHONES)
def test_one_search_form_a_page_and_the_home_placeholder_fits(width, sample_site, serve, phone):
    base = serve(sample_site.output)
    page = phone(width)
    for path, field in (("", "#q-home"), ("cari/?q=banjir", "#cari-q"), (AXE_PAGES["rilis"], "#q-header")):
        page.goto(base + path)
        forms = page.get_by_role("search")
        assert forms.count() == 1, path
        assert forms.locator(field).count() == 1, path
    page.goto(base)
    room, needed = page.locator("#q-home").evaluate(
        """input => {
            const style = getComputedStyle(input);
            const context = document.createElement("canvas").getContext("2d");
            context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
            return [input.clientWidth - padding, context.measureText(input.placeholder).width];
        }"""
    )
    assert needed <= room, (needed, room)


@pytest.mark.browser
@pytest.mark.parametrize("width", PHONES)
def test_upcoming_sessions_within_the_first_two_screens_on_a_phone(width, sample_site, serve, phone):
    page = phone(width)
    page.goto(serve(sample_site.output))
    heading = box(page.get_by_role("heading", name="Sesi warga akan datang"))
    first = box(page.locator(".home-upcoming .session-item").first)
    assert first["y"] + first["height"] <= 2 * PHONES[width], (heading, first)
    releases = box(page.get_by_role("heading", name="Rilis terbaru"))
    assert heading["y"] < releases["y"]


@pytest.mark.browser
def test_on_a_desktop_sessions_sit_beside_the_releases(sample_site, serve, phone):
    page = phone(1280)
    page.goto(serve(sample_site.output))
    upcoming = box(page.get_by_role("heading", name="Sesi warga akan datang"))
    releases = box(page.get_by_role("heading", name="Rilis terbaru"))
    assert upcoming["x"] > releases["x"] + releases["width"] / 2 and abs(upcoming["y"] - releases["y"]) < 5


@pytest.mark.browser
def test_a_printout_names_the_site_the_address_and_the_date(sample_site, serve, phone):
    page = phone(412)
    page.goto(serve(sample_site.output) + AXE_PAGES["rilis"])
    source = page.locator(".print-source")
    assert source.is_hidden()
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert source.is_visible()
    text = source.inner_text()
    assert "Warta" in text and "https://warta.example/" + AXE_PAGES["rilis"] in text
    assert re.search(r"Dicetak \w+, \d{1,2} \w+ \d{4}", text), text
    assert page.locator(".site-header").is_hidden()


# ---- search: words, not initials; variants --------------------------------------------------------


def _results(page) -> list[str]:
    page.locator("[data-cari-status]").filter(has_text=re.compile(r"\S")).wait_for()
    page.locator("[data-cari-results]:not([aria-busy])").wait_for(state="attached")
    hrefs = page.locator("[data-cari-results] h3 a").evaluate_all("links => links.map(a => a.href)")
    return [urlsplit(href).path for href in hrefs]


@pytest.fixture
def search(readers_site, serve, page):
    base = serve(readers_site.output)

    def run(query: str) -> list[str]:
        page.goto(base + "cari/?q=" + query)
        return _results(page)

    run.page = page
    return run


@pytest.mark.browser
def test_a_word_never_matches_an_initial(search):
    # No page says "hukum": Pagefind's fallback would find "H. Arief" through its initial.
    assert search("hukum") == []
    assert "Tidak ada hasil" in search.page.get_by_role("status").inner_text()
    assert PAGES["arief"] not in search("hoaks")
    assert search("Arief") == [PAGES["arief"]]  # the name itself is still found
    assert search("rwanda") == []  # not through "RW"
    assert "Tidak ada hasil" in search.page.get_by_role("status").inner_text()
    assert search("hoaks+arief") == []  # every word must be found, and "hoaks" is not on that page


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hoax", {PAGES["hoax"], "/berita/2024/02/pelatihan-literasi-digital/"}),
        ("hoaks", {PAGES["hoax"], "/berita/2024/02/pelatihan-literasi-digital/"}),
        ("media+sosial", {PAGES["sosmed"]}),
        ("medsos", {PAGES["sosmed"]}),
        ("pemerintah+kota", {PAGES["pemkot"]}),
    ],
)
def test_spelling_variants_find_each_other(search, query, expected):
    assert expected <= set(search(query))


# ---- axe-core, best practices included, on both phones ------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("width", PHONES)
@pytest.mark.parametrize("kind", AXE_PAGES)
def test_no_axe_violation_best_practices_included(kind, width, sample_site, serve, phone):
    page = phone(width)
    page.goto(serve(sample_site.output) + AXE_PAGES[kind], wait_until="networkidle")
    if kind == "cari":
        page.locator("[data-cari-results] li").first.wait_for()
    problems = axe_violations(page, Path(require("axe-core", AXE, "npm package axe-core")), AXE_TAGS)
    assert not problems, f"/{AXE_PAGES[kind]} at {width} px:\n" + "\n".join(problems)


@pytest.mark.browser
def test_words_not_initials_in_an_index_of_several_bundles(tmp_path, serve, page):
    # One bundle a year: "hoaks" is a word of 2024's, while 2023's has only the initial "H." to fall back on.
    content = readers_content(tmp_path)
    (content / "releases/2023/05/budi.md").write_text(
        "---\ntitle: Camat Meninjau Pasar\ndate: 2023-05-20 09:00\ntype: berita\nagencies: [pupr-contoh]\n"
        "themes: [infrastruktur]\n---\n\nCamat H. Budi Santoso meninjau pasar bersama warga.\n",
        encoding="utf-8",
    )
    site = build(content, tmp_path / "out", "-e", 'WARTA_SEARCH={"shard_min_pages": 1}')
    assert site.returncode == 0, site.log
    assert (site.output / "pagefind/2023/pagefind-entry.json").exists()
    base = serve(site.output)
    for query in ("hoaks", "hoaks&urut=terbaru"):
        page.goto(base + "cari/?q=" + query)
        found = _results(page)
        assert "/berita/2023/05/camat-meninjau-pasar/" not in found, query
        assert PAGES["hoax"] in found, query
    page.goto(base + "cari/?q=Budi")
    assert _results(page) == ["/berita/2023/05/camat-meninjau-pasar/"]
