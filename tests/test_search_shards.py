"""Search in shards of years: one Pagefind bundle per year, only the changed shard indexed again, merged in Chromium.

The site is tests/fixtures/basic plus five releases saying "lumbung" in 2022, 2024 and 2025,
built with ``shard_min_pages: 1`` so that every year is a shard of its own: 2022, 2023, 2024,
2025 and 2027 (an upcoming session, with the static page /tentang/).
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
import random
import re
import stat
import threading
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from conftest import Build, build, copy_fixture
from playwright.sync_api import expect
from test_search import (
    DRAINASE,
    HOAKS,
    IMUNISASI,
    JALAN,
    LITERASI,
    NEW_WORD,
    SESI_AKAN_DATANG,
    SESI_INFRA,
    SESI_KESEHATAN,
    TENTANG,
    results,
    results_become,
)

PER_YEAR = {"shard_min_pages": 1, "per_page": 4}
YEARS = ["2027", "2025", "2024", "2023", "2022"]  # the shards, newest first

# Extra releases: (date, title). Dates are chosen so that ordering by each result's place inside
# its own shard (Pagefind's merged order for a sorted query) would interleave them wrongly.
LUMBUNG = [
    ("2022-03-15 09:00", "Lumbung Padi Desa Satu"),
    ("2022-11-02 09:00", "Lumbung Padi Desa Dua"),
    ("2024-01-05 09:00", "Lumbung Padi Desa Tiga"),
    ("2025-06-01 09:00", "Lumbung Padi Desa Empat"),
    ("2025-06-20 09:00", "Lumbung Padi Desa Lima"),
]
SATU, DUA, TIGA, EMPAT, LIMA = (f"/berita/{d[:4]}/{d[5:7]}/{t.lower().replace(' ', '-')}/" for d, t in LUMBUNG)
NEWEST_FIRST = [
    SESI_AKAN_DATANG,  # 2027-01-06
    LIMA,  # 2025-06-20
    EMPAT,  # 2025-06-01
    LITERASI,  # 2024-02-07
    DRAINASE,  # 2024-01-25
    SESI_INFRA,  # 2024-01-17
    HOAKS,  # 2024-01-11
    SESI_KESEHATAN,  # 2024-01-10
    TIGA,  # 2024-01-05
    JALAN,  # 2023-05-20
    IMUNISASI,  # 2023-05-02
    DUA,  # 2022-11-02
    SATU,  # 2022-03-15
    TENTANG,  # no date: last
]
SHARD_PAGES = {
    "2027": {SESI_AKAN_DATANG, TENTANG},
    "2025": {LIMA, EMPAT},
    "2024": {LITERASI, DRAINASE, SESI_INFRA, HOAKS, SESI_KESEHATAN, TIGA},
    "2023": {JALAN, IMUNISASI},
    "2022": {DUA, SATU},
}


def _content(dest: Path) -> Path:
    content = copy_fixture("basic", dest)
    for date, title in LUMBUNG:
        folder = content / "releases" / date[:4] / date[5:7]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{title.split()[-1].lower()}.md").write_text(
            f"---\ntitle: {title}\ndate: {date}\ntype: berita\nagencies: [dinkes-contoh]\nthemes: [kesehatan]\n---\n\n"
            "Warga mengisi lumbung padi desa bersama-sama.\n",
            encoding="utf-8",
        )
    return content


def _build(content: Path, out: Path, **search) -> Build:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("COLUMNS", "400")  # Rich wraps INFO lines (shown with -v) at 80 columns otherwise
        return build(content, out, "-v", "-e", f"WARTA_SEARCH={json.dumps({**PER_YEAR, **search})}")


def _inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in sorted(folder.rglob("*")) if p.is_file()}


def _wrapper(folder: Path, name: str, before: str, after: str = "") -> Path:
    """A stand-in program: ``before``, the real Pagefind with the same arguments, then ``after``."""
    from pagefind.service import get_executable

    program = folder / name
    run = f'"{get_executable()}" "$@"'
    program.write_text(f"#!/bin/sh\n{before}\n{run}\ncode=$?\n{after}\nexit $code\n", encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


@pytest.fixture(scope="module")
def sharded(tmp_path_factory) -> SimpleNamespace:
    """Built three times into one folder: clean, unchanged, then with one 2023 release edited."""
    root = tmp_path_factory.mktemp("sharded")
    content, out = _content(root), root / "out"
    clean = _build(content, out)
    assert clean.returncode == 0, clean.log
    first = _inodes(out / "pagefind")
    unchanged = _build(content, out)
    assert unchanged.returncode == 0, unchanged.log
    second = _inodes(out / "pagefind")
    release = content / "releases/2023/05/jalan.md"
    release.write_text(release.read_text("utf-8") + f"\nWarga menyebut jalan itu {NEW_WORD}.\n", "utf-8")
    edited = _build(content, out)
    assert edited.returncode == 0, edited.log
    return SimpleNamespace(clean=clean, unchanged=unchanged, edited=edited, first=first, second=second, output=out)


# ---- the bundles the build leaves ------------------------------------------------------------


def test_each_year_is_a_bundle_of_its_own(sharded):
    index = sharded.output / "pagefind"
    listed = json.loads((index / "warta-shards.json").read_text("utf-8"))["shards"]
    assert [(s["name"], s["folder"], s["pages"]) for s in listed] == [
        (year, f"{year}/", len(SHARD_PAGES[year])) for year in YEARS
    ]
    for year in YEARS:
        assert (index / year / "pagefind.js").is_file()
        assert set(bundle_fragments(index / year)) == SHARD_PAGES[year], year
    assert not (index / "pagefind.js").exists()  # several shards: nothing but their folders at the top
    html = (sharded.output / "cari/index.html").read_text("utf-8")
    assert 'data-pagefind="/pagefind/2027/pagefind.js"' in html
    assert 'data-shards="[&#34;/pagefind/2025/&#34;, &#34;/pagefind/2024/&#34;' in html


def bundle_fragments(bundle: Path) -> dict[str, dict]:
    """Every page record of one bundle, by URL (gzipped behind Pagefind's signature)."""
    records = {}
    for path in (bundle / "fragment").iterdir():
        record = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        records[record["url"]] = record
    return records


def test_pagefind_reads_trimmed_pages_and_indexes_what_the_pages_give(tmp_path):
    """Pagefind is handed only what it reads of each page (search_copy), and indexes exactly what the
    finished pages give it: every record of every bundle equals one Pagefind makes from the pages."""
    from warta_search.program import command, copies_folder, find_pagefind, left_copies, run_pagefind, shard_view
    from warta_search.settings import SearchSettings

    record, out = tmp_path / "views.log", tmp_path / "out"
    # Before each run: how many pages its folder holds, and how many of them are whole pages (with the header).
    count = 'echo "$(find "$2" -name "*.html" | wc -l) $(grep -rl "class=.site-header" "$2" | wc -l)"'
    result = _build(_content(tmp_path), out, binary=str(_wrapper(tmp_path, "pagefind-lihat", f'{count} >> "{record}"')))
    assert result.returncode == 0, result.log
    held = [tuple(map(int, line.split())) for line in record.read_text().splitlines()]
    assert sorted(pages for pages, _ in held) == sorted(len(pages) for pages in SHARD_PAGES.values())
    assert all(whole == 0 for _, whole in held), held  # every page was trimmed
    for site in (out, out.with_name(out.name + ".staging")):  # nothing of them is left
        assert not left_copies(site) and not list(site.glob(".pagefind-*"))
    assert copies_folder(out, 10**12) == out / ".pagefind-salinan"  # no room in memory for them: in the site
    template = command(find_pagefind(SearchSettings()))
    for year, urls in SHARD_PAGES.items():
        with shard_view(out, tuple(sorted(url.strip("/") + "/index.html" for url in urls))) as view:
            run_pagefind(template, out, view, tmp_path / "utuh" / year)
        assert bundle_fragments(tmp_path / "utuh" / year) == bundle_fragments(out / "pagefind" / year), year


def test_trimmed_pages_kept_in_the_site_are_indexed_then_removed(tmp_path):
    """Without room in memory the copies go to ``.pagefind-salinan/`` in the site: indexing keeps that
    folder while the build writes into it, fills in the pages it lacks, and removes it afterwards."""
    from warta_search.overlapping import OverlappingIndexer
    from warta_search.program import COPIES, search_copy
    from warta_search.settings import SearchSettings
    from warta_search.shards import Shard

    site = tmp_path / "situs"
    pages = ("a/index.html", "b/index.html")
    for page in pages:
        (site / page).parent.mkdir(parents=True)
        (site / page).write_text(
            f'<!doctype html><html lang="id"><body><header>Menu</header><main data-pagefind-body><h1>{page[0]}</h1>'
            "<p>Lumbung padi desa</p></main></body></html>",
            encoding="utf-8",
        )
    view = site / COPIES / "2024"
    (view / "a").mkdir(parents=True)  # the build wrote a's copy; b's was linked from the published site
    (view / "a/index.html").write_bytes(search_copy((site / "a/index.html").read_bytes()))
    (site / ".pagefind-lama").mkdir()  # left by a run that was killed
    shard = Shard("2024", "2024-01", "2024-12", pages)
    indexing = OverlappingIndexer(site, SearchSettings(), [shard], views={"2024": view})
    assert view.is_dir() and not (site / ".pagefind-lama").exists()
    report = indexing.finish()
    assert report.pages == 2 and set(bundle_fragments(site / "pagefind")) == {"/a/", "/b/"}
    assert not (site / COPIES).exists()


def test_a_trimmed_page_is_its_html_tag_and_the_indexed_element():
    from warta_search.program import search_copy

    page = (
        b'<!doctype html>\n<html lang="id">\n<head><title>Judul</title></head><body><header>Menu</header>\n'
        b'<article class="rilis"\n data-pagefind-body><h1>Judul</h1><article>Kutipan</article><p>Isi</p></article>'
        b"<footer>Kaki</footer></body></html>\n"
    )
    assert search_copy(page) == (
        b'<!doctype html>\n<html lang="id"><body><article class="rilis"\n data-pagefind-body><h1>Judul</h1>'
        b"<article>Kutipan</article><p>Isi</p></article></body></html>\n"
    )
    # Whole: no indexed element; an attribute Pagefind may read outside it; an element that never closes.
    for whole in (
        page.replace(b"\n data-pagefind-body", b""),
        page.replace(b"<footer>", b'<footer data-pagefind-filter="tema:x">'),
        page.replace(b"<p>Isi</p></article>", b"<p>Isi</p>"),
    ):
        assert search_copy(whole) == whole


def test_an_unchanged_rebuild_reuses_every_shard(sharded):
    assert "indeks yang terbit dipakai lagi (14 halaman, 5 bagian," in sharded.unchanged.log
    assert "pencarian bagian" not in sharded.unchanged.log
    assert sharded.second == sharded.first  # every file of every shard is the published one


def test_an_edit_reindexes_only_its_shard(sharded):
    log = sharded.edited.log
    assert log.count("Warta: pencarian bagian ") == 1 and "Warta: pencarian bagian 2023: 2 halaman" in log
    assert "pencarian mengindeks 2 halaman" in log and "4 bagian lain tidak berubah" in log
    now = _inodes(sharded.output / "pagefind")
    for path, inode in sharded.second.items():
        if path.startswith("2023/"):
            continue
        assert now[path] == inode, path  # the other shards are the published files
    assert now["2023/pagefind-entry.json"] != sharded.second["2023/pagefind-entry.json"]
    assert now["2023/warta-digest.txt"] != sharded.second["2023/warta-digest.txt"]
    found = bundle_fragments(sharded.output / "pagefind" / "2023")
    assert NEW_WORD in found[JALAN]["content"]


@pytest.mark.parametrize(
    ("search", "shards"),
    [
        ({}, YEARS),
        # Smaller shards: 2024 split by month.
        ({"shard_max_pages": 2}, ["2027", "2025", "2024-02", "2024-01", "2023", "2022"]),
    ],
    ids=["per-tahun", "per-bulan"],
)
def test_every_shard_is_indexed_by_at_most_two_runs_at_once(tmp_path, search, shards):
    record = tmp_path / "runs.log"
    stamp = 'echo "{} $(date +%s.%N)" >> "' + str(record) + '"'
    program = _wrapper(tmp_path, "pagefind-dicatat", stamp.format("mulai") + "; sleep 0.5", stamp.format("selesai"))
    result = _build(_content(tmp_path), tmp_path / "out", binary=str(program), **search)
    assert result.returncode == 0, result.log
    listed = json.loads((tmp_path / "out/pagefind/warta-shards.json").read_text("utf-8"))["shards"]
    assert [s["name"] for s in listed] == shards
    events = sorted((float(t), kind) for kind, t in (line.split() for line in record.read_text().splitlines()))
    running = peak = 0
    for _, kind in events:
        running += 1 if kind == "mulai" else -1
        peak = max(peak, running)
    assert len(events) == 2 * len(shards)
    assert 1 <= peak <= 2


def test_the_sequential_indexer_makes_the_same_index_one_shard_at_a_time(tmp_path):
    """``WARTA_SEARCH["indexer"] = "sequential"``: Pagefind runs over one shard after another, on the
    finished pages, and leaves the same shards holding the same records as the default (overlapping)
    indexer, which reads trimmed copies; a rebuild reuses its bundles."""
    record = tmp_path / "runs.log"
    # Each run notes when it starts, with how many pages its folder holds and how many are whole pages.
    count = '$(find "$2" -name "*.html" | wc -l) $(grep -rl "class=.site-header" "$2" | wc -l)'
    stamp = 'echo "{} $(date +%s.%N) ' + count + '" >> "' + str(record) + '"'
    program = _wrapper(tmp_path, "pagefind-dicatat", stamp.format("mulai"), stamp.format("selesai"))
    content = _content(tmp_path)
    overlapping = _build(content, tmp_path / "bertumpuk")
    sequential = _build(content, tmp_path / "berurutan", indexer="sequential", binary=str(program))
    assert overlapping.returncode == 0, overlapping.log
    assert sequential.returncode == 0, sequential.log
    shard_lists = [
        json.loads((b.output / "pagefind/warta-shards.json").read_text("utf-8")) for b in (overlapping, sequential)
    ]
    assert shard_lists[0] == shard_lists[1] and [s["name"] for s in shard_lists[1]["shards"]] == YEARS
    for year in YEARS:
        assert bundle_fragments(sequential.output / "pagefind" / year) == bundle_fragments(
            overlapping.output / "pagefind" / year
        ), year
    runs = [line.split() for line in record.read_text().splitlines()]
    assert [kind for kind, *_ in runs] == ["mulai", "selesai"] * len(YEARS)  # never two at once
    assert all(pages == whole for kind, _, pages, whole in runs if kind == "mulai")  # the finished pages
    assert sequential.log.count("Warta: pencarian bagian ") == len(YEARS) and "memori puncak" not in sequential.log
    again = _build(content, sequential.output, indexer="sequential", binary=str(program))
    assert again.returncode == 0, again.log
    assert "indeks yang terbit dipakai lagi (14 halaman, 5 bagian," in again.log
    assert len(record.read_text().splitlines()) == 2 * len(YEARS)  # Pagefind did not run again


def test_the_search_page_knows_only_the_indexer_interface():
    """generator.py hands each shard to a ``SearchIndexer`` (indexing.py); how Pagefind runs, and
    where its pages are staged, is the indexers' business."""
    import ast

    import warta_search.generator

    tree = ast.parse(Path(warta_search.generator.__file__).read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level == 1}
    assert "indexing" in imported and not imported & {"overlapping", "sequential", "program", "reuse"}


def _staged_pagefind(folder: Path, record: Path, runs: int) -> Path:
    """A stand-in that prints Pagefind's progress lines and notes when it holds its "index".

    It writes its bundle only once the next run has started (or every run has), as a real run's
    writing outlasts the next one's parsing on a large shard: an event it waits for, not a time.
    """
    program = folder / "pagefind-bertahap"
    note = 'echo "$1 $$ $(date +%s.%N)" >> "' + str(record) + '"'
    program.write_text(
        "#!/bin/sh\n"
        f"note() {{ {note}; }}\n"
        f'count() {{ grep -c "^$1 " "{record}"; }}\n'
        'out=""; while [ $# -gt 0 ]; do [ "$1" = "--output-path" ] && out="$2"; shift; done\n'
        "note mulai; echo '[Parsing files]'; sleep 0.2\n"
        "echo '[Reading languages]'; sleep 0.2\n"  # the runner may pause it here (SIGSTOP)
        "note indeks; echo '[Building search indexes]'\n"
        "echo 'Total:'\n"
        f'while [ "$(count mulai)" -lt {runs} ] && [ "$(count mulai)" -le "$(($(count selesai) + 1))" ]; do\n'
        "  sleep 0.01\n"
        "done\n"
        'mkdir -p "$out"; : > "$out/pagefind.js"\n'
        """echo '{"languages":{"id":{"page_count":1}}}' > "$out/pagefind-entry.json"\n"""
        "echo 'Indexed 1 page'; note selesai\n",
        encoding="utf-8",
    )
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


def test_runs_overlap_but_one_index_is_held_at_a_time(tmp_path):
    """The next run parses while the one before builds its index or writes; it builds its own once that one ended."""
    from warta_search.overlapping import OverlappingIndexer
    from warta_search.settings import SearchSettings
    from warta_search.shards import Shard

    site, record = tmp_path / "situs", tmp_path / "runs.log"
    shards = []
    years = ("2024", "2023", "2022", "2021", "2020", "2019")
    for year in years:
        (site / year).mkdir(parents=True)
        (site / year / "index.html").write_text("<html><body data-pagefind-body>x</body></html>", encoding="utf-8")
        shards.append(Shard(year, f"{year}-01", f"{year}-12", (f"{year}/index.html",), f"{year}/"))
    program = _staged_pagefind(tmp_path, record, len(years))
    indexing = OverlappingIndexer(site, SearchSettings(binary=str(program)), shards)
    for shard in shards:
        indexing.add(shard)
    finished: list = []
    waiter = threading.Thread(target=lambda: finished.append(indexing.finish()), daemon=True)
    waiter.start()
    waiter.join(60)  # a hang check with a generous bound (the runs take ~8 s), not a timing
    if not finished:
        indexing.abort()
        pytest.fail("indexing never finished: two runs waited for each other")
    report = finished[0]
    assert [s.name for s in report.shards] == list(years) and report.pages == len(years)
    runs: dict[str, dict[str, float]] = {}
    for line in record.read_text().splitlines():
        what, pid, when = line.split()
        runs.setdefault(pid, {})[what] = float(when)
    assert len(runs) == len(years) and all(set(run) == {"mulai", "indeks", "selesai"} for run in runs.values())
    ordered = sorted(runs.values(), key=lambda run: run["mulai"])
    for before, after in itertools.pairwise(ordered):
        assert after["mulai"] < before["selesai"], "the next run starts while the one before indexes or writes"
        assert after["indeks"] > before["selesai"], "two indexes were held at once"


def test_a_failed_build_stops_pagefind_at_once(tmp_path):
    """A build that fails while a shard is being indexed stops that run instead of waiting for it."""
    import os
    import time

    from warta_search.overlapping import OverlappingIndexer
    from warta_search.program import SearchIndexError
    from warta_search.settings import SearchSettings
    from warta_search.shards import Shard

    site = tmp_path / "situs"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("<html><body data-pagefind-body>a</body></html>", encoding="utf-8")
    record = tmp_path / "runs.log"
    program = tmp_path / "pagefind-lama"
    program.write_text(f'#!/bin/sh\necho "mulai $$" >> "{record}"\nexec sleep 120\n', encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    shard = Shard("2024", "2024-01", "2024-12", ("a/index.html",))
    indexing = OverlappingIndexer(site, SearchSettings(binary=str(program)), [shard])
    indexing.add(shard)

    def waited(condition) -> bool:  # a hang check with a generous bound, not a timing
        deadline = time.monotonic() + 20
        while not condition() and time.monotonic() < deadline:
            time.sleep(0.05)
        return condition()

    assert waited(lambda: record.exists() and record.read_text().strip())
    pid = int(record.read_text().split()[1])
    indexing.abort()
    assert waited(lambda: not os.path.exists(f"/proc/{pid}")), "Pagefind still runs after the build failed"
    with pytest.raises(SearchIndexError):
        indexing.finish()
    assert not (site / "pagefind" / "pagefind.js").exists()


def test_search_index_check_counts_every_shard(tmp_path):
    # A stand-in that hides one 2023 release from Pagefind: the other shards are complete.
    page = JALAN.strip("/") + "/index.html"
    program = _wrapper(tmp_path, "pagefind-lupa", f'rm -f "$2/{page}"')
    content, out = _content(tmp_path), tmp_path / "out"
    result = _build(content, out, binary=str(program))
    assert result.returncode != 0
    assert f"releases/2023/05/jalan.md: {JALAN} tidak ada di indeks pencarian" in result.log
    assert result.log.count("tidak ada di indeks pencarian") == 1
    assert not out.exists()  # nothing published
    from warta_search.program import left_copies

    assert not left_copies(out.with_name(out.name + ".staging"))  # nor any trimmed page left


def test_shards_are_planned_from_the_archive():
    from warta_search.shards import plan_shards

    def entry(day: str | None, name: str) -> SimpleNamespace:
        from datetime import datetime

        return SimpleNamespace(date=datetime.fromisoformat(day) if day else None, save_as=f"{name}/index.html")

    entries = [entry("2020-01-01", "a"), entry("2021-01-01", "b"), entry("2022-01-01", "c")]
    entries += [entry(f"2023-0{month}-01", f"d{month}{i}") for month in range(1, 5) for i in range(2)]
    entries.append(entry(None, "tentang"))
    plan = plan_shards(entries, min_pages=2, max_pages=5)
    # 2020 and 2021 joined up to two pages; 2022 alone (the next year would pass five); 2023 (8 pages) split by month.
    assert [(s.name, s.first, s.last, len(s.pages), s.folder) for s in plan] == [
        ("2023-03_2023-04", "2023-03", "2023-04", 5, "2023-03_2023-04/"),
        ("2023-01_2023-02", "2023-01", "2023-02", 4, "2023-01_2023-02/"),
        ("2022", "2022-01", "2022-01", 1, "2022/"),
        ("2020-2021", "2020-01", "2021-01", 2, "2020-2021/"),
    ]
    assert "tentang/index.html" in plan[0].pages  # undated pages go with the newest shard
    shuffled = entries[:]
    random.Random(3).shuffle(shuffled)
    assert plan_shards(shuffled, min_pages=2, max_pages=5) == plan
    single = plan_shards(entries, min_pages=100, max_pages=100)
    assert [(s.name, s.folder, len(s.pages)) for s in single] == [("2020-2023", "", 12)]
    assert plan_shards([], min_pages=1, max_pages=1) == []


def test_recorded_page_digests_stand_in_for_reading_the_pages(tmp_path):
    import hashlib

    from warta_search.reuse import shard_digest

    pages = ["berita/2024/01/a/index.html", "tentang/index.html"]
    for page in pages:
        (tmp_path / page).parent.mkdir(parents=True)
        (tmp_path / page).write_bytes(f"<html>{page}</html>".encode())
    recorded = {p: hashlib.sha256((tmp_path / p).read_bytes()).hexdigest() for p in pages}
    program, command = b"program", ["pagefind", "--site", "<site>"]
    read = shard_digest(tmp_path, program, command, pages)
    assert shard_digest(tmp_path, program, command, pages, recorded) == read
    assert shard_digest(tmp_path, program, command, pages, {}) == read  # the attribute may be empty or absent
    # A recorded digest is used as it is: the page is not read again.
    (tmp_path / pages[1]).write_bytes(b"<html>berubah</html>")
    assert shard_digest(tmp_path, program, command, pages, recorded) == read
    assert shard_digest(tmp_path, program, command, pages) != read
    assert shard_digest(tmp_path, program, command, [*pages, "tidak/ada/index.html"]) is None


# ---- /cari/ in Chromium, over five shards -----------------------------------------------------


@pytest.fixture
def cari(sharded, serve, page):
    """``cari("?q=…")`` → every result URL /cari/ shows for that address, after "Muat lebih banyak" until the end."""
    base = serve(sharded.output)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url.removeprefix(base.rstrip("/"))))

    def open_search(query: str = "") -> list[str]:
        page.goto(base + "cari/" + query)
        return everything(page)

    open_search.page = page
    open_search.requests = requests
    return open_search


