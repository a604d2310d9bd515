"""Download the old site's images and documents into media/, once each, over HTTP(S) only."""

from __future__ import annotations

import hashlib
import os
import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from slugify import slugify

MAX_BYTES = 50 * 1024 * 1024  # a press photo or a signed PDF; anything larger is reported, not fetched
TIMEOUT = 30
FOLDER = "impor"  # media/impor/…: imported files stay apart from what editors upload
DOCUMENTS = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".zip", ".csv"}
IMAGES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg"}


@dataclass
class Fetched:
    """One file of the old site: where it went under media/, or why not."""

    url: str
    rel: str = ""  # "media/impor/2021/08/foto.jpg" when it is there (or would be, in a dry run)
    error: str = ""
    new: bool = False


@dataclass
class Downloader:
    """Fetches each URL once; ``dry_run``: only says where each file would go."""

    content: Path
    dry_run: bool = False
    enabled: bool = True
    seen: dict[str, Fetched] = field(default_factory=dict)
    unreachable: dict[str, str] = field(default_factory=dict)  # host → why: not tried again in this run

    def get(self, url: str) -> Fetched:
        if url not in self.seen:
            self.seen[url] = self._fetch(url)
        return self.seen[url]

    def _fetch(self, url: str) -> Fetched:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return Fetched(url, error="bukan alamat http(s)")
        if not self.enabled:
            return Fetched(url, error="unduhan dimatikan (--no-media)")
        rel = self._place(url)
        target = self.content / rel
        if target.is_file():
            return Fetched(url, rel)  # a rerun: fetched before
        if self.dry_run:
            return Fetched(url, rel, new=True)
        if parts.hostname in self.unreachable:
            return Fetched(url, error=f"gagal diunduh ({self.unreachable[parts.hostname]})")
        try:
            data = _download(url)
        except urllib.error.HTTPError as error:  # the server answered: only this file is missing
            return Fetched(url, error=f"gagal diunduh (HTTP {error.code})")
        except (OSError, ValueError) as error:
            why = _in_indonesian(getattr(error, "reason", None) or error)
            if isinstance(error, urllib.error.URLError):
                self.unreachable[parts.hostname or ""] = f"{parts.hostname} tidak bisa dihubungi: {why}"
                why = self.unreachable[parts.hostname or ""]
            return Fetched(url, error=f"gagal diunduh ({why})")
        target.parent.mkdir(parents=True, exist_ok=True)
        # Two import workers may fetch one file at once: each writes its own copy, then moves it in whole.
        partial = target.with_name(f".{target.name}.{os.getpid()}.part")
        partial.write_bytes(data)
        os.replace(partial, target)
        return Fetched(url, rel, new=True)

    def _place(self, url: str) -> str:
        return place(url)


def place(url: str) -> str:
    """media/impor/<the path after wp-content/uploads/, or the whole path>, each part made safe.

    Decided by the URL alone, so that every import worker and every rerun puts a file in the same place;
    an address with a query gets a digest of the URL in its name. Two addresses that still meet in one
    name (differing only in case or punctuation) are reported by the import (run.py), not merged silently.
    """
    parts_of = urlsplit(url)
    path = PurePosixPath(unquote(parts_of.path))
    parts = path.parts[path.parts.index("uploads") + 1 :] if "uploads" in path.parts else path.parts[1:]
    safe = [slugify(p, lowercase=True) or "berkas" for p in parts[:-1]]
    stem, suffix = PurePosixPath(parts[-1] if parts else "berkas").stem, path.suffix.lower()
    suffix = suffix if suffix[1:].isalnum() else ""
    name = (slugify(stem) or "berkas")[:100]
    if parts_of.query:
        name += "-" + hashlib.sha256(url.encode()).hexdigest()[:8]
    return "/".join(["media", FOLDER, *safe, name + suffix])


def _download(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "Warta-impor/1.0"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        data = response.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValueError(f"lebih dari {MAX_BYTES // 1024 // 1024} MB")
    return data


def fetch_text(source: str) -> bytes:
    """A feed given by URL (http/https only)."""
    if urlsplit(source).scheme not in ("http", "https"):
        raise ValueError("bukan alamat http(s)")
    return _download(source)


def _in_indonesian(reason) -> str:
    """What an editor reads for the usual network failures; anything else as the system said it."""
    if isinstance(reason, socket.gaierror):
        return "nama host tidak dikenal (situs lama sudah mati, atau komputer ini tidak tersambung)"
    if isinstance(reason, TimeoutError | socket.timeout):
        return "tidak menjawab dalam batas waktu"
    if isinstance(reason, ConnectionRefusedError):
        return "sambungan ditolak"
    if isinstance(reason, ssl.SSLError):
        return f"sertifikat atau sambungan aman bermasalah ({reason})"
    return str(reason)
