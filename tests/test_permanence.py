"""Permanence: every address and feed id ever published keeps working through every edit an editor
makes, with no action from them; nothing published disappears silently.

Each case builds a site, edits the content as an editor would, and builds again where a build runs:
into the output folder that holds the previous site (the preview, ``invoke build``), or into an
empty folder with WARTA_PREVIOUS naming the published site by its address or its folder (CI).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from conftest import ROOT, build, head, snapshot

JALAN = "releases/2023/05/jalan.md"
JALAN_URL = "berita/2023/05/perbaikan-jalan-desa-dimulai-pekan-depan/"
JALAN_ID = "tag:warta.example,2023-05-20:rilis/2023/05/jalan"
HAND_ALIAS = "lama/jalan-desa.html"  # jalan.md's own aliases


def _edit(content: Path, rel: str, old: str, new: str) -> None:
    path = content / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _move(content: Path, rel: str, to: str) -> None:
    (content / to).parent.mkdir(parents=True, exist_ok=True)
    (content / rel).rename(content / to)


# An editor's edit of jalan.md, and the address it ends at.
EDITS = {
    "title": (
        lambda c: _edit(c, JALAN, "Dimulai Pekan Depan", "Dimulai Minggu Depan"),
        "berita/2023/05/perbaikan-jalan-desa-dimulai-minggu-depan/",
    ),
    "slug": (
        lambda c: _edit(c, JALAN, "\ntype:", "\nslug: jalan-desa-diperbaiki\ntype:"),
        "berita/2023/05/jalan-desa-diperbaiki/",
    ),
    "date": (
        lambda c: _edit(c, JALAN, "date: 2023-05-20 14:00", "date: 2023-06-02 14:00"),
        "berita/2023/06/perbaikan-jalan-desa-dimulai-pekan-depan/",
    ),
    "path": (lambda c: _move(c, JALAN, "releases/arsip/jalan-desa.md"), JALAN_URL),
    "path and title": (
        lambda c: (_move(c, JALAN, "releases/2023/jalan.md"), _edit(c, "releases/2023/jalan.md", "Pekan", "Minggu")),
        "berita/2023/05/perbaikan-jalan-desa-dimulai-minggu-depan/",
    ),
}


def _ids(site: Path) -> list[str]:
    return [e.id for e in feedparser.parse(str(site / "atom.xml")).entries]


def _record(site: Path) -> dict:
    return {r["id"]: r for r in json.loads((site / "data/berita.json").read_text(encoding="utf-8"))["records"]}


def _redirects_to(site: Path, old: str, new: str) -> bool:
    """The redirect page at ``old`` sends the reader to ``new``, and nginx's map says the same."""
    page = site / (old + "index.html" if old.endswith("/") else old)
    rules = (site / "nginx-redirects.conf").read_text(encoding="utf-8")
    return page.is_file() and f'url=/{new}"' in page.read_text(encoding="utf-8") and f'"/{old}" "/{new}";' in rules


def _assert_kept(before: Path, after: Path, log: str, new_url: str) -> None:
    assert sorted(_ids(after)) == sorted(_ids(before)), "a feed id changed"
    assert len(set(_ids(after))) == len(_ids(after)), "an entry shows twice"
    assert _record(after)[JALAN_ID]["url"].endswith(new_url), "the open data lost the id"
    if new_url != JALAN_URL:
        assert f"alamat pindah: /{JALAN_URL} → /{new_url}" in " ".join(log.split())
        assert _redirects_to(after, JALAN_URL, new_url)
    assert _redirects_to(after, HAND_ALIAS, new_url), "the hand-written alias no longer leads to the release"


@pytest.mark.parametrize("edit", EDITS)
def test_an_edit_into_the_output_folder_keeps_every_address_and_id(edit, fixture_copy, tmp_path):
    content, out = fixture_copy("basic"), tmp_path / "out"
    assert build(content, out).returncode == 0
    before = tmp_path / "before"
    shutil.copytree(out, before)
    change, new_url = EDITS[edit]
    change(content)
    result = build(content, out)
    assert result.returncode == 0, result.log
    _assert_kept(before, out, result.log, new_url)


