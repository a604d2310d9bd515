"""The benchmark corpus: one seed gives one archive, and both Warta and vanilla Pelican build it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import build

from tools.corpus import plan
from tools.formats import folder_digest, write

RELEASES, SERIES, SESSIONS = 30, 2, 3


def _generate(folder: Path, seed: int):
    corpus = plan(RELEASES, seed, series=SERIES, sessions=SESSIONS)
    write(corpus, folder)
    return corpus


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """A 30-release, 2 × 3-session corpus, written once for this module."""
    folder = tmp_path_factory.mktemp("korpus")
    return folder, _generate(folder, seed=7)


def test_same_seed_same_bytes_other_seed_other_bytes(tiny, tmp_path):
    folder, _ = tiny
    again, other = tmp_path / "lagi", tmp_path / "lain"
    _generate(again, seed=7)
    _generate(other, seed=8)
    for name in ("warta", "vanilla"):
        assert folder_digest(folder / name) == folder_digest(again / name)
        assert folder_digest(folder / name) != folder_digest(other / name)


def test_corpus_has_the_promised_shape(tiny):
    folder, corpus = tiny
    assert (
        len(corpus.agencies) == 40 and len(corpus.themes) == 12 and len({a["government"] for a in corpus.agencies}) == 3
    )
    words = [len(re.findall(r"\w+", e.body)) for e in corpus.releases]
    assert all(300 <= n <= 1500 for n in words), words
    assert max(e.meta["date"] for e in [*corpus.releases, *corpus.sessions]) <= "2026-11-01"
    warta_sources = sorted(p.relative_to(folder / "warta") for p in (folder / "warta").rglob("*.md"))
    vanilla_sources = sorted(p.relative_to(folder / "vanilla") for p in (folder / "vanilla").rglob("*.md"))
    assert warta_sources == vanilla_sources and len(warta_sources) == RELEASES + SERIES * SESSIONS + 3
    png = (folder / "warta/media/foto/rapat.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and png[12:16] == b"IHDR"


def test_warta_builds_every_release_and_session(tiny, tmp_path):
    folder, corpus = tiny
    result = build(folder / "warta", tmp_path / "out", "-e", f'CACHE_PATH="{tmp_path / "cache"}"')
    assert result.returncode == 0, result.log
    releases = list((tmp_path / "out/berita").glob("*/*/*/index.html"))
    sessions = list((tmp_path / "out/sesi").glob("*/????-??-??/index.html"))
    assert len(releases) == RELEASES and len(sessions) == SERIES * SESSIONS
    edited = corpus.releases[0]
    assert edited.meta["title"] in result.read(
        f"berita/{edited.meta['date'][:7].replace('-', '/')}/{edited.meta['slug']}/index.html"
    )


def test_vanilla_pelican_builds_the_same_articles(tiny, tmp_path):
    folder, corpus = tiny
    out = tmp_path / "vanilla-out"
    proc = subprocess.run(
        [sys.executable, "-m", "pelican", ".", "-s", "pelicanconf.py", "-o", str(out)],
        cwd=folder / "vanilla",
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "warta" not in (proc.stdout + proc.stderr).lower()  # no Warta plugin took part
    slugs = [e.meta["slug"] for e in corpus.releases] + [
        f"{e.meta['series']}-{e.meta['date'][:10]}" for e in corpus.sessions
    ]
    assert sorted(p.stem for p in out.glob("*.html") if p.stem in set(slugs)) == sorted(slugs)
    assert (out / "feeds/all.atom.xml").is_file() and (out / "category/sesi.html").is_file()


def test_total_memory_counts_every_process_of_the_tree(tmp_path):
    """A build's worker processes and Pagefind hold memory at the same time as the build: the total
    sums the tree at each moment."""
    from tools import measure

    hold = "x = bytearray({mib} * 2**20); x[::4096] = b'1' * len(x[::4096]); time.sleep({seconds})"
    child = f"import time; {hold.format(mib=150, seconds=1.5)}"
    parent = (
        f"import subprocess, sys, time; {hold.format(mib=100, seconds=0)}; "
        f"subprocess.run([sys.executable, '-c', {child!r}], check=True)"
    )
    sample = measure.run([sys.executable, "-c", parent], tmp_path, dict(os.environ), tmp_path / "log")
    # Neither process holds 240 MiB; the two together do while the child runs.
    assert sample.peak_total_kib > 240 * 1024
