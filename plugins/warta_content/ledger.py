"""The record of what was published: each entry's stable id and every address it has had.

Every build reads the record its previous publication left (``data/riwayat-terbit.json`` in the
published site, or the site or folder ``WARTA_PREVIOUS`` names, for a build that starts from an
empty output, as in CI), matches this build's entries to it and publishes it anew. From that:

- an entry whose address changed (a new title or slug, a corrected date, a moved or renamed
  file) keeps redirecting every address it ever had, as a hand-written alias does;
- it keeps its feed and open-data id, whatever was edited;
- a published entry that is gone (its file deleted, made a draft, embargoed again) stops the
  build with the cure: a withdrawal, which keeps the page, or a removal, which answers 410.

An entry is matched by its id (unchanged, or pinned with ``id:``), else by its source file,
else, among the files that are new to the record, by the same body or the same title as one
that vanished (a moved file), when exactly one fits.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path

from .errors import ConfigurationError, Problems
from .kinds import kind_of
from .memo import ByObject
from .model import Entry, Gone, Page, Release, Session

RECORD = "data/riwayat-terbit.json"
CHANGES = "data/perubahan.json"
FORMAT = 1
PUBLISHED, WITHDRAWN, REMOVED = "terbit", "dicabut", "dihapus"
KINDS = {Release: "rilis", Session: "sesi", Page: "halaman"}


def kind_label(entry: Entry) -> str:
    """The kind the record names: rilis, sesi, halaman, or a declared kind's label (kinds.py)."""
    label = KINDS.get(type(entry))
    if label is None:
        declared = kind_of(entry)
        label = declared.label if declared else type(entry).__name__.lower()
    return label


@dataclass
class Item:
    """One entry as a publication left it (the record's JSON holds these fields)."""

    id: str
    kind: str  # rilis, sesi, halaman
    source: str
    url: str  # root-relative, without the leading slash: berita/2024/01/judul/
    old: list[str] = field(default_factory=list)  # earlier addresses, the same way
    title: str = ""
    digest: str = ""  # of the body: a moved file is known by it
    status: str = PUBLISHED
    modified: str = ""  # ISO 8601: what the change report compares
    removed: str = ""  # for a removed entry: the date (YYYY-MM-DD) and the reason readers are shown
    reason: str = ""


COLUMNS = [f.name for f in fields(Item)]


class LedgerError(ConfigurationError):
    """The record of a previous publication was asked for and could not be read."""


def previous_location(settings: dict) -> str:
    """Where the last publication is, when the output folder does not hold it: the environment's
    WARTA_PREVIOUS (CI sets it per run), else the setting of that name; '' for the output folder."""
    return os.environ.get("WARTA_PREVIOUS", "").strip() or str(settings.get("WARTA_PREVIOUS") or "").strip()


@dataclass
class Previous:
    """The record a previous publication left: its entries, its text, and whether WARTA_PREVIOUS named it."""

    items: list[Item]
    text: str
    given: bool = False


def read_previous(location: str, published: Path) -> Previous | None:
    """The record ``location`` (a site's address or a folder) holds, else the one in ``published``;
    None when there is none yet (a first build). A location that was given must be readable."""
    if not location:
        path = published / RECORD
        if not path.is_file():
            return None
        text = path.read_text(encoding="utf-8")
        return Previous(_parse(text, str(path)), text)
    where = f"{location.rstrip('/')}/{RECORD}"
    try:
        if location.startswith(("http://", "https://")):
            with urllib.request.urlopen(where, timeout=30) as response:
                text = response.read().decode("utf-8")
        else:
            text = Path(where).read_text(encoding="utf-8")
    except (OSError, urllib.error.URLError, UnicodeDecodeError, ValueError) as error:
        raise LedgerError(
            f"WARTA_PREVIOUS: riwayat terbit tidak bisa dibaca dari {where} ({error}); periksa alamat situs "
            "atau folder yang sudah terbit itu. Pembangunan dihentikan agar tidak ada alamat lama yang hilang"
        ) from None
    return Previous(_parse(text, where), text, given=True)


def _parse(text: str, where: str) -> list[Item]:
    try:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')!r}, yang dikenal {FORMAT}")
        if data["kolom"] == COLUMNS:
            return [Item(*row) for row in data["entri"]]
        return [Item(**dict(zip(data["kolom"], row, strict=True))) for row in data["entri"]]
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise LedgerError(
            f"{where}: riwayat terbit rusak ({error}); pulihkan berkas itu dari terbitan sebelumnya"
        ) from None