@pytest.mark.parametrize(
    ("edit", "where"), [(edit, "address") for edit in EDITS] + [("date", "folder"), ("path and title", "folder")]
)
def test_a_build_into_an_empty_folder_reads_the_published_record(edit, where, fixture_copy, tmp_path, serve):
    """CI: a fresh checkout builds into an empty folder; WARTA_PREVIOUS names the published site."""
    content, published = fixture_copy("basic"), tmp_path / "published"
    assert build(content, published).returncode == 0
    change, new_url = EDITS[edit]
    change(content)
    previous = serve(published) if where == "address" else str(published)
    result = build(content, tmp_path / "fresh", env={"WARTA_PREVIOUS": previous})
    assert result.returncode == 0, result.log
    _assert_kept(published, tmp_path / "fresh", result.log, new_url)
    # Moving it once more collapses the chain: both earlier addresses lead to the last.
    shutil.rmtree(published)
    (tmp_path / "fresh").rename(published)
    source = next(p for p in content.rglob("*.md") if "Jalan Desa" in p.read_text(encoding="utf-8"))
    _edit(content, source.relative_to(content).as_posix(), "Jalan Desa", "Jalan Kampung")
    result = build(content, tmp_path / "third", env={"WARTA_PREVIOUS": previous})
    assert result.returncode == 0, result.log
    last = _record(tmp_path / "third")[JALAN_ID]["url"].removeprefix("https://warta.example/")
    assert last != new_url or edit == "slug"  # a slug keeps the address whatever the title says
    for old in {JALAN_URL, new_url, HAND_ALIAS} - {last}:
        assert _redirects_to(tmp_path / "third", old, last), old


def test_an_unreadable_previous_publication_stops_the_build(fixture_copy, tmp_path, serve):
    content, out = fixture_copy("basic"), tmp_path / "out"
    for previous in (serve(tmp_path), str(tmp_path / "tidak-ada")):
        result = build(content, out, "--log-handler", "plain", env={"WARTA_PREVIOUS": previous})
        assert result.returncode == 1 and "Traceback" not in result.log
        assert "WARTA_PREVIOUS: riwayat terbit tidak bisa dibaca dari" in " ".join(result.log.split())
        assert not (out / "index.html").exists()


def test_deleting_a_published_release_stops_the_build_with_the_cure(fixture_copy, tmp_path):
    content, out = fixture_copy("basic"), tmp_path / "out"
    assert build(content, out).returncode == 0
    before = snapshot(out)
    (content / JALAN).unlink()
    result = build(content, out)
    log = " ".join(result.log.split())
    assert result.returncode == 1 and "Traceback" not in log
    assert f"{JALAN}: berkas: rilis yang sudah terbit di /{JALAN_URL} tidak ada lagi" in log
    assert "status: withdrawn" in log and "status: removed" in log and f"id: {JALAN_ID}" in log
    assert snapshot(out) == before
    # Made a draft, or embargoed again: the same, and the message says so.
    for change in ("\nstatus: draft", "\ndate: 2099-01-01 10:00"):
        shutil.copy(ROOT / "tests/fixtures/basic" / JALAN, content / JALAN)
        _edit(content, JALAN, "\ntype:", change + "\ntype:" if "status" in change else "\ntype:")
        if "date" in change:
            _edit(content, JALAN, "date: 2023-05-20 14:00", "date: 2099-01-01 10:00")
        result = build(content, out)
        assert result.returncode == 1 and "berkasnya masih ada tetapi tidak terbit lagi" in " ".join(result.log.split())


WITHDRAWN = "\nstatus: withdrawn\nwithdrawn: {date: 2026-11-01, reason: Jadwal perbaikan dibatalkan.}\ntype:"


