"""Session and series pages, their JSON-LD and .ics calendars, built from real fixture archives."""

from __future__ import annotations

import json
import re

import icalendar
import lxml.html
import pytest
from conftest import FIXTURES, build

RECORDED, UNRECORDED, UPCOMING = (f"sesi/sapa-contoh/{d}/" for d in ("2024-01-10", "2024-01-17", "2027-01-06"))
VIDEO = "AbCdEfGhIj0"


def _html(site, url: str):
    return lxml.html.fromstring(site.read(url + "index.html"))


def _jsonld(site, url: str, kind: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', site.read(url + "index.html"))
    found = [d for d in map(json.loads, blocks) if d["@type"] == kind]
    assert len(found) == 1, blocks
    return found[0]


def _text(doc, xpath: str) -> str:
    return " ".join(" ".join(e.text_content().split()) for e in doc.xpath(xpath))


def _calendar(site, rel: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(site.read(rel))


def _only_local_requests(doc) -> None:
    """Nothing on the page makes the browser fetch from another host while it loads."""
    for element in doc.xpath("//*[@src] | //link[@href][not(@rel='canonical' or @rel='alternate')]"):
        target = element.get("src") or element.get("href")
        assert target.startswith("/") and not target.startswith("//"), lxml.html.tostring(element)


def test_recorded_session_page(basic_site):
    doc = _html(basic_site, RECORDED)
    article = doc.xpath("//article[@data-pagefind-body]")
    assert len(article) == 1
    assert _text(doc, "//h1") == "Sapa Warga Contoh: Kesehatan"
    assert _text(doc, "//p[@class='session-date']") == "Rabu, 10 Januari 2024, 20.00–21.00 WIB"
    assert _text(doc, "//*[contains(@class, 'badge-recorded')]") == "Rekaman tersedia"
    assert doc.xpath("//a[@href='/sesi/sapa-contoh/' and text()='Sapa Warga Contoh']")
    assert doc.xpath("//a[@href='/instansi/dinkes-contoh/']") and doc.xpath("//a[@href='/tema/kesehatan/']")
    assert "Layanan puskesmas" in _text(doc, "//dl")
    assert "Kepala Dinas Kesehatan, Narasumber" in _text(doc, "//ul[@class='speakers']")
    assert "warga bertanya tentang jam buka puskesmas" in _text(doc, "//section[@class='session-notes']")
    assert doc.xpath(
        "//section[@class='session-releases']//a[@href='/berita/2024/01/klarifikasi-pesan-berantai-vaksin-palsu/']"
    )
    assert doc.xpath("//a[@href='/sesi/sapa-contoh/2024-01-10/sesi.ics']")
    assert doc.xpath("//a[@rel='next' and @href='/sesi/sapa-contoh/2024-01-17/']") and not doc.xpath("//a[@rel='prev']")
    assert not doc.xpath("//a[contains(@href, 'zoom')]")


def test_recording_is_a_link_until_clicked_and_chapters_link_to_times(basic_site):
    doc = _html(basic_site, RECORDED)
    (box,) = doc.xpath("//div[@class='video']")
    assert box.get("data-video") == VIDEO
    facade = box.xpath("a")[0]
    assert facade.get("href") == f"https://www.youtube.com/watch?v={VIDEO}"
    assert "Sapa Warga Contoh: Kesehatan" in facade.text_content() and "Putar rekaman" in facade.text_content()
    assert not doc.xpath("//iframe")
    chapters = doc.xpath("//ol[@class='chapters']//a")
    assert [(a.get("href"), a.get("data-start"), " ".join(a.text_content().split())) for a in chapters] == [
        (f"https://www.youtube.com/watch?v={VIDEO}&t=0s", "0", "00:00 Pembukaan"),
        (f"https://www.youtube.com/watch?v={VIDEO}&t=330s", "330", "05:30 Paparan Dinkes"),
        (f"https://www.youtube.com/watch?v={VIDEO}&t=2400s", "2400", "40:00 Tanya jawab"),
    ]
    assert doc.xpath("//script[@src='/theme/js/video.js' and @defer]")
    _only_local_requests(doc)


def test_unrecorded_and_upcoming_session_pages(basic_site):
    past = _html(basic_site, UNRECORDED)
    assert _text(past, "//*[contains(@class, 'badge-unrecorded')]") == "Belum ada rekaman"
    assert not past.xpath("//div[@class='video']") and not past.xpath("//script[contains(@src, 'video.js')]")
    assert past.xpath("//a[@rel='prev' and @href='/sesi/sapa-contoh/2024-01-10/']")
    assert past.xpath("//a[@rel='next' and @href='/sesi/sapa-contoh/2027-01-06/']")
    soon = _html(basic_site, UPCOMING)
    assert _text(soon, "//*[contains(@class, 'badge-upcoming')]") == "Akan datang"
    assert soon.xpath("//a[@href='https://zoom.example/j/123']")
    assert not soon.xpath("//a[@rel='next']") and not soon.xpath("//div[@class='video']")
    _only_local_requests(soon)


@pytest.mark.parametrize(
    ("when", "badge", "zoom_shown"),
    [
        ("2027-01-06 19:59", "Akan datang", True),
        ("2027-01-06 20:30", "Sedang berlangsung", True),
        ("2027-01-06 21:00", "Belum ada rekaman", False),
    ],
)
def test_status_and_zoom_link_follow_the_build_time(tmp_path, when, badge, zoom_shown):
    site = build(FIXTURES / "basic", tmp_path / "out", build_time=when)
    assert site.returncode == 0, site.log
    doc = _html(site, UPCOMING)
    assert _text(doc, "//p[@class='session-kicker']//span[contains(@class, 'badge')]") == badge
    assert bool(doc.xpath("//a[@href='https://zoom.example/j/123']")) is zoom_shown
    assert ("zoom.example" in site.read(UPCOMING + "sesi.ics")) is zoom_shown
    assert ("zoom.example" in site.read(UPCOMING + "index.html")) is zoom_shown


def test_video_object_for_a_recording(basic_site):
    video = _jsonld(basic_site, RECORDED, "VideoObject")
    assert video["embedUrl"] == f"https://www.youtube-nocookie.com/embed/{VIDEO}"
    assert video["uploadDate"] == "2024-01-10T20:00:00+07:00" and video["duration"] == "PT1H"
    assert video["thumbnailUrl"] == [f"https://i.ytimg.com/vi/{VIDEO}/hqdefault.jpg"]
    assert video["publication"] == {
        "@type": "BroadcastEvent",
        "isLiveBroadcast": True,
        "startDate": "2024-01-10T20:00:00+07:00",
        "endDate": "2024-01-10T21:00:00+07:00",
    }
    clips = [(c["@type"], c["name"], c["startOffset"], c["endOffset"], c["url"]) for c in video["hasPart"]]
    assert clips == [
        ("Clip", "Pembukaan", 0, 330, f"https://www.youtube.com/watch?v={VIDEO}&t=0s"),
        ("Clip", "Paparan Dinkes", 330, 2400, f"https://www.youtube.com/watch?v={VIDEO}&t=330s"),
        ("Clip", "Tanya jawab", 2400, 3600, f"https://www.youtube.com/watch?v={VIDEO}&t=2400s"),
    ]


def test_event_for_an_upcoming_session(basic_site):
    event = _jsonld(basic_site, UPCOMING, "Event")
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["location"] == {"@type": "VirtualLocation", "url": "https://zoom.example/j/123"}
    assert event["organizer"]["name"] == "Dinas Komunikasi dan Informatika Kota Contoh"
    assert event["startDate"] == "2027-01-06T20:00:00+07:00" and event["endDate"] == "2027-01-06T21:00:00+07:00"
    assert event["url"] == "https://warta.example/sesi/sapa-contoh/2027-01-06/"


def test_series_page(basic_site):
    doc = _html(basic_site, "sesi/sapa-contoh/")
    assert "Setiap Rabu, 20.00–21.00 WIB" in _text(doc, "//dl")
    assert doc.xpath("//dl//a[@href='/instansi/diskominfo-contoh/']")
    assert "Sesi mingguan bersama warga." in _text(doc, "//header")
    order = [a.get("href") for a in doc.xpath("//li[@class='session-item']/a")]
    assert order == ["/" + UPCOMING, "/" + UNRECORDED, "/" + RECORDED]
    follow = {a.get("href") for a in doc.xpath("//section[@class='follow']//a")}
    assert follow == {f"/sesi/sapa-contoh/{name}" for name in ("jadwal.ics", "rss.xml", "atom.xml")}


def test_series_pages_paginate_upcoming_first_then_newest(fixture_copy, tmp_path):
    content = fixture_copy("basic")
    for day in ("2024-01-24", "2024-01-31", "2024-02-07", "2024-02-14"):
        text = (content / "sessions/sapa-contoh/2024-01-17.md").read_text().replace("2024-01-17", day)
        (content / f"sessions/sapa-contoh/{day}.md").write_text(text.replace("Infrastruktur", f"Pekan {day}"))
    site = build(content, tmp_path / "out", "-e", 'WARTA_SESSIONS={"per_page": 3}')
    assert site.returncode == 0, site.log
    pages = ["sesi/sapa-contoh/", "sesi/sapa-contoh/hal/2/", "sesi/sapa-contoh/hal/3/"]
    order = [[a.get("href")[1:] for a in _html(site, p).xpath("//li[@class='session-item']/a")] for p in pages]
    days = [[href.split("/")[2] for href in page] for page in order]
    assert days == [
        ["2027-01-06", "2024-02-14", "2024-02-07"],
        ["2024-01-31", "2024-01-24", "2024-01-17"],
        ["2024-01-10"],
    ]
    assert "Halaman 2 dari 3 (7 sesi)" in _text(_html(site, pages[1]), "//nav[@class='pager']")
    assert not site.exists("sesi/sapa-contoh/hal/4/index.html")


def test_sessions_index(basic_site):
    doc = _html(basic_site, "sesi/")
    assert doc.xpath("//h3/a[@href='/sesi/sapa-contoh/']")
    assert "Setiap Rabu, 20.00–21.00 WIB" in _text(doc, "//ul[contains(@class, 'series-list')]")
    upcoming = doc.xpath("//section[@aria-labelledby='sesi-datang']//li[@class='session-item']/a/@href")
    assert upcoming == ["/" + UPCOMING]
    assert doc.xpath("//a[@href='/sesi/jadwal.ics']")


def test_calendars_parse_with_jakarta_times_and_absolute_urls(basic_site):
    for rel, count in (("sesi/jadwal.ics", 3), ("sesi/sapa-contoh/jadwal.ics", 3), (UPCOMING + "sesi.ics", 1)):
        raw = (basic_site.output / rel).read_bytes()
        assert raw.endswith(b"END:VCALENDAR\r\n") and b"\n" not in raw.replace(b"\r\n", b"")  # RFC 5545: CRLF
        cal = icalendar.Calendar.from_ical(raw)
        assert cal.to_ical() == raw  # events spliced in as icalendar itself writes subcomponents
        assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Jakarta"]
        events = cal.walk("VEVENT")
        assert len(events) == count
        for event in events:
            assert event["DTSTART"].params["TZID"] == "Asia/Jakarta"
            assert str(event.decoded("DTSTART").tzinfo) == "Asia/Jakarta"
            assert event["URL"].startswith("https://warta.example/sesi/sapa-contoh/20")
    upcoming = _calendar(basic_site, UPCOMING + "sesi.ics").walk("VEVENT")[0]
    assert str(upcoming["SUMMARY"]) == "Sapa Warga Contoh: Literasi Digital"
    assert str(upcoming["LOCATION"]) == "Zoom: https://zoom.example/j/123"
    assert upcoming.decoded("DTEND").hour == 21
    assert "Sesi yang akan datang." in str(upcoming["DESCRIPTION"])


def test_calendar_uids_survive_a_title_edit_and_files_do_not_depend_on_the_clock(fixture_copy, tmp_path):
    first = build(FIXTURES / "basic", tmp_path / "a")
    later = build(FIXTURES / "basic", tmp_path / "b", build_time="2026-12-24 08:00")
    assert first.returncode == later.returncode == 0
    for rel in ("sesi/jadwal.ics", "sesi/sapa-contoh/jadwal.ics", RECORDED + "sesi.ics"):
        assert (first.output / rel).read_bytes() == (later.output / rel).read_bytes(), rel
    content = fixture_copy("basic")
    path = content / "sessions/sapa-contoh/2024-01-10.md"
    path.write_text(path.read_text().replace("Sapa Warga Contoh: Kesehatan", "Sapa Warga: Puskesmas Buka Malam"))
    edited = build(content, tmp_path / "c")
    assert edited.returncode == 0, edited.log

    def uids(site):
        return {str(e["SUMMARY"]): str(e["UID"]) for e in _calendar(site, "sesi/jadwal.ics").walk("VEVENT")}

    before, after = uids(first), uids(edited)
    assert after["Sapa Warga: Puskesmas Buka Malam"] == before["Sapa Warga Contoh: Kesehatan"]
    assert sorted(before.values()) == sorted(after.values())


SESSION_EXTRA = """---
title: "Sapa Warga Contoh: Tatap Muka"
series: sapa-contoh
date: 2024-02-07
end: "21:30"
place: Aula Kantor Wali Kota Contoh
agencies: [diskominfo-contoh]
themes: [literasi-digital]
youtube: https://www.youtube.com/live/ZyXwVuTsRq8?si=abc
image: foto/imunisasi.png
image_alt: Warga mengikuti sesi di aula
chapters:
  - at: "00:00"
    title: Pembukaan
  - at: "1:20:00"
    title: Penutup
---

Sesi tatap muka dan daring.
"""


def test_bare_date_clock_end_place_and_local_thumbnail(fixture_copy, tmp_path):
    content = fixture_copy("basic")
    (content / "sessions/sapa-contoh/2024-02-07.md").write_text(SESSION_EXTRA)
    site = build(content, tmp_path / "out")
    assert site.returncode == 0, site.log
    url = "sesi/sapa-contoh/2024-02-07/"
    doc = _html(site, url)
    assert _text(doc, "//p[@class='session-date']") == "Rabu, 7 Februari 2024, 20.00–21.30 WIB"
    assert "Aula Kantor Wali Kota Contoh" in _text(doc, "//dl")
    (image,) = doc.xpath("//a[@class='video-facade']/img")
    assert image.get("src") == "/media/foto/imunisasi.png" and image.get("alt") == ""
    assert doc.xpath("//meta[@property='og:image' and @content='https://warta.example/media/foto/imunisasi.png']")
    assert doc.xpath("//div[@class='video' and @data-video='ZyXwVuTsRq8']")
    video = _jsonld(site, url, "VideoObject")
    assert video["thumbnailUrl"][0] == "https://warta.example/media/foto/imunisasi.png"
    assert video["duration"] == "PT1H30M" and video["hasPart"][-1]["endOffset"] == 5400
    event = _calendar(site, url + "sesi.ics").walk("VEVENT")[0]
    assert str(event["LOCATION"]) == "Aula Kantor Wali Kota Contoh"
    _only_local_requests(doc)


def test_a_series_without_sessions_still_has_its_page_and_a_valid_calendar(fixture_copy, tmp_path):
    content = fixture_copy("basic")
    with (content / "data/series.yml").open("a", encoding="utf-8") as data:
        data.write("- slug: sapa-baru\n  name: Sapa Baru\n  host: diskominfo-contoh\n  description: Seri baru.\n")
    site = build(content, tmp_path / "out")
    assert site.returncode == 0, site.log
    assert "Belum ada sesi" in _text(_html(site, "sesi/sapa-baru/"), "//main")
    cal = _calendar(site, "sesi/sapa-baru/jadwal.ics")
    assert [c.name for c in cal.subcomponents] == ["VTIMEZONE"]
