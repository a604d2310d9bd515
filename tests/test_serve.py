"""`invoke serve`: the preview server shows an edit after the file is saved."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import ROOT, build

from tools.preview import fetch, free_port

PAGE = "berita/2024/01/pembangunan-drainase-di-tiga-kecamatan/"


def _wait_for(url: str, text: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url, timeout=2):
            return True
        time.sleep(0.3)
    return False


def test_preview_rebuilds_on_save(fixture_copy, tmp_path):
    content, port = fixture_copy("basic"), free_port()
    cmd = [sys.executable, "-m", "invoke", "serve", "--content", str(content), "--output", str(tmp_path / "out")]
    server = subprocess.Popen(
        [*cmd, "--port", str(port)], cwd=ROOT, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}/{PAGE}"
        assert _wait_for(url, "genangan berkurang."), "the preview never served the page"
        source = content / "releases/2024/01/pembangunan.md"
        source.write_text(source.read_text().replace("berkurang.", "berkurang drastis."), encoding="utf-8")
        assert _wait_for(url, "genangan berkurang drastis."), "the saved edit never reached the preview"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


def test_quick_render_shows_an_edited_release_before_the_full_build(fixture_copy, tmp_path, monkeypatch):
    """The preview renders a saved release's own page at once; new or moved releases wait for the full build."""
    from warta_content.preview import Preview

    monkeypatch.setenv("WARTA_BUILD_TIME", "2026-11-22 12:00")
    content, out = fixture_copy("basic"), tmp_path / "out"
    preview = Preview(ROOT / "pelicanconf.py", content, out, str(tmp_path / "cache"))
    preview.build(preview.pelican())
    page = out / PAGE / "index.html"
    assert "genangan berkurang." in page.read_text(encoding="utf-8")
    source = content / "releases/2024/01/pembangunan.md"
    source.write_text(source.read_text().replace("berkurang.", "berkurang drastis."), encoding="utf-8")
    assert preview.quick({source}) == [PAGE]
    assert "genangan berkurang drastis." in page.read_text(encoding="utf-8")
    # A new title means a new address: only the full build may write that (and its redirects, listings…).
    source.write_text(source.read_text().replace("title: ", "title: Baru: ", 1), encoding="utf-8")
    assert preview.quick({source}) == []
    added = content / "releases/2024/01/baru.md"
    added.write_text(source.read_text(), encoding="utf-8")
    assert preview.quick({added}) == []


def test_the_collector_rests_from_loading_until_the_pages_are_written(fixture_copy, tmp_path, monkeypatch):
    """The archive and the queued pages live as long as the build: full collections would only walk
    them again. A build that fails meanwhile turns the collector back on too (the preview outlives it)."""
    import gc

    from pelican import signals
    from warta_content.preview import Preview

    monkeypatch.setenv("WARTA_BUILD_TIME", "2026-11-22 12:00")
    content, out = fixture_copy("basic"), tmp_path / "out"
    loaded: list[bool] = []

    def all_loaded(generators) -> None:  # after every generator's context, before any page is queued
        loaded.append(gc.isenabled())

    signals.all_generators_finalized.connect(all_loaded)
    try:
        preview = Preview(ROOT / "pelicanconf.py", content, out, str(tmp_path / "cache"))
        preview.build(preview.pelican())
        assert (out / PAGE / "index.html").is_file()
        assert loaded == [False]
        assert gc.isenabled() and gc.get_freeze_count() == 0
        source = content / "releases/2024/01/pembangunan.md"
        source.write_text(source.read_text().replace("\ntype: ", "\njenis: ", 1), encoding="utf-8")
        preview.build(preview.pelican())  # refused: a release without its type
        assert loaded == [False]  # the failed build never got that far
        assert gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        signals.all_generators_finalized.disconnect(all_loaded)
        gc.enable()


@pytest.mark.browser
def test_the_preview_shows_problems_over_every_page_until_the_file_is_fixed(fixture_copy, tmp_path, page):
    """The editor looks at the browser: a save that breaks a file puts its problems (file, line, cure)
    over the open page, which reloads by itself; warnings show too; the fix takes the panel away."""
    content, port = fixture_copy("basic"), free_port()
    cmd = [sys.executable, "-m", "invoke", "serve", "--content", str(content), "--output", str(tmp_path / "out")]
    env = {**os.environ, "WARTA_BUILD_TIME": "2026-11-22 12:00"}
    server = subprocess.Popen(
        [*cmd, "--port", str(port)], cwd=ROOT, start_new_session=True, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}/{PAGE}"
        assert _wait_for(url, "genangan berkurang."), "the preview never served the page"
        page.goto(url)
        assert page.locator(".warta-pratinjau").count() == 0
        source = content / "releases/2024/01/pembangunan.md"
        good = source.read_text(encoding="utf-8")
        source.write_text(good.replace("\ntype: berita", "\ntype: opini"), encoding="utf-8")
        alert = page.locator(".warta-masalah")
        alert.wait_for(timeout=60_000)  # the page reloads itself once the build is done
        text = " ".join(alert.inner_text().split())
        assert "releases/2024/01/pembangunan.md:4 type: 'opini' tidak dikenal (pilihan: siaran-pers" in text
        assert alert.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"  # its style is not refused
        # Another address shows the same problems: the site's own 404 page, under the panel.
        page.goto(f"http://127.0.0.1:{port}/tidak-ada/")
        assert "pembangunan.md:4" in page.locator(".warta-masalah").inner_text()
        page.goto(url)
        source.write_text(good.replace("\ntype: berita", "\ntype: berita\njudul_lain: x"), encoding="utf-8")
        page.locator(".warta-masalah").wait_for(state="detached", timeout=60_000)
        warning = page.locator(".warta-peringatan")
        assert "judul_lain: kolom tidak dikenal" in " ".join(warning.inner_text().split())
        assert page.locator(".warta-peringatan[open]").count() == 1
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


def test_the_preview_reuses_the_pages_a_build_published(fixture_copy, tmp_path, monkeypatch):
    """The preview and the command line key pages alike: a preview started on a built site renders
    nothing of it again (Pelican's command line sets DEBUG, the preview does not)."""
    from warta_content import build_state
    from warta_content.preview import Preview

    monkeypatch.setenv("WARTA_BUILD_TIME", "2026-11-22 12:00")
    content, out = fixture_copy("basic"), tmp_path / "out"
    assert build(content, out, "-e", f'CACHE_PATH="{tmp_path / "cache"}"').returncode == 0
    preview = Preview(ROOT / "pelicanconf.py", content, out, str(tmp_path / "cache"))
    pelican = preview.pelican()
    preview.build(pelican)
    record = build_state(pelican).output
    assert record.reused > 50 and record.rendered < record.reused, (record.rendered, record.reused)
