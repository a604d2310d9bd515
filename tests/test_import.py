"""invoke import: a WordPress export, RSS and Atom feeds and saved pages become a Warta archive that builds,
and every old address answers 301 to the right release under real nginx."""

from __future__ import annotations

import functools
import http.client
import http.server
import shutil
import struct
import subprocess
import sys
import threading
import zlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import FIXTURES, ROOT, build

IMPORT = FIXTURES / "import"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png(width: int = 4, height: int = 3) -> bytes:
    rows = b"".join(b"\x00" + b"\x10\x80\xf0" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def old_site(tmp_path_factory):
    """The old site's files over HTTP on a free loopback port: uploads, and the fixtures with OLD_SITE filled in."""
    root = tmp_path_factory.mktemp("old-site")
    uploads = root / "wp-content/uploads/2021"
    for name in ("08/foto-vaksinasi.png", "08/foto-vaksinasi-300x200.png", "08/antrean.png", "11/pelatihan.png"):
        (uploads / name).parent.mkdir(parents=True, exist_ok=True)
        (uploads / name).write_bytes(png())
    (uploads / "08/surat-edaran.pdf").write_bytes(PDF)
    (root / "images").mkdir()
    (root / "images/jembatan.png").write_bytes(png())
    (root / "files").mkdir()
    (root / "files/jadwal-posyandu.pdf").write_bytes(PDF)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    for path in IMPORT.rglob("*"):
        if path.is_file():
            target = root / "fixtures" / path.relative_to(IMPORT)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(path.read_text(encoding="utf-8").replace("OLD_SITE", base), encoding="utf-8")
    yield base, root / "fixtures"
    server.shutdown()
    server.server_close()


def empty_archive(where: Path) -> Path:
    """A content folder with only the vocabulary of tests/fixtures/basic."""
    content = where / "content"
    shutil.copytree(FIXTURES / "basic/data", content / "data")
    return content


def invoke_import(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "invoke", "import", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def decide(map_path: Path, **sections) -> None:
    """What an editor does with the drafted map: fill in what needs a decision and remove the todo."""
    data = yaml.safe_load(map_path.read_text(encoding="utf-8"))
    for section, entries in sections.items():
        for key, entry in entries.items():
            target = data["defaults"] if section == "defaults" else data[section][key]
            target.pop("todo", None)
            target.update(entry)
    map_path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def get(base: str, path: str) -> tuple[int, str]:
    """Status and Location of one request (path with its query), without following a redirect."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, response.getheader("Location", "")


def assert_moved(server: str, moves: dict[str, str]) -> None:
    """Each old address (path and query) answers 301 to its new path under nginx."""
    for old, new in moves.items():
        status, location = get(server, old)
        assert (status, urlsplit(location).path) == (301, new), old


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


@pytest.fixture(scope="module")
def wordpress(old_site, tmp_path_factory):
    """The WordPress export imported as an editor would: draft the map, decide, import, then build."""
    _, fixtures = old_site
    where = tmp_path_factory.mktemp("wp")
    content, work = empty_archive(where), where / "impor"
    export = str(fixtures / "wordpress.xml")
    first = invoke_import(export, "--content", str(content), "--work", str(work))
    decide(
        work / "import-map.yml",
        defaults={"": {"agencies": ["diskominfo-contoh"], "themes": ["literasi-digital"]}},
        tags={"vaksin": {"ignore": True}},
        authors={"humas": {"agencies": ["diskominfo-contoh"]}},
        categories={"infrastruktur": {"agencies": ["pupr-contoh"]}},
    )
    second = invoke_import(export, "--content", str(content), "--work", str(work))
    site = build(content, where / "out")
    return first, second, content, work, site


def test_the_first_run_drafts_the_map_and_imports_nothing(wordpress):
    first, _, content, work, _ = wordpress
    assert first.returncode == 1, first.stderr  # nothing imported yet: `invoke import … && invoke build` stops
    assert "perlu diputuskan dulu" in first.stderr
    assert "3 isian perlu keputusan" in first.stdout and "tags → vaksin" in first.stdout
    drafted = yaml.safe_load((work / "import-map.yml").read_text(encoding="utf-8"))
    assert drafted["categories"]["kesehatan"]["themes"] == ["kesehatan"]  # suggested by its name
    assert drafted["categories"]["dinas-kesehatan"]["agencies"] == ["dinkes-contoh"]
    assert drafted["categories"]["pengumuman"]["type"] == "pengumuman"
    assert drafted["authors"]["dinkes"]["agencies"] == ["dinkes-contoh"]
    assert "authors → humas: belum ada padanan" in first.stdout  # the map was decided since (see the fixture)
    assert not (content / "releases").exists() or first.stdout.count("dibuat/dilengkapi") == 1


def test_an_incomplete_map_stops_the_import_with_the_list(old_site, tmp_path):
    _, fixtures = old_site
    content, work = empty_archive(tmp_path), tmp_path / "impor"
    dry = invoke_import(str(fixtures / "wordpress.xml"), "--content", str(content), "--work", str(work), "--dry-run")
    assert "(uji coba) peta impor" in dry.stdout and not work.exists()  # a dry run writes nothing, not even the map
    invoke_import(str(fixtures / "wordpress.xml"), "--content", str(content), "--work", str(work))
    again = invoke_import(str(fixtures / "wordpress.xml"), "--content", str(content), "--work", str(work))
    assert again.returncode == 1
    assert "belum lengkap, 3 isian perlu keputusan" in again.stderr and "authors → humas" in again.stderr
    assert not (content / "releases").exists()


def test_posts_become_releases_with_mapped_vocabulary_and_time(wordpress):
    _, second, content, _, _ = wordpress
    assert second.returncode == 0, second.stdout + second.stderr
    booster = front(content / "releases/2021/08/vaksinasi-booster.md")
    assert booster["date"] == "2021-08-03 09:30" and booster["type"] == "siaran-pers"
    assert booster["agencies"] == ["dinkes-contoh"] and booster["themes"] == ["kesehatan"]
    assert booster["image"] == "impor/2021/08/foto-vaksinasi.png"
    assert booster["image_alt"] == "Petugas menyuntikkan vaksin kepada warga lansia"
    assert booster["aliases"] == [
        "/2021/08/03/vaksinasi-booster/",
        "/2021/08/03/vaksinasi-booster/foto-vaksinasi/",
        "/2021/08/03/vaksinasi-booster/surat-edaran/",
    ]
    road = front(content / "releases/2021/08/perbaikan-jalan.md")
    assert road["title"] == "Perbaikan Jalan & Drainase" and road["type"] == "pengumuman"
    assert road["agencies"] == ["pupr-contoh", "diskominfo-contoh"] and road["themes"] == ["infrastruktur"]
    embargo = front(content / "releases/2099/01/car-free-day.md")
    assert embargo["date"] == "2099-01-05 06:00" and "status" not in embargo
    # Its old address is its new one: no alias needed.
    assert front(content / "pages/tentang-kami.md") == {"title": "Tentang Kami", "slug": "tentang-kami"}


def test_bodies_are_clean_markdown_with_local_media(wordpress):
    _, _, content, _, _ = wordpress
    booster = (content / "releases/2021/08/vaksinasi-booster.md").read_text(encoding="utf-8")
    assert "wp:" not in booster and "<!--" not in booster
    alt = "Petugas menyuntikkan vaksin kepada warga lansia"
    assert f"![{alt}](/media/impor/2021/08/foto-vaksinasi-300x200.png)" in booster
    assert "![](/media/impor/2021/08/antrean.png)\n\n*Antrean warga di Puskesmas Rawa Lumbu*" in booster
    assert "## Syarat\n\n- KTP asli\n- Kartu vaksin dosis kedua" in booster
    assert "[surat edaran](/media/impor/2021/08/surat-edaran.pdf)" in booster
    assert (content / "media/impor/2021/08/surat-edaran.pdf").read_bytes() == PDF
    road = (content / "releases/2021/08/perbaikan-jalan.md").read_text(encoding="utf-8")
    assert "<https://www.youtube.com/watch?v=dQw4w9WgXcQ>" in road and "<https://youtu.be/aqz-KE-bpKQ>" in road
    assert "![Petugas menyuntikkan vaksin kepada warga lansia](/media/impor/2021/08/foto-vaksinasi.png)" in road
    assert "alert" not in road and "javascript" not in road and "Klik di sini untuk info." in road
    assert "Dinas PUPR memperbaiki jalan di 5 kecamatan.  \nPekerjaan" in road


def test_the_report_lists_what_was_skipped_and_what_an_editor_must_fix(wordpress):
    _, second, _, work, _ = wordpress
    report = (work / "import-report.md").read_text(encoding="utf-8")
    for expected in (
        "pos #12 'Draf rapat koordinasi': dilewati, draf",
        "pos #13 'Catatan internal': dilewati, privat",
        "pos #14 'Berita salah kirim': dilewati, ada di tempat sampah WordPress",
        "pos #16 'Menunggu tinjauan': dilewati, menunggu tinjauan",
        "lampiran #23 http://127.0.0.1:",
        "logo-lama.png: dilewati, tidak menempel pada tulisan yang diimpor",
        "releases/2021/08/vaksinasi-booster.md: gambar di isi /media/impor/2021/08/antrean.png tanpa teks alt",
        "shortcode [contact-form-7] tidak dikenal",
        "tautan javascript:/data: dibuang",
    ):
        assert expected in report, expected
    assert "4 baru" in second.stdout and "1 embargo" in second.stdout
    assert "Hasil `invoke check`" not in report  # the archive checks clean


def test_the_imported_archive_builds_without_any_script_from_the_export(wordpress):
    *_, site = wordpress
    assert site.returncode == 0, site.log
    page = site.read("berita/2021/08/perbaikan-jalan/index.html")
    assert "alert(" not in page and "javascript:" not in page
    assert not site.exists("berita/2099/01/car-free-day/index.html")  # embargoed until 2099


def test_every_old_wordpress_address_answers_301_to_its_release(wordpress, nginx):
    *_, site = wordpress
    base = nginx(site.output)
    booster, road = "/berita/2021/08/vaksinasi-booster/", "/berita/2021/08/perbaikan-jalan/"
    for old, new in {
        "/2021/08/03/vaksinasi-booster/": booster,
        "/2021/08/03/vaksinasi-booster": booster,
        "/2021/08/03/vaksinasi-booster/foto-vaksinasi/": booster,
        "/2021/08/03/vaksinasi-booster/surat-edaran/": booster,
        "/?p=10": booster,
        "/?attachment_id=21": booster,
        "/index.php/2021/08/04/perbaikan-jalan/": road,
        "/?p=11": road,
        "/index.php?p=11": road,
        "/tentang-kami/": "/tentang-kami/",
        "/?page_id=30": "/tentang-kami/",
    }.items():
        status, location = get(base, old)
        if old == new:
            assert status == 200, old
        else:
            assert (status, urlsplit(location).path) == (301, new), old
    assert get(base, booster)[0] == 200 and get(base, "/?p=999")[0] == 200  # an unknown id: the home page


def test_a_rerun_changes_nothing_and_never_overwrites_an_editors_edit(wordpress, tmp_path, old_site):
    _, fixtures = old_site
    _, _, content, work, _ = wordpress
    copy, state = tmp_path / "content", tmp_path / "impor"
    shutil.copytree(content, copy)
    shutil.copytree(work, state)
    export = str(fixtures / "wordpress.xml")
    again = invoke_import(export, "--content", str(copy), "--work", str(state))
    assert "0 baru, 0 telah diperbarui, 4 sama" in again.stdout, again.stdout
    edited = copy / "releases/2021/08/perbaikan-jalan.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("dua minggu", "tiga minggu"), encoding="utf-8")
    before = sorted(p.relative_to(copy) for p in copy.rglob("*"))
    dry = invoke_import(export, "--content", str(copy), "--work", str(state), "--dry-run")
    assert "uji coba" in dry.stdout and "1 disunting editor" in dry.stdout
    third = invoke_import(export, "--content", str(copy), "--work", str(state))
    assert "1 disunting editor (tidak ditimpa)" in third.stdout
    assert "perbaikan-jalan.md: disunting editor sejak impor terakhir, TIDAK ditimpa" in third.stdout
    assert "tiga minggu" in edited.read_text(encoding="utf-8")
    assert sorted(p.relative_to(copy) for p in copy.rglob("*")) == before  # no duplicate
    forced = invoke_import(export, "--content", str(copy), "--work", str(state), "--force")
    assert "1 telah diperbarui" in forced.stdout and "dua minggu" in edited.read_text(encoding="utf-8")


def import_deciding(source: str, content: Path, work: Path, **decisions) -> subprocess.CompletedProcess:
    """Draft the map, decide as given, import."""
    drafted = invoke_import(source, "--content", str(content), "--work", str(work))
    assert drafted.returncode == 1 and "perlu keputusan" in drafted.stdout, drafted.stdout + drafted.stderr
    decide(work / "import-map.yml", **decisions)
    done = invoke_import(source, "--content", str(content), "--work", str(work))
    assert done.returncode == 0, done.stdout + done.stderr
    return done


DEFAULTS = {"": {"agencies": ["diskominfo-contoh"], "themes": ["literasi-digital"]}}


def test_rss_file_and_atom_url_import_build_and_redirect(old_site, tmp_path, nginx):
    base, fixtures = old_site
    content, work = empty_archive(tmp_path), tmp_path / "impor"
    rss = import_deciding(str(fixtures / "rss.xml"), content, work, defaults=DEFAULTS)
    assert "2 baru" in rss.stdout
    drafted = invoke_import(f"{base}/fixtures/atom.xml", "--content", str(content), "--work", str(work))
    assert "dibuat/dilengkapi; 0 isian" in drafted.stdout  # its category and author matched data/*.yml
    atom = invoke_import(f"{base}/fixtures/atom.xml", "--content", str(content), "--work", str(work))
    assert "1 baru" in atom.stdout, atom.stdout
    bridge = front(content / "releases/2022/02/jembatan-cibeber-selesai.md")
    assert bridge["date"] == "2022-02-07 15:20" and bridge["agencies"] == ["pupr-contoh"]
    assert bridge["themes"] == ["infrastruktur"]
    wita = front(content / "releases/2022/02/pelatihan-literasi-guru.md")
    assert wita["date"] == "2022-02-08T09:00+08:00"  # the feed's own offset is kept
    posyandu = content / "releases/2022/03/posyandu-serentak.md"
    assert front(posyandu)["title"] == "Posyandu Balita Serentak & Gratis"
    assert front(posyandu)["agencies"] == ["dinkes-contoh"] and front(posyandu)["date"] == "2022-03-01 09:00"
    assert "[jadwalnya](/media/impor/files/jadwal-posyandu.pdf)" in posyandu.read_text(encoding="utf-8")
    assert (content / "media/impor/images/jembatan.png").read_bytes() == png()
    site = build(content, tmp_path / "out")
    assert site.returncode == 0, site.log
    server = nginx(site.output)
    assert_moved(
        server,
        {
            "/berita-daerah/jembatan-cibeber-selesai.html": "/berita/2022/02/jembatan-cibeber-selesai/",
            "/berita-daerah/pelatihan-literasi-guru.html": "/berita/2022/02/pelatihan-literasi-guru/",
            "/artikel/77/posyandu-serentak": "/berita/2022/03/posyandu-serentak/",
        },
    )


def test_saved_pages_of_two_sites_lose_their_boilerplate_and_keep_their_addresses(old_site, tmp_path, nginx):
    _, fixtures = old_site
    content, work = empty_archive(tmp_path), tmp_path / "impor"
    done = import_deciding(str(fixtures / "pages"), content, work, defaults=DEFAULTS)
    assert "3 baru" in done.stdout
    training = content / "releases/2021/11/operator-kecamatan-dilatih.md"
    market = content / "releases/2022/04/pasar-murah-lima-kecamatan.md"
    assert front(training)["title"] == "Operator Kecamatan Dilatih Mengelola Situs"
    assert front(training)["date"] == "2021-11-09 08:30" and front(market)["date"] == "2022-04-12"  # a day alone
    posyandu = content / "releases/2020/05/posyandu-keliling.md"
    for path, first, last in (
        (posyandu, "Tim posyandu keliling Dinas Kesehatan", "dicatat oleh kader posyandu setempat"),
        (training, "Sebanyak 23 operator kecamatan", "keamanan akun media sosial"),
        (market, "Dinas Perdagangan menggelar pasar murah", "pukul delapan di kantor kecamatan"),
    ):
        text = path.read_text(encoding="utf-8")
        assert first in text and last in text
        for boilerplate in (
            "Baca Juga",
            "BACA JUGA",
            "Bagikan",
            "WhatsApp",
            "Komentar",
            "Dilihat",
            "Dibaca",
            "BERITA TERKINI",
            "Berita Populer",
            "Beranda",
            "Hak cipta",
            "Copyright",
            "logo",
        ):
            assert boilerplate not in text, (path.name, boilerplate)
    assert "![Peserta pelatihan di aula Bappeda](/media/impor/2021/11/pelatihan.png)" in training.read_text("utf-8")
    report = (work / "import-report.md").read_text(encoding="utf-8")
    assert "halaman situs-b/berita.php-id=512.html" in report and "tabel tidak ikut diimpor" in report
    assert "alamat lamanya dianggap /2020/05/posyandu-keliling/ menurut letak berkasnya" in report
    site = build(content, tmp_path / "out")
    assert site.returncode == 0, site.log
    server = nginx(site.output)
    assert_moved(
        server,
        {
            "/2021/11/operator-kecamatan-dilatih/": "/berita/2021/11/operator-kecamatan-dilatih/",
            "/2020/05/posyandu-keliling/": "/berita/2020/05/posyandu-keliling/",  # saved by wget --mirror
            # inside Warta's own /berita/ section: no alias may take it, nginx's map does
            "/berita/detail/512/pasar-murah-lima-kecamatan": "/berita/2022/04/pasar-murah-lima-kecamatan/",
        },
    )


def wxr(items: str) -> str:
    """A minimal WXR 1.2 file around ``items``."""
    return (
        '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/'
        'excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/'
        '1.1/" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Lama</title>'
        f"<wp:wxr_version>1.2</wp:wxr_version>{items}</channel></rss>\n"
    )


def post(wp_id: int, title: str, body: str, link: str) -> str:
    return (
        f"<item><title>{title}</title><link>{link}</link><dc:creator>humas</dc:creator>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded><wp:post_id>{wp_id}</wp:post_id>"
        "<wp:post_date>2022-05-01 10:00:00</wp:post_date><wp:post_date_gmt>2022-05-01 03:00:00</wp:post_date_gmt>"
        f"<wp:post_name>pos-{wp_id}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
        "</item>"
    )


def test_a_hostile_export_imports_safely_and_runs_nothing_on_the_built_site(tmp_path):
    export = tmp_path / "jahat.xml"
    export.write_text(
        wxr(
            post(
                1,
                "&lt;script&gt;alert('judul')&lt;/script&gt;Rapat &lt;img src=x onerror=alert(1)&gt;",
                '<p onclick="alert(2)">Isi <script>alert(3)</script><a href="JaVaScRiPt:alert(4)">tautan</a>'
                '<iframe src="https://jahat.example/"></iframe> &lt;script&gt;alert(5)&lt;/script&gt;</p>'
                '<img src="javascript:alert(6)" alt="x"><svg onload="alert(7)"></svg>',
                "http://lama.example/2022/05/rapat/",
            )
            + post(2, "Besar", "<p>" + "a" * 2_100_000 + "</p>", "http://lama.example/2022/05/besar/")
        ),
        encoding="utf-8",
    )
    content, work = empty_archive(tmp_path), tmp_path / "impor"
    done = import_deciding(str(export), content, work, defaults=DEFAULTS, authors={"humas": {"ignore": True}})
    assert "1 baru" in done.stdout and "pos #2 'Besar': dilewati, isinya terlalu besar" in done.stdout
    site = build(content, tmp_path / "out")
    assert site.returncode == 0, site.log
    page = site.read("berita/2022/05/pos-1/index.html")
    assert "&lt;script&gt;alert(5)&lt;/script&gt;</p>" in page  # text that shows a tag stays text
    assert "Isi" in page and "tautan" in page
    for needle in (
        "<script>alert",
        "alert(1",
        "alert(2",
        "alert(3",
        "alert(4",
        "alert(6",
        "alert(7",
        "onerror",
        "onclick",
        "onload",
        "javascript:",
        "jahat.example",
        "<iframe",
    ):
        assert needle not in page.lower(), needle


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (wxr(post(1, "Terpotong", "<p>isi</p>", "/a/"))[:-40], "XML rusak"),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>\n' + wxr(post(1, "&c;", "<p>&c;</p>", "/a/")).split("\n", 1)[1],
            "serangan perluasan entitas",
        ),
    ],
    ids=["broken", "entity-expansion"],
)
def test_a_broken_or_malicious_export_stops_with_a_clear_message(tmp_path, text, message):
    export = tmp_path / "rusak.xml"
    export.write_text(text, encoding="utf-8")
    content = empty_archive(tmp_path)
    done = invoke_import(str(export), "--content", str(content), "--work", str(tmp_path / "impor"))
    assert done.returncode == 1 and message in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert f"{export}" in done.stderr and not (tmp_path / "impor").exists()


def test_unmapped_tags_may_be_ignored_at_once_and_are_listed(old_site, tmp_path):
    _, fixtures = old_site
    content, work = empty_archive(tmp_path), tmp_path / "impor"
    export = str(fixtures / "wordpress.xml")
    invoke_import(export, "--content", str(content), "--work", str(work))
    decide(
        work / "import-map.yml",
        defaults={"": {**DEFAULTS[""], "unmapped_tags": "ignore"}},
        authors={"humas": {"ignore": True}},
    )
    done = invoke_import(export, "--content", str(content), "--work", str(work), "--no-media", "--no-check")
    assert done.returncode == 0 and "4 baru" in done.stdout, done.stdout + done.stderr
    assert "(defaults → unmapped_tags: ignore) (1):\n  - tag 'vaksin' (1 tulisan)" in done.stdout
    assert "tidak diimpor: unduhan dimatikan (--no-media)" in done.stdout
    assert not (content / "media").exists()


def test_drafts_can_be_imported_as_drafts_and_two_posts_never_share_an_address(old_site, tmp_path):
    _, fixtures = old_site
    export = tmp_path / "kembar.xml"
    text = (fixtures / "wordpress.xml").read_text(encoding="utf-8")
    # A second post of August 2021 with the slug of the first (WordPress allows it across years and types).
    first = next(i for i in text.split("<item>") if "<wp:post_id>10<" in i)
    twin = first.replace("<wp:post_id>10</wp:post_id>", "<wp:post_id>40</wp:post_id>")
    export.write_text(text.replace("</channel>", f"<item>{twin.split('</item>')[0]}</item></channel>"), "utf-8")
    content, work = empty_archive(tmp_path), tmp_path / "impor"
    decisions = {"tags": {"vaksin": {"ignore": True}}, "authors": {"humas": {"ignore": True}}}
    done = import_deciding(str(export), content, work, defaults={"": {**DEFAULTS[""], "drafts": "draft"}}, **decisions)
    assert "3 sebagai draf" in done.stdout, done.stdout
    for name in ("2021/09/draf-rapat-koordinasi.md", "2021/09/catatan-internal.md", "2021/09/menunggu-tinjauan.md"):
        assert front(content / "releases" / name)["status"] == "draft", name
    twin = front(content / "releases/2021/08/vaksinasi-booster-2.md")
    assert twin["slug"] == "vaksinasi-booster-2" and "aliases" not in twin
    report = (work / "import-report.md").read_text(encoding="utf-8")
    assert "alamat lama /2021/08/03/vaksinasi-booster/: alamat lama ini sudah milik releases/2021/08/vaksin" in report
    site = build(content, tmp_path / "out")
    assert site.returncode == 0, site.log
    assert site.exists("berita/2021/08/vaksinasi-booster-2/index.html")
    assert not site.exists("berita/2021/09/catatan-internal/index.html")


def test_the_query_map_never_takes_an_address_of_warta_itself(tmp_path):
    from warta_import.queries import rules

    urls = {"releases/a.md": "/berita/2021/08/x/"}
    found, refused = rules(
        {
            "/berita/": "releases/a.md",
            "/arsip/2021/": "releases/a.md",
            "/berita/2021/08/x/": "releases/a.md",
            "/berita/hal/2/": "releases/a.md",
            "/berita/detail/1/x%20y": "releases/a.md",
            "/?p=1": "releases/draft.md",
            '/"bad': "releases/a.md",
        },
        urls,
        tmp_path,
        "",
    )
    assert found == [("/berita/detail/1/x y", "/berita/2021/08/x/"), ("/berita/detail/1/x y/", "/berita/2021/08/x/")]
    assert len(refused) == 6
    assert "'/?p=1' → releases/draft.md: berkas itu tidak terbit" in " ".join(refused)


def test_the_closing_check_lists_what_would_stop_the_build(old_site, tmp_path):
    _, fixtures = old_site
    content, work = empty_archive(tmp_path), tmp_path / "impor"
    (content / "releases").mkdir()
    (content / "releases/rusak.md").write_text("---\ntitle: Rusak\ndate: 2024-13-01\n---\n\nIsi.\n", "utf-8")
    done = import_deciding(str(fixtures / "rss.xml"), content, work, defaults=DEFAULTS, categories={})
    assert "Hasil `invoke check`: yang harus dibetulkan sebelum situs bisa dibangun (" in done.stdout
    assert "releases/rusak.md:3: date: '2024-13-01' bukan tanggal yang sah" in done.stdout, done.stdout
    assert "releases/rusak.md:3: date" in (work / "import-report.md").read_text(encoding="utf-8")


FEED_LINKS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Humas Lama</title><link>https://lama.invalid/</link><description>x</description>
<item><title>Vaksinasi Campak Gratis</title><link>https://lama.invalid/vaksinasi-campak-gratis/</link>
<pubDate>Mon, 07 Feb 2022 08:00:00 +0700</pubDate><description>Campak gratis di puskesmas.</description></item>
<item><title>Pasar Murah Ramadan</title><link>https://lama.invalid/index.php?p=777</link>
<pubDate>Tue, 08 Feb 2022 08:00:00 +0700</pubDate>
<description>Pasar murah digelar di alun-alun.&lt;script&gt;alert(1)&lt;/script&gt;</description></item>
<item><title>Jalan Desa Diperbaiki</title><link>https://lama.invalid/?p=901</link>
<pubDate>Wed, 09 Feb 2022 08:00:00 +0700</pubDate><description>Perbaikan jalan desa selesai.</description></item>
<item><title>Profil Dinas</title><link>https://lama.invalid/tentang/</link>
<pubDate>Thu, 10 Feb 2022 08:00:00 +0700</pubDate><description>Profil singkat dinas.</description></item>
</channel></rss>
"""


def test_one_part_addresses_and_query_links_of_a_feed_keep_working(tmp_path, nginx):
    """WordPress's "post name" permalinks (/judul/) become aliases; /?p= and /index.php?p= links go to
    nginx's query map, and the release is named from its title; an address a page of the archive
    already has is refused, never a build error."""
    content, work = empty_archive(tmp_path), tmp_path / "impor"
    (content / "pages").mkdir()
    (content / "pages/tentang.md").write_text("---\ntitle: Tentang\n---\nTentang situs ini.\n", encoding="utf-8")
    feed = tmp_path / "lama.xml"
    feed.write_text(FEED_LINKS, encoding="utf-8")
    done = import_deciding(str(feed), content, work, defaults=DEFAULTS)
    assert "4 baru" in done.stdout, done.stdout
    assert front(content / "releases/2022/02/vaksinasi-campak-gratis.md")["aliases"] == ["/vaksinasi-campak-gratis/"]
    assert (content / "releases/2022/02/pasar-murah-ramadan.md").is_file()  # named from the title, not "index"
    queries = yaml.safe_load((content / "data/import-queries.yml").read_text(encoding="utf-8"))
    assert queries["/index.php?p=777"] == "releases/2022/02/pasar-murah-ramadan.md"
    assert queries["/?p=901"] == "releases/2022/02/jalan-desa-diperbaiki.md"
    report = (work / "import-report.md").read_text(encoding="utf-8")
    assert "alamat lama /tentang/: alamat lama ini sudah milik halaman Warta pages/tentang.md" in report
    assert "pasar-murah-ramadan.md: unsur HTML dibuang dari isi: script" in report  # said, not done silently
    site = build(content, tmp_path / "out")
    assert site.returncode == 0, site.log
    server = nginx(site.output)
    assert_moved(
        server,
        {
            "/vaksinasi-campak-gratis/": "/berita/2022/02/vaksinasi-campak-gratis/",
            "/index.php?p=777": "/berita/2022/02/pasar-murah-ramadan/",
            "/?p=901": "/berita/2022/02/jalan-desa-diperbaiki/",
        },
    )
    assert "alert(" not in (site.output / "berita/2022/02/pasar-murah-ramadan/index.html").read_text("utf-8")
