"""Issue 21: the web editor at /admin/ (Decap CMS), its config made from the content schema, driven in
headless Chromium against the real local backend (decap-server) writing into a copy of a fixture."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build, free_port, require

DECAP_SERVER = ROOT / "node_modules/decap-server/dist/index.js"
IMAGE = ROOT / "tests/fixtures/basic/media/foto/imunisasi.png"
# The README's pictures: `WARTA_SCREENSHOTS=docs/screenshots pytest tests/test_cms.py` renews them.
SCREENSHOTS = Path(os.environ.get("WARTA_SCREENSHOTS") or Path(tempfile.gettempdir()) / "warta-cms-screenshots")
BODY = (
    "Paragraf pertama dengan [tautan ke Dinkes](https://dinkes.contoh.example/jadwal).\n\n"
    "* Puskesmas Utara\n  * Senin sampai Jumat\n  * Sabtu pagi\n* Puskesmas Selatan\n\n"
    "1. Daftar di loket\n   1. bawa KTP\n2. Tunggu panggilan\n\n"
    "Baris pertama alamat\\\nBaris kedua alamat\n\n"
    "![Antrean warga di puskesmas](/media/foto/imunisasi.png)"
)
TITLE = "Dinkes Contoh Buka Layanan Malam di Dua Puskesmas"
ALT = "Petugas puskesmas melayani warga pada malam hari."


@dataclass
class Editor:
    """`invoke serve --cms` on a copy of a fixture: the preview with /admin/ on, and decap-server
    writing what the form saves into ``content``."""

    content: Path
    base: str
    api: str


@pytest.fixture
def editor(fixture_copy, tmp_path):
    require("decap-server", DECAP_SERVER, "npm ci (package.json)")
    content, port, backend = fixture_copy("basic"), free_port(), free_port()
    # A field the form does not show (schema.py: editor=False), to see that editing keeps it.
    release = content / "releases/2023/05/imunisasi.md"
    text = release.read_text(encoding="utf-8")
    release.write_text(text.replace("---\n", "---\naliases: [/lama/imunisasi.html]\n", 1), encoding="utf-8")
    cmd = [sys.executable, "-m", "invoke", "serve", "--cms", "--cms-port", str(backend), "--port", str(port)]
    cmd += ["--content", str(content), "--output", str(tmp_path / "preview")]
    server = subprocess.Popen(
        cmd, cwd=ROOT, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "COLUMNS": "1000"},  # one log line per message, so the address is found
    )  # fmt: skip
    try:
        seen = {"backend": False, "preview": False}
        for line in server.stdout:  # both say when they listen: the backend, then the preview after its build
            seen["backend"] |= "listening" in line
            seen["preview"] |= f"pratinjau di http://127.0.0.1:{port}/" in line
            if all(seen.values()):
                break
        else:
            pytest.fail(f"invoke serve --cms stopped (exit {server.wait()}) before serving: {seen}")
        threading.Thread(target=server.stdout.read, daemon=True).start()  # keep the pipe from filling up
        yield Editor(content, f"http://127.0.0.1:{port}/", f"http://127.0.0.1:{backend}/api/v1")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


@pytest.fixture
def tab(browser):
    """A page in Jakarta's time zone and Indonesian locale, as on the office PC; a wide screen for the preview."""
    context = browser.new_context(timezone_id="Asia/Jakarta", locale="id-ID", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.requests, page.refused = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda m: "Content Security Policy" in m.text and page.refused.append(m.text))
    yield page
    context.close()


def _open(page, editor: Editor, collection: str):
    page.goto(editor.base + "admin/")
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("link", name=collection, exact=True).click()


def _field(page, name: str):
    return page.locator(f"[id^='{name}-field-']").first


def _pick(page, name: str, option: str):
    _field(page, name).click()
    page.get_by_role("option", name=option, exact=True).click()


def _write_body(page, text: str):
    page.get_by_role("switch").last.click()  # the body's Markdown mode
    body = page.locator("[contenteditable=true]").last
    body.click()
    for i, line in enumerate(text.split("\n")):
        if i:
            page.keyboard.press("Enter")
        page.keyboard.insert_text(line)


def _save(page):
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.get_by_text("Simpan sekarang").click()


def _preview(page):
    return page.frame_locator("iframe").first


def _front_matter(path: Path) -> dict:
    """Read as Warta reads it: every value a string (YAML 1.1 would take 12:30 for a number)."""
    return yaml.load(path.read_text(encoding="utf-8").split("---\n")[1], Loader=yaml.BaseLoader)


