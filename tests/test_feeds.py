"""Feeds: valid RSS 2.0 and Atom 1.0 beside every listing, stable ids, stable bytes, autodiscovery, /umpan/."""

from __future__ import annotations

import re
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import pytest
from conftest import FIXTURES, build
from lxml import etree
from warta_feeds.entries import absolute_links

PUBLIC = "https://warta.example/"
A = "{http://www.w3.org/2005/Atom}"
NS = {"a": "http://www.w3.org/2005/Atom"}
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
SCHEMA = etree.RelaxNG(etree.parse(str(Path(__file__).parent / "schemas" / "atom.rng")))
LISTING = re.compile(r"(?:(?:instansi|tema|jenis|pemda|sesi)/[^/]+/)?")
WITHHELD = ("Rilis Draf Rahasia", "Rilis Embargo Masa Depan", "draf.md", "embargo.md")


@pytest.fixture(params=["sample_site", "basic_site"])
def site(request):
    """Each check runs on the bundled sample archive and on the basic fixture."""
    return request.getfixturevalue(request.param)


def listings(site) -> list[str]:
    """The site map's listings that SPEC.md gives feeds: root, agencies, themes, types, governments, series."""
    locs = [u.removeprefix(PUBLIC) for u in re.findall(r"<loc>([^<]+)</loc>", site.read("sitemap.xml"))]
    return sorted(u for u in locs if LISTING.fullmatch(u))


def feed_files(site) -> list[str]:
    return sorted(
        p.relative_to(site.output).as_posix() for p in site.output.rglob("*.xml") if p.name in ("rss.xml", "atom.xml")
    )


def atom_problems(doc) -> list[str]:
    """RFC 4287: the RELAX NG grammar of Appendix B, and its two Schematron rules as XPath."""
    problems = [] if SCHEMA.validate(doc) else [str(e) for e in SCHEMA.error_log]
    feed = doc.getroot()
    if not feed.xpath("a:author", namespaces=NS) and feed.xpath("a:entry[not(a:author)]", namespaces=NS):
        problems.append("an entry without author in a feed without author")
    if feed.xpath("a:entry[not(a:link[@rel='alternate' or not(@rel)]) and not(a:content)]", namespaces=NS):
        problems.append("an entry with neither alternate link nor content")
    return problems


def rss_problems(doc, url: str) -> list[str]:
    """RSS 2.0's required elements, plus what we promise: self link, language, RFC 822 dates, enclosures."""
    channel = doc.getroot().find("channel")
    problems = [f"channel without {n}" for n in ("title", "link", "description") if not channel.findtext(n)]
    self_link = channel.find(f"{A}link[@rel='self']")
    if self_link is None or self_link.get("href") != url:
        problems.append("atom:link rel=self missing or wrong")
    if channel.findtext("language") != "id":
        problems.append("language is not id")
    for item in channel.findall("item"):
        if not (item.findtext("title") or item.findtext("description")):
            problems.append("item without title and description")
        for name in ("link", "guid", "pubDate", "description"):
            if not item.findtext(name):
                problems.append(f"item without {name}")
        parsedate_to_datetime(item.findtext("pubDate"))  # raises if it is not RFC 822
        for enclosure in item.findall("enclosure"):
            if not (enclosure.get("url") and enclosure.get("length", "").isdigit() and enclosure.get("type")):
                problems.append("enclosure without url, length or type")
    return problems


def test_every_listing_has_both_feeds_linked_from_its_page_and_from_umpan(site):
    umpan = site.read("umpan/index.html")
    for base in listings(site):
        page = site.read(base + "index.html")
        for name in ("rss.xml", "atom.xml"):
            assert site.exists(base + name), f"/{base}{name} missing"
            assert f'href="/{base}{name}"' in umpan, f"/umpan/ does not list /{base}{name}"
            kind = "rss" if name == "rss.xml" else "atom"
            assert f'type="application/{kind}+xml" title="' in page
            assert re.search(rf'<link rel="alternate" type="application/{kind}\+xml" [^>]*href="/{base}{name}"', page)
            assert re.search(rf'<link rel="alternate" type="application/{kind}\+xml" [^>]*href="/{name}"', page)
    assert sorted(feed_files(site)) == sorted(b + n for b in listings(site) for n in ("rss.xml", "atom.xml"))


