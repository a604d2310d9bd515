"""Warta's commands for editors and webmasters: `invoke --list` shows them all."""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import signal
import socket
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import invoke
from invoke.exceptions import Exit

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

CONTENT = "content"
OUTPUT = "output"


def task(*args, **kwargs):
    """invoke's ``@task``; Warta's own errors (a bad setting, a failed upload) and a file that cannot be read or
    written end it with a message, never a Python traceback."""

    def decorate(body):
        @functools.wraps(body)
        def run(c, *positional, **options):
            from warta_content.errors import WartaError

            try:
                return body(c, *positional, **options)
            except WartaError as error:
                raise Exit(f"GAGAL: {error}", code=1) from None
            except OSError as error:
                where = f"{error.filename}: " if error.filename else ""
                raise Exit(f"GAGAL: {where}{error.strerror or error}", code=1) from None

        return invoke.task(*args, **kwargs)(run)

    return decorate


def _content_folder(content: str) -> Path:
    folder = Path(content)
    if not folder.is_dir():
        where = "" if folder.is_absolute() else f" (dicari dari {Path.cwd()})"
        raise Exit(f"folder konten '{content}' tidak ditemukan{where}; beri --content FOLDER", code=2)
    return folder


def _number(option: str, value, lowest: int, highest: int | None = None) -> int:
    """A whole-number option, checked here: invoke's own conversion ends in a traceback."""
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or number < lowest or (highest is not None and number > highest):
        limit = f"{lowest}–{highest}" if highest is not None else f"sedikitnya {lowest}"
        raise Exit(f"--{option} '{value}' harus bilangan bulat {limit}", code=2)
    return number


def _pelican(content: Path, output: str, settings: str = "pelicanconf.py", env: dict | None = None) -> None:
    """Build in a child process; exit with its status when it fails (130 after Ctrl+C, see warta_publish)."""
    cmd = [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / settings), "-o", output]
    proc = subprocess.Popen(cmd, env={**os.environ, **env} if env else None)
    try:
        code = proc.wait()
    except KeyboardInterrupt:
        # A SIGINT sent to invoke alone must reach the build; the build heeds only the first of the two
        # it gets when Ctrl+C in a terminal reached both.
        proc.send_signal(signal.SIGINT)
        code = proc.wait()
    if code:
        raise Exit(code=code if code > 0 else 128 - code)  # killed by signal N: 128 + N, as a shell says


@task(help={"content": "folder konten (bawaan: content)", "output": "folder hasil (bawaan: output)"})
def build(c, content=CONTENT, output=OUTPUT):
    """Bangun situs dari folder konten ke folder hasil."""
    _pelican(_content_folder(content), output)


def _checked_archive(folder: Path, settings: dict, previous=None):
    """The archive as a build reads it, with every file a build would stop on checked (the content, and
    data/search-variants.yml, which the search page's writer reads); raises ValidationFailed or WartaError."""
    from pelican.plugins._utils import load_plugins
    from warta_content.archive import load_archive
    from warta_content.settings import read_content_settings
    from warta_search.variants import load_variants

    # As Pelican.init_plugins does: a plugin may declare a content kind (register_kind) the check must read.
    for plugin in load_plugins(settings):
        plugin.register()
    archive = load_archive(folder, read_content_settings(settings), None, previous=previous)
    load_variants(folder)
    return archive


@task(
    help={
        "content": "folder konten (bawaan: content)",
        "output": "situs terbit yang dibandingkan, bila WARTA_PREVIOUS kosong (bawaan: output)",
    }
)
def check(c, content=CONTENT, output=OUTPUT):
    """Periksa konten saja (tanpa membangun situs): cepat, untuk editor dan CI."""
    from pelican.settings import read_settings
    from warta_content.errors import ValidationFailed
    from warta_content.ledger import previous_location, read_previous
    from warta_content.reporting import declared_counts, print_warnings

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    previous = read_previous(previous_location(settings), Path(output).resolve())
    try:
        archive = _checked_archive(_content_folder(content), settings, previous)
    except ValidationFailed as error:
        print_warnings(error.warnings, "juga perlu diperiksa, tetapi tidak menghentikan pembangunan")
        raise
    print_warnings(archive.warnings)
    warned = f"{len(archive.warnings)} peringatan (lihat di atas)" if archive.warnings else "tidak ada masalah"
    print(
        f"OK: {len(archive.releases)} rilis terbit, {archive.withheld} draf/embargo, "
        f"{len(archive.sessions)} sesi, {len(archive.pages)} halaman{declared_counts(archive)} — {warned}."
    )


