"""An archive built in shards (here: one per government) searches as one site through merged indexes."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from conftest import build, copy_fixture
from test_search import results

# Shard A holds the city's releases, shard B the regency's; each is a complete content folder.
REGENCY = ("releases/2023/05/jalan.md", "releases/2024/01/pembangunan.md")


def _shard(tmp_path: Path, name: str, keep_regency: bool) -> Path:
    folder = tmp_path / f"shard-{name}"
    folder.mkdir()
    content = copy_fixture("basic", folder)
    for path in content.glob("releases/**/*.md"):
        is_regency = path.relative_to(content).as_posix() in REGENCY
        if is_regency != keep_regency:
            path.unlink()
    return content


@pytest.fixture
def merged_site(tmp_path) -> Path:
    city, regency = _shard(tmp_path, "a", keep_regency=False), _shard(tmp_path, "b", keep_regency=True)
    # Each shard builds on its own (in CI: on its own runner); A's search also reads B's bundle.
    a = build(city, tmp_path / "out-a", "-e", 'WARTA_SEARCH={"merge": ["/pagefind-b/"]}')
    # B's own index is in shards of years (pagefind/2023/, 2024/, 2027/): A finds them in its warta-shards.json.
    b = build(regency, tmp_path / "out-b", "-e", 'WARTA_SEARCH={"shard_min_pages": 1}')
    assert a.returncode == 0, a.log
    assert b.returncode == 0, b.log
    # Publishing puts every shard's pages into one tree, each index in its own folder.
    site = tmp_path / "site"
    shutil.copytree(b.output, site)
    shutil.copytree(a.output, site, dirs_exist_ok=True)
    shutil.rmtree(site / "pagefind-b", ignore_errors=True)
    shutil.copytree(b.output / "pagefind", site / "pagefind-b")
    return site


@pytest.mark.browser
def test_merged_search_finds_releases_of_both_shards(merged_site, serve, page):
    base = serve(merged_site)
    page.goto(base + "cari/?q=drainase")
    assert results(page) == ["/berita/2024/01/pembangunan-drainase-di-tiga-kecamatan/"]  # shard B
    page.goto(base + "cari/?q=imunisasi")
    assert results(page) == ["/berita/2023/05/dinkes-buka-pekan-imunisasi-anak/"]  # shard A
    page.goto(base + "cari/?q=kecamatan")
    found = set(results(page))
    assert "/berita/2024/02/pelatihan-literasi-digital/" in found  # A
    assert "/berita/2024/01/pembangunan-drainase-di-tiga-kecamatan/" in found  # B


@pytest.mark.browser
def test_newest_first_across_shards_of_both_sites(merged_site, serve, page):
    # Both sites have releases in May 2023 and January 2024: the day decides, not each index's own order.
    page.goto(serve(merged_site) + "cari/?jenis=berita&jenis=klarifikasi&jenis=siaran-pers&jenis=pengumuman")
    assert results(page) == [
        "/berita/2024/02/pelatihan-literasi-digital/",  # A
        "/berita/2024/01/pembangunan-drainase-di-tiga-kecamatan/",  # B
        "/berita/2024/01/klarifikasi-pesan-berantai-vaksin-palsu/",  # A
        "/berita/2023/05/perbaikan-jalan-desa-dimulai-pekan-depan/",  # B
        "/berita/2023/05/dinkes-buka-pekan-imunisasi-anak/",  # A
    ]


def _urls(bundle: Path) -> set[str]:
    found = set()
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        found.add(json.loads(data[data.index(b"{") :])["url"])
    return found


def test_each_shard_alone_knows_only_its_own_releases(merged_site):
    a_only = _urls(merged_site / "pagefind")
    listed = json.loads((merged_site / "pagefind-b" / "warta-shards.json").read_text("utf-8"))["shards"]
    assert [s["folder"] for s in listed] == ["2027/", "2024/", "2023/"]
    b_only = set().union(*(_urls(merged_site / "pagefind-b" / s["folder"]) for s in listed))
    assert "/berita/2024/01/pembangunan-drainase-di-tiga-kecamatan/" in b_only - a_only
    assert "/berita/2023/05/dinkes-buka-pekan-imunisasi-anak/" in a_only - b_only
