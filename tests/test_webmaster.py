"""The webmaster's and editor's commands through the real `invoke` CLI: a mistake gets a message that names
the cure and a non-zero exit, never a Python traceback; Ctrl+C stops a build with a non-zero exit."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import FIXTURES, ROOT, build, snapshot

WIB = ZoneInfo("Asia/Jakarta")


def _invoke(*args: str, cwd: Path = ROOT, timeout: float = 120) -> subprocess.CompletedProcess:
    """``invoke ARGS`` as a user types it; from ``cwd``, finding tasks.py in the repository (-r)."""
    cmd = [sys.executable, "-m", "invoke", "-r", str(ROOT), *args]
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def _says(proc: subprocess.CompletedProcess, code: int, *words: str) -> None:
    """Exit ``code``, every one of ``words`` in what the user sees, and no traceback."""
    shown = proc.stdout + proc.stderr
    assert proc.returncode == code, shown
    assert "Traceback" not in shown, shown
    for word in words:
        assert word in shown, (word, shown)


# ---- publish and rollback ------------------------------------------------------------------------------------------


def test_publish_without_a_target_says_where_to_set_one_before_building(fixture_copy, tmp_path):
    content = fixture_copy("basic")
    proc = _invoke("publish", "--content", str(content), cwd=tmp_path)  # publishconf.py leaves PUBLISH_TARGET empty
    _says(proc, 2, "PUBLISH_TARGET", "publishconf.py", "--target")
    assert not list(tmp_path.glob("output*")), "nothing may be built for a publish that cannot happen"


def test_publish_to_the_target_given(fixture_copy, tmp_path):
    content, server = fixture_copy("basic"), tmp_path / "server"
    _says(_invoke("publish", "--content", str(content), "--target", str(server), cwd=tmp_path), 0, "Terbit: rilis")
    assert (server / "current/index.html").is_file() and (tmp_path / "output/index.html").is_file()


def test_publish_to_an_unreachable_server_stops_before_building(fixture_copy, tmp_path):
    content = fixture_copy("basic")
    proc = _invoke("publish", "--content", str(content), "--target", "/dev/null/situs", cwd=tmp_path)
    _says(proc, 1, "publikasi: perintah gagal", "/dev/null/situs")
    assert not list(tmp_path.glob("output*"))


def test_rollback_without_a_previous_site_changes_nothing(fixture_copy, tmp_path):
    out = tmp_path / "site"
    assert build(fixture_copy("basic"), out).returncode == 0
    before = snapshot(out)
    _says(_invoke("rollback", "--output", str(out)), 1, "tidak ada situs sebelumnya", "site.prev")
    assert snapshot(out) == before


def _server(target: Path, *releases: str) -> None:
    """A publish target as `invoke publish` leaves it: release folders and `current` on the newest."""
    for release in releases:
        (target / "releases" / release).mkdir(parents=True)
        (target / "releases" / release / "index.html").write_text(release, encoding="utf-8")
    if releases:
        (target / "current").symlink_to(f"releases/{releases[-1]}")


def test_rollback_published_needs_a_target_and_an_earlier_release(tmp_path):
    _says(_invoke("rollback", "--published"), 2, "PUBLISH_TARGET", "--target")
    _says(_invoke("rollback", "--published", "--target", str(tmp_path / "kosong")), 1, "belum ada situs terbit")
    target = tmp_path / "server"
    _server(target, "20260101T000000Z")
    _says(_invoke("rollback", "--published", "--target", str(target)), 1, "tidak ada rilis sebelum")
    assert os.readlink(target / "current") == "releases/20260101T000000Z"
    _says(_invoke("rollback", "--target", str(target)), 2, "--published")


def test_rollback_published_switches_the_target_given(tmp_path):
    target = tmp_path / "server"
    _server(target, "20260101T000000Z", "20260102T000000Z")
    _says(_invoke("rollback", "--published", "--target", str(target)), 0, "20260101T000000Z")
    assert os.readlink(target / "current") == "releases/20260101T000000Z"


# ---- serve -------------------------------------------------------------------------------------------------------


def test_serve_on_a_busy_port_names_a_free_one_before_building(fixture_copy, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = _invoke("serve", "--port", str(port), "--content", str(fixture_copy("basic")), cwd=tmp_path)
    _says(proc, 1, f"port {port} sedang dipakai program lain; pakai --port ")
    assert not list(tmp_path.glob("output*"))


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("serve", "--port", "abc"), ["--port 'abc' harus bilangan bulat 1–65535"]),
        (("serve", "--port", "70000"), ["--port '70000'"]),
        (("bench", "--releases", "0"), ["--releases '0' harus bilangan bulat sedikitnya 1"]),
        (("check", "--content", "tidak-ada"), ["folder konten 'tidak-ada' tidak ditemukan", "--content"]),
        (("build", "--content", "tidak-ada"), ["folder konten 'tidak-ada' tidak ditemukan", "--content"]),
        (("new", "Judul", "--agency", "a", "--theme", "t", "--content", "tidak-ada"), ["folder konten"]),
    ],
)
def test_a_wrong_option_is_a_message(tmp_path, args, words):
    _says(_invoke(*args, cwd=tmp_path), 2, *words)


# ---- new and new-session -------------------------------------------------------------------------------------------


def _new(content: Path, title: str, *extra: str) -> subprocess.CompletedProcess:
    return _invoke("new", title, "--agency", "dinkes-contoh", "--theme", "kesehatan", "--content", str(content), *extra)


@pytest.mark.parametrize("title", ["???", "— 🎉 —"])
def test_a_title_without_a_file_name_asks_for_slug(fixture_copy, title):
    content = fixture_copy("basic")
    before = sorted((content / "releases").rglob("*.md"))
    _says(_new(content, title), 2, "--slug")
    assert sorted((content / "releases").rglob("*.md")) == before


def test_slug_names_the_file_and_the_address(fixture_copy, tmp_path):
    content = fixture_copy("basic")
    _says(_new(content, "Rapat", "--slug", "Rapat Banjir"), 2, "--slug rapat-banjir")
    _says(_new(content, "???", "--slug", "rapat-banjir"), 0, "rapat-banjir.md")
    today = datetime.now(WIB)
    text = (content / f"releases/{today:%Y}/{today:%m}/rapat-banjir.md").read_text(encoding="utf-8")
    assert 'title: "???"' in text and "slug: rapat-banjir" in text
    _says(_invoke("check", "--content", str(content)), 0, "OK")
    _says(_new(content, "Lain", "--slug", "rapat-banjir"), 1, "sudah ada", "--slug lain")
    _says(_new(content, "  "), 2, "judul kosong")


def test_new_session_on_a_taken_date_names_the_cure(fixture_copy):
    content = fixture_copy("basic")
    args = ("sapa-contoh", "--date", "2027-01-06", "--theme", "kesehatan", "--content", str(content))
    _says(_invoke("new-session", *args), 1, "sudah ada", "--date")


# ---- Ctrl+C during a build ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A generated archive big enough that a build runs for a while."""
    folder = tmp_path_factory.mktemp("korpus")
    subprocess.run([sys.executable, "-m", "tools.generate", "--releases", "200", str(folder)], cwd=ROOT, check=True)
    return folder / "warta"


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """A site already built, which an interrupted build must leave as it is. Of other content than the corpus:
    a build of the corpus over it renders every page, it cannot end before the signal for want of work."""
    out = tmp_path_factory.mktemp("situs") / "site"
    result = build(FIXTURES / "basic", out)
    assert result.returncode == 0, result.log
    return out


