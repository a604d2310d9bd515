"""Bad input never crashes: whatever an editor saves, the build succeeds or stops with our report.

Hypothesis writes random front matter (wrong types, huge values, unicode, control characters,
YAML anchors and aliases, duplicate keys) and bodies (HTML, deep nesting), then damages the bytes
(BOM, CRLF, tabs, NUL, truncation, invalid UTF-8). Many examples go through the reader in-process;
a few go through the real CLI, which must exit 0, or 1 with the "konten tidak valid" report and
the previous output untouched. derandomize keeps runs repeatable; the whole file takes ~30 s.
"""

from __future__ import annotations

import shutil
import sys
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT, build, snapshot
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(ROOT / "plugins"))
from warta_content.archive import load_archive
from warta_content.errors import ValidationFailed
from warta_content.fields import WIB
from warta_content.settings import ContentSettings

SETTINGS = ContentSettings(build_time=datetime(2026, 11, 22, 12, tzinfo=WIB), cache=False)
IN_PROCESS = settings(
    max_examples=300, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck), database=None
)
THROUGH_CLI = settings(
    max_examples=8, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck), database=None
)

# --- values ------------------------------------------------------------------------------------

texts = st.one_of(
    st.text(max_size=40),
    st.text(st.characters(codec="utf-8"), max_size=20),  # control characters and surrogate-free unicode
    st.sampled_from(["", " ", "~", "null", "yes", "0x1F", "1e999", "-.inf", "<script>x</script>", "é" * 400]),
    st.builds(lambda n: "a" * n, st.integers(150, 5000)),  # around and past every length limit
)
scalars = st.one_of(texts, st.integers(), st.floats(), st.booleans(), st.none())
anything = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=8,
)
dates = st.sampled_from(
    ["2024-03-05 10:00", "2024-02-30", "2024-13-01", "0001-01-01 00:00", "9999-12-31 23:59", "1899-12-31",
     "2024-03-05T10:00:00+14:00", "2024-03-05T10:00Z", "2099-01-01 00:00", "kemarin", "20:00", "2024-3-5 7.30"]
)  # fmt: skip
OLD_PATHS = ["/lama/x.html", "/lama/x.html/y/", "/", "/instansi/", "/tema/kesehatan/hal/2/", "/LAMA/X.HTML",
             "/a?b=1", "/../x", "/%0A", "/sitemap.xml", "/tentang/", "relatif", "/berita/2024/03/judul/"]  # fmt: skip
PLAUSIBLE = {
    "title": texts,
    "date": dates,
    "updated": dates,
    "end": dates | st.just("21:00"),
    "type": st.sampled_from(["siaran-pers", "berita", "klarifikasi", "pengumuman", "opini"]),
    "agencies": st.lists(st.sampled_from(["dinkes-contoh", "pupr-contoh", "tidak-ada", ""]), max_size=3),
    "themes": st.lists(st.sampled_from(["kesehatan", "infrastruktur", "x"]), max_size=3),
    "series": st.sampled_from(["sapa-contoh", "lain"]),
    "slug": st.sampled_from(["ok-slug", "Bukan Slug", "tentang", "a" * 300, "berita"]) | texts,
    "aliases": st.lists(st.sampled_from(OLD_PATHS), max_size=3),
    "youtube": st.sampled_from(["AbCdEfGhIj0", "https://youtu.be/AbCdEfGhIj0", "https://vimeo.com/1", "x"]),
    "image": st.sampled_from(["foto/imunisasi.png", "../data/agencies.yml", "/etc/passwd", "tidak.png", "a\x00b"]),
    "session": st.sampled_from(["sapa-contoh/2024-01-10", "sapa-contoh/2024-02-30", "x", "/"]),
    "claim": st.fixed_dictionaries(
        {"text": texts, "source": texts, "rating": st.sampled_from(["salah", "benar", "bohong"])}
    ),
    "changes": st.lists(st.fixed_dictionaries({"date": dates, "note": texts}), max_size=2),
    "chapters": st.lists(st.fixed_dictionaries({"at": st.sampled_from(["00:00", "99:99", "5:30"]), "title": texts})),
    "speakers": st.lists(st.fixed_dictionaries({"name": texts}, optional={"role": anything}), max_size=2),
    "attachments": st.lists(st.fixed_dictionaries({"file": st.just("dokumen/jadwal.pdf"), "title": texts})),
    "status": st.sampled_from(["draft", "published", "arsip"]),
}
KEYS = st.sampled_from([*PLAUSIBLE, "summary", "number", "location", "image_alt", "zoom", "topic", "place", "tittle"])
fields = st.lists(st.tuples(KEYS, st.booleans(), anything), max_size=12)
bodies = st.one_of(
    st.text(max_size=200),
    st.lists(
        st.sampled_from(["<script>x()</script>", "<img src=x onerror=y()>", "[a](javascript:x)", "<div>", "</p>",
                         "> kutipan", "    kode", "| a | b |\n|---|---|", "[^1]", "[^1]: catatan", "<!--", "&#0;",
                         "***", "<svg><style>", "\\", "`", "#" * 7]),
        max_size=12,
    ).map("\n".join),
    st.integers(1, 700).map(lambda depth: "".join("  " * i + "- a\n" for i in range(depth))),
)  # fmt: skip