def test_a_withdrawn_release_keeps_its_page_marked_and_leaves_the_latest(fixture_copy, tmp_path):
    content, out = fixture_copy("basic"), tmp_path / "out"
    assert build(content, out).returncode == 0
    before = _ids(out)
    _edit(content, JALAN, "\ntype:", WITHDRAWN)
    result = build(content, out)
    assert result.returncode == 0, result.log
    page = (out / JALAN_URL / "index.html").read_text(encoding="utf-8")
    assert "Dicabut</h2>" in page and "Alasan: Jadwal perbaikan dibatalkan." in page and "1 November 2026" in page
    assert JALAN_URL not in (out / "index.html").read_text(encoding="utf-8")
    entries = {e.id: e for e in feedparser.parse(str(out / "atom.xml")).entries}
    assert sorted(entries) == sorted(before)
    assert entries[JALAN_ID].title.startswith("[Dicabut] ")
    assert entries[JALAN_ID].updated.startswith("2026-11-01")  # readers are told
    record = _record(out)[JALAN_ID]
    assert (record["status"], record["withdrawn_reason"]) == ("dicabut", "Jadwal perbaikan dibatalkan.")
    changes = json.loads((out / "data/perubahan.json").read_text(encoding="utf-8"))
    assert changes["dicabut"] == [f"/{JALAN_URL}"]


REMOVED = "---\nstatus: removed\nremoved: {date: 2026-11-02, reason: Memuat data pribadi warga.}\n---\n"


def test_a_removed_release_answers_410_at_every_address_it_had(fixture_copy, tmp_path):
    content, out = fixture_copy("basic"), tmp_path / "out"
    _edit(content, JALAN, "Dimulai Pekan Depan", "Dimulai Segera")
    assert build(content, out).returncode == 0
    _edit(content, JALAN, "Dimulai Segera", "Dimulai Pekan Depan")
    assert build(content, out).returncode == 0  # now it had two addresses, and its alias
    (content / JALAN).write_text(REMOVED, encoding="utf-8")
    result = build(content, out)
    assert result.returncode == 0, result.log
    old = "berita/2023/05/perbaikan-jalan-desa-dimulai-segera/"
    for address in (JALAN_URL, old, HAND_ALIAS):
        notice = (out / (address + "index.html" if address.endswith("/") else address)).read_text(encoding="utf-8")
        assert "Halaman ini telah dihapus" in notice and "Memuat data pribadi warga." in notice
        assert "Perbaikan jalan" not in notice
    rules = (out / "nginx-gone.conf").read_text(encoding="utf-8")
    assert f'"/{JALAN_URL}" "/{JALAN_URL}index.html";' in rules
    assert JALAN_ID not in _ids(out) and JALAN_ID not in _record(out)
    record = (out / "data/riwayat-terbit.json").read_text(encoding="utf-8")
    assert "Perbaikan Jalan" not in record  # nothing of a removed entry but its addresses
    # Removed for good: the next builds keep answering 410, even once the file is gone.
    (content / JALAN).unlink()
    result = build(content, out)
    assert result.returncode == 0, result.log
    assert (out / JALAN_URL / "index.html").is_file()


def test_nginx_answers_301_for_every_moved_address_and_410_for_a_removed_one(fixture_copy, tmp_path, nginx):
    content, out = fixture_copy("basic"), tmp_path / "out"
    assert build(content, out).returncode == 0
    EDITS["date"][0](content)
    (content / "releases/2024/01/hoaks.md").write_text(REMOVED, encoding="utf-8")
    result = build(content, out)
    assert result.returncode == 0, result.log
    site = nginx(out)
    new = EDITS["date"][1]
    for old in (JALAN_URL, JALAN_URL.rstrip("/"), HAND_ALIAS):
        status, headers = head(f"{site}/{old}")
        assert status == 301 and headers["Location"].endswith(f"/{new}"), (old, status)
    assert head(f"{site}/{new}")[0] == 200
    gone = "berita/2024/01/klarifikasi-pesan-berantai-vaksin-palsu/"
    assert head(f"{site}/{gone}")[0] == 410 and head(f"{site}/{gone.rstrip('/')}")[0] == 410
    assert head(f"{site}/nginx-gone.conf")[0] == 404


