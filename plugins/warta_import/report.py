"""What an import did, item by item, in Indonesian: on screen and in import-report.md."""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from warta_content import detik

from .body import Converted
from .documents import Document
from .model import Item
from .record import EDITED, FORCED, NEW, SAME, UPDATED

_SHOWN = 30  # lines of each list on screen; the file has them all


@dataclass
class Report:
    source: str
    kind: str
    dry_run: bool
    outcomes: Counter = field(default_factory=Counter)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # needs an editor: where, what, cure
    alt: list[str] = field(default_factory=list)
    check_problems: list[str] = field(default_factory=list)
    map_lines: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # tags left to unmapped_tags: ignore
    map_path: Path | None = None
    embargoed: int = 0
    drafts: int = 0
    seconds: float = 0.0

    def skip(self, item: Item, why: str) -> None:
        self.skipped.append(f"{item.origin} '{_title(item)}': dilewati, {why}")

    def attention(self, item: Item, what: str) -> None:
        self.notes.append(f"{item.origin} '{_title(item)}': {what}")

    def missing_alt(self, item: Item, rel: str, lead: bool = False) -> None:
        where = "gambar utama (tidak dipasang sebagai image)" if lead else "gambar di isi"
        self.alt.append(f"{item.origin} '{_title(item)}': {where} {rel} tanpa teks alt")

    def imported(self, item: Item, rel: str, outcome: str, body: Converted, doc: Document, held: bool, future: bool):
        self.outcomes[outcome] += 1
        self.drafts += held
        self.embargoed += future
        if outcome == EDITED:
            self.notes.append(
                f"{rel}: disunting editor sejak impor terakhir, TIDAK ditimpa ({item.origin}); bandingkan sendiri "
                "dengan sumbernya, atau jalankan dengan --force untuk menimpanya"
            )
        for note in [*item.notes, *body.notes]:
            self.attention(item, f"{rel}: {note}")
        for refused in doc.refused:
            self.attention(item, f"{rel}: alamat lama {refused}")
        for path in body.missing_alt:
            self.alt.append(f"{rel}: gambar di isi /{path} tanpa teks alt ({item.origin})")

    def drafted(self, path: Path, added: list[str], open_items: list[str]) -> None:
        self.map_path = path
        self.map_lines = open_items

    def finish(self, work: Path, started: float) -> Report:
        self.seconds = time.monotonic() - started
        text = self.text()
        if not self.dry_run:
            work.mkdir(parents=True, exist_ok=True)
            (work / "import-report.md").write_text(text, encoding="utf-8")
        print(self.screen(work), file=sys.stdout)
        return self

    def summary(self) -> str:
        if self.map_path and self.dry_run:
            return (
                f"(uji coba) peta impor {self.map_path} akan dibuat/dilengkapi; {len(self.map_lines)} isian akan "
                "perlu keputusan. Jalankan tanpa --dry-run untuk membuatnya."
            )
        if self.map_path:
            return (
                f"peta impor {self.map_path} dibuat/dilengkapi; {len(self.map_lines)} isian perlu keputusan. "
                "Sunting berkas itu, lalu jalankan perintah yang sama lagi (belum ada yang diimpor)."
            )
        o = self.outcomes
        verb = "akan" if self.dry_run else "telah"
        seconds = detik(self.seconds)
        return (
            f"impor {'(uji coba, tidak ada yang ditulis) ' if self.dry_run else ''}dari {self.kind} {self.source} "
            f"dalam {seconds} detik: {o[NEW]} baru, {o[UPDATED] + o[FORCED]} {verb} diperbarui, {o[SAME]} sama, "
            f"{o[EDITED]} disunting editor (tidak ditimpa), {len(self.skipped)} dilewati, "
            f"{len(self.notes) + len(self.alt)} perlu diperiksa; {self.drafts} sebagai draf, {self.embargoed} embargo."
        )

    def sections(self) -> list[tuple[str, list[str]]]:
        return [
            ("Peta impor: perlu keputusan", self.map_lines),
            ("Perlu diperiksa editor", self.notes),
            ("Gambar tanpa teks alt (tulis teks alt; Warta mewajibkannya untuk pembaca layar)", self.alt),
            ("Hasil `invoke check`: yang harus dibetulkan sebelum situs bisa dibangun", self.check_problems),
            ("Dilewati", self.skipped),
            ("Tag tanpa padanan yang diabaikan (defaults → unmapped_tags: ignore)", self.ignored),
        ]

    def text(self) -> str:
        now = datetime.now(ZoneInfo("Asia/Jakarta"))
        lines = [f"# Laporan impor Warta, {now:%Y-%m-%d %H:%M} WIB", "", self.summary(), ""]
        for title, items in self.sections():
            if items:
                lines += [f"## {title} ({len(items)})", "", *(f"- {i}" for i in items), ""]
        return "\n".join(lines)

    def screen(self, work: Path) -> str:
        lines = [f"Warta: {self.summary()}"]
        for title, items in self.sections():
            if items:
                lines.append(f"{title} ({len(items)}):")
                lines += [f"  - {i}" for i in items[:_SHOWN]]
                if len(items) > _SHOWN:
                    lines.append(f"  … dan {len(items) - _SHOWN} lagi di {work / 'import-report.md'}")
        if not self.dry_run and not self.map_path:
            lines.append(f"Laporan lengkap: {work / 'import-report.md'}")
        return "\n".join(lines)


def _title(item: Item) -> str:
    from .documents import plain

    title = plain(item.title)
    return title if len(title) <= 60 else title[:57] + "…"