def _interrupt(cmd: list[str], published: Path, group: bool) -> tuple[int, str]:
    """Start ``cmd``, send SIGINT once it writes pages (to its process group, as a terminal's Ctrl+C, or to
    the process alone); its exit status and output."""
    staging = published.with_name(published.name + ".staging")
    shutil.rmtree(staging, ignore_errors=True)  # left by an earlier interrupted build: not this one's start
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        env={**os.environ, "WARTA_BUILD_TIME": "2026-11-22 12:00"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # even if this test run ignores SIGINT
    )
    deadline = time.monotonic() + 120
    while proc.poll() is None and not (staging / "berita").is_dir() and time.monotonic() < deadline:
        time.sleep(0.005)
    assert proc.poll() is None, "the build ended before it could be interrupted:\n" + proc.communicate()[0]
    if group:
        os.killpg(proc.pid, signal.SIGINT)
    else:
        proc.send_signal(signal.SIGINT)
    output = proc.communicate(timeout=120)[0]
    return proc.returncode, output


@pytest.mark.parametrize("group", [True, False], ids=["ctrl-c", "sigint-to-pelican"])
def test_ctrl_c_stops_a_pelican_build_with_a_non_zero_exit(corpus, published, group):
    before = snapshot(published)
    cmd = [sys.executable, "-m", "pelican", str(corpus), "-s", str(ROOT / "pelicanconf.py"), "-o", str(published)]
    code, output = _interrupt(cmd, published, group)
    assert code == 130, output
    assert "pembangunan dihentikan" in output and "Traceback" not in output, output
    assert snapshot(published) == before


@pytest.mark.parametrize("group", [True, False], ids=["ctrl-c", "sigint-to-invoke"])
def test_ctrl_c_stops_invoke_build_with_a_non_zero_exit(corpus, published, group):
    """`invoke build && invoke publish` must not publish: invoke passes a SIGINT sent to it alone on."""
    before = snapshot(published)
    cmd = [sys.executable, "-m", "invoke", "build", "--content", str(corpus), "--output", str(published)]
    code, output = _interrupt(cmd, published, group)
    assert code == 130, output
    assert "pembangunan dihentikan" in output and "Traceback" not in output, output
    assert snapshot(published) == before


# ---- the browser marker ------------------------------------------------------------------------------------------


def test_a_chromium_test_without_the_browser_marker_stops_collection(tmp_path):
    (tmp_path / "test_lupa.py").write_text(
        "import pytest\n\n\n"
        "def test_unmarked(page):\n    pass\n\n\n"
        "@pytest.mark.browser\ndef test_marked(page):\n    pass\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "conftest", "-p", "no:cacheprovider",
         "--rootdir", str(tmp_path), str(tmp_path / "test_lupa.py")],
        cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "tests")},
    )  # fmt: skip
    assert proc.returncode != 0
    assert "test_lupa.py::test_unmarked" in proc.stdout + proc.stderr
    assert "test_marked" not in proc.stderr and "@pytest.mark.browser" in proc.stdout + proc.stderr
