"""Any sequence of editors' edits, built step by step, leaves every address any earlier build
published answering 200, 301 or 410: never 404. Hypothesis picks the edits on a generated archive.

An address is an entry's page, an alias or an earlier address, as each build's record lists them;
served statically, 200 is a page, 301 a redirect page leading to a page, 410 a removal notice.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tools.corpus import plan
from tools.formats import write_warta

sys.path.insert(0, str(ROOT / "plugins"))
from warta_content.archive import alias_save_as

RUNS = settings(max_examples=5, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck), database=None)
WITHDRAW = "\nstatus: withdrawn\nwithdrawn: {date: 2026-10-01, reason: Dicabut untuk uji.}\n"
REMOVE = "---\nstatus: removed\nremoved: {date: 2026-10-02, reason: Dihapus untuk uji.}\n---\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("korpus") / "warta"
    write_warta(plan(24, seed=7, series=2, sessions=3), folder)
    return folder


def _front(path: Path, key: str, value: str) -> None:
    """Set a front-matter field, as an editor would."""
    text = path.read_text(encoding="utf-8")
    head, sep, body = text[4:].partition("\n---\n")
    lines = [line for line in head.split("\n") if not line.startswith(f"{key}:")]
    path.write_text("---\n" + "\n".join([*lines, f"{key}: {value}"]) + sep + body, encoding="utf-8")


def _retitle(path: Path, n: int) -> None:
    _front(path, "title", f'"Judul Baru Nomor {n} untuk {path.stem[:20]}"')


def _reslug(path: Path, n: int) -> None:
    _front(path, "slug", f"alamat-baru-{n}-{path.stem[:30]}")


def _redate(path: Path, n: int) -> None:
    date = re.search(r"^date: (\d{4})-(\d{2})-(\d{2})", path.read_text(encoding="utf-8"), re.MULTILINE)
    month = int(date[2]) % 12 + 1
    _front(path, "date", f"{date[1]}-{month:02d}-{min(int(date[3]), 28):02d} 09:{n % 60:02d}")


def _move(path: Path, n: int) -> None:
    folder = next(p for p in path.parents if p.name == "releases")
    target = folder / "dipindah" / f"{n}-{path.name}"
    target.parent.mkdir(exist_ok=True)
    path.rename(target)


def _withdraw(path: Path, n: int) -> None:
    text = path.read_text(encoding="utf-8")
    if "status:" not in text:
        path.write_text(text.replace("\n---\n", WITHDRAW + "---\n", 1), encoding="utf-8")


def _remove(path: Path, n: int) -> None:
    path.write_text(REMOVE, encoding="utf-8")


def _delete(path: Path, n: int) -> None:
    path.unlink()  # refused by the build: the step is undone


EDITS = {"judul": _retitle, "slug": _reslug, "tanggal": _redate, "pindah": _move, "cabut": _withdraw}
EDITS |= {"hapus": _remove, "buang": _delete}


def _addresses(site: Path) -> set[str]:
    """Every address this publication's record lists, live, earlier or removed."""
    record = json.loads((site / "data/riwayat-terbit.json").read_text(encoding="utf-8"))
    url, old = record["kolom"].index("url"), record["kolom"].index("old")
    return {a for row in record["entri"] for a in (row[url], *row[old]) if a}


def _answer(site: Path, address: str) -> str:
    """'200', '301' or '410' as a static server with the built files answers ``address``; else '404'."""
    path = site / alias_save_as(f"/{address}")
    if not path.is_file():
        return "404"
    text = path.read_text(encoding="utf-8")
    if "Halaman ini telah dihapus" in text:
        return "410"
    moved = re.search(r'http-equiv="refresh" content="0; url=/([^"]*)"', text)
    if moved:
        return "301" if _answer(site, moved[1]) == "200" else "404"
    return "200"


@given(steps=st.lists(st.tuples(st.sampled_from(sorted(EDITS)), st.integers(0, 10_000)), min_size=1, max_size=4))
@RUNS
def test_no_address_ever_published_answers_404(steps, corpus, tmp_path_factory):
    root = tmp_path_factory.mktemp("langkah")
    content, out = root / "content", root / "out"
    shutil.copytree(corpus, content)
    assert build(content, out).returncode == 0
    ever = _addresses(out)
    for n, (name, pick) in enumerate(steps):
        releases = sorted(p for p in (content / "releases").rglob("*.md") if "status:" not in p.read_text("utf-8"))
        path = releases[pick % len(releases)]
        kept = path.read_bytes()
        EDITS[name](path, n)
        result = build(content, out)
        if name == "buang":
            assert result.returncode == 1 and "tidak ada lagi" in result.log
            path.write_bytes(kept)  # the editor follows the cure: the file comes back
            continue
        assert result.returncode == 0, result.log
        ever |= _addresses(out)
        answers = {address: _answer(out, address) for address in sorted(ever)}
        assert "404" not in answers.values(), [a for a, code in answers.items() if code == "404"]
