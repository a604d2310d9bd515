"""The validation policy: an error stops the build only when a page would be wrong or missing;
what is merely implausible is a warning that names file, line and field and never stops it; and
nothing under content/ is passed over in silence."""

from __future__ import annotations

import re

import feedparser
import pytest
from conftest import build, snapshot

SESSION = "sessions/sapa-contoh/2024-01-10.md"
RELEASE = "releases/2024/01/pembangunan.md"


def _edit(content, rel: str, old: str, new: str) -> None:
    path = content / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{rel} no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _write(content, rel: str, data: bytes | str) -> None:
    path = content / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


# Each: an edit an editor might make that is plausible or harmless to readers, and the warning's place.
WARNINGS = {
    "a chapter after the scheduled end": (
        lambda c: _edit(c, SESSION, '"40:00"', '"1:02:03"'),
        f"{SESSION}:17: chapters[3]: at '1:02:03' lewat dari jadwal sesi",
    ),
    "a session longer than a day": (
        lambda c: _edit(c, SESSION, "topic:", "end: 2024-01-12 09:00\ntopic:"),
        f"{SESSION}:5: end: lebih dari 24 jam",
    ),
    "an unknown field": (
        lambda c: _edit(c, RELEASE, "\ntype:", "\nringkasan: x\ntype:"),
        f"{RELEASE}:4: ringkasan: kolom tidak dikenal",
    ),
    "chapters without a recording": (
        lambda c: _edit(c, SESSION, "youtube: https://youtu.be/AbCdEfGhIj0?si=xyz\n", ""),
        f"{SESSION}:11: chapters: belum ada kolom youtube",
    ),
    "HTML the body may not hold": (
        lambda c: _edit(c, RELEASE, "\n---\n", "\n---\n\n<iframe src='https://x.example/'></iframe>\n"),
        f"{RELEASE}:",  # the body's line; the field and the cure follow
    ),
    "a script in an SVG under media/": (
        lambda c: _write(
            c, "media/foto/peta.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'
        ),
        "media/foto/peta.svg: berkas: berisi script",
    ),
    "a Word file among the releases": (
        lambda c: _write(c, "releases/2024/01/bahan.docx", b"PK\x03\x04"),
        "releases/2024/01/bahan.docx: berkas: tidak dibaca: Warta tidak membaca berkas Word",
    ),
    "a photo outside media/": (
        lambda c: _write(c, "pages/foto.jpg", b"\xff\xd8\xff"),
        "pages/foto.jpg: berkas: tidak dibaca: gambar dan lampiran disimpan di media/",
    ),
    "a text file without front matter": (
        lambda c: _write(c, "releases/catatan.txt", "ide rilis minggu depan\n"),
        "releases/catatan.txt: berkas: tidak dibaca",
    ),
    "a folder Warta does not read": (
        lambda c: _write(c, "Rilis/baru.md", "---\ntitle: x\n---\n"),
        "Rilis/: berkas: tidak dibaca: Warta hanya membaca folder releases/",
    ),
    "a removal notice for a file never published": (
        lambda c: _write(
            c,
            "releases/2024/01/tak-pernah-terbit.md",
            "---\nstatus: removed\nremoved: {date: 2024-01-20, reason: Memuat data pribadi.}\n---\n",
        ),
        "releases/2024/01/tak-pernah-terbit.md: status: removed, tetapi riwayat terbit tidak mencatat berkas ini",
    ),
    "a data file Warta does not read": (
        lambda c: _write(c, "data/Agencies.yaml", "- slug: x\n"),
        "data/Agencies.yaml: berkas: tidak dibaca; ubah namanya menjadi agencies.yml",
    ),
}


@pytest.mark.parametrize("name", WARNINGS)
def test_what_is_merely_implausible_warns_and_the_site_is_built(name, fixture_copy, tmp_path):
    content = fixture_copy("basic")
    edit, expected = WARNINGS[name]
    edit(content)
    result = build(content, tmp_path / "out")
    log = " ".join(result.log.split())
    assert result.returncode == 0, result.log
    assert expected in log, result.log
    assert re.search(r"Warta: \d+ peringatan \(situs tetap dibangun", log), result.log
    assert re.search(r"Warta: selesai dalam [\d,]+ detik: 5 rilis terbit .* [1-9]\d* peringatan", log), result.log
    assert (tmp_path / "out" / "index.html").is_file()