def record_id(entry: Entry) -> str:
    """The id an entry is recorded under: its feed id, or for a page its first address."""
    return getattr(entry, "source_id", "") or f"{kind_label(entry)}:{entry.url}"


class Ledger:
    """Matches one build's entries to the previous record, then gives the new record and what changed."""

    def __init__(self, previous: Previous | None):
        self.source = previous
        self.previous = previous.items if previous else []
        self.known = previous is not None
        self.by_id = {item.id: item for item in self.previous}
        self.by_source = {item.source: item for item in self.previous if item.status != REMOVED}
        self.matched: ByObject[Item] = ByObject()  # entry → its item
        self.taken: set[str] = set()  # ids of items matched
        self.moves: list[tuple[str, str]] = []  # (old address, new address)

    def match(self, entry: Entry) -> bool:
        """Match one entry as soon as it is built, by id or source; True when that changed it."""
        item = self.by_id.get(record_id(entry)) or self.by_source.get(entry.source)
        if item is None or item.id in self.taken or item.kind != kind_label(entry):
            return False
        return self._take(entry, item)

    def _take(self, entry: Entry, item: Item) -> bool:
        self.matched.put(entry, item)
        self.taken.add(item.id)
        before = (getattr(entry, "source_id", ""), entry.moved_from)
        if isinstance(entry, (Release, Session)):
            entry.source_id = item.id  # an id once issued is the entry's for life
        # Its hand-written aliases redirect already; every other address it had redirects as they do.
        current = {entry.url, *(a.lstrip("/") for a in getattr(entry, "aliases", ()))}
        entry.moved_from = tuple(dict.fromkeys(f"/{a}" for a in (item.url, *item.old) if a not in current))
        if item.url != entry.url:
            self.moves.append((item.url, entry.url))
        return (getattr(entry, "source_id", ""), entry.moved_from) != before

    def match_moved(self, entries: list[Entry], changed: Callable[[Entry], None]) -> None:
        """Entries new to the record, matched to a vanished item by the same body, else the same title,
        when exactly one fits both ways (``changed`` is told of each)."""
        new = [e for e in entries if e not in self.matched]
        vanished = [i for i in self.previous if i.id not in self.taken and i.status != REMOVED]
        for key in ("digest", "title"):
            new_keys = Counter((kind_label(e), _key(e, key)) for e in new)
            old_keys = Counter((i.kind, getattr(i, key)) for i in vanished)
            for entry in list(new):
                wanted = (kind_label(entry), _key(entry, key))
                if new_keys[wanted] == 1 and old_keys[wanted] == 1:
                    item = next(i for i in vanished if (i.kind, getattr(i, key)) == wanted)
                    self._take(entry, item)
                    changed(entry)
                    new.remove(entry)
                    vanished.remove(item)

    def unrelated(self, entries: list[Entry]) -> bool:
        """The output folder holds another archive's site: not one release or session of either is in
        the other (pages match by address, and most archives have a tentang/). A record WARTA_PREVIOUS
        names is trusted: there, everything gone is reported."""
        kept = [i for i in self.previous if i.kind != "halaman"]
        ours = [e for e in entries if not isinstance(e, Page)]
        matched = any(self.by_id[taken].kind != "halaman" for taken in self.taken)
        return bool(kept and ours and not matched and not self.source.given)

    def forget(self) -> None:
        """Build as if nothing had been published (``unrelated``)."""
        self.__init__(None)

    def check_vanished(self, gone: list[Gone], read: set[str], failed: set[str], problems: Problems) -> list[Item]:
        """Every published item not matched is an error, unless its file says it was removed or has
        problems of its own (``failed``; "*": every file); returns the items removed, now or before
        (their addresses answer 410 for good)."""
        notices = {g.source: g for g in gone}
        removed = []
        for item in self.previous:
            if item.id in self.taken or "*" in failed or item.source in failed:
                continue
            notice = notices.get(item.source)
            if item.status == REMOVED or notice is not None:
                removed.append(_removed(item, notice))
            else:
                problems.add(item.source, None, "berkas", _vanished(item, item.source in read))
        return removed

    def record(self, entries: list[Entry], removed: list[Item]) -> list[Item]:
        """The new record: every published entry, then what was removed."""
        return [self._item(entry) for entry in entries] + removed

    def recorded_id(self, entry: Entry) -> str:
        """The id the new record gives ``entry``: the one recorded before, else its own."""
        before = self.matched.get(entry)
        return before.id if before else record_id(entry)

    def _item(self, entry: Entry) -> Item:
        return Item(
            id=self.recorded_id(entry),
            kind=kind_label(entry),
            source=entry.source,
            url=entry.url,
            old=list(dict.fromkeys(a.lstrip("/") for a in (*entry.moved_from, *getattr(entry, "aliases", ())))),
            title=entry.title,
            digest=entry.digest,
            status=_status(entry),
            modified=_modified(entry),
        )

    def changes(self, entries: list[Entry], removed: list[Item]) -> dict[str, list]:
        """What this publication changed since the last, by address (for a CDN purge or an announcement)."""
        out: dict[str, list] = {"baru": [], "diperbarui": [], "pindah": [], "dicabut": [], "dihapus": []}
        if not self.known:
            return out
        for entry in entries:
            before = self.matched.get(entry)
            if before is None:
                out["baru"].append(f"/{entry.url}")
            elif _status(entry) == WITHDRAWN != before.status:
                out["dicabut"].append(f"/{entry.url}")
            elif (entry.digest, entry.title, _modified(entry)) != (before.digest, before.title, before.modified):
                out["diperbarui"].append(f"/{entry.url}")
        for item in removed:
            before = self.by_id.get(item.id)
            if before is not None and before.status != REMOVED:
                out["dihapus"].append(f"/{before.url}")
        out["pindah"] = [{"lama": f"/{old}", "baru": f"/{new}"} for old, new in self.moves]
        return out