def _check(content: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--content", str(content)], cwd=ROOT, capture_output=True, text=True
    )


def _structure(html: str) -> str:
    """The body's elements and text, without attributes or spacing, so two renderers can be compared.

    Two differences are Decap's preview's own and not Warta's to change: it wraps the body in a <div>,
    and shows an image alone in its paragraph without the <p> that CommonMark (and Warta) gives it.
    """
    html = re.sub(r"<(\w+)[^>]*>", r"<\1>", html)
    html = re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()
    html = re.sub(r"<p><img></p>", "<img>", html)
    return html.removeprefix("<div>").removesuffix("</div>") if html.startswith("<div><p>") else html


@pytest.mark.browser
def test_a_release_written_in_the_form_is_saved_checked_and_built_as_previewed(tab, editor, tmp_path):
    _open(tab, editor, "Rilis")
    tab.get_by_role("link", name=re.compile("Rilis baru")).click()
    _field(tab, "title").fill(TITLE)
    _field(tab, "date").fill("2026-11-20T19:30")
    _pick(tab, "agencies", "Dinas Kesehatan Kota Contoh")
    _pick(tab, "agencies", "Dinas Komunikasi dan Informatika Kota Contoh")
    _pick(tab, "themes", "Kesehatan")
    _field(tab, "location").fill("Contoh")
    tab.get_by_role("button", name="Pilih foto").click()
    tab.set_input_files("input[type=file]", IMAGE)
    tab.get_by_role("button", name="Pakai yang dipilih").click()
    _field(tab, "image_alt").fill(ALT)
    tab.get_by_text("Klaim yang diluruskan", exact=True).last.click()  # opened and left empty: not written
    _write_body(tab, BODY)
    # Back in the rich-text mode, one more word: the body is then written by Decap's own Markdown writer
    # (remark: "*" bullets, nested items under the text above, "\\" line breaks), not as typed.
    tab.get_by_role("switch").last.click()
    tab.locator("[contenteditable=true]").last.get_by_text("Paragraf pertama").click()
    tab.keyboard.press("Home")
    tab.keyboard.insert_text("Hari ini: ")
    preview = _preview(tab)
    preview.get_by_role("heading", name=TITLE).wait_for()
    preview.locator(".release-body li li").first.wait_for()
    shown = preview.locator(".release-body").inner_html()
    assert "Jumat, 20 November 2026, 19.30 WIB" in preview.locator(".release-date").inner_text()
    assert preview.locator(".lead-image img").get_attribute("alt") == ALT
    # The upload is in content/media/ at once; the preview shows it after its rebuild.
    preview.locator(".lead-image img").evaluate(
        "img => img.complete && img.naturalWidth ? true : new Promise((ok, no) => {"
        " img.addEventListener('load', ok); setTimeout(() => no(new Error('foto tidak tampil')), 20000); })"
    )
    assert preview.locator("link[rel=stylesheet][href$='warta.css']").count() == 1  # the site's own CSS
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=SCREENSHOTS / "penyunting-rilis-baru.png")
    _save(tab)
    tab.get_by_text(re.compile("Tulisan (tersimpan|terbit)")).wait_for()

    saved = editor.content / "releases/2026/11/dinkes-contoh-buka-layanan-malam-di-dua-puskesmas.md"
    assert saved.is_file(), sorted(p.name for p in (editor.content / "releases").rglob("*.md"))
    data = _front_matter(saved)
    assert data["title"] == TITLE and data["date"] == "2026-11-20 19:30"
    assert data["agencies"] == ["dinkes-contoh", "diskominfo-contoh"] and data["themes"] == ["kesehatan"]
    assert data["image"] == "/media/imunisasi.png" and data["image_alt"] == ALT
    written = saved.read_text(encoding="utf-8")
    assert "Hari ini: Paragraf pertama" in written and "\\\n" in written, written
    assert (editor.content / "media/imunisasi.png").read_bytes() == IMAGE.read_bytes()
    checked = _check(editor.content)
    assert checked.returncode == 0, checked.stdout + checked.stderr

    site = build(editor.content, tmp_path / "public")
    assert site.returncode == 0, site.log
    page = site.read("berita/2026/11/dinkes-contoh-buka-layanan-malam-di-dua-puskesmas/index.html")
    body = re.search(r'<div class="release-body">(.*?)</div>\s*(?:<section|<aside|</article)', page, re.DOTALL)[1]
    assert _structure(body) == _structure(shown)
    assert f"<h1 data-pagefind-ignore>{TITLE}</h1>" in page and f'alt="{ALT}"' in page
    assert not [url for url in tab.requests if not url.startswith(("http://127.0.0.1:", "blob:", "data:"))]
    assert not tab.refused  # the page's Content-Security-Policy lets the editor do all of this