def test_the_record_is_published_for_the_next_build(basic_site):
    data = json.loads(basic_site.read("data/riwayat-terbit.json"))
    assert data["format"] == 1
    by_id = {e["id"]: e for e in (dict(zip(data["kolom"], row, strict=True)) for row in data["entri"])}
    assert by_id[JALAN_ID]["url"] == JALAN_URL and by_id[JALAN_ID]["old"] == [HAND_ALIAS]
    assert len(by_id) == len(data["entri"]) == 5 + 3 + 1  # releases, sessions, pages


def _publish(content: Path, target: Path, output: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "WARTA_PREVIOUS"} | {"WARTA_BUILD_TIME": "2026-11-22 12:00"}
    command = ["publish", "--content", str(content), "--target", str(target), "--output", str(output)]
    return subprocess.run([sys.executable, "-m", "invoke", *command], cwd=ROOT, capture_output=True, text=True, env=env)


@pytest.mark.parametrize("edit", EDITS)
def test_publishing_reads_the_record_of_the_site_the_target_serves(edit, fixture_copy, tmp_path):
    """``invoke publish`` from a machine whose output folder is empty: the target's site is the previous one."""
    content, target = fixture_copy("basic"), tmp_path / "srv"
    first = _publish(content, target, tmp_path / "out1")
    assert first.returncode == 0, first.stdout + first.stderr
    change, new_url = EDITS[edit]
    change(content)
    second = _publish(content, target, tmp_path / "out2")
    assert second.returncode == 0, second.stdout + second.stderr
    live = target / "current"
    rules = (live / "nginx-redirects.conf").read_text(encoding="utf-8")
    assert f'"/{HAND_ALIAS}" "https://warta.example/{new_url}";' in rules
    if new_url != JALAN_URL:
        assert f'"/{JALAN_URL}" "https://warta.example/{new_url}";' in rules
    assert JALAN_ID in _ids(live) and len(set(_ids(live))) == len(_ids(live))
    # Deleting it is refused before anything reaches the server.
    releases = sorted((target / "releases").iterdir())
    next(p for p in content.rglob("*.md") if "Jalan Desa" in p.read_text(encoding="utf-8")).unlink()
    third = _publish(content, target, tmp_path / "out3")
    assert third.returncode == 1 and "tidak ada lagi" in " ".join((third.stdout + third.stderr).split())
    assert sorted((target / "releases").iterdir()) == releases
    assert (live / new_url / "index.html").is_file()


@pytest.mark.parametrize("where", ["empty folder", "publish"])
def test_a_withdrawal_and_a_removal_reach_a_build_that_starts_elsewhere(where, fixture_copy, tmp_path, serve):
    content = fixture_copy("basic")
    target, published = tmp_path / "srv", tmp_path / "published"
    hoaks = "releases/2024/01/hoaks.md"
    gone = "berita/2024/01/klarifikasi-pesan-berantai-vaksin-palsu/"
    if where == "publish":
        assert _publish(content, target, tmp_path / "out1").returncode == 0
    else:
        assert build(content, published).returncode == 0
    _edit(content, JALAN, "\ntype:", WITHDRAWN)
    (content / hoaks).write_text(REMOVED, encoding="utf-8")
    if where == "publish":
        result = _publish(content, target, tmp_path / "out2")
        assert result.returncode == 0, result.stdout + result.stderr
        site = target / "current"
    else:
        result = build(content, tmp_path / "fresh", env={"WARTA_PREVIOUS": serve(published)})
        assert result.returncode == 0, result.log
        site = tmp_path / "fresh"
    assert "Dicabut</h2>" in (site / JALAN_URL / "index.html").read_text(encoding="utf-8")
    assert "Halaman ini telah dihapus" in (site / gone / "index.html").read_text(encoding="utf-8")
    assert f'"/{gone}"' in (site / "nginx-gone.conf").read_text(encoding="utf-8")
    changes = json.loads((site / "data/perubahan.json").read_text(encoding="utf-8"))
    assert (changes["dicabut"], changes["dihapus"]) == ([f"/{JALAN_URL}"], [f"/{gone}"])