def test_a_clean_build_says_what_it_published_in_warta_s_own_words(basic_site):
    log = " ".join(basic_site.log.split())
    assert "Done: Processed" not in log  # Pelican counts its own articles: always 0 here
    summary = re.search(r"Warta: selesai dalam [\d,]+ detik: (.*)", log)
    assert summary, log
    assert summary[1].startswith("5 rilis terbit (2 draf/embargo ditahan), 3 sesi, 1 halaman, tanpa peringatan.")


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("Rilis-Baru.MD", "berita/2024/01/rilis-dari-windows/"),
        ("rilis-baru.markdown", "berita/2024/01/rilis-dari-windows/"),
        ("rilis-baru.Markdown", "berita/2024/01/rilis-dari-windows/"),
    ],
)
def test_markdown_is_read_whatever_the_case_of_its_suffix(name, url, fixture_copy, tmp_path):
    content = fixture_copy("basic")
    text = (content / RELEASE).read_text(encoding="utf-8")
    text = text.replace("title: Pembangunan Drainase di Tiga Kecamatan", "title: Rilis dari Windows")
    # As Notepad saves it: a byte-order mark and CRLF line ends.
    _write(content, f"releases/2024/01/{name}", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.log
    assert "Rilis dari Windows" in (tmp_path / "out" / url / "index.html").read_text(encoding="utf-8")
    assert "6 rilis terbit" in result.log


@pytest.mark.parametrize(
    ("name", "cure"),
    [
        ("rilis-baru.md.txt", "ubah namanya menjadi rilis-baru.md"),
        ("rilis-baru.MD.TXT", "ubah namanya menjadi rilis-baru.md"),
        ("rilis-baru.txt", "ubah namanya menjadi rilis-baru.md"),  # it opens with front matter
        ("rilis-baru", "ubah namanya menjadi rilis-baru.md"),
    ],
)
def test_a_release_saved_under_a_name_warta_does_not_read_stops_the_build(name, cure, fixture_copy, tmp_path):
    content = fixture_copy("basic")
    first = build(content, tmp_path / "out")
    before = snapshot(tmp_path / "out")
    _write(content, f"releases/2024/01/{name}", (content / RELEASE).read_text(encoding="utf-8"))
    result = build(content, tmp_path / "out")
    assert first.returncode == 0 and result.returncode == 1, result.log
    assert f"releases/2024/01/{name}: berkas: tidak dibaca" in " ".join(result.log.split())
    assert cure in result.log
    assert snapshot(tmp_path / "out") == before


def test_files_programs_leave_beside_documents_are_skipped(fixture_copy, tmp_path):
    content = fixture_copy("basic")
    for name in (".DS_Store", "~$bahan.docx", "pembangunan.md~", ".pembangunan.md.swp", "Thumbs.db"):
        _write(content, f"releases/2024/01/{name}", b"x")
    result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.log
    assert "tanpa peringatan" in result.log


def test_a_release_with_an_empty_body_stops_the_build(fixture_copy, tmp_path):
    content = fixture_copy("basic")
    text = (content / RELEASE).read_text(encoding="utf-8")
    front = text[: text.index("\n---\n") + 5]
    (content / RELEASE).write_text(front + "\n  \n", encoding="utf-8")
    result = build(content, tmp_path / "out")
    assert result.returncode == 1
    line = front.count("\n") + 1
    assert f"{RELEASE}:{line}: isi: kosong" in " ".join(result.log.split())
    # A draft may wait for its text.
    (content / RELEASE).write_text(front.replace("\ntype:", "\nstatus: draft\ntype:") + "\n", encoding="utf-8")
    assert build(content, tmp_path / "out").returncode == 0


def test_a_date_without_a_time_shows_no_midnight(fixture_copy, tmp_path):
    content = fixture_copy("basic")
    _edit(content, RELEASE, "date: 2024-01-25 10:00", "date: 2024-01-25")
    result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.log
    out = tmp_path / "out"
    page = (out / "berita/2024/01/pembangunan-drainase-di-tiga-kecamatan/index.html").read_text(encoding="utf-8")
    assert "Kamis, 25 Januari 2024</time>" in page
    for rel in (
        "berita/2024/01/pembangunan-drainase-di-tiga-kecamatan/index.html",
        "index.html",
        "arsip/2024/01/index.html",
    ):
        assert "25 Januari 2024, 00.00" not in (out / rel).read_text(encoding="utf-8"), rel
    entry = next(e for e in feedparser.parse(str(out / "atom.xml")).entries if "drainase" in e.link)
    assert "00.00 WIB" not in entry.content[0].value
    assert entry.published.startswith("2024-01-25T00:00:00+07:00")  # feeds still need an instant