def _key(entry: Entry, key: str) -> str:
    return entry.digest if key == "digest" else entry.title


def _status(entry: Entry) -> str:
    return WITHDRAWN if isinstance(entry, Release) and entry.withdrawn is not None else PUBLISHED


def _removed(item: Item, notice: Gone | None) -> Item:
    """What the record keeps of a removed entry: its addresses and the notice, never its title or text."""
    kept = Item(item.id, item.kind, item.source, item.url, list(item.old), status=REMOVED, modified=item.modified)
    kept.removed, kept.reason = item.removed, item.reason
    if notice is not None:
        kept.removed, kept.reason = notice.notice.date.date().isoformat(), notice.notice.reason
    return kept


def _modified(entry: Entry) -> str:
    when = entry.modified if isinstance(entry, Release) else getattr(entry, "date", None)
    return when.isoformat() if when else ""


def _vanished(item: Item, still_read: bool) -> str:
    unpublished = "status: draft, atau date dimajukan ke masa depan" if item.kind == "rilis" else "status: draft"
    how = (
        f"berkasnya masih ada tetapi tidak terbit lagi ({unpublished})"
        if still_read
        else "berkasnya dihapus, atau dipindah sekaligus diubah isi dan judulnya sehingga tidak dikenali lagi"
    )
    withdraw = (
        " Untuk menariknya dari peredaran, tulis status: withdrawn dan withdrawn: {date: YYYY-MM-DD, reason: "
        "alasannya} (halaman tetap ada dengan tanda Dicabut)."
        if item.kind == "rilis"
        else ""
    )
    pin = f"tulis id: {item.id} di front matter-nya, atau " if item.kind == "rilis" else ""
    moved = f" Bila berkasnya dipindah: {pin}pindahkan dulu, bangun, baru ubah isinya."
    return (
        f"{item.kind} yang sudah terbit di /{item.url} tidak ada lagi: {how}. Kembalikan berkasnya.{withdraw} "
        "Bila harus hilang sama sekali (perintah pengadilan, data pribadi), kosongkan berkasnya dan tulis hanya "
        "status: removed dan removed: {date: YYYY-MM-DD, reason: alasannya} (alamatnya menjawab 410)." + moved
    )


def as_json(record: list[Item]) -> str:
    """The record as JSON: the column names, then one entry a line, as a list in that order (small,
    quick to read and write, and a change shows as a changed line)."""
    rows = ",\n".join(json.dumps([getattr(item, name) for name in COLUMNS], ensure_ascii=False) for item in record)
    return f'{{"format": {FORMAT}, "kolom": {json.dumps(COLUMNS)}, "entri": [\n{rows}\n]}}\n'


def changes_json(changes: dict, built) -> str:
    return json.dumps({"dibangun": built.isoformat(), **changes}, ensure_ascii=False, indent=1)
