"""Shared test helpers: build real sites with the real Pelican CLI, serve them, drive Chromium."""

from __future__ import annotations

import functools
import getpass
import hashlib
import http.client
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))  # so tests can import the plugins' own modules
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# A fixed "now" so embargoes and upcoming sessions do not drift with the calendar.
BUILD_TIME = "2026-11-22 12:00"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


@dataclass
class Build:
    """The outcome of one real build: exit code, log and output folder."""

    returncode: int
    log: str
    output: Path

    def read(self, rel: str) -> str:
        return (self.output / rel).read_text(encoding="utf-8")

    def exists(self, rel: str) -> bool:
        return (self.output / rel).exists()


def build(
    content: Path,
    output: Path,
    *extra: str,
    build_time: str | None = BUILD_TIME,
    settings: str = "pelicanconf.py",
    info: bool = False,
    env: dict[str, str] | None = None,
) -> Build:
    """Run ``python -m pelican CONTENT -s pelicanconf.py -o OUTPUT`` from the repository root.

    ``info``: log INFO lines too, each on one line (Rich wraps at the terminal's width otherwise).
    """
    given = env or {}
    env = {k: v for k, v in os.environ.items() if k not in ("WARTA_BUILD_TIME", "SOURCE_DATE_EPOCH", "WARTA_PREVIOUS")}
    env.update(given)
    if info:
        extra, env["COLUMNS"] = ("-v", *extra), "1000"
    if build_time:
        env["WARTA_BUILD_TIME"] = build_time
    proc = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / settings), "-o", str(output), *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, output)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and the sha256 of its bytes: equal snapshots, untouched folder."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def copy_fixture(name: str, dest: Path) -> Path:
    """A writable copy of ``tests/fixtures/NAME`` under ``dest``."""
    target = dest / name
    shutil.copytree(FIXTURES / name, target)
    return target


@pytest.fixture
def fixture_copy(tmp_path):
    """``fixture_copy("basic")`` → a writable copy of a fixture content folder."""
    return functools.partial(copy_fixture, dest=tmp_path)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Build:
    """The bundled sample archive, built once per test run."""
    result = build(ROOT / "content", tmp_path_factory.mktemp("sample") / "output")
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="session")
def basic_site(tmp_path_factory) -> Build:
    """tests/fixtures/basic, built once per test run."""
    result = build(FIXTURES / "basic", tmp_path_factory.mktemp("basic") / "output")
    assert result.returncode == 0, result.log
    return result


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output readable
        pass


@pytest.fixture
def serve():
    """``serve(folder)`` → base URL of a static server on 127.0.0.1 for that folder."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


BROWSER_FIXTURES = {"browser", "page"}


def pytest_collection_modifyitems(config, items):
    """A test that drives Chromium must say so with ``@pytest.mark.browser`` (``-m 'not browser'`` relies on it).

    The marker is checked, not added: a forgotten one stops the whole run at collection, naming each test.
    """
    unmarked = [
        f"{item.nodeid} ({item.location[0]}:{item.location[1] + 1})"
        for item in items
        if BROWSER_FIXTURES & set(item.fixturenames) and item.get_closest_marker("browser") is None
    ]
    if unmarked:
        raise pytest.UsageError(
            "these tests use the browser/page fixture (headless Chromium) without @pytest.mark.browser; "
            "add the marker:\n  " + "\n  ".join(unmarked)
        )


def require(tool: str, found: str | Path | None, installer: str) -> str:
    """The path of a real tool a test runs; a missing one fails the test (a set-up bug), it never skips it."""
    if not found or not Path(found).is_file():
        pytest.fail(f"{tool} is missing: `make test` installs it ({installer})", pytrace=False)
    return str(found)


def system_tool(name: str) -> str | None:
    """A program from a Debian package, also where a user's PATH leaves out /usr/sbin (nginx)."""
    return shutil.which(name) or shutil.which(name, path="/usr/local/sbin:/usr/sbin:/sbin")


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright, with a fresh profile."""
    from playwright.sync_api import sync_playwright

    executable = require("chromium", system_tool("chromium"), "Debian package chromium")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A new page in a new context (own cookies and cache) for each test."""
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()


def axe_violations(page, axe: Path, tags: list[str]) -> list[str]:
    """axe-core's violations of ``tags`` on the open page, one line each (rule, impact, help, first nodes).
    The script is evaluated, not added as a <script> tag: the page's CSP admits only the site's own files."""
    page.evaluate(axe.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", tags
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def head(url: str) -> tuple[int, dict]:
    """Status and headers, without following a redirect."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("HEAD", parts.path)
    response = connection.getresponse()
    connection.close()
    return response.status, dict(response.getheaders())


def _local_copy_of_the_snippet(current: Path, http_port: int, https_port: int) -> str:
    """deploy/nginx-warta.conf with the test's site root, and plain HTTP on free loopback ports."""
    text = (ROOT / "deploy/nginx-warta.conf").read_text(encoding="utf-8").replace("/srv/warta/current", str(current))
    text = re.sub(r"listen 80;\n\s*listen \[::\]:80;", f"listen 127.0.0.1:{http_port};", text)
    text = re.sub(r"listen 443 ssl http2;\n\s*listen \[::\]:443 ssl http2;", f"listen 127.0.0.1:{https_port};", text)
    return re.sub(r"\n\s*ssl_certificate\S* [^;]+;", "", text)


@pytest.fixture
def nginx(tmp_path):
    """``nginx(site)`` → the address of Debian's nginx serving ``site`` with deploy/nginx-warta.conf, as a
    webmaster installs it (the site as TARGET/current), in plain HTTP on a free loopback port."""
    executable = require("nginx", system_tool("nginx"), "Debian package nginx")
    started = []

    def start(site: Path) -> str:
        root = tmp_path / f"nginx-{len(started)}"
        current = root / "srv" / "current"
        current.parent.mkdir(parents=True)
        current.symlink_to(site)
        http_port, https_port = free_port(), free_port()
        (root / "warta.conf").write_text(_local_copy_of_the_snippet(current, http_port, https_port), encoding="utf-8")
        temp = " ".join(f"{k}_temp_path {root}/{k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        (root / "nginx.conf").write_text(
            # Workers run as this user, who can read the test's private temporary folders.
            f"user {getpass.getuser()}; pid {root}/nginx.pid; error_log {root}/error.log; events {{}}\n"
            f"http {{ include /etc/nginx/mime.types; access_log off; {temp} include {root}/warta.conf; }}\n",
            encoding="utf-8",
        )
        command = [executable, "-p", str(root), "-e", str(root / "error.log"), "-c", str(root / "nginx.conf")]
        subprocess.run([*command, "-t"], check=True, capture_output=True)
        subprocess.run(command, check=True, capture_output=True)
        started.append(command)
        return f"http://127.0.0.1:{https_port}"

    yield start
    for command in started:
        subprocess.run([*command, "-s", "stop"], capture_output=True)
