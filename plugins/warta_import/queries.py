"""nginx-query-redirects.conf: old addresses with a query (/?p=123) → the release or page that replaced them.

A static file cannot answer ``/?p=123`` (the server sees only ``/``), so the importer records each
such address and the file it became in ``data/import-queries.yml``, and every build turns that into
an nginx map keyed on ``$uri?$args`` (deploy/nginx-warta.conf). The build resolves each file to its
*current* address, so a release renamed after the import is still reached in one 301; a file that
is no longer published is left out with a warning, and the map is always written (possibly empty)
so that nginx's include never fails.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import yaml
from warta_content import WartaGenerator

QUERIES = "data/import-queries.yml"
QUERY_MAP = "nginx-query-redirects.conf"
_KEY = re.compile(r"/[A-Za-z0-9._~/%-]*\?[A-Za-z0-9._~=&%-]+")  # nothing an nginx map string cannot hold
logger = logging.getLogger(__name__)

_HEADER = """\
# Dibuat oleh Warta dari data/import-queries.yml (alamat lama berparameter → alamat baru); jangan
# disunting: bangun ulang situsnya. Disertakan di blok map nginx, lihat deploy/nginx-warta.conf:
#     map $uri?$args $warta_query_redirect { default ""; include /srv/warta/current/nginx-query-redirects.conf; }
"""


def read_queries(content: Path) -> dict[str, str]:
    path = content / QUERIES
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def rules(queries: dict[str, str], urls: dict[str, str], media: Path, prefix: str) -> tuple[list, list[str]]:
    """(old address, new address) pairs, and a warning for each that leads nowhere published."""
    out, unresolved = [], []
    for old, target in sorted(queries.items()):
        new = urls.get(target) or (f"/{target}" if target.startswith("media/") and (media / target).is_file() else "")
        if not _KEY.fullmatch(old):
            unresolved.append(f"{QUERIES}: '{old}' bukan alamat lama berbentuk /jalur?nama=nilai; hapus barisnya")
        elif not new:
            unresolved.append(f"{QUERIES}: '{old}' → {target}: berkas itu tidak terbit (draf, embargo atau tidak ada)")
        else:
            out.append((prefix + old, prefix + new))
    return out, unresolved


class QueryRedirects(WartaGenerator):
    """Writes the map from the importer's record; entries by their source file, published ones only."""

    def generate_output(self, writer) -> None:
        content = Path(self.path)
        urls = {entry.source: "/" + entry.url for entry in self.archive.entries}
        prefix = self.settings.get("SITEURL", "").split("://", 1)[-1].partition("/")[2].rstrip("/")
        found, unresolved = rules(read_queries(content), urls, content, f"/{prefix}" if prefix else "")
        for warning in unresolved:
            logger.info("Warta: pengalihan berparameter tidak dibuat: %s", warning)
        text = _HEADER + "".join(f'"{old}" "{new}";\n' for old, new in found)
        self.write_text(QUERY_MAP, lambda: text, rules=found)