def everything(page) -> list[str]:
    shown = results(page)
    more = page.get_by_role("button", name="Muat lebih banyak")
    while more.is_visible():
        more.click()
        expect(page.locator("[data-cari-results] > li")).not_to_have_count(len(shown))
        shown = results(page)
    return shown


def shown_dates(page) -> list[str]:
    return page.locator("[data-cari-results] > li").evaluate_all(
        "items => items.map(li => li.querySelector('time')?.dateTime || '')"
    )


@pytest.mark.browser
def test_newest_first_is_true_date_order_across_shards(cari):
    assert cari("") == NEWEST_FIRST
    dates = shown_dates(cari.page)
    assert dates[:-1] == sorted(dates[:-1], reverse=True) and dates[-1] == ""


@pytest.mark.browser
def test_a_date_sorted_word_search_across_shards(cari):
    assert cari("?q=lumbung&urut=terbaru") == [LIMA, EMPAT, TIGA, DUA, SATU]
    assert "5 hasil untuk “lumbung”" in cari.page.get_by_role("status").inner_text()
    # By relevance the merged order stands; the same five, whatever their order.
    assert set(cari("?q=lumbung")) == {LIMA, EMPAT, TIGA, DUA, SATU}


def _count(page, facet: str, value: str) -> str:
    # text_content: a folded filter's text is not rendered, so inner_text would be empty.
    return page.locator(f'label[for="f-{facet}-{value}"] [data-count]').text_content()