@pytest.mark.browser
def test_an_existing_release_is_edited_and_keeps_what_the_form_does_not_show(tab, editor):
    source = editor.content / "releases/2023/05/imunisasi.md"
    before = _front_matter(source)
    _open(tab, editor, "Rilis")
    tab.get_by_text("Dinkes Buka Pekan Imunisasi Anak").wait_for()
    listed = re.findall(r"\((\d{4}-\d{2}-\d{2} \d{2}:\d{2})\)", tab.locator("body").inner_text())
    assert len(listed) > 1 and listed == sorted(listed, reverse=True), listed  # the newest first
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=SCREENSHOTS / "penyunting-daftar-rilis.png")
    tab.get_by_text("Dinkes Buka Pekan Imunisasi Anak").click()
    _field(tab, "title").fill("Dinkes Buka Pekan Imunisasi Anak di Semua Puskesmas")
    _save(tab)
    tab.get_by_text(re.compile("Tulisan (tersimpan|terbit)")).wait_for()
    after = _front_matter(source)
    assert after["title"] == "Dinkes Buka Pekan Imunisasi Anak di Semua Puskesmas"
    for key in ("number", "image", "image_alt", "attachments", "agencies", "themes", "aliases"):
        assert after[key] == before[key], key
    assert "Orang tua diminta membawa buku KIA." in source.read_text(encoding="utf-8")
    checked = _check(editor.content)
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.browser
def test_a_session_with_chapters_is_saved_in_its_series_folder(tab, editor):
    _open(tab, editor, "Sesi: Sapa Warga Contoh")
    tab.get_by_role("link", name=re.compile("Sesi baru")).click()
    _field(tab, "title").fill("Sapa Warga Contoh: Layanan Malam Puskesmas")
    _field(tab, "date").fill("2026-11-18T20:00")
    _pick(tab, "agencies", "Dinas Kesehatan Kota Contoh")
    _pick(tab, "themes", "Kesehatan")
    _field(tab, "youtube").fill("https://youtu.be/AbCdEfGhIj0")
    for at, title in (("00:00", "Pembukaan"), ("12:30", "Tanya jawab")):
        tab.get_by_role("button", name=re.compile("Tambah bab rekaman", re.IGNORECASE)).click()
        tab.locator("[id^='at-field-']").last.fill(at)
        tab.locator("[id^='title-field-']").last.fill(title)
    _preview(tab).locator(".chapters li").nth(1).wait_for()
    tab.screenshot(path=SCREENSHOTS / "penyunting-sesi-bab.png")
    _save(tab)
    tab.get_by_text(re.compile("Tulisan (tersimpan|terbit)")).wait_for()
    saved = editor.content / "sessions/sapa-contoh/2026-11-18.md"
    assert saved.is_file(), sorted(p.name for p in (editor.content / "sessions").rglob("*.md"))
    data = _front_matter(saved)
    assert data["series"] == "sapa-contoh"
    assert data["chapters"] == [{"at": "00:00", "title": "Pembukaan"}, {"at": "12:30", "title": "Tanya jawab"}]
    checked = _check(editor.content)
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.browser
def test_a_form_left_invalid_cannot_be_saved(tab, editor):
    files = sorted(editor.content.rglob("*"))
    _open(tab, editor, "Rilis")
    tab.get_by_role("link", name=re.compile("Rilis baru")).click()
    _field(tab, "title").fill("Rilis yang belum lengkap")
    _field(tab, "date").fill("2026-11-20T10:00")
    _field(tab, "slug").fill("Bukan Slug")
    tab.get_by_role("button", name="Pilih foto").click()
    tab.set_input_files("input[type=file]", IMAGE)
    tab.get_by_role("button", name="Pakai yang dipilih").click()
    _save(tab)
    tab.get_by_text("Ada kolom yang belum benar").wait_for()
    tab.get_by_text("Teks alternatif foto wajib diisi bila ada foto").wait_for()
    tab.get_by_text("Instansi wajib diisi.").wait_for()
    tab.get_by_text(re.compile("hanya huruf kecil, angka dan tanda hubung")).wait_for()
    tab.screenshot(path=SCREENSHOTS / "penyunting-isian-salah.png")
    assert sorted(editor.content.rglob("*")) == files


