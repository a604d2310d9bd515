"""Hostile content: markup and script in every field, body and data file is shown as text or removed, never run.

tests/fixtures/hostile is tests/fixtures/basic rewritten so that every text an editor can write
carries a payload that, if it ever ran, sets ``window.__pwned``, changes ``document.title`` or opens
a dialog: titles, summaries, numbers, datelines, alt texts, credits, attachment titles, change notes,
claims, session topics, places, speakers, chapters, page titles, and the names and descriptions in
all four data files; bodies add script, event handlers, javascript:/vbscript:/data: links in mixed
case, entities and whitespace, iframes, forms, objects, SVG, mXSS shapes, a same-origin script and
a tracking pixel; media/ holds an SVG with script.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import FIXTURES, Build, build

HOSTILE = FIXTURES / "hostile"
CLEANED = {  # file → what the warning must name as removed from its body
    "releases/2024/03/markup.md": ["<script> ×3", "<iframe> ×2", "<form>", "<object>", "atribut onerror", "alamat src"],
    "releases/2024/03/tautan.md": ["<svg>", "alamat href ('javascript:"],
    "releases/2024/03/mutasi.md": ["<math>", "<template>"],
    "sessions/sapa-contoh/2024-01-10.md": ["<iframe>", "atribut onerror"],
    "pages/tentang.md": ["atribut onerror", "1 alamat href"],
}
# Our own scripts, and the only form a page may hold (the search box, which submits to /cari/).
OWN_SCRIPT = re.compile(r"^/(theme/js|pagefind)/[\w.-]+\.js$")
# Browsers drop ASCII tab and newline anywhere in a URL and C0/space at its ends, then read the scheme.
ACTIVE_SCHEME = re.compile(r"^(javascript|vbscript|data|livescript):", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "ping"}
DANGEROUS_ELEMENTS = {"iframe", "frame", "object", "embed", "applet", "base", "style", "svg", "math", "template"}


def _scheme_of(url: str) -> str:
    return re.sub(r"[\t\n\r]", "", url).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x1f ")


class _Audit(HTMLParser):
    """Everything in one HTML document that could run script or fetch from another host."""

    def __init__(self, own: str) -> None:
        super().__init__(convert_charrefs=True)
        self.own = own  # the site's own public address: feeds link images absolutely
        self.problems: list[str] = []
        self.script: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcdoc"):
                self.problems.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and value and ACTIVE_SCHEME.match(_scheme_of(value)):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "id" and not re.fullmatch(r"[\w:.-]+", value or "x"):
                self.problems.append(f"<{tag} id={value!r}>")
        if tag == "id" or a.get("id") == "__pwned":
            self.problems.append("an id that clobbers window.__pwned")
        if tag in DANGEROUS_ELEMENTS:
            self.problems.append(f"<{tag}>")
        src = a.get("src") or ""
        if tag == "img" and re.match(r"\s*(https?:)?//", src) and not src.startswith(self.own):
            self.problems.append(f"<img src={a['src']!r}> (another host)")
        if tag == "form" and a.get("action", "/cari/") != "/cari/":
            self.problems.append(f"<form action={a.get('action')!r}>")
        refresh = tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh"
        if refresh and not re.fullmatch(r"0; url=/[\w/.-]*", a.get("content") or ""):
            self.problems.append(f"<meta refresh {a.get('content')!r}>")
        if tag == "script":
            self.script = "ld" if a.get("type") == "application/ld+json" else "own"
            if self.script == "own" and not OWN_SCRIPT.match(a.get("src") or ""):
                self.problems.append(f"<script {a}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.script = None

    def handle_data(self, data: str) -> None:
        if self.script == "ld":
            json.loads(data)  # still valid JSON, whatever the titles held
            if "<" in data:
                self.problems.append("a raw '<' inside JSON-LD")
        elif self.script == "own" and data.strip():
            self.problems.append(f"inline script {data[:40]!r}")


def audit(html: str, own: str = "https://warta.example/") -> list[str]:
    parser = _Audit(own)
    parser.feed(html)
    parser.close()
    return parser.problems


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Build:
    result = build(HOSTILE, tmp_path_factory.mktemp("hostile") / "output")
    assert result.returncode == 0, result.log
    return result


def test_the_auditor_catches_what_it_looks_for():
    """The static audit below must be able to fail: feed it the unsafe forms themselves."""
    unsafe = [
        "<img src=x onerror=alert(1)>",
        '<a href="java\tscript:alert(1)">x</a>',
        '<a href=" JaVaScRiPt:alert(1)">x</a>',
        "<script>alert(1)</script>",
        '<script type="application/ld+json">{"a": "</script"}</script>',
        "<iframe></iframe>",
        '<form action="javascript:x"></form>',
        '<img src="//pelacak.example/p.gif">',
        '<a id="__pwned">x</a>',
    ]
    for html in unsafe:
        assert audit(html), html
    assert not audit('<a href="java    script:x">relative, not a scheme</a><script src="/theme/js/salin.js"></script>')


def test_the_build_succeeds_and_names_every_file_it_cleaned(hostile_site):
    # The log handler wraps long lines and puts the logging module's file:line at the right.
    log = " ".join(re.sub(r"\[[\d:]+\]|\b\w+\.py:\d+\b", " ", hostile_site.log).split())
    for source, removed in CLEANED.items():
        warning = re.search(
            re.escape(source) + r":\d+: isi: HTML yang tidak diizinkan dibuang dari isi: (.*?) \(isi", log
        )
        assert warning, f"no warning names {source}"
        for part in removed:
            assert part in warning[1], f"{source}: {part!r} not in {warning[1]!r}"
    assert "media/foto/jahat.svg: berkas: berisi script" in log
    # A code span that shows markup, and prose such as "onboarding =", are text: no warning for them.
    assert "alamat href ('#" not in log


def test_no_output_holds_an_executable_form_of_a_payload(hostile_site):
    problems = [f"{rel}: {p}" for rel in _pages(hostile_site.output) for p in audit(hostile_site.read(rel))]
    assert not problems, "\n".join(problems)
    assert len(_pages(hostile_site.output)) > 25


def test_feeds_carry_only_cleaned_html(hostile_site):
    """What feed readers render as HTML: an RSS item's description and content, Atom html content and summary."""
    atom = "{http://www.w3.org/2005/Atom}"
    rss_html = ("description", "{http://purl.org/rss/1.0/modules/content/}encoded")
    checked = 0
    for path in hostile_site.output.rglob("*.xml"):
        root = ElementTree.parse(path).getroot()
        fields = [e for item in root.iter("item") for e in item if e.tag in rss_html]
        fields += [e for e in root.iter() if e.tag in (f"{atom}content", f"{atom}summary") and e.get("type") == "html"]
        for element in fields:
            checked += 1
            problems = audit(element.text or "")
            assert not problems, f"{path.relative_to(hostile_site.output)}: {problems}"
    assert checked > 10


