"""Read source files once: parse and render each, reusing results cached by content hash."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from .reader import Parsed, parse
from .render import BodyRenderer
from .settings import ContentSettings

CACHE_VERSION = "2"  # 2: bodies are Markup, Parsed.unsafe names what was removed


def parse_sources(
    content: Path, files: dict[str, list[Path]], settings: ContentSettings, cache_dir: Path | None
) -> dict[str, list[Parsed]]:
    """Parsed files per kind; bytes that were parsed before come from the cache."""
    renderer = BodyRenderer()
    cache = _Cache(cache_dir, settings) if cache_dir and settings.cache else None
    out: dict[str, list[Parsed]] = {}
    for kind, paths in files.items():
        out[kind] = []
        for path in paths:
            source = path.relative_to(content).as_posix()
            raw = path.read_bytes()
            parsed = cache.get(source, raw) if cache else None
            if parsed is None:
                parsed = parse(source, raw, renderer, settings.summary_length)
                if cache:
                    cache.put(source, raw, parsed)
            out[kind].append(parsed)
    if cache:
        cache.save()
    return out


class _Cache:
    """One pickle of {digest: Parsed}; keyed by the bytes and the settings that shape output."""

    def __init__(self, folder: Path, settings: ContentSettings):
        self.path = folder / "sources.pickle"
        self.salt = f"{CACHE_VERSION}:{settings.summary_length}".encode()
        self.entries: dict[str, Parsed] = {}
        self.used: dict[str, Parsed] = {}
        try:
            self.entries = pickle.loads(self.path.read_bytes())
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
            self.entries = {}

    def _key(self, source: str, raw: bytes) -> str:
        return hashlib.sha256(self.salt + source.encode() + b"\0" + raw).hexdigest()

    def get(self, source: str, raw: bytes) -> Parsed | None:
        key = self._key(source, raw)
        hit = self.entries.get(key)
        if hit is not None:
            self.used[key] = hit
        return hit

    def put(self, source: str, raw: bytes, parsed: Parsed) -> None:
        self.used[self._key(source, raw)] = parsed

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_bytes(pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(self.path)
