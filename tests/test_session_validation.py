"""Session files are checked like releases: each problem stops the build naming file, line and field."""

from __future__ import annotations

import re
import sys

import pytest
from conftest import ROOT, build

sys.path.insert(0, str(ROOT / "plugins"))
from warta_content.fields import parse_youtube

VIDEO = "AbCdEfGhIj0"
YOUTUBE_FORMS = [
    VIDEO,
    f"  {VIDEO}\n",
    f"https://www.youtube.com/watch?v={VIDEO}",
    f"https://youtube.com/watch?v={VIDEO}&t=95s",
    f"https://m.youtube.com/watch?feature=share&v={VIDEO}&si=Qx7-abc",
    f"http://www.youtube.com/watch?v={VIDEO}#t=30",
    f"www.youtube.com/watch?v={VIDEO}",
    f"youtube.com/watch?v={VIDEO}&list=PL0123456789&index=2",
    f"https://music.youtube.com/watch?v={VIDEO}",
    f"https://youtu.be/{VIDEO}",
    f"https://youtu.be/{VIDEO}?si=xyz&t=30",
    f"youtu.be/{VIDEO}",
    f"https://www.youtube.com/live/{VIDEO}?si=abc",
    f"https://youtube.com/live/{VIDEO}/",
    f"https://www.youtube.com/embed/{VIDEO}?start=30",
    f"https://www.youtube-nocookie.com/embed/{VIDEO}?autoplay=1",
    f"https://www.youtube.com/shorts/{VIDEO}?feature=share",
    f"https://www.youtube.com/v/{VIDEO}?version=3",
    f"//www.youtube.com/embed/{VIDEO}",
]
NOT_YOUTUBE = [
    "",
    "AbCdEfGhIj",  # 10 characters
    "AbCdEfGhIj01",  # 12 characters
    "AbCdEfGhI!0",
    "https://vimeo.com/123456789",
    f"https://example.com/watch?v={VIDEO}",
    f"https://youtube.com.example.com/watch?v={VIDEO}",
    f"https://notyoutube.com/watch?v={VIDEO}",
    "https://www.youtube.com/watch?v=pendek",
    "https://www.youtube.com/watch",
    f"https://www.youtube.com/watch?v={VIDEO}%0A",
    f"https://www.youtube.com/channel/UC{VIDEO}",
    "https://www.youtube.com/@pemkotbekasi",
    "https://www.youtube.com/embed/videoseries?list=PL0123456789",
    "https://www.youtube.com/playlist?list=PL0123456789",
    f"https://www.youtube.com/results?search_query={VIDEO}",
    f"https://youtu.be/{VIDEO}/lagi",
    f"ftp://youtube.com/watch?v={VIDEO}",
    f"javascript:alert('{VIDEO}')",
    "https://[::1",
    "youtube",
]


@pytest.mark.parametrize("value", YOUTUBE_FORMS)
def test_every_youtube_form_gives_the_id(value):
    assert parse_youtube(value) == VIDEO


def test_ids_may_hold_dashes_and_underscores():
    assert parse_youtube("-_AbCdEf-_0") == "-_AbCdEf-_0"
    assert parse_youtube("https://youtu.be/-_AbCdEf-_0") == "-_AbCdEf-_0"


@pytest.mark.parametrize("value", NOT_YOUTUBE)
def test_other_values_are_not_youtube(value):
    assert parse_youtube(value) is None


UNRECORDED = "sessions/sapa-contoh/2024-01-17.md"  # lines: 2 title, 3 series, 4 date, 5 agencies, 6 themes
CHAPTERED = "sessions/sapa-contoh/2024-01-10.md"  # chapters at 00:00 (line 13), 05:30 (15), 40:00 (17)

