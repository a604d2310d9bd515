"""Every YAML mistake a Humas editor makes is reported in Indonesian, on the line of the mistake,
with the field and the cure; a broken data file is reported once, not in every release.

Most cases load a copy of tests/fixtures/basic in-process (load_archive); two go through the CLI.
"""

from __future__ import annotations

import re
import sys
from datetime import datetime
from pathlib import Path

import pytest
from conftest import ROOT, build

sys.path.insert(0, str(ROOT / "plugins"))
from warta_content.archive import load_archive
from warta_content.errors import Problem, Problems, ValidationFailed
from warta_content.fields import WIB
from warta_content.frontmatter import FrontMatterError, load_yaml_file, split
from warta_content.settings import ContentSettings
from warta_content.vocabulary import load_vocabulary

SETTINGS = ContentSettings(build_time=datetime(2026, 11, 22, 12, tzinfo=WIB), cache=False)
RELEASE = "releases/2024/03/uji.md"
GOOD = """---
title: Rilis Uji Pesan
date: 2024-03-05 10:00
type: berita
agencies: [dinkes-contoh]
themes: [kesehatan]
---

Isi rilis uji.
"""
# PyYAML's own words: none may reach an editor.
ENGLISH = re.compile(
    r"while (scanning|parsing)|mapping (values|keys)|could not find|expected|found (character|unexpected)"
    r"|not allowed|end of stream|block end|\bfound\b|did not find|simple key|token|scalar|undefined|alias|unknown"
    r"|escape|handle|indentation|document",
    re.IGNORECASE,
)


def problems_of(content: Path) -> list[Problem]:
    try:
        load_archive(content, SETTINGS)
    except ValidationFailed as failed:
        return failed.problems
    return []


def only_problem(content: Path) -> Problem:
    """The one problem of the whole content folder (a second one would be a knock-on or a wrong line)."""
    found = problems_of(content)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def assert_for_editor(problem: Problem, path: str, line: int, field: str, cure: str) -> None:
    assert (problem.path, problem.line, problem.field) == (path, line, field), str(problem)
    assert cure in problem.message, str(problem)
    assert not ENGLISH.search(problem.message), str(problem)


@pytest.fixture
def basic(fixture_copy):
    return fixture_copy("basic")


def write(content: Path, rel: str, text: str) -> None:
    (content / rel).parent.mkdir(parents=True, exist_ok=True)
    (content / rel).write_text(text, encoding="utf-8")


def edit(content: Path, rel: str, old: str, new: str) -> None:
    text = (content / rel).read_text(encoding="utf-8")
    assert old in text, (rel, old)
    write(content, rel, text.replace(old, new, 1))


# --- front matter: (old, new) in GOOD, then the line, field and cure expected -----------------------