@task(
    help={
        "port": "port pratinjau (bawaan: 8000)",
        "content": "folder konten",
        "cache": "folder cache (bawaan .cache)",
        "cms": "juga penyunting web di http://127.0.0.1:PORT/admin/, yang menyimpan ke folder konten ini",
        "cms_port": "port penyimpan lokal penyunting web (bawaan: 8081)",
    }
)
def serve(c, port="8000", content=CONTENT, output=OUTPUT, cache="", cms=False, cms_port="8081"):
    """Pratinjau di http://127.0.0.1:PORT/ dan bangun ulang setiap kali berkas disimpan."""
    import logging

    from pelican.log import init as init_logging
    from warta_content.preview import Preview

    port = _number("port", port, 1, 65535)
    folder = _content_folder(content)
    _port_is_free(port)  # before the first build, not a minute later
    init_logging(level=logging.INFO, name="pelican")
    logging.getLogger("pelican").setLevel(logging.WARNING)  # Warta's own lines only, not one per copied file
    editor = _number("cms-port", cms_port, 1, 65535) if cms else None
    if editor:
        _port_is_free(editor)
    try:
        with contextlib.suppress(KeyboardInterrupt), _cms_backend(folder, editor, port) as settings:
            Preview(ROOT / "pelicanconf.py", folder, Path(output), cache or None, settings).serve("127.0.0.1", port)
    except OSError as error:
        if error.errno in (errno.EADDRINUSE, errno.EACCES):  # taken while the first build ran
            _port_is_free(port)
        raise


# --- The web editor's local backend (issue 21) -----------------------------------------------------------


@contextlib.contextmanager
def _cms_backend(content: Path, port: int | None, preview: int):
    """While the preview runs, Decap's local backend (decap-server) writes what the editor saves into
    ``content``; yields the settings that turn /admin/ on and point it there (none without --cms)."""
    if port is None:
        yield {}
        return
    server = ROOT / "node_modules/decap-server/dist/index.js"
    if not server.is_file():
        raise Exit("penyunting web belum terpasang: jalankan 'npm ci' (atau 'make test') lalu coba lagi", code=1)
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs"}
    env["GIT_REPO_DIRECTORY"] = str(content.resolve())
    proc = subprocess.Popen(["node", str(server)], env=env)
    print(f"Penyunting web: http://127.0.0.1:{preview}/admin/ (menyimpan ke {content.resolve()})", flush=True)
    try:
        yield {"WARTA_CMS": {"enabled": True, "local_backend": f"http://127.0.0.1:{port}/api/v1"}}
    finally:
        proc.terminate()
        proc.wait()


def _port_is_free(port: int) -> None:
    """Stop with the cure when the preview cannot listen on ``port``: a free port to use instead."""
    problem = _bind_problem(port)
    if problem == errno.EACCES:
        raise Exit(f"port {port} hanya boleh dibuka oleh root; pakai --port 8000", code=1)
    if problem:
        free = next((p for p in range(port + 1, min(port + 100, 65536)) if _bind_problem(p) is None), None)
        cure = f"pakai --port {free}" if free else "hentikan program itu atau pilih --port lain"
        raise Exit(f"port {port} sedang dipakai program lain; {cure}", code=1)


def _bind_problem(port: int) -> int | None:
    """None when the preview could listen on 127.0.0.1:port, else the errno (as its server: SO_REUSEADDR)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            return error.errno or errno.EADDRINUSE
    return None


def _now_wib() -> datetime:
    from warta_content.fields import WIB

    return datetime.now(WIB).replace(second=0, microsecond=0)


def _vocabulary(content: str):
    from warta_content.errors import Problems
    from warta_content.vocabulary import load_vocabulary

    problems = Problems()
    vocab = load_vocabulary(_content_folder(content), problems)
    if problems:
        raise Exit("\n".join(str(p) for p in problems.items), code=1)
    return vocab


def _require(kind: str, given: list[str], known: dict, data_file: str) -> None:
    if not given:
        raise Exit(f"sebutkan sedikitnya satu --{kind} (pilihan: {', '.join(known)})", code=2)
    unknown = [g for g in given if g not in known]
    if unknown:
        raise Exit(f"--{kind} {', '.join(unknown)} tidak ada di data/{data_file} (pilihan: {', '.join(known)})", code=2)


def _write_new(path: Path, text: str, other: str) -> None:
    """Write a new file; an existing one is the editor's work: never overwritten. ``other``: how to make another."""
    if path.exists():
        raise Exit(f"{path} sudah ada; sunting berkas itu, atau {other}", code=1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"Dibuat: {path}\nSunting isinya, lalu jalankan: invoke check && invoke serve")


