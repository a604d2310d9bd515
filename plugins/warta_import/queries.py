"""nginx-query-redirects.conf: imported old addresses that no alias can hold → the release or page now there.

Two kinds: addresses with a query (``/?p=123``: a static file cannot answer them, the server sees
only ``/``), and old paths inside one of Warta's own sections (``/berita/detail/512/…``, which an
alias may not take). The importer records each with the file it became in ``data/import-queries.yml``;
every build turns that into an nginx map keyed on ``$uri$is_args$args`` (deploy/nginx-warta.conf).
The build resolves each file to its *current* address, so a release renamed after the import is
still reached in one 301; a file that is no longer published is left out with a warning, and the
map is always written (possibly empty) so that nginx's include never fails.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from urllib.parse import unquote

import yaml
from warta_content import WartaGenerator

QUERIES = "data/import-queries.yml"
QUERY_MAP = "nginx-query-redirects.conf"
# nginx compares the decoded path ($uri) and the query as sent ($args); nothing a quoted map string cannot hold.
_PATH = re.compile(r"/[^\x00-\x20\x7f\"\\${};?#]*")
_QUERY = re.compile(r"[A-Za-z0-9._~=&%+-]+")
# Addresses of Warta's own listings that an old path must never take over: a section's front, a year or
# month of the archive, a page of a listing.
_OWN = re.compile(r"^/[^/]+/?$|^/(berita|arsip)/\d{4}(/\d{2})?/?$|/hal/\d+/?$")
logger = logging.getLogger(__name__)

_HEADER = """\
# Dibuat oleh Warta dari data/import-queries.yml (alamat lama berparameter → alamat baru); jangan
# disunting: bangun ulang situsnya. Disertakan di blok map nginx, lihat deploy/nginx-warta.conf:
#     map $uri$is_args$args $warta_query_redirect { default ""; include /srv/warta/current/nginx-query-redirects.conf; }
"""


def read_queries(content: Path) -> dict[str, str]:
    path = content / QUERIES
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def rules(queries: dict[str, str], urls: dict[str, str], media: Path, prefix: str) -> tuple[list, list[str]]:
    """(old address, new address) pairs, and a warning for each that leads nowhere published."""
    out: dict[str, tuple[str, str]] = {}
    unresolved = []
    taken = {u.rstrip("/") for u in urls.values()}
    for old, target in sorted(queries.items()):
        new = urls.get(target) or (f"/{target}" if target.startswith("media/") and (media / target).is_file() else "")
        seen = _as_nginx_sees(old)
        if not seen:
            unresolved.append(f"{QUERIES}: '{old}' bukan alamat lama yang bisa dialihkan nginx; hapus barisnya")
            continue
        old = seen
        if "?" not in old and (old.rstrip("/") in taken or _OWN.search(old)):
            unresolved.append(f"{QUERIES}: '{old}' adalah alamat halaman Warta sendiri; hapus barisnya")
        elif not new:
            unresolved.append(f"{QUERIES}: '{old}' → {target}: berkas itu tidak terbit (draf, embargo atau tidak ada)")
        else:
            variants = [old] if "?" in old else {old, old.rstrip("/"), old.rstrip("/") + "/"}
            for variant in variants:  # nginx compares map keys without regard to case
                out.setdefault((prefix + variant).lower(), (prefix + variant, prefix + new))
    return sorted(out.values()), unresolved


def _as_nginx_sees(old: str) -> str:
    """``/a%20b?p=1`` as ``/a b?p=1`` (nginx decodes the path, not the query), or "" when no key can hold it."""
    path, mark, query = old.partition("?")
    path = unquote(path)
    if not _PATH.fullmatch(path.replace(" ", "_")) or (mark and not _QUERY.fullmatch(query)):
        return ""
    return path + mark + query


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
