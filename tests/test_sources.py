"""Reading sources: worker processes give exactly what serial parsing gives, and the cache is written only on change."""

from __future__ import annotations

from pathlib import Path

import pytest
from warta_content.settings import ContentSettings
from warta_content.sources import parse_sources

BASIC = Path(__file__).parent / "fixtures" / "basic"


def _folder(tmp_path: Path) -> tuple[Path, dict[str, list[Path]]]:
    """The basic fixture's sources plus generated files: varied bodies and every kind of broken file."""
    content = tmp_path / "content"
    files: dict[str, list[Path]] = {"releases": [], "pages": []}
    for kind in files:
        for source in sorted((BASIC / kind).rglob("*.md")):
            target = content / source.relative_to(BASIC)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
            files[kind].append(target)
    generated = content / "releases" / "gen"
    generated.mkdir(parents=True)
    bodies = {
        "plain": "Paragraf pertama dengan *tekanan* dan [tautan](/tentang/).\n\n- satu\n- dua\n",
        "unsafe": 'Teks<script>alert(1)</script> <img src="https://contoh.test/a.png">\n<a href="#atas">naik</a>',
        "footnote": "Catatan[^1] dan tabel.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: Isi catatan.\n",
    }
    broken = {
        "yaml": b"---\ntitle: a: b\n---\nisi\n",
        "deep": b"---\ntitle: " + b"[" * 3000 + b"]" * 3000 + b"\n---\nisi\n",
        "alias": b"---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n",
        "latin1": "---\ntitle: caf\xe9\n---\n".encode("latin-1"),
        "unclosed": b"---\ntitle: x\n",
    }
    for i in range(60):
        name = list(bodies)[i % len(bodies)]
        path = generated / f"rilis-{i:03d}.md"
        front = f"---\ntitle: Rilis {i}\ndate: 2024-01-{i % 28 + 1:02d} 10:00\n---\n"
        path.write_text(f"{front}{bodies[name]}\n{'x ' * i}\n")
        files["releases"].append(path)
    for name, raw in broken.items():
        path = generated / f"rusak-{name}.md"
        path.write_bytes(raw)
        files["releases"].append(path)
    return content, files


def test_pool_matches_serial(tmp_path):
    content, files = _folder(tmp_path)
    settings = ContentSettings(cache=False)
    serial = parse_sources(content, files, settings, None, pool_threshold=10**9)
    pooled = parse_sources(content, files, settings, None, pool_threshold=0)
    assert [p.source for p in pooled["releases"]] == [p.relative_to(content).as_posix() for p in files["releases"]]
    assert pooled == serial
    assert sum(p.error is not None for p in serial["releases"]) == 5
    assert any(p.unsafe for p in serial["releases"])


@pytest.mark.parametrize("pool_threshold", [0, 10**9], ids=["proses-anak", "satu-proses"])
def test_each_file_is_taken_in_order_as_it_is_parsed(tmp_path, pool_threshold):
    """load_archive builds each release while the workers parse the next files."""
    content, files = _folder(tmp_path)
    settings = ContentSettings(cache=True)
    cache = tmp_path / "cache"
    parse_sources(content, {"releases": files["releases"][:7]}, settings, cache)  # some files come from the cache
    taken: list[str] = []

    def then(kind: str, parsed) -> tuple:
        taken.append(parsed.source)
        return kind, parsed.source, parsed.error is None

    built = parse_sources(content, files, settings, cache, pool_threshold=pool_threshold, then=then)
    sources = [p.relative_to(content).as_posix() for p in files["releases"]]
    assert taken == [p.relative_to(content).as_posix() for kind in files for p in files[kind]]
    assert [row[:2] for row in built["releases"]] == [("releases", s) for s in sources]
    assert sum(not ok for _, _, ok in built["releases"]) == 5
    # What the cache holds is the Parsed, not what ``then`` made of it.
    again = parse_sources(content, files, settings, cache, pool_threshold=10**9)
    assert [p.source for p in again["releases"]] == sources


def test_cache_written_only_on_change(tmp_path):
    content, files = _folder(tmp_path)
    settings, cache = ContentSettings(), tmp_path / "cache"
    first = parse_sources(content, files, settings, cache, pool_threshold=0)

    def state() -> dict[str, tuple[int, int]]:
        return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in cache.glob("sources-*.pickle")}

    before = state()
    assert len(before) > 8  # the cache is split by digest: an edit rewrites a small part of it
    assert parse_sources(content, files, settings, cache) == first
    assert state() == before, "unchanged sources rewrote the cache"
    files["releases"].pop()  # a dropped entry is a change too
    parse_sources(content, files, settings, cache)
    after = state()
    assert after.keys() == before.keys()
    assert sum(after[name] != before[name] for name in before) == 1  # only the shard that held it
    assert not list(cache.glob("*.tmp"))


def test_a_cache_written_in_the_background_is_whole_once_waited_for(tmp_path):
    from warta_content.sources import cache_written

    content, files = _folder(tmp_path)
    settings, cache = ContentSettings(), tmp_path / "cache"
    first = parse_sources(content, files, settings, cache, pool_threshold=0, background=True)
    cache_written()
    assert len(list(cache.glob("sources-*.pickle"))) > 8 and not list(cache.glob("*.tmp"))
    again = parse_sources(content, files, settings, cache, pool_threshold=10**9)
    assert again == first
