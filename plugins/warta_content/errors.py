"""Warta's exceptions: every message starts with what it is about."""

from __future__ import annotations

from dataclasses import dataclass


class WartaError(Exception):
    """Base of every error Warta raises on purpose; the build stops with exit code 1."""


class ConfigurationError(WartaError):
    """A setting in pelicanconf.py / publishconf.py is wrong."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one source file, with the place and the cure."""

    path: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}"


def in_order(problems: list[Problem]) -> list[Problem]:
    """Each problem once, by file and line (one without a line first, never compared with an int)."""
    return sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.field, p.message))


class ValidationFailed(WartaError):
    """The content has problems; the build stops before writing anything.

    ``warnings`` are what the same run found merely implausible, shown beside the problems.
    """

    def __init__(self, problems: list[Problem], warnings: list[Problem] | None = None):
        self.problems = in_order(problems)
        self.warnings = in_order(warnings or [])
        count = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(
            f"konten tidak valid, {count} masalah ditemukan; tidak ada berkas "
            f"yang ditulis dan situs sebelumnya tetap utuh:\n{lines}"
        )


class Problems:
    """Collects problems across a whole run so an editor sees all of them at once.

    ``add`` records an error: a page, feed item or link would be wrong or missing, so the build
    stops. ``warn`` records what is merely implausible: shown in the build summary and the
    preview, it never stops a build.
    """

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.warnings: list[Problem] = []

    def add(self, path: str, line: int | None, field: str, message: str) -> None:
        self.items.append(Problem(path, line, field, message))

    def warn(self, path: str, line: int | None, field: str, message: str) -> None:
        self.warnings.append(Problem(path, line, field, message))

    def extend(self, other: list[Problem]) -> None:
        self.items.extend(other)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationFailed(self.items, self.warnings)
