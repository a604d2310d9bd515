"""Profile Warta builds with cProfile and say where the time goes, by kind of work.

``python -m tools.bench --releases 10000 --profile`` profiles a full build from a clean state and
a rebuild with nothing changed, writes the raw profiles (open them with ``python -m pstats`` or
snakeviz) and prints, for each: the time split into disjoint groups, a few entry points with
their inclusive time, and the top functions by cumulative time.
"""

from __future__ import annotations

import json
import pstats
import sys
from collections import defaultdict
from pathlib import Path

from . import measure

# (group, substrings of "file:function"); the first match wins. Functions that match nothing and
# are generic (built-ins, the standard library) are charged to whoever called them, pro rata.
GROUPS = (
    ("Pagefind (proses terpisah)", ("select.poll", "subprocess.py", "selectors.py", "waitpid")),
    ("YAML / front matter", ("/yaml/", "_yaml", "warta_content/frontmatter.py")),
    ("Markdown + sanitasi", ("/markdown/", "builtins.Cleaner", "warta_content/render.py", "html/parser.py")),
    ("Cache isi (pickle, sha256)", ("_pickle.", "openssl_sha256", "warta_content/sources.py")),
    ("iCalendar (.ics)", ("/icalendar/", "zoneinfo", "utcoffset")),
    ("Umpan (feedgen, lxml)", ("/feedgen/", "/lxml/", "lxml.etree")),
    ("Validasi dan model", ("warta_content/", "/slugify/", "/text_unidecode/", "/imagesize/", "/dateutil/")),
    ("Template (Jinja)", ("/jinja2/", "/markupsafe/", "/theme/templates/", "/babel/")),
    ("Salinan konteks Pelican", ("copy.py:",)),
    ("Menulis berkas", ("pelican/writers.py", "io.open", "_io.", "posix.mkdir", "makedirs", "posix.stat")),
    ("Menghapus keluaran lama", ("posix.unlink", "posix.rmdir", "shutil.py:rmtree", "_rmtree")),
    ("Menyalin berkas statis", ("shutil.py", "posix.sendfile", "pelican/generators.py:_copy")),
    ("Generator Warta lain", ("plugins/warta_",)),
    ("Awal jalan (impor)", ("<frozen importlib", "marshal.loads", "builtins.__build_class__", "builtins.exec")),
    ("Pelican dan blinker", ("/pelican/", "/blinker/")),
)
GENERIC = ("~:", "/lib/python3.", "<frozen", "<string>")  # charged to the caller when nothing above matches
ENTRY_POINTS = (
    ("warta_content/archive.py:load_archive", "baca + validasi seluruh konten"),
    ("warta_content/sources.py:parse_sources", "urai sumber (YAML + Markdown, dengan cache)"),
    ("warta_content/frontmatter.py:split", "YAML front matter"),
    ("warta_content/render.py:render", "Markdown + nh3 + pemeriksaan sanitasi"),
    ("pelican/writers.py:write_file", "semua Writer.write_file (render + tulis)"),
    ("jinja2/environment.py:render", "render template Jinja"),
    ("warta_sessions/calendar.py:calendar_ics", "kalender .ics"),
    ("warta_search/indexer.py:finish", "Pagefind (sisa yang ditunggu di akhir)"),
    ("warta_publish/staging.py:swap_in", "tukar staging → keluaran (+ hapus .prev)"),
    ("warta_publish/staging.py:stage", "siapkan staging (hapus sisa)"),
)


def key_name(key: tuple) -> str:
    file, _, func = key
    return f"{file}:{func}"


