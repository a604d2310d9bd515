"""Scenario (f): how long after saving an edit to one release the preview server (`invoke serve`) shows it."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path, PurePosixPath

from .measure import BenchError

ROOT = Path(__file__).resolve().parent.parent
MARKER = "Catatan pratinjau {stamp}: kalimat ini ditambahkan untuk tolok ukur."


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 5) -> str:
    """The page at ``url``, or '' while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _page_of(output: Path, source: str) -> str:
    """The address of the release built from ``source``, from the open data (its id ends with the source path)."""
    records = json.loads((output / "data/berita.json").read_text(encoding="utf-8"))["records"]
    tail = ":rilis/" + PurePosixPath(source).relative_to("releases").with_suffix("").as_posix()
    url = next(r["url"] for r in records if r["id"].endswith(tail))
    return "/" + url.split("/", 3)[3]


def _wait(check, seconds: float, step: float = 0.01) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if check():
            return time.monotonic() - started
        time.sleep(step)
    return None


def preview_latency(content: Path, output: Path, cache: Path, env: dict, log: Path, edited: Path) -> float:
    """Start the preview on ``content``, wait for its first build, save an edit to ``edited``, time until it shows."""
    port = free_port()
    cmd = [sys.executable, "-m", "invoke", "serve", "--content", str(content), "--output", str(output)]
    cmd += ["--cache", str(cache)]
    with log.open("w") as sink:
        server = subprocess.Popen(
            [*cmd, "--port", str(port)], cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    original = edited.read_bytes()
    try:
        if _wait(lambda: "pratinjau diperbarui" in log.read_text(errors="replace"), 900, 0.2) is None:
            raise BenchError(f"pratinjau tidak selesai membangun; lihat {log}")
        url = f"http://127.0.0.1:{port}{_page_of(output, edited.relative_to(content).as_posix())}"
        marker = MARKER.format(stamp=time.time_ns())
        edited.write_bytes(original + f"\n{marker}\n".encode())
        seconds = _wait(lambda: marker in fetch(url), 120)
        if seconds is None:
            raise BenchError(f"suntingan tidak pernah tampil di {url}; lihat {log}")
        return seconds
    finally:
        edited.write_bytes(original)
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