T, A, TH = "title: Rilis Uji Pesan", "agencies: [dinkes-contoh]", "themes: [kesehatan]"
FRONT_MATTER = {
    # 1. ': ' inside an unquoted value
    "colon in value": (T, "title: Wali Kota: Kita Siap", 2, "title", 'title: "Wali Kota: Kita Siap"'),
    "colon in a record": (
        TH,
        TH + "\nattachments:\n  - file: dokumen/jadwal.pdf\n    title: Jadwal: Vaksinasi",
        9,
        "attachments",
        'title: "Jadwal: Vaksinasi"',
    ),
    # 2. curly quotes
    "curly quotes with a colon": (T, "title: “Wali Kota: Kita Siap”", 2, "title", 'title: "Wali Kota: Kita Siap"'),
    "curly quotes around a value": (T, "title: “Kita Siap”", 2, "title", "tanda kutip miring"),
    "curly quotes around a slug": (A, "agencies: [“dinkes-contoh”]", 5, "agencies[1]", "tulis dinkes-contoh"),
    # 3. a tab in the indentation
    "tab in the indentation": (A, "agencies:\n\t- dinkes-contoh", 6, "agencies", "ganti tab dengan spasi"),
    "tab in a nested mapping": (TH, TH + "\nclaim:\n  text: a\n\tsource: b", 9, "claim", "ganti tab dengan spasi"),
    # 4. an unclosed quote: the line where it opens, not where YAML gave up
    "unclosed double quote": (T, 'title: "Wali Kota siap', 2, "title", 'tambahkan " di akhir'),
    "unclosed single quote": (T, "title: 'Wali Kota siap", 2, "title", "tambahkan ' di akhir"),
    "quote closed only lines later": (
        T,
        'title: "Wali Kota siap\nsummary: "Ringkas"',
        2,
        "title",
        'tambahkan " di akhir',
    ),
    "apostrophe inside single quotes": (T, "title: 'Jum'at Bersih'", 2, "title", 'title: "Jum\'at Bersih"'),
    "text after the closing quote": (T, 'title: "Siap" kata Wali Kota', 2, "title", "title: '\"Siap\" kata Wali Kota'"),
    # 5. an unclosed bracket: the line where it opens
    "unclosed bracket": (A, "agencies: [dinkes-contoh", 5, "agencies", "tambahkan ] di akhir daftar"),
    "unclosed bracket on the last line": (TH, "themes: [kesehatan", 6, "themes", "tambahkan ] di akhir daftar"),
    "unclosed brace": (TH, TH + "\nclaim: {text: a, source: b\nlocation: Bekasi", 7, "claim", "tambahkan }"),
    # 6. invisible characters where they change the meaning
    "no-break space in a key": (T, "title\u00a0: Rilis Uji Pesan", 2, "title", "spasi tak-putus U+00A0"),
    "zero-width space in a key": (T, "title\u200b: Rilis Uji Pesan", 2, "title", "spasi lebar-nol U+200B"),
    "word joiner in a key": (T, "title\u2060: Rilis Uji Pesan", 2, "title", "penyambung kata U+2060"),
    "no-break space after the colon": (T, "title:\u00a0Rilis Uji Pesan", 2, "title", "spasi tak-putus U+00A0"),
    "no-break space in the indentation": (
        A,
        "agencies:\n\u00a0\u00a0- dinkes-contoh",
        6,
        "agencies",
        "indentasi baris ini memuat spasi tak-putus U+00A0 di karakter ke-1",
    ),
    "no-break space inside a slug": (A, "agencies: [dinkes\u00a0contoh]", 5, "agencies[1]", "U+00A0 di karakter ke-7"),
    "zero-width joiner inside a slug": (A, "agencies: [dinkes\u200d-contoh]", 5, "agencies[1]", "U+200D"),
    # 7. a value cut short by ' #'
    "value cut by a comment": (
        T,
        "title: Vaksinasi #AyoVaksin di Puskesmas",
        2,
        "title",
        'title: "Vaksinasi #AyoVaksin di Puskesmas"',
    ),
    "value emptied by a hashtag": (T, "title: #AyoVaksin", 2, "title", 'title: "#AyoVaksin"'),
    "record value cut by a comment": (
        TH,
        TH + "\nupdated: 2024-03-06 10:00\nchanges:\n  - date: 2024-03-06 10:00\n    note: Revisi #2",
        10,
        "changes",
        'note: "Revisi #2"',
    ),
    "value cut by a tag": (T, "title: !Penting Vaksinasi", 2, "title", 'title: "!Penting Vaksinasi"'),
    "value cut by an anchor": (T, "title: &Co Rapat", 2, "title", 'title: "&Co Rapat"'),
    # 8. a list written without brackets
    "agencies without brackets": (
        A,
        "agencies: dinkes-contoh, pupr-contoh",
        5,
        "agencies",
        "agencies: [dinkes-contoh, pupr-contoh]",
    ),
    "themes without brackets or commas": (
        TH,
        "themes: kesehatan infrastruktur",
        6,
        "themes",
        "themes: [kesehatan, infrastruktur]",
    ),
    "list item without a comma": (
        TH,
        "themes: [kesehatan infrastruktur]",
        6,
        "themes[1]",
        "[kesehatan, infrastruktur]",
    ),
    # 12. the rest of PyYAML's problems
    "list dash after the key": (A, "agencies: - dinkes-contoh", 5, "agencies", "agencies: [dinkes-contoh]"),
    "value starting with @": (T, "title: @pemkot siap", 2, "title", 'title: "@pemkot siap"'),
    "value starting with *": (T, "title: *Penting* rapat", 2, "title", 'title: "*Penting* rapat"'),
    "value starting with |": (T, "title: | Rapat", 2, "title", 'title: "| Rapat"'),
    "no space after the colon": (
        T,
        "title:Rilis",
        2,
        "title",
        "tambahkan spasi setelah titik dua: title: Rilis",
    ),
    "line without a colon": (T, T + "\nlanjutan judul", 3, "title", "tambahkan titik dua"),
    "line indented as if continuing": (
        "date: 2024-03-05 10:00",
        "date: 2024-03-05 10:00\n  location: Bekasi",
        4,
        "date",
        "samakan indentasinya",
    ),
    "nested keys not lined up": (TH, TH + "\nclaim:\n  text: a\n source: b", 9, "claim", "jumlah spasi yang sama"),
    "backslash in double quotes": (T, 'title: "C:\\Data\\Umum"', 2, "title", "tulis \\\\ untuk satu garis miring"),
    "text after the bracket": (A, "agencies: [dinkes-contoh] dan pupr", 5, "agencies", "setelah kurung penutup"),
    "wrong closing bracket": (A, "agencies: [dinkes-contoh}", 5, "agencies", "tutup dengan ]"),
    "key written twice": (TH, TH + "\ntitle: Judul Lain", 7, "title", "ditulis dua kali (juga di baris 2)"),
    "nested key written twice": (TH, TH + "\nclaim:\n  text: a\n  text: b", 9, "claim", "'text' ditulis dua kali"),
    "anything else": (T, "%YAML 1.1\n" + T, 3, "title", "YAML tidak valid di baris 3"),
}


