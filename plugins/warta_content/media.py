"""Media files are published as they are: warn about one that would run script if opened on its own."""

from __future__ import annotations

import re
from pathlib import Path

from .errors import Problems

# Files a browser renders as a document when opened directly, and the signs of script in them.
_DOCUMENTS = {".svg", ".html", ".htm", ".xhtml", ".xml"}
_ACTIVE = re.compile(rb"<script|<foreignobject|\son[a-z]+\s*=|javascript:", re.IGNORECASE)


def warn_active_media(content: Path, problems: Problems) -> None:
    """Warn of every SVG/HTML file under media/ holding script: pages show it as an image, safely, but
    opened by its own address it would run on this site unless the server's CSP header stops it."""
    for path in sorted((content / "media").rglob("*")):
        if path.suffix.lower() in _DOCUMENTS and path.is_file() and _ACTIVE.search(path.read_bytes()):
            problems.warn(
                path.relative_to(content).as_posix(),
                None,
                "berkas",
                "berisi script atau atribut on… yang berjalan bila berkas dibuka langsung; hapus bagian itu "
                "(server memblokirnya bila header CSP untuk /media/ dipasang, lihat README)",
            )
