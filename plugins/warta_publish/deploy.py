"""Deploy a built site to a local or SSH target, all or nothing: new release folder, then a symlink switch.

Target layout::

    TARGET/releases/20261122T103000Z/   one complete site per publish
    TARGET/current -> releases/…        what nginx serves (root TARGET/current;)
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from warta_content import RECORD, ConfigurationError, WartaError


class PublishError(WartaError):
    """Uploading or switching the published site failed; the live site is unchanged."""


@dataclass(frozen=True)
class Target:
    """``PUBLISH_TARGET``: ``/srv/warta`` or ``user@host:/srv/warta``."""

    host: str
    path: str
    keep: int = 5

    @classmethod
    def parse(cls, spec: str, keep: int = 5) -> Target:
        if not spec:
            raise ConfigurationError("PUBLISH_TARGET kosong: isi di publishconf.py, mis. 'deploy@server:/srv/warta'")
        host, sep, path = spec.partition(":")
        if sep and "/" not in host:
            return cls(host, path.rstrip("/") or "/", keep)
        return cls("", str(Path(spec).resolve()), keep)

    def rsync_dest(self, rel: str) -> str:
        return f"{self.host}:{self.path}/{rel}" if self.host else f"{self.path}/{rel}"

    def shell(self, script: str) -> None:
        """Run a POSIX shell script on the target (locally or over SSH)."""
        cmd = ["ssh", self.host, script] if self.host else ["sh", "-c", script]
        _run(cmd)


PACKAGES = {"rsync": "rsync", "ssh": "openssh-client"}  # Debian package of each program publishing runs


def _call(cmd: list[str]) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(cmd, capture_output=True, text=True)
    except FileNotFoundError:
        package = PACKAGES.get(cmd[0], cmd[0])
        raise PublishError(
            f"publikasi: program '{cmd[0]}' tidak ditemukan; pasang dulu: sudo apt-get install {package}"
        ) from None


def _run(cmd: list[str]) -> None:
    proc = _call(cmd)
    if proc.returncode != 0:
        raise PublishError(f"publikasi: perintah gagal ({shlex.join(cmd)}):\n{proc.stderr.strip()}")


def prepare(target: Target) -> None:
    """Check that a publish can happen: rsync is installed, the target reachable and its folder writable."""
    if shutil.which("rsync") is None:
        raise PublishError(
            f"publikasi: program 'rsync' tidak ditemukan; pasang dulu: sudo apt-get install {PACKAGES['rsync']}"
        )
    target.shell(f"mkdir -p {shlex.quote(target.path)}/releases")


def fetch_record(target: Target, into: Path) -> bool:
    """Copy the record of what the target's current site published (warta_content/ledger.py) into the
    folder ``into``, laid out as in a site; False when the target has published nothing yet."""
    check = f"test -e {shlex.quote(target.path)}/current/{RECORD}"
    cmd = ["ssh", target.host, check] if target.host else ["sh", "-c", check]
    if _call(cmd).returncode != 0:
        return False
    (into / RECORD).parent.mkdir(parents=True, exist_ok=True)
    _run(["rsync", "--archive", target.rsync_dest(f"current/{RECORD}"), str(into / RECORD)])
    return True


def publish(site: Path, target: Target, now: datetime | None = None) -> str:
    """Upload ``site`` as a new release and switch ``current`` to it; returns the release id."""
    if not (site / "index.html").is_file():
        raise PublishError(f"publikasi: {site} bukan situs yang lengkap (tidak ada index.html)")
    release = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    base = shlex.quote(target.path)
    target.shell(f"mkdir -p {base}/releases")
    _run([
        "rsync", "--archive", "--checksum", "--delete-after", "--link-dest", f"{target.path}/current/",
        "--exclude", "/.warta/",  # the build's own record (warta_content/incremental.py) is not for readers
        f"{site}/", target.rsync_dest(f"releases/{release}/"),
    ])  # fmt: skip
    # rename(2) of a symlink is atomic: readers see the old site or the new one, never a mix.
    target.shell(
        f"cd {base} && ln -sfn releases/{release} current.tmp && mv -T current.tmp current"
        f" && ls -1d releases/*/ | sort | head -n -{target.keep} | xargs -r rm -rf"
    )
    return release


NOTHING_PUBLISHED, NO_EARLIER_RELEASE = 3, 4  # exit codes of the rollback script


def rollback(target: Target) -> str:
    """Point ``current`` back at the release before it; returns that release id."""
    base = shlex.quote(target.path)
    script = (
        f"cd {base} 2>/dev/null && test -L current || exit {NOTHING_PUBLISHED}; "
        'now=$(basename "$(readlink current)"); '
        "prev=$(ls -1 releases | sort | awk -v now=\"$now\" '$0 < now' | tail -n 1); "
        f'test -n "$prev" || exit {NO_EARLIER_RELEASE}; '
        "ln -sfn releases/$prev current.tmp && mv -T current.tmp current && echo $prev"
    )
    cmd = ["ssh", target.host, script] if target.host else ["sh", "-c", script]
    proc = _call(cmd)
    where = target.rsync_dest("")
    if proc.returncode == NOTHING_PUBLISHED:
        raise PublishError(
            f"publikasi: belum ada situs terbit di {where} (tidak ada 'current'); periksa --target atau "
            "PUBLISH_TARGET di publishconf.py"
        )
    if proc.returncode == NO_EARLIER_RELEASE:
        raise PublishError(
            f"publikasi: tidak ada rilis sebelum yang sekarang di {where}releases/; tidak ada yang diubah"
        )
    if proc.returncode != 0:
        raise PublishError(f"publikasi: rollback gagal di {where}:\n{proc.stderr.strip()}")
    return proc.stdout.strip()