@pytest.mark.browser
def test_filters_and_counts_span_every_shard(cari):
    kesehatan = [LIMA, EMPAT, HOAKS, SESI_KESEHATAN, TIGA, IMUNISASI, DUA, SATU]
    assert cari("?tema=kesehatan") == kesehatan  # without words: newest first
    page = cari.page
    assert [_count(page, "tahun", y) for y in ("2025", "2024", "2023", "2022")] == ["(2)", "(3)", "(1)", "(2)"]
    assert _count(page, "jenis", "berita") == "(5)" and _count(page, "jenis", "sesi") == "(1)"
    # Years are alternatives: ticking two keeps every year counted.
    page.locator('[data-facet="tahun"] > summary').click()  # folded at first
    page.locator("#f-tahun-2022").check()
    assert results_become(page, [DUA, SATU]) == [DUA, SATU]
    page.locator("#f-tahun-2025").check()
    assert everything(page) == [LIMA, EMPAT, DUA, SATU]
    assert _count(page, "tahun", "2024") == "(3)" and _count(page, "jenis", "berita") == "(4)"
    assert cari("?dari=2023-05&sampai=2024-01&jenis=sesi&jenis=berita") == [DRAINASE, SESI_INFRA, SESI_KESEHATAN, TIGA]
    assert "4 entri dengan saringan yang dipilih, terbaru dulu" in page.get_by_role("status").inner_text()