class Breakdown:
    """Exclusive time per group; generic functions split among their callers by time spent for each."""

    def __init__(self, stats: pstats.Stats):
        self.stats = stats.stats  # type: ignore[attr-defined]
        self.memo: dict[tuple, dict[str, float]] = {}

    def group_of(self, key: tuple) -> str | None:
        name = key_name(key)
        for group, needles in GROUPS:
            if any(n in name for n in needles):
                return group
        return None if name.startswith(GENERIC) or "/lib/python3." in name else "Lain-lain"

    def shares(self, key: tuple, seen: frozenset = frozenset()) -> dict[str, float]:
        """How one second spent in ``key`` itself divides among groups."""
        if key in self.memo:
            return self.memo[key]
        group = self.group_of(key)
        callers = self.stats[key][4]
        if group or not callers or key in seen:
            result = {group or "Lain-lain": 1.0}
        else:
            result = defaultdict(float)
            total = sum(v[2] for v in callers.values()) or float(len(callers))
            for caller, v in callers.items():
                weight = (v[2] if total else 1.0) / total
                for g, share in self.shares(caller, seen | {key}).items():
                    result[g] += weight * share
        self.memo[key] = dict(result)
        return self.memo[key]

    def totals(self) -> dict[str, float]:
        out: dict[str, float] = defaultdict(float)
        for key, (_, _, tottime, _, _) in self.stats.items():
            for group, share in self.shares(key).items():
                out[group] += tottime * share
        return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def summarise(path: Path, top: int = 25) -> dict:
    """Groups, entry points and top functions of one profile file."""
    stats = pstats.Stats(str(path))
    total = stats.total_tt  # type: ignore[attr-defined]
    entries = []
    for needle, label in ENTRY_POINTS:
        where, _, func = needle.rpartition(":")
        cum = sum(v[3] for k, v in stats.stats.items() if k[0].endswith(where) and k[2] == func)  # type: ignore[attr-defined]
        entries.append({"entry": needle, "label": label, "cumulative_s": round(cum, 2)})
    # The outermost frames (runpy, pelican.main, Pelican.run) say nothing: start below them.
    ranked = [kv for kv in sorted(stats.stats.items(), key=lambda kv: -kv[1][3]) if kv[1][3] < 0.98 * total]  # type: ignore[attr-defined]
    return {
        "total_s": round(total, 2),
        "groups": {g: round(s, 2) for g, s in Breakdown(stats).totals().items()},
        "entries": entries,
        "top": [
            {"function": _short(k), "calls": v[1], "own_s": round(v[2], 2), "cumulative_s": round(v[3], 2)}
            for k, v in ranked[:top]
        ],
    }


def _short(key: tuple) -> str:
    file, line, func = key
    for marker in ("site-packages/", "/plugins/", "/lib/python3.11/"):
        if marker in file:
            file = file.split(marker, 1)[1]
    return f"{file}:{line}({func})"


def markdown(summary: dict, title: str) -> str:
    """One profile as Markdown tables."""
    total = summary["total_s"] or 1.0
    rows = [
        f"#### {title} — {summary['total_s']:.1f} s di bawah cProfile",
        "",
        "| kelompok | s | % |",
        "|---|---:|---:|",
    ]
    rows += [f"| {g} | {s:.1f} | {100 * s / total:.0f} |" for g, s in summary["groups"].items() if s >= 0.05]
    rows += ["", "| titik masuk (inklusif) | s |", "|---|---:|"]
    rows += [f"| `{e['entry'].split('/')[-1]}` {e['label']} | {e['cumulative_s']:.1f} |" for e in summary["entries"]]
    rows += ["", "| fungsi (kumulatif teratas) | panggilan | sendiri (s) | kumulatif (s) |", "|---|---:|---:|---:|"]
    rows += [
        f"| `{t['function']}` | {t['calls']} | {t['own_s']:.1f} | {t['cumulative_s']:.1f} |" for t in summary["top"]
    ]
    return "\n".join(rows)


def profile_warta(paths, releases: int, seed: int) -> dict:
    """Profile a clean full build and a no-change rebuild of the benchmark corpus; print and save."""
    from .bench import ROOT, clean_warta, warta_command, warta_env
    from .generate import ensure_corpus

    ensure_corpus(paths.corpus, releases, seed)
    paths.profiles.mkdir(parents=True, exist_ok=True)
    clean_warta(paths)
    result = {}
    for name, title in (("full", "bangun penuh dari nol"), ("rebuild", "bangun ulang tanpa perubahan")):
        prof = paths.profiles / f"{name}.prof"
        build = warta_command(paths.warta, paths.warta_out, paths.warta_cache)
        cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), *build[1:]]
        sample = measure.run(cmd, ROOT, warta_env(), paths.logs / f"profile-{name}.log")
        result[name] = {"wall_s": round(sample.seconds, 1), "cpu_s": round(sample.cpu, 1), **summarise(prof)}
        print(markdown(result[name], f"{releases} rilis, {title}") + f"\n\nProfil mentah: {prof}\n", flush=True)
    target = paths.profiles / "summary.json"
    target.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"Ringkasan JSON: {target}")
    return result
