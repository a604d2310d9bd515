"""Skip Pagefind when nothing it would read has changed: the published bundle is hard-linked instead.

Pagefind takes about half a minute at 10,000 releases, and on most rebuilds no indexed page
changed. The digest covers everything a run depends on: the program's bytes, its command line,
``PAGEFIND_*`` variables, a Pagefind config file in the site folder, and the path and bytes of
every page the ``--glob`` matches. It is stored in the bundle (``pagefind/warta-digest.txt``,
served like the loader files and revalidated); a published bundle with an equal digest is what
Pagefind would write again. Whenever anything is unreadable or missing, Pagefind runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

DIGEST_FILE = "warta-digest.txt"
# Bump when the digest starts covering something else, so older bundles are never taken for current.
FORMAT = b"warta-pagefind-digest 1"
CONFIG_FILES = ("pagefind.json", "pagefind.yml", "pagefind.yaml", "pagefind.toml")
GLOB_SYNTAX = set("*?[]{}!,\\")


def pages_glob(save_as: Iterable[str]) -> str | None:
    """One Pagefind glob for these page files: every segment between the first and the file name becomes ``*``.

    ``berita/2024/01/x/index.html`` → ``berita/*/*/*/index.html``, ``tentang/index.html`` stays.
    None (Pagefind reads every HTML file) when a path has glob syntax in it or there is none.
    """
    paths = list(save_as)
    if not paths or any(GLOB_SYNTAX & set(p) for p in paths):
        return None
    patterns = sorted({_pattern(p.split("/")) for p in paths})
    return patterns[0] if len(patterns) == 1 else "{" + ",".join(patterns) + "}"


def _pattern(parts: list[str]) -> str:
    return "/".join([parts[0], *["*"] * (len(parts) - 2), parts[-1]]) if len(parts) > 2 else "/".join(parts)


def read_pages(site: Path, glob: str | None) -> list[Path]:
    """The files Pagefind reads: those matching ``glob`` (its ``{a,b}`` alternatives), or every ``.html``."""
    if glob is None:
        return sorted(site.rglob("*.html"))
    patterns = glob[1:-1].split(",") if glob.startswith("{") else [glob]
    return sorted({path for pattern in patterns for path in site.glob(pattern) if path.is_file()})


def index_digest(site: Path, program: Path, command: list[str], pages: list[Path]) -> str | None:
    """SHA-256 over everything a Pagefind run over ``site`` depends on; None when something cannot be read."""
    digest = hashlib.sha256(FORMAT)

    def add(label: str, data: bytes) -> None:
        digest.update(f"\0{label}\0{len(data)}\0".encode())
        digest.update(data)

    try:
        with program.open("rb") as binary:
            add("program", hashlib.file_digest(binary, "sha256").digest())
        add("command", "\0".join(arg.replace(str(site), "<site>") for arg in command).encode())
        for name in sorted(k for k in os.environ if k.upper().startswith("PAGEFIND")):
            add(f"env {name}", os.environ[name].encode())
        for name in CONFIG_FILES:
            if (site / name).exists():
                add(f"config {name}", (site / name).read_bytes())
        for page in pages:
            add(page.relative_to(site).as_posix(), page.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


def write_digest(bundle: Path, digest: str) -> None:
    """Mark a finished bundle with the digest of what it was built from."""
    (bundle / DIGEST_FILE).write_text(digest + "\n", encoding="ascii")


def reuse_bundle(published: Path, bundle: Path, digest: str) -> int | None:
    """Put the published bundle at ``bundle`` when it carries ``digest``: its page count, else None.

    Hard links, not copies: the files stay the published ones (same inode), which warta_publish
    then keeps without comparing them. Nothing is left at ``bundle`` when None is returned.
    """
    try:
        if (published / DIGEST_FILE).read_text(encoding="ascii").strip() != digest:
            return None
        entry = json.loads((published / "pagefind-entry.json").read_text(encoding="utf-8"))
        pages = sum(language["page_count"] for language in entry["languages"].values())
        if not (published / "pagefind.js").is_file():
            return None
        if published.resolve() != bundle.resolve():  # the same folder when building in place: nothing to do
            shutil.copytree(published, bundle, copy_function=os.link)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        if published.resolve() != bundle.resolve():
            shutil.rmtree(bundle, ignore_errors=True)
        return None
    return pages