def test_every_feed_parses_and_validates(site):
    for rel in feed_files(site):
        raw = (site.output / rel).read_bytes()
        parsed = feedparser.parse(raw)
        assert not parsed.bozo, f"{rel}: {parsed.get('bozo_exception')}"
        doc = etree.ElementTree(etree.fromstring(raw))
        if rel.endswith("atom.xml"):
            assert parsed.version == "atom10"
            assert atom_problems(doc) == [], rel
            assert doc.getroot().get("{http://www.w3.org/XML/1998/namespace}lang") == "id"
        else:
            assert parsed.version == "rss20"
            assert rss_problems(doc, PUBLIC + rel) == [], rel


def test_feed_time_is_the_newest_items_and_items_are_newest_first(site):
    for rel in feed_files(site):
        parsed = feedparser.parse((site.output / rel).read_bytes())
        published = [e.published_parsed for e in parsed.entries]
        assert published == sorted(published, reverse=True), rel
        if rel.endswith("atom.xml") and parsed.entries:
            assert parsed.feed.updated_parsed == max(e.updated_parsed for e in parsed.entries), rel
        if rel.endswith("rss.xml"):  # RSS items have no updated time: lastBuildDate follows the Atom feed's
            atom = feedparser.parse(site.read(rel.replace("rss.xml", "atom.xml")))
            assert parsed.feed.updated_parsed == atom.feed.updated_parsed, rel


def test_feed_counts_match_the_listing_pages(site):
    # A listing's feeds carry what it shows: its releases and its sessions (a series: every session).
    releases = len(re.findall(r"<loc>[^<]+/berita/\d{4}/\d{2}/[^<]+</loc>", site.read("sitemap.xml")))
    for base in listings(site):
        page = site.read(base + "index.html")
        shown = re.search(r'class="count">(?:([\d.]+) rilis)?(?: · )?(?:([\d.]+) sesi)?', page) if base else None
        count = sum(int(n.replace(".", "")) for n in shown.groups() if n) if shown else releases
        expected = min(50, count)
        for name in ("rss.xml", "atom.xml"):
            assert len(feedparser.parse(site.read(base + name)).entries) == expected, base + name


def test_release_entry_carries_what_a_newsroom_needs(basic_site):
    entry = next(e for e in feedparser.parse(basic_site.read("atom.xml")).entries if "Imunisasi" in e.title)
    assert entry.id == "tag:warta.example,2023-05-02:rilis/2023/05/imunisasi"
    assert entry.link == PUBLIC + "berita/2023/05/dinkes-buka-pekan-imunisasi-anak/"
    assert entry.published == entry.updated == "2023-05-02T09:30:00+07:00"
    assert entry.summary.startswith("CONTOH — Dinas Kesehatan membuka pekan imunisasi")
    html = entry.content[0].value
    assert "Orang tua diminta membawa buku KIA." in html  # the full body, not only the summary
    assert "001/DINKES/V/2023" in html and "Contoh, Selasa, 2 Mei 2023, 09.30 WIB" in html
    assert all(u.startswith(PUBLIC) for u in re.findall(r'(?:href|src)="([^"]*)"', html))
    assert {t.term for t in entry.tags} == {"dinkes-contoh", "kesehatan"}
    (enclosure,) = [link for link in entry.links if link.rel == "enclosure"]
    photo = FIXTURES / "basic" / "media" / "foto" / "imunisasi.png"
    assert (enclosure.href, enclosure.type, int(enclosure.length)) == (
        PUBLIC + "media/foto/imunisasi.png",
        "image/png",
        photo.stat().st_size,
    )
    item = etree.fromstring(basic_site.read("rss.xml").encode()).find(
        "channel/item[title='Dinkes Buka Pekan Imunisasi Anak']"
    )
    assert item.find("enclosure").get("length") == str(photo.stat().st_size)
    assert item.findtext("pubDate") == "Tue, 02 May 2023 09:30:00 +0700"
    assert item.find("guid").get("isPermaLink") == "false"
    assert "Orang tua diminta membawa buku KIA." in item.findtext(CONTENT)


