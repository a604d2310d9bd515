"""Generate the benchmark corpus once and reuse it while its files and the generator are unchanged.

``python -m tools.generate OUT --releases 1000 --seed 1`` writes OUT/warta and OUT/vanilla.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import time
from pathlib import Path

from .corpus import plan
from .formats import folder_digest, write

_GENERATOR = ("lexicon.py", "names.py", "corpus.py", "formats.py")


def generator_version() -> str:
    """A digest of the generator's own source: a changed generator means a new corpus."""
    digest = hashlib.sha256()
    for name in _GENERATOR:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()[:16]


def ensure_corpus(folder: Path, releases: int, seed: int) -> dict:
    """The manifest of ``folder`` (warta/ and vanilla/), regenerated unless it is intact."""
    manifest = folder / "manifest.json"
    if manifest.is_file():
        known = json.loads(manifest.read_text(encoding="utf-8"))
        intact = known.get("generator") == generator_version() and all(
            folder_digest(folder / name) == known["digests"].get(name) for name in ("warta", "vanilla")
        )
        if intact:
            return known
        print(f"Korpus {folder} berubah atau usang: dibuat ulang", flush=True)
    return generate(folder, releases, seed)


def generate(folder: Path, releases: int, seed: int, series: int = 10, sessions: int = 50) -> dict:
    """Write the corpus for ``seed`` into ``folder`` and return its manifest."""
    started = time.perf_counter()
    shutil.rmtree(folder, ignore_errors=True)
    corpus = plan(releases, seed, series, sessions)
    write(corpus, folder)
    words = sum(len(e.body.split()) for e in corpus.releases)
    info = {
        "releases": releases,
        "sessions": len(corpus.sessions),
        "pages": len(corpus.pages),
        "sources": len(corpus.releases) + len(corpus.sessions) + len(corpus.pages),
        "release_words_mean": round(words / max(1, releases)),
        "with_image": sum("image" in e.meta for e in corpus.releases),
        "seed": seed,
        "generator": generator_version(),
        "generated_s": round(time.perf_counter() - started, 1),
        "digests": {name: folder_digest(folder / name) for name in ("warta", "vanilla")},
        "bytes": {name: sum(p.stat().st_size for p in (folder / name).rglob("*.md")) for name in ("warta", "vanilla")},
    }
    (folder / "manifest.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tools.generate", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--releases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    info = generate(args.folder, args.releases, args.seed)
    print(json.dumps(info, indent=2))


if __name__ == "__main__":
    main()
