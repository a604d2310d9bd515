"""The published folder changes only when a whole build succeeded; publish and rollback switch whole sites."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC
from pathlib import Path

from conftest import ROOT, build, snapshot


def _retitle(content: Path, old: str, new: str) -> None:
    path = content / "releases/2024/01/pembangunan.md"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_success_swaps_in_and_keeps_previous(fixture_copy, tmp_path):
    content, out = fixture_copy("basic"), tmp_path / "site"
    assert build(content, out).returncode == 0
    first = snapshot(out)
    _retitle(content, "Pembangunan Drainase di Tiga Kecamatan", "Pembangunan Drainase di Empat Kecamatan")
    assert build(content, out).returncode == 0
    assert snapshot(tmp_path / "site.prev") == first
    assert (out / "berita/2024/01/pembangunan-drainase-di-empat-kecamatan/index.html").is_file()
    # The old address stays, as a redirect to the new one (warta_content/ledger.py).
    old = (out / "berita/2024/01/pembangunan-drainase-di-tiga-kecamatan/index.html").read_text(encoding="utf-8")
    assert 'url=/berita/2024/01/pembangunan-drainase-di-empat-kecamatan/"' in old
    assert not (tmp_path / "site.staging").exists()
    # Bytes that did not change are not rewritten: same inode and mtime as the previous site.
    unchanged, changed = "tentang/index.html", "tema/infrastruktur/index.html"
    assert (out / unchanged).stat().st_ino == (tmp_path / "site.prev" / unchanged).stat().st_ino
    assert (out / changed).stat().st_ino != (tmp_path / "site.prev" / changed).stat().st_ino


def test_the_site_before_the_previous_one_is_deleted_after_the_build(fixture_copy, tmp_path):
    """A third build keeps two sites; the oldest is deleted by a process of its own, not left behind."""
    content, out = fixture_copy("basic"), tmp_path / "site"
    for old, new in (("Tiga", "Empat"), ("Empat", "Lima"), ("Lima", "Enam")):
        _retitle(content, f"Drainase di {old} Kecamatan", f"Drainase di {new} Kecamatan")
        assert build(content, out).returncode == 0
    assert (out / "berita/2024/01/pembangunan-drainase-di-enam-kecamatan/index.html").is_file()
    assert (tmp_path / "site.prev/berita/2024/01/pembangunan-drainase-di-lima-kecamatan/index.html").is_file()
    deadline = time.monotonic() + 60
    while list(tmp_path.glob("site.prev.old-*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("site")) == ["site", "site.prev"]


def test_plugin_exception_mid_write_leaves_site_untouched(fixture_copy, tmp_path):
    content, out = fixture_copy("basic"), tmp_path / "site"
    assert build(content, out).returncode == 0
    before = snapshot(out)
    # A broken listing template fails after the release pages were already rendered.
    broken = tmp_path / "templates"
    broken.mkdir()
    (broken / "listing.html").write_text("{{ no_such_function() }}", encoding="utf-8")
    _retitle(content, "Tiga Kecamatan", "Lima Kecamatan")
    result = build(content, out, "-e", f'THEME_TEMPLATES_OVERRIDES=["{broken}"]')
    assert result.returncode != 0
    assert list((tmp_path / "site.staging").rglob("index.html")), "the failed build had started writing"
    assert snapshot(out) == before
    # The next good build clears the leftovers and publishes.
    assert build(content, out).returncode == 0
    assert not (tmp_path / "site.staging").exists()
    assert (out / "berita/2024/01/pembangunan-drainase-di-lima-kecamatan/index.html").is_file()


def test_killed_build_leaves_site_untouched(tmp_path):
    out = tmp_path / "site"
    assert build(ROOT / "content", out).returncode == 0
    before = snapshot(out)
    staging = tmp_path / "site.staging"
    env = {**os.environ, "WARTA_BUILD_TIME": "2026-11-22 12:00"}
    cmd = [sys.executable, "-m", "pelican", str(ROOT / "content"), "-s", str(ROOT / "pelicanconf.py"), "-o", str(out)]
    killed = False
    for _ in range(10):  # the build is fast: catch it while it writes
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while proc.poll() is None:
            if (staging / "berita").exists():
                proc.send_signal(signal.SIGKILL)
                killed = True
                break
            time.sleep(0.001)
        proc.wait()
        if killed:
            break
    assert killed, "could not catch the build while it was writing"
    assert snapshot(out) == before


def _invoke(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=cwd, capture_output=True, text=True)


def test_rollback_swaps_output_and_previous(fixture_copy, tmp_path):
    content, out = fixture_copy("basic"), tmp_path / "site"
    assert build(content, out).returncode == 0
    first = snapshot(out)
    _retitle(content, "Tiga Kecamatan", "Enam Kecamatan")
    assert build(content, out).returncode == 0
    second = snapshot(out)
    proc = _invoke("rollback", "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    assert snapshot(out) == first and snapshot(tmp_path / "site.prev") == second


def _public(files: dict[str, str]) -> dict[str, str]:
    """What readers get: the build's own record (.warta/) stays home."""
    return {path: digest for path, digest in files.items() if not path.startswith(".warta/")}


def test_publish_to_local_target_switches_whole_sites(fixture_copy, tmp_path):
    from datetime import datetime

    from warta_publish.deploy import Target, publish, rollback

    content, out, target = fixture_copy("basic"), tmp_path / "site", tmp_path / "server"
    assert build(content, out).returncode == 0
    first = publish(out, Target.parse(str(target)), datetime(2026, 1, 1, tzinfo=UTC))
    assert (target / "current").resolve() == (target / "releases" / first).resolve()
    assert (out / ".warta/keluaran.json").is_file() and not (target / "current/.warta").exists()
    assert snapshot(target / "current") == _public(snapshot(out))
    _retitle(content, "Tiga Kecamatan", "Tujuh Kecamatan")
    assert build(content, out).returncode == 0
    second = publish(out, Target.parse(str(target)), datetime(2026, 1, 2, tzinfo=UTC))
    assert os.readlink(target / "current") == f"releases/{second}"
    assert snapshot(target / "current") == _public(snapshot(out))
    assert (target / "releases" / first / "berita/2024/01/pembangunan-drainase-di-tiga-kecamatan/index.html").is_file()
    # Unchanged files are hard links to the previous release: uploads stay small.
    css = "theme/css/warta.css"
    assert (target / "releases" / first / css).stat().st_ino == (target / "releases" / second / css).stat().st_ino
    assert rollback(Target.parse(str(target))) == first
    assert os.readlink(target / "current") == f"releases/{first}"