def test_updated_comes_from_the_change_log(basic_site):
    entry = next(e for e in feedparser.parse(basic_site.read("atom.xml")).entries if e.title.startswith("Klarifikasi"))
    assert (entry.published, entry.updated) == ("2024-01-11T08:00:00+07:00", "2024-01-12T10:00:00+07:00")


def test_drafts_and_embargoed_releases_are_in_no_feed(basic_site):
    for rel in [*feed_files(basic_site), "umpan.opml", "umpan/kota-contoh.opml"]:
        text = basic_site.read(rel)
        assert not any(marker in text for marker in WITHHELD), rel


def test_series_feed_carries_every_session_with_its_recording(basic_site):
    parsed = feedparser.parse(basic_site.read("sesi/sapa-contoh/atom.xml"))
    assert [e.link for e in parsed.entries] == [
        PUBLIC + "sesi/sapa-contoh/2027-01-06/",
        PUBLIC + "sesi/sapa-contoh/2024-01-17/",
        PUBLIC + "sesi/sapa-contoh/2024-01-10/",
    ]  # the 2027 session is upcoming: announced in the feed as on the series page
    recorded = parsed.entries[2]
    assert recorded.id == "tag:warta.example,2024-01-10:sesi/sapa-contoh/2024-01-10"
    assert {
        "rel": "related",
        "type": "text/html",
        "href": "https://www.youtube.com/watch?v=AbCdEfGhIj0",
        "title": "Rekaman",
    } in recorded.links
    assert "https://www.youtube.com/watch?v=AbCdEfGhIj0&amp;t=330s" in recorded.content[0].value
    assert "belum tersedia" in parsed.entries[1].content[0].value


def test_autodiscovery_on_release_and_other_pages(basic_site):
    release = basic_site.read("berita/2024/01/klarifikasi-pesan-berantai-vaksin-palsu/index.html")
    found = re.findall(r'<link rel="alternate" type="application/rss\+xml" title="([^"]+)" href="([^"]+)"', release)
    assert [href for _, href in found] == [
        "/instansi/diskominfo-contoh/rss.xml",
        "/instansi/dinkes-contoh/rss.xml",
        "/rss.xml",
    ]
    assert found[0][0] == "Warta — Dinas Komunikasi dan Informatika Kota Contoh (RSS)"
    for page in ("tentang/index.html", "umpan/index.html", "data/index.html", "arsip/index.html"):
        links = re.findall(
            r'<link rel="alternate" type="application/(?:rss|atom)\+xml" [^>]*href="([^"]+)"', basic_site.read(page)
        )
        assert links == ["/rss.xml", "/atom.xml"], page


def test_umpan_page_and_opml_bundles(basic_site):
    umpan = basic_site.read("umpan/index.html")
    assert 'data-copy="https://warta.example/instansi/pupr-contoh/rss.xml" hidden' in umpan
    assert "Apa itu umpan RSS?" in umpan and 'src="/theme/js/salin.js"' in umpan
    everything = etree.fromstring(basic_site.read("umpan.opml").encode())
    urls = [o.get("xmlUrl") for o in everything.iter("outline") if o.get("xmlUrl")]
    assert sorted(urls) == sorted(PUBLIC + f for f in feed_files(basic_site) if f.endswith("rss.xml"))
    for gov, agencies in {
        "kota-contoh": ["dinkes-contoh", "diskominfo-contoh"],
        "kabupaten-contoh": ["pupr-contoh"],
    }.items():
        assert f'href="/umpan/{gov}.opml"' in umpan
        bundle = etree.fromstring(basic_site.read(f"umpan/{gov}.opml").encode())
        urls = {o.get("xmlUrl").removeprefix(PUBLIC) for o in bundle.iter("outline") if o.get("xmlUrl")}
        expected = {f"pemda/{gov}/rss.xml", *(f"instansi/{a}/rss.xml" for a in agencies)}
        assert urls == expected | ({"sesi/sapa-contoh/rss.xml"} if gov == "kota-contoh" else set())