@task(
    iterable=["agency", "theme"],
    help={
        "title": "judul rilis",
        "agency": "slug instansi dari data/agencies.yml (boleh berulang)",
        "theme": "slug tema dari data/themes.yml (boleh berulang)",
        "type": "siaran-pers, berita, klarifikasi atau pengumuman (bawaan: siaran-pers)",
        "slug": "nama berkas dan alamat, mis. rapat-banjir (bawaan: dari judul)",
        "content": "folder konten",
    },
)
def new(c, title, agency=None, theme=None, type="siaran-pers", slug="", content=CONTENT):
    """Buat rilis baru dengan tanggal hari ini (WIB) dan front matter siap isi."""
    from warta_content import scaffold
    from warta_content.model import RELEASE_TYPES

    if not title.strip():
        raise Exit('judul kosong; tulis judulnya: invoke new "Judul Rilis" --agency … --theme …', code=2)
    vocab = _vocabulary(content)
    _require("agency", agency, vocab.agencies, "agencies.yml")
    _require("theme", theme, vocab.themes, "themes.yml")
    if type not in RELEASE_TYPES:
        raise Exit(f"--type {type} tidak dikenal (pilihan: {', '.join(RELEASE_TYPES)})", code=2)
    now = _now_wib()
    name = _release_slug(title, slug)
    path = Path(content) / "releases" / f"{now:%Y}" / f"{now:%m}" / f"{name}.md"
    values = {"title": title, "slug": slug, "date": now, "type": type, "agencies": agency, "themes": theme}
    _write_new(path, scaffold.new_release(values, now), "beri judul lain atau --slug lain")


def _release_slug(title: str, slug: str) -> str:
    """The file's name and the release's URL name: ``--slug`` as given, else made from the title."""
    from slugify import slugify

    if slug:
        if slugify(slug) != slug:
            example = slugify(slug) or "rapat-koordinasi-banjir"
            raise Exit(f"--slug '{slug}' harus huruf kecil, angka dan tanda hubung, mis. --slug {example}", code=2)
        return slug
    made = slugify(title, max_length=80, word_boundary=True)
    if not made:  # only punctuation, emoji or a script without a Latin spelling
        raise Exit(
            f"judul '{title}' tidak menghasilkan nama berkas; beri --slug, mis. --slug rapat-koordinasi-banjir", code=2
        )
    return made


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
    from warta_content import scaffold

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
    values = {"title": title, "series": series, "date": start, "topic": topic, "agencies": agency, "themes": theme}
    _write_new(path, scaffold.new_session(values), "pilih tanggal lain dengan --date YYYY-MM-DD")


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


@task(
    help={
        "output": "folder hasil (bawaan: output)",
        "published": "kembalikan rilis sebelumnya di server tujuan, bukan folder hasil di sini",
        "target": "dengan --published: tujuan, menimpa PUBLISH_TARGET di publishconf.py",
    }
)
def rollback(c, output=OUTPUT, published=False, target=""):
    """Kembalikan situs sebelumnya: output ↔ output.prev; dengan --published, di server tujuan."""
    if published:
        from warta_publish.deploy import rollback as remote_rollback

        destination = _target(target)
        print(f"Server kembali ke rilis {remote_rollback(destination)} di {destination.rsync_dest('current')}")
        return
    if target:
        raise Exit("--target hanya berlaku bersama --published (rollback di server tujuan)", code=2)
    _rollback_local(Path(output).resolve())


def _rollback_local(final: Path) -> None:
    from warta_publish.staging import paths, rotate

    _, previous = paths(final)
    if not previous.is_dir():
        raise Exit(
            f"tidak ada situs sebelumnya untuk dikembalikan: {previous} belum ada (situs lama disimpan di sana "
            f"setiap kali pembangunan berhasil); {final} tidak diubah",
            code=1,
        )
    if not final.is_dir():
        previous.rename(final)
        print(f"{final} kini berisi situs sebelumnya")
        return
    swap = final.with_name(final.name + ".rollback")
    rotate(final, previous, swap)  # output → output.rollback, output.prev → output
    swap.rename(previous)  # the site we rolled back from becomes output.prev
    print(f"{final} kini berisi situs sebelumnya; yang tadi disimpan di {previous}")


