"""A memo keyed by an object's identity that keeps the object alive while its value is kept.

Entries are made once per build and many pages ask about the same one (its digest, its feed
entry, its calendar event). Keyed by ``id()`` alone, a memo could hand an object the value of
another that lived at the same address before it; holding the object itself rules that out.
"""

from __future__ import annotations

from typing import Generic, TypeVar

V = TypeVar("V")


class ByObject(Generic[V]):
    """``memo.get(obj)`` → the value kept for this very object, or None; ``memo.put(obj, value)``."""

    __slots__ = ("_kept",)

    def __init__(self) -> None:
        self._kept: dict[int, tuple[object, V]] = {}

    def get(self, obj: object) -> V | None:
        kept = self._kept.get(id(obj))
        return kept[1] if kept is not None and kept[0] is obj else None

    def put(self, obj: object, value: V) -> V:
        self._kept[id(obj)] = (obj, value)
        return value

    def __contains__(self, obj: object) -> bool:
        kept = self._kept.get(id(obj))
        return kept is not None and kept[0] is obj

    def __len__(self) -> int:
        return len(self._kept)