def _ids(result, feed: str) -> dict[str, str]:
    """{entry id: link} of one feed of a build."""
    return {e.id: e.link for e in feedparser.parse(result.read(feed)).entries}


def test_ids_survive_edits_to_title_body_and_slug(fixture_copy, tmp_path):
    content = fixture_copy("basic")
    before = build(content, tmp_path / "before")
    source = content / "releases" / "2024" / "02" / "literasi.md"
    text = source.read_text(encoding="utf-8")
    text = text.replace(
        "title: Pelatihan Literasi Digital bagi Operator Kecamatan",
        "title: Operator Kecamatan Dilatih Literasi Digital",
    )
    text = text.replace("slug: pelatihan-literasi-digital", "slug: operator-dilatih")
    text = text.replace(
        "mengenali hoaks.", "mengenali hoaks dan [melaporkannya](/tentang/).\n\n![Peserta](/media/foto/imunisasi.png)"
    )
    source.write_text(text, encoding="utf-8")
    after = build(content, tmp_path / "after")
    assert before.returncode == after.returncode == 0, after.log
    for feed in ("atom.xml", "rss.xml", "instansi/diskominfo-contoh/atom.xml"):
        ids_before, ids_after = _ids(before, feed), _ids(after, feed)
        assert ids_before.keys() == ids_after.keys(), feed
    release_id = "tag:warta.example,2024-02-07:rilis/2024/02/literasi"
    assert _ids(after, "atom.xml")[release_id] == PUBLIC + "berita/2024/02/operator-dilatih/"
    entry = next(e for e in feedparser.parse(after.read("atom.xml")).entries if e.id == release_id)
    html = entry.content[0].value  # relative links in the body become absolute
    assert f'href="{PUBLIC}tentang/"' in html and f'src="{PUBLIC}media/foto/imunisasi.png"' in html


def test_a_moved_file_keeps_its_id_only_when_pinned(fixture_copy, tmp_path):
    content = fixture_copy("basic")
    old = content / "releases" / "2024" / "01" / "pembangunan.md"
    moved = content / "releases" / "infrastruktur" / "drainase.md"
    moved.parent.mkdir()
    old.rename(moved)
    unpinned = build(content, tmp_path / "unpinned")
    assert "tag:warta.example,2024-01-25:rilis/infrastruktur/drainase" in _ids(unpinned, "atom.xml")
    pinned_id = "tag:warta.example,2024-01-25:rilis/2024/01/pembangunan"
    moved.write_text(moved.read_text(encoding="utf-8").replace("---\n", f"---\nid: {pinned_id}\n", 1), encoding="utf-8")
    pinned = build(content, tmp_path / "pinned")
    assert pinned.returncode == 0, pinned.log
    assert pinned_id in _ids(pinned, "atom.xml")


def test_a_pinned_id_must_be_a_uri_and_unique(fixture_copy, tmp_path):
    content = fixture_copy("basic")
    jalan = content / "releases" / "2023" / "05" / "jalan.md"
    jalan.write_text(jalan.read_text(encoding="utf-8").replace("---\n", "---\nid: jalan desa\n", 1), encoding="utf-8")
    copied = "tag:warta.example,2023-05-02:rilis/2023/05/imunisasi"
    hoaks = content / "releases" / "2024" / "01" / "hoaks.md"
    hoaks.write_text(hoaks.read_text(encoding="utf-8").replace("---\n", f"---\nid: {copied}\n", 1), encoding="utf-8")
    result = build(content, tmp_path / "out")
    assert result.returncode != 0
    assert "releases/2023/05/jalan.md:2: id: 'jalan desa' harus id lama rilis ini" in result.log
    assert (
        "releases/2024/01/hoaks.md:2: id:" in result.log
        and "sudah menjadi id releases/2023/05/imunisasi.md" in result.log
    )


