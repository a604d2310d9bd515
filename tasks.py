"""Warta's commands for editors and webmasters: `invoke --list` shows them all."""

from __future__ import annotations

import contextlib
import shlex
import sys
from datetime import datetime, timedelta
from pathlib import Path

from invoke import task
from invoke.exceptions import Exit

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

CONTENT = "content"
OUTPUT = "output"


def _pelican(c, content: str, output: str, settings: str = "pelicanconf.py", extra: str = "") -> None:
    cmd = [sys.executable, "-m", "pelican", content, "-s", settings, "-o", output]
    c.run(" ".join(shlex.quote(part) for part in cmd) + (" " + extra if extra else ""), pty=False)


@task(help={"content": "folder konten (bawaan: content)", "output": "folder hasil (bawaan: output)"})
def build(c, content=CONTENT, output=OUTPUT):
    """Bangun situs dari folder konten ke folder hasil."""
    _pelican(c, content, output)


@task(help={"content": "folder konten (bawaan: content)"})
def check(c, content=CONTENT):
    """Periksa konten saja (tanpa membangun situs): cepat, untuk editor dan CI."""
    from pelican.settings import read_settings
    from warta_content.archive import load_archive
    from warta_content.errors import WartaError
    from warta_content.settings import read_content_settings

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    try:
        archive = load_archive(Path(content), read_content_settings(settings), None)
    except WartaError as exc:
        print(f"GAGAL: {exc}", file=sys.stderr)
        raise Exit(code=1) from None
    print(
        f"OK: {len(archive.releases)} rilis terbit, {archive.withheld} draf/embargo, "
        f"{len(archive.sessions)} sesi, {len(archive.pages)} halaman — tidak ada masalah."
    )


@task(
    help={"port": "port pratinjau (bawaan: 8000)", "content": "folder konten", "cache": "folder cache (bawaan .cache)"}
)
def serve(c, port=8000, content=CONTENT, output=OUTPUT, cache=""):
    """Pratinjau di http://127.0.0.1:PORT/ dan bangun ulang setiap kali berkas disimpan."""
    import logging

    from pelican.log import init as init_logging
    from warta_content.preview import Preview

    init_logging(level=logging.INFO, name="pelican")
    logging.getLogger("pelican").setLevel(logging.WARNING)  # Warta's own lines only, not one per copied file
    with contextlib.suppress(KeyboardInterrupt):
        Preview(ROOT / "pelicanconf.py", Path(content), Path(output), cache or None).serve("127.0.0.1", int(port))


def _now_wib() -> datetime:
    from warta_content.fields import WIB

    return datetime.now(WIB).replace(second=0, microsecond=0)


def _vocabulary(content: str):
    from warta_content.errors import Problems
    from warta_content.vocabulary import load_vocabulary

    problems = Problems()
    vocab = load_vocabulary(Path(content), problems)
    if problems:
        raise Exit("\n".join(str(p) for p in problems.items), code=1)
    return vocab


def _require(kind: str, given: list[str], known: dict, data_file: str) -> None:
    if not given:
        raise Exit(f"sebutkan sedikitnya satu --{kind} (pilihan: {', '.join(known)})", code=2)
    unknown = [g for g in given if g not in known]
    if unknown:
        raise Exit(f"--{kind} {', '.join(unknown)} tidak ada di data/{data_file} (pilihan: {', '.join(known)})", code=2)


def _write_new(path: Path, text: str) -> None:
    if path.exists():
        raise Exit(f"{path} sudah ada; pilih judul lain atau sunting berkas itu", code=1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"Dibuat: {path}\nSunting isinya, lalu jalankan: invoke check && invoke serve")


