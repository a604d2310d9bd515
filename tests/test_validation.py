"""Every kind of bad input stops the build with file, line, field and cure; nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build, snapshot

GOOD = """---
title: Rilis Uji Validasi
date: 2024-03-05 10:00
type: berita
agencies: [dinkes-contoh]
themes: [kesehatan]
---

Isi rilis uji.
"""


@pytest.fixture
def built(fixture_copy, tmp_path):
    """A fixture copy that built once into ``out``; tests then break it and rebuild."""
    content = fixture_copy("basic")
    (content / "releases/2024/03").mkdir(parents=True)
    (content / "releases/2024/03/uji.md").write_text(GOOD, encoding="utf-8")
    first = build(content, tmp_path / "out")
    assert first.returncode == 0, first.log
    return content, tmp_path / "out", snapshot(tmp_path / "out")


def _rebuild_fails(content: Path, out: Path, before: dict) -> str:
    result = build(content, out)
    assert result.returncode != 0, result.log
    assert "Traceback" not in result.log
    assert snapshot(out) == before, "the previously built site changed"
    return result.log


CASES = {
    # name: (file to write, text, expected "file:line: field:" fragment, expected cure fragment)
    "unknown agency": (
        "releases/2024/03/uji.md",
        GOOD.replace("[dinkes-contoh]", "[dinkes-kontoh]"),
        "releases/2024/03/uji.md:5: agencies[1]:",
        "maksudnya 'dinkes-contoh'",
    ),
    "unknown theme": (
        "releases/2024/03/uji.md",
        GOOD.replace("[kesehatan]", "[kesehatan, olahraga]"),
        "releases/2024/03/uji.md:6: themes[2]:",
        "tidak ada di data/themes.yml",
    ),
    "missing title": (
        "releases/2024/03/uji.md",
        GOOD.replace("title: Rilis Uji Validasi\n", ""),
        "releases/2024/03/uji.md:1: title:",
        "wajib diisi",
    ),
    "missing agencies": (
        "releases/2024/03/uji.md",
        GOOD.replace("agencies: [dinkes-contoh]\n", ""),
        "releases/2024/03/uji.md:1: agencies:",
        "wajib diisi",
    ),
    "bad date": (
        "releases/2024/03/uji.md",
        GOOD.replace("2024-03-05 10:00", "2024-13-05 10:00"),
        "releases/2024/03/uji.md:3: date:",
        "gunakan YYYY-MM-DD HH:MM",
    ),
    "bad type": (
        "releases/2024/03/uji.md",
        GOOD.replace("type: berita", "type: opini"),
        "releases/2024/03/uji.md:4: type:",
        "pilihan: siaran-pers, berita, klarifikasi, pengumuman",
    ),
    "image without alt": (
        "releases/2024/03/uji.md",
        GOOD.replace("themes: [kesehatan]\n", "themes: [kesehatan]\nimage: foto/imunisasi.png\n"),
        "releases/2024/03/uji.md:7: image_alt:",  # the line of image, which wants it
        "wajib diisi bila ada image",
    ),
    "missing image file": (
        "releases/2024/03/uji.md",
        GOOD.replace("themes: [kesehatan]\n", "themes: [kesehatan]\nimage: foto/tidak-ada.jpg\nimage_alt: Foto.\n"),
        "releases/2024/03/uji.md:7: image:",
        "tidak ditemukan",
    ),
    "summary too long": (
        "releases/2024/03/uji.md",
        GOOD.replace("themes: [kesehatan]\n", "themes: [kesehatan]\nsummary: " + "kata " * 70 + "\n"),
        "releases/2024/03/uji.md:7: summary:",
        "paling banyak 300",
    ),
    "claim outside klarifikasi": (
        "releases/2024/03/uji.md",
        GOOD.replace("themes: [kesehatan]\n", "themes: [kesehatan]\nclaim: {text: a, source: b, rating: salah}\n"),
        "releases/2024/03/uji.md:7: claim:",
        "hanya untuk type: klarifikasi",
    ),
    "bad claim rating": (
        "releases/2024/01/hoaks.md",
        (Path(__file__).parent / "fixtures/basic/releases/2024/01/hoaks.md")
        .read_text()
        .replace("rating: salah", "rating: bohong"),
        "releases/2024/01/hoaks.md:7: claim:",
        "pilihan: salah, menyesatkan, benar",
    ),
    "unknown session": (
        "releases/2024/03/uji.md",
        GOOD.replace("themes: [kesehatan]\n", "themes: [kesehatan]\nsession: sapa-contoh/2024-03-06\n"),
        "releases/2024/03/uji.md:7: session:",
        "tidak ditemukan di sessions/",
    ),
    "invalid front matter yaml": (
        "releases/2024/03/uji.md",
        GOOD.replace("themes: [kesehatan]", "themes: [kesehatan"),
        "releases/2024/03/uji.md:6: themes:",
        "kurung siku [ di karakter ke-9 dibuka tetapi tidak ditutup; tambahkan ]",
    ),
    "no front matter": (
        "releases/2024/03/uji.md",
        "Hanya isi tanpa front matter.\n",
        "releases/2024/03/uji.md:1: front matter:",
        "diawali baris '---'",
    ),
    "duplicate url": (
        "releases/2024/03/kembar.md",
        GOOD.replace("2024-03-05 10:00", "2024-03-20 10:00"),
        "releases/2024/03/",
        "juga dipakai oleh releases/2024/03/",
    ),
    "bad youtube id": (
        "sessions/sapa-contoh/2024-01-17.md",
        (Path(__file__).parent / "fixtures/basic/sessions/sapa-contoh/2024-01-17.md")
        .read_text()
        .replace("themes: [infrastruktur]\n", "themes: [infrastruktur]\nyoutube: https://vimeo.com/12345\n"),
        "sessions/sapa-contoh/2024-01-17.md:7: youtube:",
        "bukan id atau tautan YouTube",
    ),
    "unknown series": (
        "sessions/sapa-contoh/2024-01-17.md",
        (Path(__file__).parent / "fixtures/basic/sessions/sapa-contoh/2024-01-17.md")
        .read_text()
        .replace("series: sapa-contoh", "series: sapa-lain"),
        "sessions/sapa-contoh/2024-01-17.md:3: series:",
        "tidak ada di data/series.yml",
    ),
    "invalid data file": (
        "data/themes.yml",
        "- slug: kesehatan\n  name: [Kesehatan\n",
        "data/themes.yml:2: name:",
        "kurung siku [ di karakter ke-9 dibuka tetapi tidak ditutup",
    ),
    "data file unknown government": (
        "data/agencies.yml",
        (Path(__file__).parent / "fixtures/basic/data/agencies.yml")
        .read_text()
        .replace("government: kabupaten-contoh", "government: kabupaten-lain"),
        "data/agencies.yml:13: government:",
        "tidak ada di data/governments.yml",
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_input_stops_the_build(name, built):
    content, out, before = built
    rel, text, where, cure = CASES[name]
    (content / rel).write_text(text, encoding="utf-8")
    log = _rebuild_fails(content, out, before)
    assert where in log, log
    assert cure in log, log


def test_duplicate_url_names_both_files(built):
    content, out, before = built
    (content / "releases/2024/03/kembar.md").write_text(GOOD.replace("10:00", "15:00"), encoding="utf-8")
    log = _rebuild_fails(content, out, before)
    assert "releases/2024/03/kembar.md" in log and "releases/2024/03/uji.md" in log
    assert "/berita/2024/03/rilis-uji-validasi/" in log


def test_every_problem_of_a_run_is_reported_together(built):
    content, out, before = built
    (content / "releases/2024/03/uji.md").write_text(GOOD.replace("type: berita", "type: opini"), encoding="utf-8")
    (content / "releases/2024/03/dua.md").write_text(
        GOOD.replace("Rilis Uji Validasi", "Rilis Kedua").replace("2024-03-05", "2024-03-32"), encoding="utf-8"
    )
    log = _rebuild_fails(content, out, before)
    assert "releases/2024/03/uji.md:4: type:" in log
    assert "releases/2024/03/dua.md:3: date:" in log
    assert "2 masalah ditemukan" in log


def test_check_task_reports_without_writing(built, tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    content, out, before = built
    (content / "releases/2024/03/uji.md").write_text(GOOD.replace("type: berita", "type: opini"), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--content", str(content)], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert "releases/2024/03/uji.md:4: type:" in proc.stderr
    assert snapshot(out) == before


def test_unknown_field_is_a_warning_with_a_suggestion(built):
    content, out, _ = built
    (content / "releases/2024/03/uji.md").write_text(
        GOOD.replace("themes: [kesehatan]\n", "themes: [kesehatan]\nsumary: Ringkasan.\n"), encoding="utf-8"
    )
    result = build(content, out)
    assert result.returncode == 0, result.log
    assert "maksudnya 'summary'" in " ".join(result.log.split())


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ('WARTA_LISTINGS={"per_page": 0}', "WARTA_LISTINGS: per_page harus bilangan bulat positif, bukan 0"),
        ('WARTA_FEEDS={"items": "50"}', "WARTA_FEEDS: items harus bilangan bulat positif, bukan '50'"),
        ('WARTA_CONTENT={"related_count": -1}', "WARTA_CONTENT: related_count harus bilangan bulat positif"),
    ],
)
def test_bad_setting_stops_the_build(override, message, built):
    content, out, before = built
    result = build(content, out, "--log-handler", "plain", "-e", override)
    assert result.returncode != 0
    assert message in " ".join(result.log.split())
    assert snapshot(out) == before


def test_unknown_setting_is_a_warning(built):
    content, out, _ = built
    result = build(content, out, "--log-handler", "plain", "-e", 'WARTA_PAGES={"home_release": 5}')
    assert result.returncode == 0, result.log
    assert "WARTA_PAGES: kunci 'home_release' tidak dikenal" in " ".join(result.log.split())