def _target(given: str):
    """Where to publish: ``--target``, else PUBLISH_TARGET of publishconf.py; checked before anything is built."""
    from pelican.settings import read_settings
    from warta_publish.deploy import Target

    settings = read_settings(str(ROOT / "publishconf.py"))
    spec = given or settings.get("PUBLISH_TARGET", "")
    if not spec:
        raise Exit(
            "tujuan publikasi belum diisi: isi PUBLISH_TARGET di publishconf.py (mis. 'deploy@server:/srv/warta') "
            "atau beri --target FOLDER_ATAU_USER@HOST:/JALUR",
            code=2,
        )
    return Target.parse(spec, settings.get("PUBLISH_KEEP", 5))


@task(
    help={
        "content": "folder konten",
        "target": "tujuan, menimpa PUBLISH_TARGET di publishconf.py",
        "output": "folder hasil sebelum diunggah (bawaan: output)",
    }
)
def publish(c, content=CONTENT, target="", output=OUTPUT):
    """Bangun dengan publishconf.py lalu unggah ke server: folder rilis baru, lalu symlink dipindah."""
    from warta_publish.deploy import fetch_record, prepare
    from warta_publish.deploy import publish as deploy

    destination = _target(target)
    folder = _content_folder(content)
    prepare(destination)  # an unreachable server or a missing rsync is found before the build, not after
    with tempfile.TemporaryDirectory(prefix="warta-terbit-") as previous:
        # What the server publishes now is what every address and id must survive (warta_content/ledger.py).
        known = not os.environ.get("WARTA_PREVIOUS") and fetch_record(destination, Path(previous))
        _pelican(folder, output, settings="publishconf.py", env={"WARTA_PREVIOUS": previous} if known else None)
    release = deploy(Path(output), destination)
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
def bench(c, releases="1000", repeats="0", seed="1", work="", results="", profile=False):
    """Tolok ukur: Warta dibanding Pelican biasa + Pagefind pada korpus sintetis yang sama."""
    from tools.bench import main

    releases, repeats, seed = _number("releases", releases, 1), _number("repeats", repeats, 0), _number("seed", seed, 0)
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


# --- Impor (issue 20): invoke import SOURCE -------------------------------------------------------


@task(
    name="import",
    help={
        "source": "berkas ekspor WordPress (.xml), umpan RSS/Atom (berkas atau URL), atau folder halaman .html",
        "content": "folder konten tujuan (bawaan: content)",
        "work": "folder peta impor, catatan dan laporan (bawaan: impor)",
        "dry_run": "hanya tampilkan yang akan terjadi; tidak ada berkas yang ditulis atau diunduh",
        "no_media": "jangan unduh gambar dan lampiran (tautannya dilaporkan)",
        "force": "timpa juga berkas yang disunting editor sejak impor terakhir",
        "no_check": "lewati invoke check atas folder konten sesudah impor",
    },
)
def import_(c, source, content=CONTENT, work="impor", dry_run=False, no_media=False, force=False, no_check=False):
    """Impor arsip lama (WordPress, umpan RSS/Atom, halaman tersimpan) ke folder konten, alamat lamanya tetap hidup."""
    from warta_import.run import Options, run

    report = run(
        Options(
            source,
            _content_folder(content),
            Path(work),
            dry_run=dry_run,
            media=not no_media,
            force=force,
            check=None if no_check else _problems,
        )
    )
    if report.map_path is not None:  # the map was drafted or extended: nothing was imported yet
        raise Exit(
            f"Peta impor {report.map_path} perlu diputuskan dulu (lihat di atas); belum ada yang diimpor. "
            "Setelah menyuntingnya, jalankan perintah yang sama lagi.",
            code=1,
        )


def _problems(folder: Path) -> list[str]:
    """What ``invoke check`` would stop on in ``folder``, one "file: field: message" line each."""
    from pelican.settings import read_settings
    from warta_content.errors import ValidationFailed, WartaError

    try:
        _checked_archive(folder, read_settings(str(ROOT / "pelicanconf.py")))
    except ValidationFailed as failure:
        return [str(p) for p in failure.problems]
    except WartaError as error:  # a bad data/search-variants.yml: its message names the file and line
        return [str(error)]
    return []
