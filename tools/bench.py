"""Benchmark: Warta against vanilla Pelican + Pagefind on the same synthetic archive.

Scenarios, run in one process, alternating Warta (A) and the reference (B) each repeat:
  a  Warta full build from a clean state (no output, no cache)
  b  vanilla Pelican full build, then Pagefind over its output (the reference)
  c  Warta rebuild, nothing changed
  d  Warta rebuild after editing one release's body
  e  Warta rebuild after adding one release
  f  the preview server (invoke serve): seconds from saving an edit to one release until it is served
Usage: ``python -m tools.bench --releases 1000`` (or ``invoke bench``); ``--help`` lists options.
"""

from __future__ import annotations

import argparse
import json
import os
import runpy
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from . import measure
from .measure import Sample

RECORD = "data/riwayat-terbit.json"  # what the site publishes of itself: warta_content.ledger.RECORD

ROOT = Path(__file__).resolve().parent.parent
BUILD_TIME = "2026-11-22 12:00"  # every synthetic date is before this, so nothing is an embargo
SCENARIOS = {
    "a": "Warta: bangun penuh dari nol",
    "b": "Pembanding: Pelican biasa + Pagefind",
    "c": "Warta: bangun ulang tanpa perubahan",
    "d": "Warta: bangun ulang, satu rilis disunting",
    "e": "Warta: bangun ulang, satu rilis baru",
    "f": "Pratinjau: suntingan satu rilis tampil di peramban",
}
ORDER = ("a", "c", "d", "e", "f", "b")  # one repeat: the Warta block, then the reference


class Paths:
    """Where one benchmark size keeps its corpus, outputs, caches and logs (all under ``work``)."""

    def __init__(self, work: Path, releases: int, seed: int):
        self.corpus = work / "corpus" / f"r{releases}-s{seed}"
        run = work / "run" / f"r{releases}"
        self.warta_out, self.warta_cache = run / "warta-out", run / "warta-cache"
        self.vanilla_out, self.logs = run / "vanilla-out", run / "logs"
        self.profiles = work / "profile" / f"r{releases}"

    @property
    def warta(self) -> Path:
        return self.corpus / "warta"

    @property
    def vanilla(self) -> Path:
        return self.corpus / "vanilla"


def warta_command(content: Path, output: Path, cache: Path) -> list[str]:
    """The real build, as ``invoke build`` runs it, with its own output and cache folders."""
    return [
        sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(output),
        "-e", f"CACHE_PATH={json.dumps(str(cache))}",
    ]  # fmt: skip


def warta_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["WARTA_BUILD_TIME"] = BUILD_TIME
    return env


def clean_warta(paths: Paths) -> None:
    """No output (nor the staging and previous-site folders beside it) and no cache."""
    out = paths.warta_out
    for folder in (out, out.with_name(out.name + ".staging"), out.with_name(out.name + ".prev"), paths.warta_cache):
        shutil.rmtree(folder, ignore_errors=True)


def warta_build(paths: Paths, log: str) -> Sample:
    cmd = warta_command(paths.warta, paths.warta_out, paths.warta_cache)
    return measure.run(cmd, ROOT, warta_env(), paths.logs / f"{log}.log")


def reference_build(paths: Paths) -> Sample:
    """Vanilla Pelican from a clean output folder, then Pagefind over what it wrote."""
    shutil.rmtree(paths.vanilla_out, ignore_errors=True)
    log = paths.logs / "b.log"
    pelican = [sys.executable, "-m", "pelican", ".", "-s", "pelicanconf.py", "-o", str(paths.vanilla_out)]
    pagefind = [sys.executable, "-m", "pagefind", "--site", str(paths.vanilla_out), "--force-language", "id"]
    env = dict(os.environ)
    return measure.run(pelican, paths.vanilla, env, log) + measure.run(pagefind, paths.vanilla, env, log)


