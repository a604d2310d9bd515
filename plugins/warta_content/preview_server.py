"""The preview's web server: the site as built, with the last build's problems over every page.

An editor looks at the browser, not at the terminal. While the last build failed, every page the
preview serves (and every address it has no page for) opens with the list of problems, each with
its file, line, field and cure, until a save fixes them; warnings show as a smaller panel. Each
page also asks the server, once a second, whether a newer build is done, and reloads itself.
Nothing of this is in the published site: only the preview's server adds it.
"""

from __future__ import annotations

import html
import http.server
import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem

ASSETS = "/_warta/"
STATUS = ASSETS + "status"
# The web editor (warta_cms) gets no panel: its reload on every rebuild would throw away what is being typed.
EDITOR = "/admin/"
# The panel's look and the reload: served by the preview only, as files (see panel()).
_FILES = {
    "panel.css": (
        "text/css",
        ".warta-pratinjau{margin:0;padding:.75rem 1rem;font:16px/1.5 system-ui,sans-serif;overflow-wrap:anywhere}"
        ".warta-pratinjau h2{margin:0 0 .5rem;font-size:1.2rem}.warta-pratinjau p{margin:0 0 .5rem}"
        ".warta-pratinjau ul{margin:.5rem 0 0;padding-left:1.25rem}"
        ".warta-masalah{background:#fde8e8;color:#5c0a0a;border:3px solid #b00020}"
        ".warta-peringatan{background:#fff4d6;color:#3d2c00;border:2px solid #b26a00}"
        ".warta-peringatan summary{cursor:pointer;font-weight:bold}",
    ),
    "panel.js": (
        "text/javascript",
        "(function(){var me=document.currentScript,seen=me&&me.dataset.generation;"
        "setInterval(function(){fetch('" + "/_warta/status" + "',{cache:'no-store'})"
        ".then(function(r){return r.json()}).then(function(s){if(String(s.generation)!==seen)location.reload()})"
        ".catch(function(){})},1000)})();",
    ),
}


@dataclass
class Report:
    """What the last build (or quick render) left for the editor to see."""

    generation: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    failure: str = ""  # a build that stopped for another reason than content problems

    @property
    def failed(self) -> bool:
        return bool(self.problems or self.failure)


def panel(report: Report) -> str:
    """The HTML put at the top of every page: problems in red, warnings in amber. Its style and script
    are files of the preview's own (the site's Content-Security-Policy refuses inline ones)."""
    parts = [
        f'<link rel="stylesheet" href="{ASSETS}panel.css">',
        f'<script src="{ASSETS}panel.js" data-generation="{report.generation}" defer></script>',
    ]
    if report.failed:
        items = [_item(p) for p in report.problems] or [f"<li>{html.escape(report.failure)}</li>"]
        parts.append(
            '<section class="warta-pratinjau warta-masalah" role="alert">'
            f"<h2>Pratinjau belum diperbarui: {len(report.problems) or 1} masalah</h2>"
            "<p>Perbaiki lalu simpan berkasnya; halaman ini memuat ulang sendiri. "
            "Yang tampil di bawah ini masih hasil pembangunan terakhir yang berhasil.</p>"
            f"<ul>{''.join(items)}</ul></section>"
        )
    if report.warnings:
        opened = "" if report.failed else " open"
        parts.append(
            f'<details class="warta-pratinjau warta-peringatan"{opened}><summary>{len(report.warnings)} peringatan '
            f"(situs tetap dibangun; sebaiknya diperbaiki)</summary><ul>{''.join(map(_item, report.warnings))}</ul>"
            "</details>"
        )
    return "".join(parts)


def _item(problem: Problem) -> str:
    where = f"{problem.path}:{problem.line}" if problem.line else problem.path
    return f"<li><code>{html.escape(where)}</code> <strong>{html.escape(problem.field)}</strong>: " + (
        f"{html.escape(problem.message)}</li>"
    )


def with_panel(page: str, report: Report) -> str:
    """``page`` with the panel right after its ``<body>`` tag (or first, for a page without one)."""
    at = page.find("<body")
    end = page.find(">", at) + 1 if at >= 0 else 0
    return page[:end] + panel(report) + page[end:]


def not_found(site: Path, report: Report) -> str:
    """The page for an address the site does not have (yet): the site's own 404 page, or a bare one."""
    page = site / "404.html"
    if page.is_file():
        return with_panel(page.read_text(encoding="utf-8"), report)
    bare = '<!doctype html><html lang="id"><meta charset="utf-8"><title>Pratinjau</title><body>'
    return with_panel(bare + "<p>Situs belum pernah berhasil dibangun.</p>", report)


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder; ``report`` is the preview's, read anew for every request."""

    report: Report = Report()

    def do_GET(self) -> None:
        asked = self.path.split("?", 1)[0]
        if asked == STATUS:
            self._send(200, "application/json", json.dumps({"generation": self.report.generation}))
            return
        if asked.startswith(ASSETS) and asked[len(ASSETS) :] in _FILES:
            self._send(200, *_FILES[asked[len(ASSETS) :]])
            return
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            if not asked.endswith("/"):
                super().do_GET()  # the redirect to the address with a slash
                return
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file() and not asked.startswith(EDITOR):
            self._send(200, "text/html; charset=utf-8", with_panel(target.read_text(encoding="utf-8"), self.report))
        elif not target.exists():
            self._send(404, "text/html; charset=utf-8", not_found(Path(self.directory), self.report))
        else:
            super().do_GET()

    def _send(self, status: int, kind: str, text: str) -> None:
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:  # one line per request would bury the build's own lines
        pass