def test_payloads_are_shown_as_text(hostile_site):
    release = hostile_site.read("berita/2024/03/rilis-script-window-pwned-title-script-uji-markup/index.html")
    title = "Rilis &lt;script&gt;window.__pwned=&#39;title&#39;&lt;/script&gt; Uji Markup"
    assert f"<h1 data-pagefind-ignore>{title}</h1>" in release
    assert "Dinas Kesehatan &lt;/script&gt;&lt;script&gt;" in release
    assert 'id="isi-isi"' in release and 'href="#isi"' in release  # the body's id no longer steals the skip link
    home = hostile_site.read("index.html")
    # The body's escaped text is unescaped into the plain summary, and escaped again on the page.
    assert "&lt;script&gt;window.__pwned=’auto-summary’&lt;/script&gt;" in home
    assert "{{ 7*7 }}" in hostile_site.read("instansi/diskominfo-contoh/index.html")  # content is never a template


def _visit(page, url: str) -> dict:
    page.goto(url, wait_until="load")
    if page.locator('meta[http-equiv="refresh"]').count():
        page.wait_for_url(re.compile(r"/berita/|/tentang/"))
        page.wait_for_load_state("load")
    page.wait_for_timeout(50)  # onload/onerror/autofocus handlers run right after load
    return page.evaluate(
        "() => ({pwned: window.__pwned === undefined ? null : String(window.__pwned),"
        " title: document.title, marker: !!document.getElementById('pwned')})"
    )


@pytest.mark.browser
def test_no_payload_runs_in_chromium(hostile_site, serve, browser):
    """CSP is bypassed here on purpose: escaping and sanitising alone must keep every payload inert."""
    base = serve(hostile_site.output)
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    dialogs, foreign = [], []
    page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith((base, "data:")) else None)
    ran = []
    try:
        for rel in _pages(hostile_site.output):
            url = base + rel.removesuffix("index.html")
            state = _visit(page, url)
            if state["pwned"] is not None or state["title"].startswith("PWNED") or state["marker"]:
                ran.append(f"{rel}: {state}")
        page.goto(base + "cari/?q=pwned", wait_until="load")
        page.wait_for_selector(".hasil", timeout=10_000)  # results drawn from the hostile metadata
        state = _visit(page, page.url)
        if state["pwned"] is not None:
            ran.append(f"cari: {state}")
    finally:
        context.close()
    assert not ran, "\n".join(ran)
    assert not dialogs, dialogs
    assert not foreign, f"requests to other hosts: {foreign}"


@pytest.mark.browser
def test_the_csp_blocks_nothing_of_ours_and_meets_nothing_injected(hostile_site, serve, page):
    """With the policy on, a violation means our own page breaks it or something slipped through."""
    base = serve(hostile_site.output)
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    for rel in _pages(hostile_site.output):
        _visit(page, base + rel.removesuffix("index.html"))
    page.goto(base + "cari/?q=pwned", wait_until="load")
    page.wait_for_selector(".hasil", timeout=10_000)  # Pagefind's WebAssembly runs under the /cari/ policy
    assert not violations, violations