CASES = {
    # name: (file, (old, new) edit, expected "file:line: field:", expected message fragment)
    "unknown series": (
        UNRECORDED,
        ("series: sapa-contoh", "series: sapa-kontoh"),
        ":3: series:",
        "maksudnya 'sapa-contoh'",
    ),
    "bad date": (UNRECORDED, ("2024-01-17 20:00", "2024-01-32 20:00"), ":4: date:", "bukan tanggal yang sah"),
    "bad time": (UNRECORDED, ("2024-01-17 20:00", "2024-01-17 25:00"), ":4: date:", "bukan tanggal yang sah"),
    "bad end": (UNRECORDED, ("themes:", 'end: "21:75"\nthemes:'), ":6: end:", "bukan jam atau tanggal yang sah"),
    "end before start": (UNRECORDED, ("themes:", 'end: "19:30"\nthemes:'), ":6: end:", "harus setelah waktu mulai"),
    "bad youtube": (
        UNRECORDED,
        ("themes:", "youtube: https://vimeo.com/1234\nthemes:"),
        ":6: youtube:",
        "bukan id atau",
    ),
    "bad chapter time": (CHAPTERED, ('at: "05:30"', 'at: "5:3"'), ":15: chapters[2]:", "harus berbentuk mm:ss"),
    "chapter out of order": (CHAPTERED, ('at: "40:00"', 'at: "04:00"'), ":17: chapters[3]:", "setelah bab sebelumnya"),
    "image without alt": (
        UNRECORDED,
        ("themes:", "image: foto/imunisasi.png\nthemes:"),
        ":6: image_alt:",
        "wajib diisi",
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_session_stops_the_build(name, fixture_copy, tmp_path):
    rel, (old, new), where, message = CASES[name]
    content = fixture_copy("basic")
    path = content / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = build(content, tmp_path / "out")
    assert result.returncode != 0
    assert "Traceback" not in result.log
    assert f"{rel}{where}" in result.log, result.log
    assert message in result.log, result.log
    assert not (tmp_path / "out" / "sesi").exists()


def test_folder_must_match_series(fixture_copy, tmp_path):
    content = fixture_copy("basic")
    (content / "sessions/sapa-lain").mkdir()
    moved = content / "sessions/sapa-lain/2024-01-17.md"
    (content / UNRECORDED).rename(moved)
    result = build(content, tmp_path / "out")
    assert result.returncode != 0
    assert "sessions/sapa-lain/2024-01-17.md:3: series:" in result.log
    assert "pindahkan berkas ke sessions/sapa-contoh/" in result.log


def test_two_sessions_of_a_series_on_one_date_collide(fixture_copy, tmp_path):
    content = fixture_copy("basic")
    text = (content / UNRECORDED).read_text(encoding="utf-8").replace("2024-01-17 20:00", "2024-01-10 19:00")
    (content / "sessions/sapa-contoh/kembar.md").write_text(text, encoding="utf-8")
    result = build(content, tmp_path / "out")
    assert result.returncode != 0
    log = " ".join(result.log.split())
    assert re.search(r"sessions/sapa-contoh/(kembar|2024-01-10)\.md:\d+: date:", log)
    assert "/sesi/sapa-contoh/2024-01-10/" in log
    assert "sessions/sapa-contoh/kembar.md" in log and "sessions/sapa-contoh/2024-01-10.md" in log


def test_a_bare_date_needs_a_time_when_the_series_has_no_schedule(fixture_copy, tmp_path):
    content = fixture_copy("basic")
    series = content / "data/series.yml"
    series.write_text(
        series.read_text(encoding="utf-8").replace('  schedule: {weekday: rabu, start: "20:00", end: "21:00"}\n', "")
    )
    path = content / UNRECORDED
    path.write_text(path.read_text(encoding="utf-8").replace("2024-01-17 20:00", "2024-01-17"), encoding="utf-8")
    result = build(content, tmp_path / "out")
    assert result.returncode != 0
    assert f"{UNRECORDED}:4: date:" in result.log and "tulis juga jam mulainya" in result.log
