"""Screenshots of the sample site at phone and desktop widths, for reviewing changes in look.

``python -m tools.screenshots`` (or ``invoke screenshots``) builds the bundled sample archive at a fixed
time, serves it on 127.0.0.1 and writes ``docs/screenshots/<page>-<width>.png`` for each page below at
360 and 412 px (phones) and 1280 px (desktop) wide in Debian's headless Chromium. Each picture is the
page from its top, at most ``MAX_SCREENS`` screens long.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD_TIME = "2026-11-22 12:00"  # as the tests: the same sessions are upcoming in every picture
WIDTHS = {360: 740, 412: 915, 1280: 800}  # width: viewport height
MAX_SCREENS = 3
# What a reader meets: the home page, a release with a photo, a recorded session, an agency, a search.
PAGES = {
    "beranda": "",
    "rilis": "berita/2022/03/pemkot-bekasi-buka-layanan-vaksinasi-booster-di-seluruh-puskesmas/",
    "sesi": "sesi/mas-tri-sapa-warga/2022-03-23/",
    "instansi": "instansi/humas-kota-bekasi/",
    "cari": "cari/?q=vaksinasi",
}
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def build_sample(output: Path) -> None:
    """Build content/ into ``output`` as the tests do (fixed time, real Pelican command)."""
    env = {**os.environ, "WARTA_BUILD_TIME": BUILD_TIME}
    command = [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(output)]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # one line per request would bury what the task prints
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """A quiet static server for ``folder`` on a free port of 127.0.0.1."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def take(site: Path, target: Path) -> list[Path]:
    """Write every page at every width into ``target``; the files written."""
    from playwright.sync_api import sync_playwright

    target.mkdir(parents=True, exist_ok=True)
    server, base = serve(site)
    written = []
    try:
        with sync_playwright() as p:
            chromium = shutil.which("chromium") or "/usr/bin/chromium"
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
            for width, height in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
                page = context.new_page()
                for name, path in PAGES.items():
                    response = page.goto(base + path, wait_until="networkidle")
                    if response is None or response.status != 200:
                        raise SystemExit(f"screenshots: /{path} did not answer 200")
                    if name == "cari":
                        page.locator("[data-cari-results] li").first.wait_for()
                    full = page.evaluate("document.documentElement.scrollHeight")
                    clip = {"x": 0, "y": 0, "width": width, "height": min(full, height * MAX_SCREENS)}
                    out = target / f"{name}-{width}.png"
                    page.screenshot(path=str(out), clip=clip, full_page=True)
                    written.append(out)
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"), help="folder for the PNG files")
    parser.add_argument("--site", default="", help="an already built site to photograph (default: build the sample)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="warta-layar-") as work:
        site = Path(args.site) if args.site else Path(work) / "output"
        if not args.site:
            build_sample(site)
        for path in take(site, Path(args.out)):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
