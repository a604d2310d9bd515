"""Which files under the content folder Warta reads, and a word about every file it does not.

Nothing under ``content/`` is passed over in silence. Markdown is read whatever the case of its
suffix (``.md``, ``.MD``, ``.markdown``: Windows and phones keep what the editor typed). A file that
was plainly meant to be a release, session or page but is not read (saved by Notepad as
``x.md.txt``, or any file that opens with front matter) would be a missing page: an error that
names the cure. Anything else out of place (a Word file among the releases, a photo outside
``media/``) is a warning. Only what programs leave beside documents (``.DS_Store``, ``~$x.docx``,
``x.md~``, ``.x.md.swp``) is skipped without a word.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import Problems
from .kinds import declared_kinds

KINDS = ("releases", "sessions", "pages")
OTHER_FOLDERS = ("media", "data")  # read, but not as sources of their own kind
READ = (".md", ".markdown")  # compared lower-case
DATA_FILES = (
    "governments.yml",
    "agencies.yml",
    "themes.yml",
    "series.yml",
    "search-variants.yml",
    "import-queries.yml",
)
_LITTER = re.compile(r"^(\.|~\$|\.~lock\.|#)|~$|\.(swp|swo|tmp|bak|crdownload|part)$|^(thumbs\.db|desktop\.ini)$", re.I)
_NOTEPAD = re.compile(r"\.(md|markdown)\.txt$", re.I)
_OFFICE = {".doc", ".docx", ".odt", ".rtf", ".pages"}
_MEDIA = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".pdf", ".mp3", ".mp4", ".xlsx", ".xls", ".csv"}


def is_source(path: Path) -> bool:
    """Whether Warta reads ``path`` as Markdown with front matter (by its name alone)."""
    return path.suffix.lower() in READ


def source_files(content: Path, problems: Problems) -> dict[str, list[Path]]:
    """The Markdown files of each kind, in a stable order; every other file is reported."""
    found: dict[str, list[Path]] = {kind: [] for kind in folders()}
    if not content.is_dir():
        problems.add(str(content), None, "folder", "folder konten tidak ditemukan; periksa jalur --content")
        return found
    for kind in found:
        for rel in _files_under(content, kind):
            path = content / rel
            if not is_source(path):
                _unread(path, rel, problems)
            elif kind == "sessions" and rel.count("/") != 2:
                problems.add(rel, None, "folder", "berkas sesi harus berada di sessions/<seri>/, satu tingkat di bawah")
            else:
                found[kind].append(path)
    _check_root(content, problems)
    _check_data(content, problems)
    return found


def folders() -> tuple[str, ...]:
    """The folders of sources: releases, sessions and pages, then each declared kind's (kinds.py)."""
    return (*KINDS, *(kind.folder for kind in declared_kinds()))


def _files_under(content: Path, kind: str) -> list[str]:
    """Every file under ``content/kind`` (links to files followed, litter left out), as a path
    relative to ``content``, in the order of their parts (as sorted ``Path`` objects would be).

    ``os.scandir`` and strings: this lists every source of every build, 10,000 and more.
    """
    found: list[str] = []
    folders = [kind]
    while folders:
        rel = folders.pop()
        try:
            entries = list(os.scandir(content / rel))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):  # a link to a folder is not entered (a loop would never end)
                folders.append(f"{rel}/{entry.name}")
            elif entry.is_file() and not _LITTER.search(entry.name):
                found.append(f"{rel}/{entry.name}")
    found.sort(key=lambda rel: rel.split("/"))
    return found


def _unread(path: Path, rel: str, problems: Problems) -> None:
    """A file among releases, sessions or pages that is not Markdown: an error when it was meant to be."""
    stem = _NOTEPAD.sub("", path.name)
    if _NOTEPAD.search(path.name) or _opens_with_front_matter(path):
        problems.add(
            rel,
            None,
            "berkas",
            f"tidak dibaca karena namanya tidak berakhiran .md, jadi halamannya tidak akan terbit; ubah namanya "
            f"menjadi {Path(stem).stem if stem == path.name else stem}.md (di Notepad: Simpan sebagai, pilih "
            "'Semua berkas', lalu tulis namanya dengan .md)",
        )
        return
    suffix = path.suffix.lower()
    if suffix in _OFFICE:
        cure = "Warta tidak membaca berkas Word; salin isinya ke berkas .md (invoke new), lalu hapus berkas ini"
    elif suffix in _MEDIA:
        cure = "gambar dan lampiran disimpan di media/, lalu dirujuk dari front matter (image, attachments)"
    else:
        cure = "Warta hanya membaca berkas .md di sini; ganti namanya menjadi .md bila ini rilis, atau pindahkan"
    problems.warn(rel, None, "berkas", f"tidak dibaca: {cure}")


def _opens_with_front_matter(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError:
        return False
    return head.removeprefix(b"\xef\xbb\xbf").startswith(b"---")


def _check_root(content: Path, problems: Problems) -> None:
    """Files and folders beside releases/, sessions/, pages/, media/ and data/ are never published."""
    known = {*folders(), *OTHER_FOLDERS}
    for path in sorted(content.iterdir()):
        if path.name in known or _LITTER.search(path.name):
            continue
        near = next((k for k in known if k.lower() == path.name.lower().rstrip("/")), None)
        hint = f"; maksudnya {near}/? (nama folder memakai huruf kecil)" if near else ""
        problems.warn(
            path.name + ("/" if path.is_dir() else ""),
            None,
            "berkas",
            f"tidak dibaca: Warta hanya membaca folder {', '.join(f'{k}/' for k in folders())}, media/ dan data/"
            + hint,
        )


def _check_data(content: Path, problems: Problems) -> None:
    """data/ holds the four vocabulary files; anything else there (agencies.yaml…) is reported."""
    folder = content / "data"
    for path in sorted(folder.iterdir()) if folder.is_dir() else ():
        if path.name in DATA_FILES or _LITTER.search(path.name):
            continue
        near = next((d for d in DATA_FILES if Path(d).stem == path.stem.lower()), None)
        hint = f"ubah namanya menjadi {near}" if near else f"berkas data yang dibaca: {', '.join(DATA_FILES)}"
        problems.warn(f"data/{path.name}", None, "berkas", f"tidak dibaca; {hint}")