def _yaml_list(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@task(
    iterable=["agency", "theme"],
    help={
        "title": "judul rilis",
        "agency": "slug instansi dari data/agencies.yml (boleh berulang)",
        "theme": "slug tema dari data/themes.yml (boleh berulang)",
        "type": "siaran-pers, berita, klarifikasi atau pengumuman (bawaan: siaran-pers)",
        "content": "folder konten",
    },
)
def new(c, title, agency=None, theme=None, type="siaran-pers", content=CONTENT):
    """Buat rilis baru dengan tanggal hari ini (WIB) dan front matter siap isi."""
    from slugify import slugify
    from warta_content.model import RELEASE_TYPES

    vocab = _vocabulary(content)
    _require("agency", agency, vocab.agencies, "agencies.yml")
    _require("theme", theme, vocab.themes, "themes.yml")
    if type not in RELEASE_TYPES:
        raise Exit(f"--type {type} tidak dikenal (pilihan: {', '.join(RELEASE_TYPES)})", code=2)
    now = _now_wib()
    slug = slugify(title, max_length=80, word_boundary=True)
    path = Path(content) / "releases" / f"{now:%Y}" / f"{now:%m}" / f"{slug}.md"
    location = ""
    _write_new(
        path,
        f"---\ntitle: {_quote(title)}\ndate: {now:%Y-%m-%d %H:%M}\ntype: {type}\n"
        f"agencies: {_yaml_list(agency)}\nthemes: {_yaml_list(theme)}\n"
        f"# number: 001/HUMAS/{_roman(now.month)}/{now:%Y}\n# location: {location or 'Nama kota'}\n"
        f"# summary: Ringkasan satu-dua kalimat (paling banyak 300 karakter).\n---\n\n"
        f"KOTA — Tulis paragraf pembuka di sini: siapa, apa, kapan, di mana.\n",
    )


def _roman(month: int) -> str:
    return ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"][month - 1]


@task(
    name="new-session",
    iterable=["agency", "theme"],
    help={
        "series": "slug seri dari data/series.yml",
        "date": "tanggal YYYY-MM-DD (bawaan: jadwal berikutnya dari seri)",
        "topic": "subtema sesi",
        "agency": "slug instansi penyaji (boleh berulang)",
        "theme": "slug tema (boleh berulang)",
        "content": "folder konten",
    },
)
def new_session(c, series, date=None, topic="", agency=None, theme=None, content=CONTENT):
    """Buat berkas sesi baru untuk satu seri, dengan tanggal dan jam dari jadwal seri."""
    vocab = _vocabulary(content)
    if series not in vocab.series:
        raise Exit(f"seri '{series}' tidak ada di data/series.yml (pilihan: {', '.join(vocab.series)})", code=2)
    info = vocab.series[series]
    agency = agency or [info.host.slug]
    _require("agency", agency, vocab.agencies, "agencies.yml")
    _require("theme", theme, vocab.themes, "themes.yml")
    start = _session_start(info, date)
    title = f"{info.name}: {topic}" if topic else info.name
    path = Path(content) / "sessions" / series / f"{start:%Y-%m-%d}.md"
    _write_new(
        path,
        f"---\ntitle: {_quote(title)}\nseries: {series}\ndate: {start:%Y-%m-%d %H:%M}\n"
        + (f"topic: {_quote(topic)}\n" if topic else "# topic: Subtema sesi\n")
        + f"agencies: {_yaml_list(agency)}\nthemes: {_yaml_list(theme)}\n"
        "# zoom: https://… (tautan Zoom, tampil sampai sesi selesai)\n"
        "# youtube: https://www.youtube.com/watch?v=… (isi setelah rekaman tersedia)\n"
        "# speakers:\n#   - name: Nama narasumber\n#     role: Jabatan\n"
        '# chapters:\n#   - at: "00:00"\n#     title: Pembukaan\n---\n\n'
        "Catatan sesi: apa yang dipaparkan, pertanyaan warga dan jawabannya.\n",
    )


def _session_start(series, date: str | None) -> datetime:
    """The given date at the series' start time, or the next scheduled slot from now."""
    from warta_content.fields import parse_datetime

    hour, minute = series.schedule.start if series.schedule else (10, 0)
    if date:
        day = parse_datetime(date)
        if day is None:
            raise Exit(f"--date '{date}' bukan tanggal (gunakan YYYY-MM-DD)", code=2)
        return day.replace(hour=hour, minute=minute)
    now = _now_wib()
    start = now.replace(hour=hour, minute=minute)
    if series.schedule:
        start += timedelta(days=(series.schedule.weekday - now.weekday()) % 7)
    return start if start > now else start + timedelta(days=7 if series.schedule else 1)


@task(help={"output": "folder hasil (bawaan: output)"})
def rollback(c, output=OUTPUT, published=False):
    """Kembalikan situs sebelumnya: output ↔ output.prev; dengan --published, di server tujuan."""
    from warta_publish.staging import paths, rotate

    if published:
        from warta_publish.deploy import Target
        from warta_publish.deploy import rollback as remote_rollback

        conf = _publish_settings()
        print(f"Server kembali ke rilis {remote_rollback(Target.parse(conf['PUBLISH_TARGET'], conf['PUBLISH_KEEP']))}")
        return
    final = Path(output).resolve()
    _, previous = paths(final)
    if not previous.is_dir():
        raise Exit(f"tidak ada {previous} untuk dikembalikan", code=1)
    swap = final.with_name(final.name + ".rollback")
    rotate(final, previous, swap)  # output → output.rollback, output.prev → output
    swap.rename(previous)  # the site we rolled back from becomes output.prev
    print(f"{final} kini berisi situs sebelumnya; yang tadi disimpan di {previous}")


def _publish_settings() -> dict:
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "publishconf.py"))
    return {"PUBLISH_TARGET": settings.get("PUBLISH_TARGET", ""), "PUBLISH_KEEP": settings.get("PUBLISH_KEEP", 5)}


