"""Skip Pagefind for a shard when nothing it would read has changed: the published bundle is hard-linked instead.

Pagefind has no incremental mode, and on most rebuilds no indexed page changed, or only pages
of the newest shard did. A shard's digest covers everything its run depends on: the program's
bytes, its command line, ``PAGEFIND_*`` variables, a Pagefind config file in the site folder,
and the path and SHA-256 of every page the shard holds. It is stored in the bundle
(``warta-digest.txt``, served like the loader files and revalidated); a published bundle with an
equal digest is what Pagefind would write again. Whenever anything is unreadable or missing,
Pagefind runs.

A page's SHA-256 comes from the build state's ``written`` (path → hex digest of every file Warta
wrote or linked this build) when the build recorded it, else from reading the page.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

DIGEST_FILE = "warta-digest.txt"
# Bump when the digest starts covering something else, so older bundles are never taken for current.
FORMAT = b"warta-pagefind-digest 3"
CONFIG_FILES = ("pagefind.json", "pagefind.yml", "pagefind.yaml", "pagefind.toml")


def program_digest(program: Path) -> bytes | None:
    """SHA-256 of the Pagefind program (read once per build, shared by every shard); None when unreadable."""
    try:
        with program.open("rb") as binary:
            return hashlib.file_digest(binary, "sha256").digest()
    except OSError:
        return None


def shard_digest(
    site: Path,
    program: bytes,
    command: list[str],
    pages: Iterable[str],
    written: Mapping[str, str] | None = None,
    variants: bytes = b"",
) -> str | None:
    """SHA-256 over everything one Pagefind run over ``pages`` depends on; None when something cannot be read.

    ``variants``: the digest of the search variants the pages' copies carry (variants.py)."""
    digest = hashlib.sha256(FORMAT)

    def add(label: str, data: bytes) -> None:
        digest.update(f"\0{label}\0{len(data)}\0".encode())
        digest.update(data)

    add("program", program)
    add("command", "\0".join(command).encode())
    add("variants", variants)
    try:
        for name in sorted(k for k in os.environ if k.upper().startswith("PAGEFIND")):
            add(f"env {name}", os.environ[name].encode())
        for name in CONFIG_FILES:
            if (site / name).exists():
                add(f"config {name}", (site / name).read_bytes())
        for page in pages:
            add(page, _page_digest(site, page, written))
    except OSError:
        return None
    return digest.hexdigest()


def _page_digest(site: Path, page: str, written: Mapping[str, str] | None) -> bytes:
    recorded = written.get(page) if written else None
    if recorded:
        try:
            return bytes.fromhex(recorded)
        except (TypeError, ValueError):
            pass  # not a hex digest: read the page instead
    with (site / page).open("rb") as html:
        return hashlib.file_digest(html, "sha256").digest()


def write_digest(bundle: Path, digest: str) -> None:
    """Mark a finished bundle with the digest of what it was built from."""
    (bundle / DIGEST_FILE).write_text(digest + "\n", encoding="ascii")


def bundle_pages(bundle: Path) -> int:
    """The number of pages a bundle's ``pagefind-entry.json`` counts; OSError or ValueError when unreadable."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    try:
        return sum(language["page_count"] for language in entry["languages"].values())
    except (KeyError, TypeError, AttributeError) as err:
        raise ValueError(f"{bundle}/pagefind-entry.json: {err}") from err


def reuse_bundle(published: Path, bundle: Path, digest: str) -> int | None:
    """Put the published bundle at ``bundle`` when it carries ``digest``: its page count, else None.

    Hard links, not copies: the files stay the published ones (same inode), which warta_publish
    then keeps without comparing them. Nothing is left at ``bundle`` when None is returned.
    """
    same_folder = published.resolve() == bundle.resolve()  # building in place: nothing to link
    try:
        if (published / DIGEST_FILE).read_text(encoding="ascii").strip() != digest:
            return None
        pages = bundle_pages(published)
        if not (published / "pagefind.js").is_file():
            return None
        if not same_folder:
            shutil.copytree(published, bundle, copy_function=os.link)
    except (OSError, ValueError):
        if not same_folder:
            shutil.rmtree(bundle, ignore_errors=True)
        return None
    return pages
