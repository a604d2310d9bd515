"""A rebuild that reuses unchanged pages writes exactly what a clean build writes, byte for byte."""

from __future__ import annotations

import json
import os
import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUILD_TIME, ROOT, build, snapshot

# Pagefind's bundle is not byte-reproducible between runs (tests/test_search.py checks what it finds).
UNCOMPARED = ("pagefind/",)
COUNTS = re.compile(r"Warta: (\d+) berkas dirender, (\d+) ditautkan")


def _site(folder: Path) -> dict[str, str]:
    return {path: digest for path, digest in snapshot(folder).items() if not path.startswith(UNCOMPARED)}


def _counts(log: str) -> tuple[int, int]:
    """(rendered, reused) as the build logged them."""
    found = COUNTS.findall(log)
    assert found, log[-3000:]
    return int(found[-1][0]), int(found[-1][1])


def _first_release(content: Path) -> Path:
    return sorted((content / "releases").rglob("*.md"))[0]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _edit_body(content: Path, theme: Path) -> None:
    path = _first_release(content)
    path.write_text(path.read_text(encoding="utf-8") + "\nParagraf tambahan untuk uji bangun ulang.\n", "utf-8")


def _retitle(content: Path, theme: Path) -> None:
    # A release's title shows on its own page, in listings and in other releases' "Baca juga".
    path = _first_release(content)
    title = re.search(r"^title: (.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)[1]
    _replace(path, f"title: {title}", "title: Judul Baru untuk Uji Bangun Ulang")


def _add_release(content: Path, theme: Path) -> None:
    source = _first_release(content).read_text(encoding="utf-8")
    new = content / "releases" / "2026" / "11" / "rilis-tambahan-uji.md"
    new.parent.mkdir(parents=True, exist_ok=True)
    head, body = source.split("\n---\n", 1)
    head = re.sub(r"^title: .+$", "title: Rilis Tambahan untuk Uji", head, flags=re.MULTILINE)
    head = re.sub(r"^date: .+$", "date: 2026-11-20 09:00", head, flags=re.MULTILINE)
    head = re.sub(r"^(id|aliases|slug): .+$", "", head, flags=re.MULTILINE)
    new.write_text(f"{head}\n---\n{body}", encoding="utf-8")


def _remove_release(content: Path, theme: Path) -> None:
    # A published release is never just deleted (the build refuses): it is removed, and answers 410.
    sorted((content / "releases").rglob("*.md"))[-1].write_text(
        "---\nstatus: removed\nremoved: {date: 2026-11-21, reason: Uji bangun ulang.}\n---\n", encoding="utf-8"
    )


def _rename_agency(content: Path, theme: Path) -> None:
    data = content / "data" / "agencies.yml"
    name = re.search(r"^  name: (.+)$", data.read_text(encoding="utf-8"), re.MULTILINE)[1]
    _replace(data, f"  name: {name}", f"  name: {name} (Baru)")


def _edit_template(content: Path, theme: Path) -> None:
    _replace(theme / "templates" / "base.html", "Dibangun dengan Warta.", "Dibangun dengan Warta, versi uji.")


def _edit_session(content: Path, theme: Path) -> None:
    path = sorted((content / "sessions").rglob("*.md"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "\nCatatan tambahan dari notulen.\n", encoding="utf-8")


CHANGES = {
    "isi rilis disunting": _edit_body,
    "judul rilis diganti": _retitle,
    "rilis baru": _add_release,
    "rilis dihapus": _remove_release,
    "nama instansi diganti": _rename_agency,
    "templat diubah": _edit_template,
    "sesi disunting": _edit_session,
}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """The sample archive and theme, copied, built once with a cache of their own."""
    root = tmp_path_factory.mktemp("bertahap")
    content, theme = root / "content", root / "theme"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(ROOT / "theme", theme)
    first = _build(root, root / "out", "cache")
    assert first.returncode == 0, first.log[-3000:]
    return root


def _build(root: Path, out: Path, cache: str, build_time: str = BUILD_TIME, previous: Path | None = None):
    settings = ["-e", f"CACHE_PATH={json.dumps(str(root / cache))}", f"THEME={json.dumps(str(root / 'theme'))}"]
    env = {"WARTA_PREVIOUS": str(previous)} if previous else None
    return build(root / "content", out, *settings, build_time=build_time, info=True, env=env)


def test_nothing_changed_reuses_every_page(workspace):
    again = _build(workspace, workspace / "out", "cache")
    assert again.returncode == 0, again.log[-3000:]
    rendered, reused = _counts(again.log)
    record = json.loads((workspace / "out/.warta/keluaran.json").read_text(encoding="utf-8"))
    assert reused == len(record["keys"]) > 100
    assert rendered == len(record["files"]) - reused  # index pages, feeds and data files: always rendered


@pytest.mark.parametrize("change", list(CHANGES))
def test_rebuild_after_change_equals_clean_build(workspace, change, tmp_path):
    # Each change starts from its own copy of the built workspace: no case depends on another's edit.
    root = tmp_path / "salinan"
    for part in ("content", "theme", "out", "cache"):
        shutil.copytree(workspace / part, root / part, symlinks=True)
    CHANGES[change](root / "content", root / "theme")
    # The clean build starts from an empty folder, as in CI: it reads what was published from a copy.
    shutil.copytree(root / "out", tmp_path / "published", symlinks=True)
    again = _build(root, root / "out", "cache")
    assert again.returncode == 0, again.log[-3000:]
    clean = _build(root, tmp_path / "clean", "cache-bersih", previous=tmp_path / "published")
    assert clean.returncode == 0, clean.log[-3000:]
    assert _site(root / "out") == _site(tmp_path / "clean")
    rendered, reused = _counts(again.log)
    everything = change in ("nama instansi diganti", "templat diubah")  # every page may show them
    assert (reused == 0) == everything, (rendered, reused)


def test_time_passing_rerenders_sessions_that_changed_phase(workspace, tmp_path):
    """The clock is not part of any key: a session that has ended shows so once the time has passed."""
    later = "2027-06-01 12:00"
    shutil.copytree(workspace / "out", tmp_path / "published", symlinks=True)
    again = _build(workspace, workspace / "out", "cache", build_time=later)
    assert again.returncode == 0, again.log[-3000:]
    clean = _build(
        workspace, tmp_path / "clean", f"cache-{tmp_path.name}", build_time=later, previous=tmp_path / "published"
    )
    assert clean.returncode == 0, clean.log[-3000:]
    assert _site(workspace / "out") == _site(tmp_path / "clean")


def test_reused_pages_are_links_to_the_published_ones(workspace):
    out, previous = workspace / "out", workspace / "out.prev"
    again = _build(workspace, out, "cache", build_time="2027-06-01 12:00")
    assert again.returncode == 0, again.log[-3000:]
    record = json.loads((out / ".warta/keluaran.json").read_text(encoding="utf-8"))
    page = next(path for path in record["keys"] if path.startswith("berita/"))
    assert (out / page).stat().st_ino == (previous / page).stat().st_ino


def test_a_hand_edited_published_page_is_not_trusted(workspace, tmp_path):
    """The record's size guards reuse: a published file changed by hand is rendered again."""
    out = workspace / "out"
    record = json.loads((out / ".warta/keluaran.json").read_text(encoding="utf-8"))
    page = next(path for path in record["keys"] if path.startswith("berita/"))
    original = (out / page).read_bytes()
    (out / page).unlink()  # break the hard link first: the previous site keeps its copy
    (out / page).write_bytes(original + b"<!-- disunting tangan -->")
    again = _build(workspace, out, "cache", build_time="2027-06-01 12:00")
    assert again.returncode == 0, again.log[-3000:]
    assert (out / page).read_bytes() == original


# ---- rendering on every core (plugins/warta_content/parallel.py) --------------------------------


def _serial() -> str:
    """pelicanconf.py's WARTA_CONTENT, rendering in one process whatever the page count."""
    settings = runpy.run_path(str(ROOT / "pelicanconf.py"))["WARTA_CONTENT"]
    return f"WARTA_CONTENT={json.dumps({**settings, 'parallel_from': 100000})}"


FORKED = re.compile(r"Warta: (\d+) halaman dirender dalam (\d+) proses")


def _built(root: Path, out: Path, *settings: str):
    """A build from a clean output folder, logging DEBUG lines (where the workers report)."""
    theme = f"THEME={json.dumps(str(root / 'theme'))}"
    return build(root / "content", out, "-D", "-e", theme, *settings, info=True)


def test_pages_rendered_in_worker_processes_equal_one_process(workspace, tmp_path):
    """Workers forked from the build render exactly what the build itself renders, record included."""
    forked = _built(workspace, tmp_path / "forked")
    assert forked.returncode == 0, forked.log[-3000:]
    found = FORKED.search(forked.log)
    assert found and int(found[1]) > 100 and int(found[2]) >= 2, forked.log[-3000:]
    serial = _built(workspace, tmp_path / "serial", _serial())
    assert serial.returncode == 0, serial.log[-3000:]
    assert not FORKED.search(serial.log)
    assert _site(tmp_path / "forked") == _site(tmp_path / "serial")  # .warta/keluaran.json included


def test_a_template_failing_in_a_worker_stops_the_build(workspace, tmp_path):
    """An error while a worker renders fails the build, names the template, and the published site stays."""
    theme = tmp_path / "theme"
    shutil.copytree(workspace / "theme", theme)
    out = tmp_path / "out"
    first = build(workspace / "content", out, "-e", f"THEME={json.dumps(str(theme))}")
    assert first.returncode == 0, first.log[-3000:]
    before = snapshot(out)
    _replace(theme / "templates" / "release.html", "{% block content %}", "{% block content %}{{ 1 // 0 }}")
    broken = _built(workspace, out, "-e", f"THEME={json.dumps(str(theme))}")
    assert broken.returncode != 0
    assert FORKED.search(broken.log), broken.log[-3000:]
    assert "ZeroDivisionError" in broken.log and "release.html" in broken.log, broken.log[-3000:]
    assert snapshot(out) == before


@pytest.mark.parametrize("parallel_from", [1, 10**6], ids=["proses-anak", "satu-proses"])
def test_each_group_is_written_before_its_callback_and_before_later_groups(tmp_path, parallel_from):
    """Search hands Pagefind one shard while the next is rendered: when a group's callback runs, that
    group and the ones before it are written, and nothing after them.

    Run in a fresh interpreter: this one may hold other tests' threads, and a build forks only when none runs.
    """
    folders = [str(ROOT / "tests"), str(ROOT / "plugins"), str(ROOT)]
    code = f"import sys; sys.path[:0] = {folders!r}; import test_incremental as t; t._groups({str(tmp_path)!r}, "
    code += f"{parallel_from})"
    checked = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def _groups(folder: str, parallel_from: int) -> None:
    import gc
    from datetime import UTC, datetime

    from warta_content.output_record import OutputRecord

    tmp_path = Path(folder)
    record = OutputRecord(tmp_path, None, "", datetime.now(UTC))
    record.defer(parallel_from)
    groups = [[f"bagian{number}/{i}.html" for i in range(60)] for number in range(3)]
    rest = [f"lain/{i}.html" for i in range(60)]
    for path in [*rest, *(p for group in reversed(groups) for p in group)]:  # queued in another order
        record.render(path, lambda path=path: f"<p>{path}</p>")
    seen: list[tuple[int, set[str]]] = []

    def written(number: int) -> None:
        seen.append((number, {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.html")}))

    for number, group in enumerate(groups):
        record.when_written(group, lambda number=number: written(number))
    # What the first group started (Pagefind) goes first: the workers render the rest at a lower priority.
    record.render("prioritas/0.html", lambda: str(os.getpriority(os.PRIO_PROCESS, 0)))
    record.render("prioritas/1.html", lambda: str(os.getpriority(os.PRIO_PROCESS, 0)))

    # Texts made last: after every page, with the archive out of the collector's sight (gc.freeze),
    # all of one maker's by one process (they share what they make).
    def text(pages: list[str]) -> str:
        pages.append("")  # made when the maker's previous texts were made, in this process
        return f"{gc.get_freeze_count() > 0} {len(list(tmp_path.rglob('*.html')))} {os.getpid()} {len(pages)}"

    for maker in ("Umpan", "Kalender"):
        made: list[str] = []
        for i in range(3):
            record.render(f"{maker}/{i}.txt", lambda made=made: text(made), last=maker)
    base = os.getpriority(os.PRIO_PROCESS, 0)
    gc.disable()  # as the build leaves it once the archive is loaded (ContentGenerator)
    record.finish()
    assert gc.isenabled()
    for maker in ("Umpan", "Kalender"):
        texts = [(tmp_path / f"{maker}/{i}.txt").read_text().split() for i in range(3)]
        assert [t[:2] for t in texts] == [[str(parallel_from == 1), "242"]] * 3, texts
        assert len({t[2] for t in texts}) == 1 and [t[3] for t in texts] == ["1", "2", "3"], texts
    assert gc.get_freeze_count() == 0
    lowered = min(base + 10, 19) if parallel_from == 1 else base  # the build's own process never steps back
    assert (tmp_path / "prioritas/0.html").read_text() == (tmp_path / "prioritas/1.html").read_text() == str(lowered)
    assert [number for number, _ in seen] == [0, 1, 2]
    for number, files in seen:
        assert files == {p for group in groups[: number + 1] for p in group}
    assert len(record.files) == 248 and all(record.files.values())
    assert (tmp_path / "lain/0.html").read_text() == "<p>lain/0.html</p>"


def test_digests_made_while_loading_equal_those_made_after():
    """The build keys each entry while the next files parse (load_archive's ``each``): nothing that
    digest covers may change once the entry is handed over, or a page's key would miss an edit."""
    from datetime import datetime

    from conftest import FIXTURES
    from warta_content.archive import load_archive
    from warta_content.fields import WIB
    from warta_content.incremental import own_digest
    from warta_content.settings import ContentSettings

    settings = ContentSettings(build_time=datetime.fromisoformat(BUILD_TIME).replace(tzinfo=WIB), cache=False)
    early: dict[int, str] = {}
    archive = load_archive(
        FIXTURES / "basic", settings, None, each=lambda e: early.setdefault(id(e), own_digest(e, settings.now))
    )
    entries = [*archive.releases, *archive.sessions, *archive.pages]
    assert any(r.related for r in archive.releases) and any(r.session for r in archive.releases)
    assert {own_digest(s, settings.now) != own_digest(s, s.end) for s in archive.sessions} == {True, False}
    assert len(entries) == 9
    assert {id(e): own_digest(e, settings.now) for e in entries} == {id(e): early[id(e)] for e in entries}