@task(help={"content": "folder konten", "target": "tujuan, menimpa PUBLISH_TARGET di publishconf.py"})
def publish(c, content=CONTENT, target=""):
    """Bangun dengan publishconf.py lalu unggah ke server: folder rilis baru, lalu symlink dipindah."""
    from warta_publish.deploy import Target
    from warta_publish.deploy import publish as deploy

    conf = _publish_settings()
    destination = Target.parse(target or conf["PUBLISH_TARGET"], conf["PUBLISH_KEEP"])
    _pelican(c, content, OUTPUT, settings="publishconf.py")
    release = deploy(Path(OUTPUT), destination)
    print(f"Terbit: rilis {release} di {destination.rsync_dest('current')}")


@task(
    help={
        "releases": "jumlah rilis dalam korpus sintetis (bawaan: 1000)",
        "repeats": "ulangan per skenario (bawaan: 3, atau 1 di atas 2000 rilis)",
        "seed": "benih korpus (bawaan: 1)",
        "work": "folder kerja (bawaan: bench/)",
        "results": "berkas hasil JSON (bawaan: bench/results-N.json)",
        "profile": "hanya profil cProfile: bangun penuh dan bangun ulang tanpa perubahan",
    }
)
def bench(c, releases=1000, repeats=0, seed=1, work="", results="", profile=False):
    """Tolok ukur: Warta dibanding Pelican biasa + Pagefind pada korpus sintetis yang sama."""
    from tools.bench import main

    argv = ["--releases", str(releases), "--seed", str(seed)]
    argv += ["--repeats", str(repeats)] if repeats else []
    argv += ["--work", work] if work else []
    argv += ["--results", results] if results else []
    argv += ["--profile"] if profile else []
    code = main(argv)
    if code:
        raise Exit(code=code)


@task(help={"site": "situs yang sudah dibangun (bawaan: bangun contoh di folder sementara)"})
def screenshots(c, site=""):
    """Tangkapan layar contoh situs (360, 412 dan 1280 px) ke docs/screenshots/, untuk meninjau perubahan tampilan."""
    from tools.screenshots import main

    code = main(["--site", site] if site else [])
    if code:
        raise Exit(code=code)