def test_unchanged_archive_gives_byte_identical_feeds_whatever_the_clock(tmp_path):
    first = build(FIXTURES / "basic", tmp_path / "first")
    second = build(FIXTURES / "basic", tmp_path / "second", build_time="2026-12-24 18:30")
    assert first.returncode == second.returncode == 0, second.log
    for rel in [*feed_files(first), "umpan.opml", "umpan/kota-contoh.opml", "data/berita.json", "data/berita.csv"]:
        assert (first.output / rel).read_bytes() == (second.output / rel).read_bytes(), rel


def test_item_limit_setting_and_empty_feeds(fixture_copy, tmp_path):
    content = fixture_copy("basic")
    with (content / "data" / "agencies.yml").open("a", encoding="utf-8") as agencies:
        agencies.write(
            "- slug: dishub-contoh\n  name: Dinas Perhubungan Kota Contoh\n  short: Dishub\n  government: kota-contoh\n"
        )
    result = build(content, tmp_path / "out", "-e", 'WARTA_FEEDS={"items": 2}')
    assert result.returncode == 0, result.log
    titles = [e.title for e in feedparser.parse(result.read("rss.xml")).entries]
    assert titles == ["Pelatihan Literasi Digital bagi Operator Kecamatan", "Pembangunan Drainase di Tiga Kecamatan"]
    empty = etree.fromstring(result.read("instansi/dishub-contoh/atom.xml").encode())
    assert empty.findall(f"{A}entry") == [] and atom_problems(etree.ElementTree(empty)) == []
    assert empty.findtext(f"{A}updated") == "2024-02-07T13:00:00+07:00"  # the archive's newest change, not the clock
    assert etree.fromstring(result.read("instansi/dishub-contoh/rss.xml").encode()).findtext(
        "channel/lastBuildDate"
    ) == ("Wed, 07 Feb 2024 13:00:00 +0700")


def test_bad_feed_setting_stops_the_build(tmp_path):
    result = build(FIXTURES / "basic", tmp_path / "out", "-e", 'WARTA_FEEDS={"items": 0}')
    assert result.returncode != 0
    assert "WARTA_FEEDS: items harus" in result.log and "bukan 0" in result.log


@pytest.mark.browser
def test_copy_buttons_are_progressive_enhancement(basic_site, serve, browser):
    base = serve(basic_site.output)
    plain = browser.new_context(java_script_enabled=False)
    page = plain.new_page()
    page.goto(base + "umpan/")
    assert page.locator("button[data-copy]").first.is_hidden()  # the links themselves still work
    plain.close()
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base + "umpan/")
    button = page.locator('button[data-copy$="/instansi/pupr-contoh/rss.xml"]')
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == PUBLIC + "instansi/pupr-contoh/rss.xml"
    assert button.text_content() == "Tautan tersalin"
    context.close()


BASE = "https://warta.example/berita/2024/02/x/"


@pytest.mark.parametrize(
    "fragment, resolved",
    [
        ('<p><a href="/tentang/">t</a></p>', '<p><a href="https://warta.example/tentang/">t</a></p>'),
        ('<img src="gambar.png" alt="">', '<img src="https://warta.example/berita/2024/02/x/gambar.png" alt="">'),
        ('<a href="#isi-a">a</a>', '<a href="https://warta.example/berita/2024/02/x/#isi-a">a</a>'),
        ('<a href="//cdn.example/a">a</a>', '<a href="https://cdn.example/a">a</a>'),
        ('<a href="https://a.example/">a</a> <a href="mailto:x@y.id">m</a>', None),
        ("<p>Tanpa tautan &amp; tanpa gambar.</p>", None),
        ("", None),
    ],
)
def test_feed_fragments_get_absolute_addresses_and_absolute_ones_are_left_as_written(fragment, resolved):
    assert absolute_links(fragment, BASE) == (fragment if resolved is None else resolved)


