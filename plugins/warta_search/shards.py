"""Which pages go into which Pagefind bundle: the archive is indexed in shards of whole years.

Pagefind holds a whole index in memory (about a third of a megabyte per page) and has no
incremental mode, so one bundle for 10,000 releases takes gigabytes and is rebuilt after any
edit. Shards bound both: each covers consecutive years, oldest first; small years are joined
until a shard holds ``min_pages``, and a year with more than ``max_pages`` is split by month.
Only the newest shard grows as releases are added, so older shards keep their pages, their
digest and their files. Static pages have no date: they go with the newest shard.

The plan comes from the archive (each entry's date and ``save_as``), never from paths.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

Month = tuple[int, int]  # (year, month)


@dataclass(frozen=True)
class Shard:
    """One Pagefind bundle: its name, the months it covers and the page files it indexes."""

    name: str  # "2024", "2015-2017", "2024-01_2024-06" (a split year), "halaman" (no dated entry)
    first: str  # oldest month held, "YYYY-MM"; "" when it holds undated pages only
    last: str  # newest month held
    pages: tuple[str, ...]  # output-relative paths (``save_as``), sorted
    folder: str = ""  # under pagefind/: "" when the site has a single shard (the bundle is pagefind/ itself)


def plan_shards(entries: Iterable, min_pages: int, max_pages: int) -> list[Shard]:
    """Shards for these releases, sessions and pages, newest first; the same entries give the same plan."""
    by_month: dict[Month, list[str]] = defaultdict(list)
    undated: list[str] = []
    for entry in entries:
        date = getattr(entry, "date", None)
        if date is None:
            undated.append(entry.save_as)
        else:
            by_month[(date.year, date.month)].append(entry.save_as)
    groups = _group(by_month, min_pages, max_pages) or ([([], False)] if undated else [])
    shards = []
    for index, (months, split) in enumerate(groups):
        pages = [p for m in months for p in by_month[m]] + (undated if index == len(groups) - 1 else [])
        name = _name(months, split)
        shards.append(
            Shard(
                name,
                _month(months[0]) if months else "",
                _month(months[-1]) if months else "",
                tuple(sorted(pages)),
                f"{name}/" if len(groups) > 1 else "",
            )
        )
    return shards[::-1]


def _group(by_month: dict[Month, list[str]], min_pages: int, max_pages: int) -> list[tuple[list[Month], bool]]:
    """Months in groups, oldest first: whole years joined up to ``min_pages``, big years split by month."""
    groups: list[tuple[list[Month], bool]] = []
    current: list[Month] = []
    count = 0
    for year in sorted({y for y, _ in by_month}):
        months = sorted(m for m in by_month if m[0] == year)
        size = sum(len(by_month[m]) for m in months)
        if current and count + size > max_pages:
            groups.append((current, False))
            current, count = [], 0
        if size > max_pages:
            groups += [(part, True) for part in _split(months, by_month, max_pages)]
            continue
        current, count = current + months, count + size
        if count >= min_pages:
            groups.append((current, False))
            current, count = [], 0
    if current:
        groups.append((current, False))
    return groups


def _split(months: list[Month], by_month: dict[Month, list[str]], max_pages: int) -> list[list[Month]]:
    """Consecutive months of one year, each part at most ``max_pages`` (a bigger month stays whole)."""
    parts: list[list[Month]] = [[]]
    count = 0
    for month in months:
        size = len(by_month[month])
        if parts[-1] and count + size > max_pages:
            parts.append([])
            count = 0
        parts[-1].append(month)
        count += size
    return parts


def _name(months: list[Month], split: bool) -> str:
    if not months:
        return "halaman"
    first, last = months[0], months[-1]
    if split:
        return _month(first) if first == last else f"{_month(first)}_{_month(last)}"
    return str(first[0]) if first[0] == last[0] else f"{first[0]}-{last[0]}"


def _month(month: Month) -> str:
    return f"{month[0]:04d}-{month[1]:02d}"
