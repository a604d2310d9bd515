"""What the importer wrote, so that a rerun updates its own files and never an editor's edit unannounced.

``import-record.json`` (beside the import map) holds, for each old item, the file it became and the
digest of the text written. A file whose text no longer has that digest was edited since: a rerun
leaves it alone and says so, unless told ``--force``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

NEW, UPDATED, SAME, EDITED, FORCED = "baru", "diperbarui", "sama", "disunting editor", "ditimpa"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class ImportRecord:
    path: Path
    files: dict[str, dict] = field(default_factory=dict)  # item key → {"file": rel, "digest": sha256}
    taken: set[str] = field(default_factory=set)  # every file written, for names chosen this run

    @classmethod
    def load(cls, path: Path) -> ImportRecord:
        record = cls(path)
        if path.is_file():
            record.files = json.loads(path.read_text(encoding="utf-8")).get("files", {})
        record.taken = {f["file"] for f in record.files.values()}
        return record

    def file_of(self, key: str) -> str | None:
        known = self.files.get(key)
        return known["file"] if known else None

    def place(self, key: str, wanted: str, content: Path) -> str:
        """The file for ``key``: where it went before, else ``wanted`` made unique (never someone else's)."""
        known = self.file_of(key)
        if known:
            return known
        stem, n = wanted.removesuffix(".md"), 1
        rel = wanted
        while rel in self.taken or (content / rel).exists():
            n += 1
            rel = f"{stem}-{n}.md"
        self.taken.add(rel)
        return rel

    def write(self, key: str, rel: str, text: str, content: Path, dry_run: bool, force: bool) -> str:
        """Write one file unless an editor changed it since the last import; return what happened."""
        target = content / rel
        known = self.files.get(key)
        outcome = NEW
        if target.is_file():
            current = digest(target.read_text(encoding="utf-8"))
            if known and current != known["digest"]:
                if not force:
                    return EDITED
                outcome = FORCED
            elif current == digest(text):
                outcome = SAME
            else:
                outcome = FORCED if outcome == FORCED else UPDATED
        if outcome != SAME and not dry_run:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        self.files[key] = {"file": rel, "digest": digest(text)}
        return outcome

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"files": self.files}, ensure_ascii=False, indent=1), encoding="utf-8")
