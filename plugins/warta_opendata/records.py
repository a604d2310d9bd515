"""One flat record per release, and the JSON and CSV files made of them."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from warta_content import WIB

# Column order is part of the contract with people who script against the CSV: append, never reorder.
FIELDS = (
    *("id", "url", "title", "type", "date", "updated", "agencies", "themes", "government", "number", "summary"),
    *("location", "image", "image_alt", "attachments", "attachment_titles", "session", "change_dates", "change_notes"),
    *("status", "withdrawn_reason"),
)
# Lists: parallel where they say two things of one item (attachments and their titles, changes' dates and notes).
LIST_FIELDS = ("agencies", "themes", "government", "attachments", "attachment_titles", "change_dates", "change_notes")
LIST_SEPARATOR = "|"  # slugs never contain it, and unlike ";" it does not split cells in Indonesian Excel
# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(…) in a title would be a live
# link, a DDE call worse). OWASP's advice against CSV injection: such a cell starts with ' instead, which
# spreadsheets read as "this is text" and do not show. JSON keeps the value as written.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def record(release, abs_url: Callable[[str], str]) -> dict:
    """The export's view of a release: slugs for vocabularies, ISO 8601 times in WIB."""
    return {
        "id": release.source_id,
        "url": abs_url(release.url),
        "title": release.title,
        "type": release.type.slug,
        "date": release.date.astimezone(WIB).isoformat(),
        "updated": release.modified.astimezone(WIB).isoformat(),
        "agencies": [a.slug for a in release.agencies],
        "themes": [t.slug for t in release.themes],
        "government": [g.slug for g in release.governments],
        "number": release.number or None,
        "summary": release.summary,
        "location": release.location or None,
        "image": abs_url(release.image.url) if release.image else None,
        "image_alt": release.image_alt if release.image else None,
        "attachments": [abs_url(a.file.url) for a in release.attachments],
        "attachment_titles": [a.title for a in release.attachments],
        "session": abs_url(release.linked_session.url) if release.linked_session else None,
        "change_dates": [c.date.astimezone(WIB).isoformat() for c in release.changes],
        "change_notes": [c.note for c in release.changes],
        "status": "dicabut" if release.withdrawn else "terbit",
        "withdrawn_reason": release.withdrawn.reason if release.withdrawn else None,
    }


def to_json(records: list[dict], about: dict) -> str:
    """``about`` (title, licence…) then ``records``, readable and stable across builds."""
    return (
        json.dumps(
            {**about, "fields": list(FIELDS), "count": len(records), "records": records}, ensure_ascii=False, indent=2
        )
        + "\n"
    )


def to_csv(records: list[dict]) -> str:
    """RFC 4180 CSV with a header row; lists joined with LIST_SEPARATOR, a missing number empty, no formulas."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for row in records:
        writer.writerow([_cell(row, key) for key in FIELDS])
    return out.getvalue()


def _cell(row: dict, key: str) -> str:
    """One CSV cell: a list joined, a missing value empty, and text that a spreadsheet shows as text."""
    value = row[key]
    text = LIST_SEPARATOR.join(value) if key in LIST_FIELDS else ("" if value is None else value)
    return "'" + text if text.startswith(FORMULA_START) else text
