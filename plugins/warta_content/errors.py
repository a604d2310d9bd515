"""Warta's exceptions: every message starts with what it is about."""

from __future__ import annotations

from dataclasses import dataclass


class WartaError(Exception):
    """Base of every error Warta raises on purpose; the build exits with ``exitcode``."""

    exitcode = 1


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


class ValidationFailed(WartaError):
    """The content has problems; the build stops before writing anything."""

    def __init__(self, problems: list[Problem]):
        # A file may have problems with and without a line: None sorts first, and never beside an int.
        self.problems = sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.field, p.message))
        count = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(
            f"konten tidak valid, {count} masalah ditemukan; tidak ada berkas "
            f"yang ditulis dan situs sebelumnya tetap utuh:\n{lines}"
        )


class Problems:
    """Collects problems across a whole run so an editor sees all of them at once."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, path: str, line: int | None, field: str, message: str) -> None:
        self.items.append(Problem(path, line, field, message))

    def extend(self, other: list[Problem]) -> None:
        self.items.extend(other)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationFailed(self.items)