@pytest.mark.browser
def test_every_shard_is_merged_and_pagefind_loads_once(cari):
    assert cari("?q=padi") and cari.requests
    for year in YEARS:  # the entry file is fetched with ?ts=… (Pagefind always wants a fresh one)
        assert any(r.startswith(f"/pagefind/{year}/pagefind-entry.json") for r in cari.requests), year
    loaders = [r for r in cari.requests if r.endswith(("pagefind.js", ".pagefind")) and "/pagefind/" in r]
    assert loaders.count("/pagefind/2027/pagefind.js") == 1
    assert [r for r in loaders if r.endswith("pagefind.js")] == ["/pagefind/2027/pagefind.js"]
    assert len([r for r in loaders if r.endswith(".pagefind")]) == 1  # one WebAssembly module for every shard


# ---- measuring what a reader downloads (README, "Search") -------------------------------------

BYTES_OF = (  # what a request fetched, by the end of its path
    (
        re.compile(r"/pagefind(/[^/]+)?/(pagefind\.js|pagefind-worker\.js|[\w.]+\.pagefind)$"),
        "Pagefind: JS + worker + wasm",
    ),
    (re.compile(r"\.pf_meta$"), "page lists (pf_meta)"),
    (re.compile(r"\.pf_filter$"), "filter files"),
    (re.compile(r"\.pf_index$"), "index chunks"),
    (re.compile(r"\.pf_fragment$"), "result fragments"),
    (re.compile(r"pagefind-entry\.json$|warta-shards\.json$"), "entry files"),
    (re.compile(r""), "HTML, CSS, JS, icon"),
)


