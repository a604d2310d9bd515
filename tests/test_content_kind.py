"""A new content kind is a declaration, not a change to the core (warta_content/kinds.py).

The fixture ``tests/fixtures/kind`` adds an agenda of events with nothing but a schema, an address
and two templates. These tests build it for real, with the rest of Warta, and hold it to what
every kind gets: its page, its listing, the sitemap, the search index, the output check, field
errors that name file, line and cure, the record of what was published, and pages reused when
an edit leaves them alone.
"""

from __future__ import annotations

import gzip
import json
import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, build, snapshot

KIND = FIXTURES / "kind"
COUNTS = re.compile(r"Warta: (\d+) berkas dirender, (\d+) ditautkan")


def _settings(root: Path) -> list[str]:
    plugins = runpy.run_path(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    return [
        "-e",
        f"PLUGINS={json.dumps([*plugins, 'warta_agenda'])}",
        f"PLUGIN_PATHS={json.dumps([str(ROOT / 'plugins'), str(KIND / 'plugin')])}",
        f"THEME_TEMPLATES_OVERRIDES={json.dumps([str(KIND / 'templates')])}",
        f"CACHE_PATH={json.dumps(str(root / 'cache'))}",
    ]


def _build(root: Path, out: Path, **kwargs):
    return build(root / "content", out, *_settings(root), info=True, **kwargs)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The basic fixture with an agenda folder, built once."""
    root = tmp_path_factory.mktemp("jenis")
    shutil.copytree(FIXTURES / "basic", root / "content")
    shutil.copytree(KIND / "agenda", root / "content" / "agenda")
    first = _build(root, root / "out")
    assert first.returncode == 0, first.log[-3000:]
    return root


def test_each_entry_gets_its_page_from_the_declared_template(site):
    page = (site / "out/agenda/2026/kerja-bakti-bersih-kali-bekasi/index.html").read_text(encoding="utf-8")
    assert "<h1>Kerja Bakti Bersih Kali Bekasi</h1>" in page
    assert "Bantaran Kali Bekasi, Bekasi Timur" in page
    assert 'href="https://warta.example/daftar"' in page
    assert "Warga diajak membersihkan bantaran kali" in page  # the body, rendered from Markdown
    assert "Agenda Kegiatan" in page  # the breadcrumb back to the listing


def test_the_listing_is_paginated_newest_first(site):
    first = (site / "out/agenda/index.html").read_text(encoding="utf-8")
    second = (site / "out/agenda/hal/2/index.html").read_text(encoding="utf-8")
    assert first.index("Kerja Bakti") < first.index("Senam Pagi")
    assert "Donor Darah" in second and "Donor Darah" not in first


def test_sitemap_search_and_the_record_know_the_new_kind(site):
    sitemap = (site / "out/sitemap.xml").read_text(encoding="utf-8")
    assert "/agenda/2026/donor-darah-hari-kesehatan/</loc>" in sitemap
    assert "/agenda/</loc>" in sitemap
    record = json.loads((site / "out/data/riwayat-terbit.json").read_text(encoding="utf-8"))
    rows = [dict(zip(record["kolom"], row, strict=True)) for row in record["entri"]]
    agenda = {row["source"]: row for row in rows if row["kind"] == "agenda"}
    assert sorted(agenda) == [f"agenda/2026/{name}.md" for name in ("donor-darah", "kerja-bakti", "senam-pagi")]
    assert agenda["agenda/2026/senam-pagi.md"]["url"] == "agenda/2026/senam-pagi-bersama-di-alun-alun/"
    assert _indexed(site / "out") >= {f"/{row['url']}" for row in agenda.values()}


def _indexed(out: Path) -> set[str]:
    """The address of every page in the search index, over all its shards."""
    found = set()
    for fragment in (out / "pagefind").rglob("*.pf_fragment"):
        text = gzip.decompress(fragment.read_bytes()).decode("utf-8")
        found.add(json.loads(text[text.index("{") :])["url"])
    return found


def test_an_edit_renders_only_what_it_changes_and_equals_a_clean_build(site, tmp_path):
    """A title fixed in one agenda file: its page and the listing are rendered again, the other
    entries' pages are linked from the published site, and the result is what a clean build makes."""
    root = tmp_path / "situs"
    shutil.copytree(site, root, symlinks=True)
    edited = root / "content/agenda/2026/senam-pagi.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Senam Pagi", "Senam Sehat"), encoding="utf-8")
    again = _build(root, root / "out")
    assert again.returncode == 0, again.log[-3000:]
    out, before = root / "out", root / "out.prev"
    kept = "agenda/2026/kerja-bakti-bersih-kali-bekasi/index.html"
    assert (out / kept).stat().st_ino == (before / kept).stat().st_ino  # linked, not rendered
    moved = "agenda/2026/senam-sehat-bersama-di-alun-alun/index.html"
    assert "Senam Sehat" in (out / moved).read_text(encoding="utf-8")
    # The title gave a new address: the old one redirects, as a release's would.
    assert "senam-sehat-bersama-di-alun-alun" in (
        out / "agenda/2026/senam-pagi-bersama-di-alun-alun/index.html"
    ).read_text(encoding="utf-8")
    rendered, reused = (int(n) for n in COUNTS.findall(again.log)[-1])
    assert reused > rendered > 0
    clean = build(root / "content", tmp_path / "bersih", *_settings(root), env={"WARTA_PREVIOUS": str(before)})
    assert clean.returncode == 0, clean.log[-3000:]
    assert _without_search(out) == _without_search(tmp_path / "bersih")