@contextmanager
def changes(content: Path):
    """Yields (edit, add) for scenarios d and e; the corpus is put back as it was afterwards."""
    releases = sorted((content / "releases").rglob("*.md"))
    edited = releases[len(releases) // 2]
    added = content / "releases" / "2026" / "10" / "tolok-ukur-rilis-baru.md"
    original = edited.read_bytes()

    def edit() -> None:
        edited.write_bytes(original + b"\nCatatan redaksi: paragraf ini ditambahkan untuk tolok ukur.\n")

    def add() -> None:
        agency, theme = _first_slug(content / "data/agencies.yml"), _first_slug(content / "data/themes.yml")
        body = original.decode("utf-8").split("\n---\n", 1)[1]
        front = (
            f'---\ntitle: "Rilis Baru untuk Tolok Ukur"\ndate: 2026-10-30 10:00\ntype: berita\n'
            f"agencies: [{agency}]\nthemes: [{theme}]\n---\n"
        )
        added.parent.mkdir(parents=True, exist_ok=True)
        added.write_text(front + body, encoding="utf-8")

    try:
        yield edit, add
    finally:
        edited.write_bytes(original)
        added.unlink(missing_ok=True)


def preview_sample(paths: Paths, published: Path) -> Sample:
    """(f): only the wall-clock latency is measured; the preview keeps running while it is timed.
    ``published``: the site the preview compares with (WARTA_PREVIOUS)."""
    from .preview import preview_latency

    releases = sorted((paths.warta / "releases").rglob("*.md"))
    log = paths.logs / "f.log"
    edited = releases[len(releases) // 3]
    env = {**warta_env(), "WARTA_PREVIOUS": str(published)}
    seconds = preview_latency(paths.warta, paths.warta_out, paths.warta_cache, env, log, edited)
    return Sample(seconds, 0.0, 0)


def _first_slug(data_file: Path) -> str:
    line = next(x for x in data_file.read_text(encoding="utf-8").splitlines() if x.startswith("- slug: "))
    return line.removeprefix("- slug: ").strip()


def one_repeat(paths: Paths, runs: dict[str, list[Sample]], number: int) -> None:
    """a, c, d, e on Warta, then b: so Warta and the reference alternate across repeats."""
    clean_warta(paths)
    runs["a"].append(warta_build(paths, "a"))
    runs["c"].append(warta_build(paths, "c"))
    # The corpus as published before d and e: once the corpus is put back, the release e added is gone,
    # and a build that compares with e's output refuses that (warta_content/ledger.py), as it should.
    published = paths.warta_out.with_name("terbit-sebelum-d")
    shutil.rmtree(published, ignore_errors=True)
    (published / RECORD).parent.mkdir(parents=True)
    shutil.copy2(paths.warta_out / RECORD, published / RECORD)
    with changes(paths.warta) as (edit, add):
        edit()
        runs["d"].append(warta_build(paths, "d"))
        add()
        runs["e"].append(warta_build(paths, "e"))
    runs["f"].append(preview_sample(paths, published))
    runs["b"].append(reference_build(paths))
    line = "  ".join(f"{k} {runs[k][-1].seconds:6.1f} s" for k in ORDER)
    print(f"  ulangan {number}: {line}", flush=True)


def run_bench(releases: int, repeats: int, seed: int, work: Path) -> dict:
    """Generate (or reuse) the corpus, run every scenario ``repeats`` times, summarise."""
    from .generate import ensure_corpus

    paths = Paths(work, releases, seed)
    shutil.rmtree(paths.logs, ignore_errors=True)
    corpus = ensure_corpus(paths.corpus, releases, seed)
    print(f"Korpus: {paths.corpus} ({corpus['sources']} berkas sumber per korpus)", flush=True)
    runs: dict[str, list[Sample]] = {key: [] for key in SCENARIOS}
    started, load_start = time.perf_counter(), os.getloadavg()[0]
    for number in range(1, repeats + 1):
        one_repeat(paths, runs, number)
    reference, cpu_reference = measure.median(runs["b"]).seconds, measure.median(runs["b"]).cpu
    scenarios = {}
    for key, label in SCENARIOS.items():
        mid = measure.median(runs[key])
        scenarios[key] = {
            "label": label,
            "median_s": round(mid.seconds, 3),
            "cpu_median_s": round(mid.cpu, 3),
            "max_rss_mib": round(mid.max_rss_kib / 1024, 1),
            "peak_total_mib": round(mid.peak_total_kib / 1024, 1),
            "ratio_to_b": round(mid.seconds / reference, 3),
            "cpu_ratio_to_b": round(mid.cpu / cpu_reference, 3),
            "runs": [s.as_dict() for s in runs[key]],
        }
    return {
        "releases": releases,
        "sessions": corpus["sessions"],
        "seed": seed,
        "repeats": repeats,
        "build_time": BUILD_TIME,
        "bench_seconds": round(time.perf_counter() - started, 1),
        # Other work on the machine slows wall-clock times; CPU seconds are less affected.
        "load_average": {"start": round(load_start, 2), "end": round(os.getloadavg()[0], 2)},
        "machine": measure.machine(),
        "warta_plugins": warta_plugins(),
        "git": git_state(),
        "corpus": corpus,
        "scenarios": scenarios,
        "output": {"warta": measure.tree_size(paths.warta_out), "reference": measure.tree_size(paths.vanilla_out)},
    }


def git_state() -> str:
    """The commit measured, and how many files differed from it (others may be editing the tree)."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True)
    changed = len(dirty.stdout.splitlines())
    return head.stdout.strip() + (f" + {changed} berkas berubah" if changed else "")


def warta_plugins() -> list[str]:
    """PLUGINS as pelicanconf.py lists them now (search is part of (a) only if warta_search is there)."""
    return list(runpy.run_path(str(ROOT / "pelicanconf.py"))["PLUGINS"])


_OUTPUT_NAMES = {"warta": "Warta (a)", "reference": "pembanding (b), termasuk pagefind/"}


def markdown_table(result: dict) -> str:
    """The result as Markdown: one table of times, one of output sizes."""
    load = result["load_average"]
    rows = [
        f"**{result['releases']:,} rilis + {result['sessions']} sesi**".replace(",", ".")
        + f", median dari {result['repeats']} ulangan; beban mesin (loadavg 1 menit) {load['start']} → {load['end']}",
        "",
        "| skenario | median (s) | ÷ (b) | CPU (s) | CPU ÷ (b) | memori puncak (MiB) | memori total (MiB) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    cpu_reference = result["scenarios"]["b"]["cpu_median_s"]
    for key, s in result["scenarios"].items():
        rows.append(
            f"| ({key}) {s['label']} | {s['median_s']:.1f} | {s['ratio_to_b']:.2f} | {s['cpu_median_s']:.1f} | "
            f"{s['cpu_median_s'] / cpu_reference:.2f} | {s['max_rss_mib']:.0f} | {s.get('peak_total_mib', 0):.0f} |"
        )
    rows += ["", "| keluaran | berkas | ukuran (MiB) |", "|---|---:|---:|"]
    for name, size in result["output"].items():
        rows.append(f"| {_OUTPUT_NAMES[name]} | {size['files']} | {size['bytes'] / 2**20:.1f} |")
    search = "warta_search" in result["warta_plugins"]
    rows += ["", f"Plugin Warta: {', '.join(result['warta_plugins'])}" + ("" if search else " (tanpa pencarian)")]
    return "\n".join(rows)


def show(results: Path) -> str:
    """The Markdown tables of a results file written earlier."""
    return markdown_table(json.loads(results.read_text(encoding="utf-8")))


def main(argv: list[str] | None = None) -> int:
    """Command line of ``python -m tools.bench`` (and of ``invoke bench``); returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=1000, help="jumlah rilis (bawaan 1000)")
    parser.add_argument("--repeats", type=int, help="ulangan per skenario (bawaan 3, atau 1 di atas 2000 rilis)")
    parser.add_argument("--seed", type=int, default=1, help="benih korpus (bawaan 1)")
    parser.add_argument("--work", type=Path, default=ROOT / "bench", help="folder kerja (bawaan bench/)")
    parser.add_argument("--results", type=Path, help="berkas hasil JSON (bawaan WORK/results-N.json)")
    parser.add_argument("--profile", action="store_true", help="hanya profil cProfile: bangun penuh dan ulang")
    args = parser.parse_args(argv)
    work = args.work.resolve()
    try:
        if args.profile:
            from .profiling import profile_warta

            profile_warta(Paths(work, args.releases, args.seed), args.releases, args.seed)
            return 0
        repeats = args.repeats or (3 if args.releases <= 2000 else 1)
        result = run_bench(args.releases, repeats, args.seed, work)
    except measure.BenchError as error:
        print(f"tolok ukur: {error}", file=sys.stderr)
        return 1
    target = args.results or work / f"results-{args.releases}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print("\n" + markdown_table(result) + f"\n\nJSON: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
