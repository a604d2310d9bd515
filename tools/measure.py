"""Time one command, with the peak memory of its whole process tree; sizes of folders; the machine."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import time
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path


class BenchError(RuntimeError):
    """A measured command failed; the message names the log that says why."""


@dataclass
class Sample:
    """One measured run: wall-clock and CPU seconds, the peak resident memory of its largest process
    and the peak of its whole tree at once (proportional set size summed over every live process), in KiB."""

    seconds: float
    cpu: float
    max_rss_kib: int
    peak_total_kib: int = 0

    def __add__(self, other: Sample) -> Sample:
        """Two commands run one after the other: times add up, the peak is the larger peak."""
        return Sample(
            self.seconds + other.seconds,
            self.cpu + other.cpu,
            max(self.max_rss_kib, other.max_rss_kib),
            max(self.peak_total_kib, other.peak_total_kib),
        )

    def as_dict(self) -> dict:
        return asdict(self)


def run(cmd: list[str], cwd: Path, env: dict, log: Path) -> Sample:
    """Run ``cmd`` to the end and measure it; output goes to ``log``.

    ``os.wait4`` returns the rusage of exactly this child, and Linux folds into it the peak
    of every descendant the child waited for (Pagefind under Pelican, for instance). So each
    sample is the peak of this command's tree alone, unlike ``getrusage(RUSAGE_CHILDREN)``,
    which is the largest of every child the benchmark ever had.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        out.write(f"\n$ {' '.join(cmd)}\n".encode())
        out.flush()
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        total = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            total = max(total, tree_memory_kib(proc.pid))
            time.sleep(SAMPLE_SECONDS)
        seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: tell Popen not to wait again
    if proc.returncode != 0:
        raise BenchError(f"{' '.join(cmd[:4])} … gagal (kode keluar {proc.returncode}); lihat {log}")
    return Sample(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, total)  # ru_maxrss is KiB on Linux


SAMPLE_SECONDS = 0.2  # reading smaps_rollup walks page tables: often enough for peaks that last seconds


def tree_memory_kib(pid: int) -> int:
    """The memory ``pid`` and its live descendants hold together right now.

    Proportional set size (``Pss`` in ``smaps_rollup``): a page shared by n processes counts 1/n in
    each, so workers forked from the build (sharing its pages until they write them) are not counted
    twice. A process that ended meanwhile counts 0.
    """
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += _pss_kib(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as children:
                    todo += [int(child) for child in children.read().split()]
        except OSError:
            continue
    return total


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def median(samples: list[Sample]) -> Sample:
    """Median of each measure separately (peak memory: the largest seen)."""
    return Sample(
        statistics.median(s.seconds for s in samples),
        statistics.median(s.cpu for s in samples),
        max(s.max_rss_kib for s in samples),
        max(s.peak_total_kib for s in samples),
    )


def tree_size(folder: Path) -> dict:
    """Bytes and number of files under ``folder``."""
    total = files = 0
    for root, _, names in os.walk(folder):
        for name in names:
            total += os.lstat(os.path.join(root, name)).st_size
            files += 1
    return {"bytes": total, "files": files}


def machine() -> dict:
    """What the numbers were measured on."""
    return {
        "cpus": os.cpu_count(),
        "cpu_model": _cpuinfo("model name"),
        "memory_gib": round(_meminfo_kib("MemTotal") / 1024 / 1024, 1),
        "python": platform.python_version(),
        "pelican": _version("pelican"),
        "pagefind": _version("pagefind_bin"),
        "os": f"{platform.system()} {platform.release()}",
    }


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def _cpuinfo(key: str) -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def _meminfo_kib(key: str) -> int:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