def test_the_editor_is_off_unless_a_setting_turns_it_on(basic_site):
    assert not basic_site.exists("admin")


def test_the_config_points_the_form_at_the_local_backend(editor):
    with urllib.request.urlopen(editor.base + "admin/config.yml", timeout=10) as response:
        config = yaml.safe_load(response.read())
    assert config["backend"] == {"name": "proxy", "proxy_url": editor.api, "branch": "main"}
    request = urllib.request.Request(
        editor.api, data=b'{"action": "info"}', headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert json.loads(response.read())["type"] == "local_fs"


def test_the_form_is_generated_from_the_schema_and_the_data_files():
    """Every field the schema shows in the editor is in the form, with its rule; choices come from data/."""
    from warta_cms.config import cms_config
    from warta_cms.settings import CmsSettings
    from warta_content.errors import Problems
    from warta_content.schema import RELEASE, SESSION
    from warta_content.vocabulary import load_vocabulary

    vocab = load_vocabulary(ROOT / "tests/fixtures/basic", Problems())
    config = cms_config(vocab, CmsSettings(enabled=True, repo="humas/warta"), 300)
    releases, *sessions = config["collections"]
    assert config["backend"] == {"name": "github", "repo": "humas/warta", "branch": "main"}
    assert releases["folder"] == "content/releases" and releases["media_folder"] == "/content/media"
    assert [s["folder"] for s in sessions] == [f"content/sessions/{slug}" for slug in vocab.series]
    for collection in (releases, *sessions):  # the newest first when the list opens
        assert collection["sortable_fields"][0] == {"field": "date", "default_sort": "desc"}
    for kind, collection in ((RELEASE, releases), *((SESSION, s) for s in sessions)):
        form = {f["name"]: f for f in collection["fields"]}
        assert set(form) == {f.name for f in kind.fields if f.editor}
        for field in kind.fields:
            if field.editor and field.kind != "slug":
                assert form[field.name]["required"] == field.required, field.name
            if field.pattern:
                assert re.fullmatch(form[field.name]["pattern"][0].strip("^$"), "Bukan Sah!") is None
    agencies = {o["value"]: o["label"] for o in {f["name"]: f for f in releases["fields"]}["agencies"]["options"]}
    assert agencies == {slug: a.name for slug, a in vocab.agencies.items()}
    image_alt = {f["name"]: f for f in releases["fields"]}["image_alt"]
    assert image_alt["widget"] == "warta-alt"  # required when image is set (warta-cms.js)


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ({"enabled": True, "repo": "warta"}, "WARTA_CMS: repo 'warta' harus berbentuk pemilik/nama"),
        ({"enabled": True, "backend": "gitlab", "repo": "humas/warta"}, "WARTA_CMS: app_id wajib untuk gitlab"),
        ({"enabled": True, "backend": "svn", "repo": "humas/warta"}, "WARTA_CMS: backend 'svn' tidak dikenal"),
    ],
)
def test_a_web_editor_turned_on_without_its_repository_stops_the_build(setting, message, tmp_path):
    extra = ("-e", f"WARTA_CMS={json.dumps(setting)}")
    result = build(ROOT / "tests/fixtures/basic", tmp_path / "out", *extra, env={"COLUMNS": "1000"})
    assert result.returncode != 0 and message in result.log, result.log


def test_a_web_editor_with_its_repository_is_built_into_the_public_site(tmp_path):
    setting = {
        "enabled": True,
        "backend": "gitea",
        "repo": "humas/warta",
        "app_id": "abc",
        "api_root": "https://git.kota.example/api/v1",
    }
    result = build(ROOT / "tests/fixtures/basic", tmp_path / "out", "-e", f"WARTA_CMS={json.dumps(setting)}")
    assert result.returncode == 0, result.log
    config = yaml.safe_load(result.read("admin/config.yml"))
    assert config["backend"]["name"] == "gitea" and config["backend"]["app_id"] == "abc"
    assert config["collections"][0]["folder"] == "content/releases"
    page = result.read("admin/index.html")
    assert "connect-src 'self' blob: data: https://git.kota.example" in page
    assert 'src="/admin/decap-cms.js"' in page and "https://" not in page.split("connect-src")[0]