VALID = {  # a correct file of each kind: examples change a few of its fields, so deeper code runs
    "releases": {"title": "Judul", "date": "2024-03-05 10:00", "type": "klarifikasi", "agencies": ["dinkes-contoh"],
                 "themes": ["kesehatan"], "claim": {"text": "Klaim", "source": "Pesan", "rating": "salah"}},
    "sessions": {"title": "Sesi", "series": "sapa-contoh", "date": "2024-03-06 20:00", "agencies": ["dinkes-contoh"],
                 "themes": ["kesehatan"], "youtube": "AbCdEfGhIj0", "chapters": [{"at": "00:00", "title": "Buka"}]},
    "pages": {"title": "Halaman"},
}  # fmt: skip
RAW_LINES = ["anker: &a [x, y, z]", "title: *a", "? [kunci, daftar]\n: nilai", "agencies: *a", "x: !!python/name:os"]


@st.composite
def source_files(draw, kind: str) -> bytes:
    """One Markdown file: a correct one with a few fields made wrong, then perhaps damaged bytes."""
    front = dict(VALID[kind])
    for key, plausible, value in draw(fields):
        front[key] = draw(PLAUSIBLE[key]) if plausible and key in PLAUSIBLE else value
    for key in draw(st.lists(st.sampled_from(sorted(front)), max_size=2)):
        front.pop(key, None)
    lines = yaml.safe_dump(front, allow_unicode=True, width=10_000, sort_keys=False).rstrip("\n").split("\n")
    lines += draw(st.lists(st.sampled_from(RAW_LINES), max_size=2))  # anchors, aliases, duplicate and complex keys
    text = "---\n" + "\n".join(lines) + "\n---\n" + draw(bodies)
    raw = text.encode("utf-8", "surrogatepass")
    damage = draw(st.sampled_from(["none"] * 4 + ["bom", "crlf", "tabs", "nul", "truncate", "empty", "latin1"]))
    return {
        "none": raw,
        "bom": b"\xef\xbb\xbf" + raw,
        "crlf": raw.replace(b"\n", b"\r\n"),
        "tabs": raw.replace(b"\n  ", b"\n\t"),
        "nul": raw[: len(raw) // 2] + b"\x00" + raw[len(raw) // 2 :],
        "truncate": raw[: draw(st.integers(0, len(raw)))],
        "empty": b"",
        "latin1": raw + "\nCatatan: café".encode("latin-1"),
    }[damage]


def _content(folder: Path, files: list[tuple[str, bytes]]) -> Path:
    """A fresh content folder: the basic fixture's data and media, plus the generated files."""
    if folder.exists():
        shutil.rmtree(folder)
    for name in ("data", "media"):
        shutil.copytree(FIXTURES / "basic" / name, folder / name)
    for rel, raw in files:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(raw)
    return folder


PLACES = {"releases/2024/03/a.md": "releases", "releases/b.md": "releases", "sessions/sapa-contoh/c.md": "sessions",
          "sessions/lain/e.md": "sessions", "pages/d.md": "pages"}  # fmt: skip
archives = st.lists(
    st.sampled_from(sorted(PLACES)).flatmap(lambda rel: st.tuples(st.just(rel), source_files(PLACES[rel]))),
    min_size=1,
    max_size=3,
    unique_by=lambda f: f[0],
)


# --- in-process: many examples through the reader --------------------------------------------


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("bad-input") / "content"


@IN_PROCESS
@given(files=archives)
@example(files=[("releases/x.md", b"---\ntitle: [a, b\n---\n")])
@example(files=[("pages/x.md", b"---\ntitle: Judul\nslug: cari\nsummary: [a]\n---\n")])  # lines None and 3
@example(files=[("releases/x.md", b"---\n? [a, b]\n: c\n---\n")])
@example(files=[("releases/x.md", b"---\nt: &a [x,x,x,x,x,x,x,x,x]\nu: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                b"v: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nw: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n---\n")])  # fmt: skip
@example(files=[("releases/x.md", b"---\ntitle: a\n---\n" + "".join("  " * i + "- a\n" for i in range(700)).encode())])
def test_the_reader_raises_only_validation_failed(scratch, files):
    content = _content(scratch, files)
    try:
        archive = load_archive(content, SETTINGS, None)
    except ValidationFailed as failure:
        assert failure.problems and all(p.path and p.message for p in failure.problems)
    else:
        assert all(isinstance(r.title, str) and r.url.endswith("/") for r in archive.releases)


data_files = st.sampled_from(["governments.yml", "agencies.yml", "themes.yml", "series.yml"])


@IN_PROCESS
@given(name=data_files, rows=st.lists(st.dictionaries(st.sampled_from(["slug", "name", "short", "government",
       "host", "description", "schedule", "platforms", "website", "channel", "x"]), anything, max_size=7), max_size=4),
       damage=st.sampled_from([b"", b"\x00", b"- [", b"\t", b"\xff"]))  # fmt: skip
def test_a_broken_data_file_is_reported(scratch, name, rows, damage):
    content = _content(scratch, [])
    (content / "data" / name).write_bytes(yaml.safe_dump(rows, allow_unicode=True).encode() + damage)
    try:
        load_archive(content, SETTINGS, None)
    except ValidationFailed as failure:
        assert failure.problems


# --- end to end: a few examples through the real CLI ---------------------------------------


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, Path]:
    """A site built from the basic fixture: every failed build below must leave it as it is."""
    root = tmp_path_factory.mktemp("bad-input-cli")
    content = root / "content"
    shutil.copytree(FIXTURES / "basic", content)
    result = build(content, root / "out")
    assert result.returncode == 0, result.log
    return content, root / "out"


# Valid releases whose every free-text field is random unicode: these get past the reader and
# exercise what the writers do with odd text (templates, JSON-LD, feeds' XML, search, data export).
odd_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), min_size=1, max_size=80)
odd_releases = st.fixed_dictionaries(
    {"title": odd_text, "date": st.just("2024-03-05 10:00"), "type": st.just("klarifikasi"),
     "agencies": st.just(["dinkes-contoh"]), "themes": st.just(["kesehatan"]), "summary": odd_text,
     "number": odd_text, "location": odd_text, "image": st.just("foto/imunisasi.png"), "image_alt": odd_text,
     "claim": st.fixed_dictionaries({"text": odd_text, "source": odd_text, "rating": st.just("benar")}),
     "changes": st.lists(st.fixed_dictionaries({"date": st.just("2024-03-06 10:00"), "note": odd_text}), max_size=1)}
).map(lambda front: "---\n" + yaml.safe_dump(front, allow_unicode=True, width=10_000) + "---\n")  # fmt: skip
cli_files = st.one_of(source_files("releases"), st.tuples(odd_releases, odd_text).map(lambda t: "\n".join(t).encode()))


@THROUGH_CLI
@given(raw=cli_files)
@example(
    raw=b"---\ntitle: Judul \xe2\x80\xae<script>x</script>\ndate: 2024-03-05 10:00\ntype: berita\n"
    b"agencies: [dinkes-contoh]\nthemes: [kesehatan]\nsummary: '\xf0\x9f\x98\x80 & < >'\n---\n\n\xef\xbb\xbfIsi."
)
def test_the_cli_exits_with_our_report_and_keeps_the_site(published, raw):
    content, out = published
    (content / "releases/2024/03").mkdir(parents=True, exist_ok=True)
    (content / "releases/2024/03/acak.md").write_bytes(raw)
    before = snapshot(out)
    result = build(content, out)
    assert "Traceback" not in result.log, result.log
    if result.returncode != 0:
        assert result.returncode == 1 and "Warta: konten tidak valid" in result.log, result.log
        assert snapshot(out) == before, "a failed build changed the published site"
