"""Quality gates over the built sample archive: valid HTML, WCAG 2.1 AA, no broken links, lint-clean code."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT, axe_violations, require, system_tool

PUBLIC = "https://warta.example"
VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
AXE = ROOT / "node_modules/axe-core/axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class _Links(HTMLParser):
    """Every URL a page points at, and every id it defines."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name):
                self.urls.append(attrs[name])
        if tag == "meta" and attrs.get("property") in ("og:url", "og:image") and attrs.get("content"):
            self.urls.append(attrs["content"])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target(site: Path, page: Path, url: str) -> tuple[Path | None, str]:
    """The file a same-site URL resolves to (None for other sites) and its fragment."""
    if url.startswith(PUBLIC):
        url = url[len(PUBLIC) :] or "/"
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None, ""
    if not parts.path:
        return page, parts.fragment
    base = site if parts.path.startswith("/") else page.parent
    target = base / unquote(parts.path).lstrip("/")
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def test_no_broken_internal_links(sample_site):
    site = sample_site.output
    pages = sorted(site.rglob("*.html"))
    parsed = {page: _parse(page) for page in pages}
    broken, checked = [], 0
    for page, links in parsed.items():
        for url in links.urls:
            target, fragment = _target(site, page, url)
            if target is None:
                continue
            checked += 1
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} → {url}")
            elif fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if fragment not in ids:
                    broken.append(f"{page.relative_to(site)} → {url} (tidak ada id '{fragment}')")
    assert checked > 1000
    assert not broken, "\n".join(broken)


def test_every_page_is_valid_html(sample_site):
    java = require("java", system_tool("java"), "Debian package default-jre-headless")
    vnu = require("vnu.jar (Nu HTML Checker)", VNU, "npm package vnu-jar")
    proc = subprocess.run(
        [java, "-jar", vnu, "--errors-only", "--format", "json", "--skip-non-html", str(sample_site.output)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(proc.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '').split('/output/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert not errors, "\n".join(errors[:50])
    assert len(list(sample_site.output.rglob("*.html"))) > 150


AXE_PAGES = {
    "beranda": "",
    "rilis": None,  # the newest release, found below
    "instansi": "instansi/dinkes-kota-bekasi/",
    "sesi": "sesi/mas-tri-sapa-warga/2022-03-23/",
    "cari": "cari/?q=kesehatan",
    "umpan": "umpan/",
}


@pytest.mark.browser
@pytest.mark.parametrize("kind", AXE_PAGES)
def test_no_wcag_violations(kind, sample_site, serve, page):
    axe = Path(require("axe-core", AXE, "npm package axe-core"))
    base = serve(sample_site.output)
    path = AXE_PAGES[kind]
    if path is None:
        path = re.search(r'class="card-title"><a href="/([^"]+)"', sample_site.read("index.html"))[1]
    page.goto(base + path, wait_until="networkidle")
    problems = axe_violations(page, axe, WCAG_TAGS)
    assert not problems, f"/{path}:\n" + "\n".join(problems)


def test_code_is_lint_clean_and_formatted():
    paths = ["plugins", "tests", "tasks.py", "pelicanconf.py", "publishconf.py"]
    paths += ["tools"] if (ROOT / "tools").is_dir() else []
    lint = subprocess.run([sys.executable, "-m", "ruff", "check", *paths], cwd=ROOT, capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout
    fmt = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", *paths], cwd=ROOT, capture_output=True, text=True
    )
    assert fmt.returncode == 0, fmt.stdout