@pytest.mark.parametrize("name", FRONT_MATTER)
def test_front_matter_problem(name, basic):
    old, new, line, field, cure = FRONT_MATTER[name]
    write(basic, RELEASE, GOOD.replace(old, new, 1))
    assert_for_editor(only_problem(basic), RELEASE, line, field, cure)


FINE = {
    # comments that cut nothing: a whole line (as the scaffold writes), after a quoted value, after a list
    "scaffold comments": (T, T + "\n# number: 001/HUMAS/III/2024\n# location: Nama kota"),
    "comment after a quoted value": (T, 'title: "Vaksinasi #AyoVaksin" # tagar resmi'),
    "comment after a flow list": (A, "agencies: [dinkes-contoh] # Dinkes"),
    "comment after a list item": (A, "agencies:\n  - dinkes-contoh # Dinkes"),
    "hash without a space": (T, "title: Vaksinasi#2 di Puskesmas"),
    "curly quotes inside a quoted value": (T, "title: '“Kami Siap,” Kata Wali Kota'"),
    "curly quotes inside a plain value": (T, "title: Wali Kota “Kami Siap”"),
    "doubled apostrophe": (T, "title: 'Jum''at Bersih'"),
    "no-break space inside a title": (T, "title: Rilis\u00a0Uji Pesan"),
    "no-break space after a slug": (A, "agencies: [dinkes-contoh\u00a0]"),
    "zero-width space after a date": ("date: 2024-03-05 10:00", "date: 2024-03-05 10:00\u200b"),
    "one slug without brackets": (A, "agencies: dinkes-contoh"),
}


@pytest.mark.parametrize("name", FINE)
def test_what_means_what_it_shows_is_fine(name, basic):
    old, new = FINE[name]
    write(basic, RELEASE, GOOD.replace(old, new, 1))
    archive = load_archive(basic, SETTINGS)
    release = next(r for r in archive.releases if r.source == RELEASE)
    assert [a.slug for a in release.agencies] == ["dinkes-contoh"]
    assert "\u00a0" not in release.title and "\u200b" not in release.title


def test_comment_after_a_quoted_value_keeps_the_whole_value(basic):
    write(basic, RELEASE, GOOD.replace(T, 'title: "Vaksinasi #AyoVaksin" # tagar'))
    release = next(r for r in load_archive(basic, SETTINGS).releases if r.source == RELEASE)
    assert release.title == "Vaksinasi #AyoVaksin"


# --- data files: (file, old, new) then the line, field and cure --------------------------------------