def test_each_page_advertises_its_listing_feed_its_agencies_and_the_site_one_list_per_combination():
    from types import SimpleNamespace

    from warta_feeds.catalogue import Catalogue, Feed

    def feed(base: str) -> Feed:
        return Feed(base, base or "semua", f"W — {base}", "", "instansi", [])

    feeds = [feed(b) for b in ("", "instansi/a/", "instansi/b/", "instansi/a-b/", "tema/t/", "sesi/s/")]
    catalogue = Catalogue(feeds)
    by = {f.base: f for f in feeds}
    agency = SimpleNamespace(url="instansi/b/")
    release = SimpleNamespace(agencies=[agency, SimpleNamespace(url="instansi/tanpa-umpan/")])
    cases = [
        ("instansi/a/", None, ["instansi/a/", ""]),
        ("instansi/a/hal/2/", None, ["instansi/a/", ""]),
        ("instansi/a-b/", None, ["instansi/a-b/", ""]),
        ("instansi/", None, [""]),
        ("sesi/s/2024-01-10/", None, ["sesi/s/", ""]),
        ("berita/2024/01/x/", release, ["instansi/b/", ""]),
        ("instansi/b/", release, ["instansi/b/", ""]),
        ("", None, [""]),
    ]
    for url, entry, bases in cases:
        assert catalogue.for_page(url, entry) == [by[b] for b in bases], url
    other = SimpleNamespace(agencies=[agency])
    assert catalogue.for_page("berita/2023/05/y/", other) is catalogue.for_page("berita/2024/01/x/", release)


def test_an_entry_built_once_is_written_alike_in_every_feed_that_lists_it():
    """SharedEntry builds its <entry> and <item> once and each feed takes them in turn; every feed
    must read as if feedgen had built its own (three feeds, overlapping items, in two orders)."""
    from datetime import UTC, datetime

    from feedgen.entry import FeedEntry
    from warta_feeds.catalogue import Feed
    from warta_feeds.documents import feed_documents
    from warta_feeds.entries import SharedEntry

    def entries(kind) -> list:
        made = []
        for number in range(4):
            entry = kind()
            entry.id(f"tag:warta.example,2026:{number}")
            entry.title(f"Rilis {number} & “kutipan”")
            entry.link(href=f"https://warta.example/berita/{number}/", rel="alternate", type="text/html")
            entry.published(datetime(2026, 1, number + 1, 3, tzinfo=UTC))
            entry.updated(datetime(2026, 1, number + 1, 4, tzinfo=UTC))
            entry.content(f"<p>Isi <a href='https://warta.example/{number}'>rilis</a> {number}</p>", type="html")
            entry.category([{"term": f"tema-{number % 2}", "label": "Tema"}])
            made.append(entry)
        return made

    def documents(items: list) -> list[tuple[str, str]]:
        lists = [[0, 1, 2, 3], [3, 1], [2, 3, 0]]
        feeds = [Feed(f"daftar-{n}/", f"Daftar {n}", f"Warta — Daftar {n}", "", "situs", []) for n in range(3)]
        url = "https://warta.example/{}".format
        updated = datetime(2026, 2, 1, tzinfo=UTC)
        return [
            feed_documents(f, [items[i] for i in lst], updated, url, "Warta")
            for f, lst in zip(feeds, lists, strict=True)
        ]

    plain, shared = documents(entries(FeedEntry)), entries(SharedEntry)
    assert documents(shared) == plain
    assert documents(shared) == plain  # once more, with every element already built
    assert shared[3].atom_entry() is shared[3].atom_entry() and shared[3].rss_entry() is shared[3].rss_entry()
    assert [(rss.count("<item>"), atom.count("<entry>")) for rss, atom in plain] == [(4, 4), (2, 2), (3, 3)]