def _without_search(folder: Path) -> dict[str, str]:
    return {path: digest for path, digest in snapshot(folder).items() if not path.startswith("pagefind/")}


def test_a_bad_field_names_file_line_and_cure_and_the_site_is_untouched(site, tmp_path):
    root = tmp_path / "situs"
    shutil.copytree(site, root, symlinks=True)
    before = snapshot(root / "out")
    bad = root / "content/agenda/2026/kerja-bakti.md"
    text = bad.read_text(encoding="utf-8").replace("[diskominfo-contoh]", "[diskominfo]")
    bad.write_text(text.replace("https://warta.example/daftar", "daftar di kelurahan"), encoding="utf-8")
    failed = _build(root, root / "out")
    assert failed.returncode != 0
    assert re.search(
        r"agenda/2026/kerja-bakti\.md:5: agencies\[1\]: 'diskominfo' tidak ada di data/agencies\.yml", failed.log
    ), failed.log[-3000:]
    assert re.search(
        r"agenda/2026/kerja-bakti\.md:6: registration: 'daftar di kelurahan' harus tautan lengkap", failed.log
    )
    assert snapshot(root / "out") == before


def test_a_deleted_entry_is_an_error_until_it_is_declared_removed(site, tmp_path):
    root = tmp_path / "situs"
    shutil.copytree(site, root, symlinks=True)
    gone = root / "content/agenda/2026/donor-darah.md"
    gone.unlink()
    failed = _build(root, root / "out")
    assert failed.returncode != 0
    assert "agenda yang sudah terbit di /agenda/2026/donor-darah-hari-kesehatan/ tidak ada lagi" in failed.log
    gone.write_text(
        "---\nstatus: removed\nremoved: {date: 2026-11-30, reason: Acara dibatalkan}\n---\n", encoding="utf-8"
    )
    again = _build(root, root / "out")
    assert again.returncode == 0, again.log[-3000:]
    assert "kolom tidak dikenal" not in again.log  # status and removed need no declaration
    assert "/agenda/2026/donor-darah-hari-kesehatan/" not in (root / "out/sitemap.xml").read_text(encoding="utf-8")
    assert "agenda/2026/donor-darah-hari-kesehatan/" in (root / "out/nginx-gone.conf").read_text(encoding="utf-8")


def test_a_static_page_may_not_take_the_kinds_section(site, tmp_path):
    root = tmp_path / "situs"
    shutil.copytree(site, root, symlinks=True)
    (root / "content/pages/agenda.md").write_text("---\ntitle: Agenda\n---\nIsi.\n", encoding="utf-8")
    failed = _build(root, root / "out")
    assert failed.returncode != 0
    assert "pages/agenda.md" in failed.log and "dipakai oleh bagian situs /agenda/" in failed.log


def test_an_empty_body_the_schema_requires_is_an_error_not_a_missing_page(site, tmp_path):
    root = tmp_path / "situs"
    shutil.copytree(site, root, symlinks=True)
    new = root / "content/agenda/2026/rapat.md"
    new.write_text(
        "---\ntitle: Rapat Warga\ndate: 2026-12-20 19:00\nplace: Balai RW 05\nagencies: [dinkes-contoh]\n---\n",
        encoding="utf-8",
    )
    failed = _build(root, root / "out")
    assert failed.returncode != 0
    assert "agenda/2026/rapat.md:7: isi: kosong" in failed.log, failed.log[-3000:]


def test_invoke_check_reads_the_kinds_the_configured_plugins_declare(site, tmp_path):
    """The check loads the plugins the settings name, as a build does: a declared kind's folder is read
    and its published entries are not reported gone."""
    script = f"""
import sys
sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / "plugins")!r}]
from pelican.settings import read_settings
import tasks
settings = read_settings({str(ROOT / "pelicanconf.py")!r})
settings["PLUGINS"] = [*settings["PLUGINS"], "warta_agenda"]
settings["PLUGIN_PATHS"] = [*settings["PLUGIN_PATHS"], {str(KIND / "plugin")!r}]
from warta_content.ledger import read_previous
from pathlib import Path
previous = read_previous("", Path({str(site / "out")!r}))
archive = tasks._checked_archive(Path({str(site / "content")!r}), settings, previous)
print(sorted(e.source for e in archive.declared["agenda"]), [str(w) for w in archive.warnings])
"""
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "agenda/2026/kerja-bakti.md" in proc.stdout and "tidak dibaca" not in proc.stdout, proc.stdout