AGENCIES, SERIES, THEMES = "data/agencies.yml", "data/series.yml", "data/themes.yml"
DATA = {
    "colon in a name": (
        THEMES,
        "  name: Infrastruktur",
        "  name: Infrastruktur: Jalan",
        5,
        "name",
        '"Infrastruktur: Jalan"',
    ),
    "curly quotes in a name": (THEMES, "  name: Infrastruktur", "  name: “Jalan: Jembatan”", 5, "name", "kutip miring"),
    "tab in the indentation": (
        THEMES,
        "  name: Infrastruktur",
        "\tname: Infrastruktur",
        5,
        "name",
        "ganti tab dengan spasi",
    ),
    "unclosed quote": (THEMES, "  name: Infrastruktur", '  name: "Infrastruktur', 5, "name", 'tambahkan " di akhir'),
    "unclosed bracket": (SERIES, "platforms: [zoom, youtube]", "platforms: [zoom, youtube", 6, "platforms", "]"),
    "no-break space in a key": (THEMES, "  name: Infrastruktur", "  name\u00a0: Infrastruktur", 5, "name", "U+00A0"),
    "zero-width space in a slug": (THEMES, "slug: infrastruktur", "slug: infra\u200bstruktur", 4, "slug", "U+200B"),
    "value cut by a comment": (
        THEMES,
        "  name: Infrastruktur",
        "  name: Infrastruktur #1",
        5,
        "name",
        '"Infrastruktur #1"',
    ),
    "platforms without brackets": (
        SERIES,
        "platforms: [zoom, youtube]",
        "platforms: zoom, youtube",
        6,
        "platforms",
        "platforms: [zoom, youtube]",
    ),
    "key written twice": (
        THEMES,
        "  name: Infrastruktur",
        "  name: Infrastruktur\n  name: Jalan",
        6,
        "name",
        "(juga di baris 5)",
    ),
    "second document": (THEMES, "- slug: infrastruktur", "---\n- slug: infrastruktur", 4, "berkas", "hapus baris itu"),
    # 10. the line of the key concerned, not of the entry
    "bad weekday": (
        SERIES,
        '  schedule: {weekday: rabu, start: "20:00", end: "21:00"}',
        "  schedule:\n    weekday: rabo\n    start: '20:00'\n    end: '21:00'",
        6,
        "schedule.weekday",
        "mis. rabu atau wednesday",
    ),
    "unknown government": (
        AGENCIES,
        "government: kabupaten-contoh",
        "government: kabupaten-lain",
        13,
        "government",
        "tidak ada di data/governments.yml",
    ),
    "unknown host": (
        SERIES,
        "host: diskominfo-contoh",
        "host: diskominfo",
        3,
        "host",
        "tidak ada di data/agencies.yml",
    ),
    "unknown key": (
        THEMES,
        "  name: Infrastruktur",
        "  name: Infrastruktur\n  nama: Jalan",
        6,
        "nama",
        "kolom tidak dikenal",
    ),
    "bad website": (AGENCIES, "  short: PUPR", "  short: PUPR\n  website: pupr.example", 13, "website", "https://"),
    "bad slug": (THEMES, "slug: literasi-digital", "slug: Literasi Digital", 6, "slug", "'literasi-digital'"),
    "missing field": (THEMES, "  name: Infrastruktur\n", "", 4, "name", "wajib diisi"),
    "not a list": (THEMES, None, "# tema\n\nslug: kesehatan\nname: Kesehatan\n", 3, "berkas", "diawali '- '"),
}


@pytest.mark.parametrize("name", DATA)
def test_data_file_problem(name, basic):
    rel, old, new, line, field, cure = DATA[name]
    if old is None:
        write(basic, rel, new)
    else:
        edit(basic, rel, old, new)
    assert_for_editor(only_problem(basic), rel, line, field, cure)


# --- 9. a missing or broken data file is one message -------------------------------------------------


@pytest.mark.parametrize("name", ["governments.yml", "agencies.yml", "themes.yml", "series.yml"])
def test_a_missing_data_file_is_one_problem(name, basic):
    (basic / "data" / name).unlink()
    problem = only_problem(basic)
    assert (problem.path, problem.field) == (f"data/{name}", "berkas"), str(problem)
    assert "tidak ditemukan" in problem.message


@pytest.mark.parametrize("name", ["governments.yml", "agencies.yml", "themes.yml", "series.yml"])
def test_a_broken_data_file_is_one_problem(name, basic):
    text = (basic / "data" / name).read_text(encoding="utf-8")
    write(basic, f"data/{name}", text.replace("- slug: ", "- slug: [", 1))
    problem = only_problem(basic)
    assert (problem.path, problem.line) == (f"data/{name}", 1), str(problem)
    assert "kurung siku [" in problem.message and not ENGLISH.search(problem.message)


@pytest.mark.parametrize(
    ("rel", "old", "new", "line"),
    [
        (AGENCIES, "  short: Dinkes\n", "", 1),  # every release and session of dinkes-contoh names it
        (AGENCIES, "slug: dinkes-contoh", "slug: dinkes\u00a0contoh", 1),
        (SERIES, "host: diskominfo-contoh", "host: diskominfo", 3),  # every session of the series
        (SERIES, "weekday: rabu", "weekday: rabo", 5),  # sessions without a time take it from the schedule
        ("data/governments.yml", "  short: Pemkot Contoh\n", "", 1),  # the agencies of that government
    ],
)
def test_a_refused_entry_is_one_problem(rel, old, new, line, basic):
    edit(basic, rel, old, new)
    problem = only_problem(basic)
    assert (problem.path, problem.line) == (rel, line), str(problem)