@pytest.mark.browser
@pytest.mark.skipif(not os.environ.get("WARTA_UKUR_CARI"), reason="measurement: set WARTA_UKUR_CARI=OUTPUT_FOLDER")
def test_measure_what_a_first_and_second_query_download(serve, page):
    """Bytes (headers + body, as Chromium counts them) of ``/cari/?q=kesehatan`` opened fresh, then "jalan"."""
    base = serve(Path(os.environ["WARTA_UKUR_CARI"]))
    fetched: list[tuple[str, str, int]] = []
    step = ["kesehatan"]

    def count(request) -> None:
        sizes = request.sizes()
        path = urlsplit(request.url).path
        kind = next(name for pattern, name in BYTES_OF if pattern.search(path))
        fetched.append((step[0], kind, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

    page.on("requestfinished", count)
    page.goto(base + "cari/?q=kesehatan")
    assert results(page)
    step[0] = "jalan"
    page.locator("#cari-q").fill("jalan")
    page.locator("#cari-q").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("“jalan”")
    page.wait_for_load_state("networkidle")
    for query in ("kesehatan", "jalan"):
        mine = [(kind, size) for q, kind, size in fetched if q == query]
        print(f"\n{query}: {sum(s for _, s in mine) / 1000:.0f} kB in {len(mine)} requests")
        for _, name in BYTES_OF:
            sizes = [s for kind, s in mine if kind == name]
            if sizes:
                print(f"  {name:30} {sum(sizes) / 1000:7.1f} kB  {len(sizes):3} requests")


def test_pagefind_runs_with_one_allocator_arena_unless_told_otherwise(tmp_path, monkeypatch):
    """One jemalloc arena holds a shard's index in less memory (program.ALLOCATOR); a setting of the
    machine's own is left alone."""
    import sys

    from warta_search.program import ALLOCATOR, _run

    show = [sys.executable, "-c", f"import os; print(os.environ.get({ALLOCATOR[0]!r}))"]
    monkeypatch.delenv(ALLOCATOR[0], raising=False)
    assert _run(show, tmp_path)[:2] == (0, "narenas:1\n")
    monkeypatch.setenv(ALLOCATOR[0], "narenas:3")
    assert _run(show, tmp_path)[:2] == (0, "narenas:3\n")


def test_copies_left_by_killed_builds_are_removed_once_their_process_is_gone(tmp_path):
    """A killed build cannot remove its trimmed pages from memory. The next build of its site does,
    whichever process wrote them; any build does once that process is gone and they sat an hour."""
    import shutil
    import subprocess
    import time

    from warta_content.generator import folder_key
    from warta_search.program import MEMORY, MEMORY_PREFIX, clear_copies, copies_folder

    if not os.access(MEMORY, os.W_OK):
        pytest.skip("no file system in memory here")
    ended = subprocess.Popen(["true"])
    ended.wait()
    site, hour_ago, now = tmp_path / "situs", time.time() - 3700, time.time()

    def left(name: str, changed: float) -> Path:
        folder = MEMORY / name
        (folder / "2024").mkdir(parents=True)
        (folder / "2024" / "index.html").write_text("<html>", encoding="utf-8")
        os.utime(folder, (changed, changed))
        return folder

    def of(name: str) -> str:
        return MEMORY_PREFIX + folder_key(tmp_path / name)

    removed = [
        left(f"{of('situs')}-{ended.pid}", now),  # this site's: its next build clears it at once
        left(f"{of('lain')}-{ended.pid}", hour_ago),  # another site's, its build gone for an hour
        left(of("lama"), hour_ago),  # named by an older Warta, without the process
    ]
    kept = [
        left(f"{of('baru')}-{ended.pid}", now),  # gone, but written within the hour
        left(f"{of('hidup')}-{os.getpid()}", hour_ago),  # its build still runs
    ]
    try:
        clear_copies(copies_folder(site, 14), site)
        assert [folder.exists() for folder in removed + kept] == [False] * 3 + [True] * 2
    finally:
        for folder in removed + kept:
            shutil.rmtree(folder, ignore_errors=True)
