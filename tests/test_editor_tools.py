"""`invoke new` and `invoke new-session` write files that pass `invoke check` and build."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

from conftest import ROOT, build

WIB = ZoneInfo("Asia/Jakarta")


def _invoke(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=ROOT, capture_output=True, text=True)


def test_new_release_is_dated_today_and_valid(fixture_copy, tmp_path):
    content = fixture_copy("basic")
    today = datetime.now(WIB)
    proc = _invoke(
        "new", "Warga Antusias Ikuti Senam Sehat", "--agency", "dinkes-contoh", "--agency", "diskominfo-contoh",
        "--theme", "kesehatan", "--type", "berita", "--content", str(content),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    path = content / f"releases/{today:%Y}/{today:%m}/warga-antusias-ikuti-senam-sehat.md"
    text = path.read_text(encoding="utf-8")
    assert f"date: {today:%Y-%m-%d}" in text
    assert "agencies: [dinkes-contoh, diskominfo-contoh]" in text and "type: berita" in text
    assert _invoke("check", "--content", str(content)).returncode == 0
    result = build(content, tmp_path / "out", build_time=None)
    assert result.returncode == 0, result.log
    assert (tmp_path / f"out/berita/{today:%Y/%m}/warga-antusias-ikuti-senam-sehat/index.html").is_file()
    # Running it again never overwrites the editor's work.
    again = _invoke("new", "Warga Antusias Ikuti Senam Sehat", "--agency", "dinkes-contoh", "--theme", "kesehatan",
                    "--content", str(content))  # fmt: skip
    assert again.returncode == 1 and "sudah ada" in again.stderr


def test_new_release_rejects_unknown_slugs(fixture_copy):
    content = fixture_copy("basic")
    proc = _invoke("new", "Judul", "--agency", "dinkes-lain", "--theme", "kesehatan", "--content", str(content))
    assert proc.returncode == 2
    assert "dinkes-lain tidak ada di data/agencies.yml" in proc.stderr and "dinkes-contoh" in proc.stderr
    assert not list((content / "releases").glob(f"{datetime.now(WIB):%Y}/**/judul.md"))


def test_new_session_takes_the_series_schedule(fixture_copy, tmp_path):
    content = fixture_copy("basic")
    proc = _invoke(
        "new-session", "sapa-contoh", "--date", "2027-02-03", "--topic", "Pelayanan Publik",
        "--theme", "kesehatan", "--content", str(content),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    text = (content / "sessions/sapa-contoh/2027-02-03.md").read_text(encoding="utf-8")
    assert "date: 2027-02-03 20:00" in text and "agencies: [diskominfo-contoh]" in text
    assert 'title: "Sapa Warga Contoh: Pelayanan Publik"' in text
    assert _invoke("check", "--content", str(content)).returncode == 0


def test_new_session_defaults_to_the_next_scheduled_slot(fixture_copy):
    content = fixture_copy("basic")
    (content / "sessions/sapa-contoh/2027-01-06.md").unlink()  # keep the next slot free whatever today is
    before = set((content / "sessions/sapa-contoh").glob("*.md"))
    proc = _invoke("new-session", "sapa-contoh", "--theme", "kesehatan", "--content", str(content))
    assert proc.returncode == 0, proc.stderr
    (created,) = set((content / "sessions/sapa-contoh").glob("*.md")) - before
    day = datetime.strptime(created.stem, "%Y-%m-%d").date()
    assert day.weekday() == 2  # Rabu, as data/series.yml says
    assert 0 <= (day - datetime.now(WIB).date()).days <= 7


def test_check_reads_the_search_variants_file_as_the_build_does(fixture_copy):
    content = fixture_copy("basic")
    (content / "data" / "search-variants.yml").write_text("- [hoaks, hoax]\n- [sosmed, hoax]\n", encoding="utf-8")
    proc = _invoke("check", "--content", str(content))
    assert proc.returncode == 1
    assert "search-variants.yml:2: 'hoax' sudah ada di baris 1" in proc.stderr