def test_a_wrong_slug_is_still_reported_beside_a_refused_entry(basic):
    edit(basic, AGENCIES, "  short: PUPR\n", "")
    write(basic, RELEASE, GOOD.replace("dinkes-contoh", "dinkes-kontoh"))
    found = [str(p) for p in problems_of(basic)]
    assert len(found) == 2, found
    assert f"{RELEASE}:5: agencies[1]: 'dinkes-kontoh' tidak ada di data/agencies.yml" in found[1]


# --- 11. day names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "number"),
    [("rabu", 2), ("Rabu", 2), ("RABU", 2), ("wednesday", 2), ("Wednesday", 2), ("Jum'at", 4), ("jumat", 4),
     ("Jum’at", 4), ("friday", 4), ("Ahad", 6), ("minggu", 6), ("Sunday", 6), ("senin", 0)],
)  # fmt: skip
def test_weekday_in_indonesian_or_english(day, number, basic):
    edit(basic, SERIES, "weekday: rabu", f'weekday: "{day}"')
    problems = Problems()
    vocab = load_vocabulary(basic, problems)
    assert not problems, problems.items
    assert vocab.series["sapa-contoh"].schedule.weekday == number


# --- 10. load_yaml_file gives the line of every key ---------------------------------------------------


def test_load_yaml_file_gives_key_lines():
    text = "# tema\n- slug: a\n  schedule:\n    weekday: rabu\n    start: '20:00'\n- {slug: b, name: B}\n"
    value, lines = load_yaml_file(text)
    assert value[0]["schedule"]["weekday"] == "rabu"
    assert lines == [
        {"": 2, "slug": 2, "schedule": 3, "schedule.weekday": 4, "schedule.start": 5},
        {"": 6, "slug": 6, "name": 6},
    ]


# --- 12. no English parser text, whatever the mistake ---------------------------------------------------

BROKEN = [
    "title: a: b", "title: 'a", 'title: "a', "a: [b", "a: {b", "a: [b}", "a: [b] c", "\tb: c", "a:\n\tb: c",
    "a: - b", "a: @b", "a: `b`", "a: %b", "a: *b", "a: *b*", "a: & b", "a: | b", "a: > b", "a: ? b", "a b\nc: d",
    "a:b\nc: d", "a: b\n  c: d", "a:\n  b: c\n d: e", "a:\n  b: c\n    d: e", "a: b\n- c", ": a", "a: 'b'c", 'a: "b" c',
    'a: "\\q"', 'a: "\\x4"', "a: !<x y", "a: !x!y z", "%YAML 1.1\na: b", "%FOO\na: b", "a: b\n---\nc: d",
    "a: [b: c: d]", "[a, b]: c\nd: [", "a: {b: [c}", "[a, b]: c", "? [a]\n: b", "a: b\n\u00a0c: d", "a:\n  - b\n - c",
]  # fmt: skip


@pytest.mark.parametrize("text", [t for t in BROKEN if "---" not in t])  # '---' ends front matter
def test_no_english_parser_text(text):
    with pytest.raises(FrontMatterError) as raised:
        split(f"---\n{text}\n---\n")
    error = raised.value
    assert not ENGLISH.search(str(error)), str(error)
    assert error.line is not None and 2 <= error.line <= text.count("\n") + 2, (error.line, str(error))


@pytest.mark.parametrize("text", BROKEN)
def test_no_english_parser_text_in_data_files(text):
    with pytest.raises(FrontMatterError) as raised:
        load_yaml_file(text + "\n")
    error = raised.value
    assert not ENGLISH.search(str(error)), str(error)
    assert error.line is not None and 1 <= error.line <= text.count("\n") + 1, (error.line, str(error))


# --- through the real CLI ----------------------------------------------------------------------------


def test_cli_reports_a_cut_value_on_its_line(basic, tmp_path):
    write(basic, RELEASE, GOOD.replace(T, "title: Vaksinasi #AyoVaksin di Puskesmas"))
    result = build(basic, tmp_path / "out")
    assert result.returncode == 1, result.log
    log = " ".join(result.log.split())
    assert f"{RELEASE}:2: title: nilai terpotong" in log, log
    assert 'title: "Vaksinasi #AyoVaksin di Puskesmas"' in log, log
    assert "1 masalah ditemukan" in log


def test_cli_reports_a_deleted_data_file_once(basic, tmp_path):
    (basic / "data/agencies.yml").unlink()
    result = build(basic, tmp_path / "out")
    assert result.returncode == 1, result.log
    log = " ".join(result.log.split())
    assert "data/agencies.yml: berkas: tidak ditemukan" in log, log
    assert "1 masalah ditemukan" in log, log
    assert "Traceback" not in result.log
