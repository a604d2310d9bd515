"""Show Warta's own errors to editors as plain lines, without a Python traceback."""

from __future__ import annotations

import logging
import sys

from .errors import ValidationFailed, WartaError


class _WartaErrorFilter(logging.Filter):
    """Pelican logs every fatal error with its traceback; ours carry a full message instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, WartaError):
            record.exc_info = None
            record.exc_text = None
            if isinstance(error, ValidationFailed):
                record.msg, record.args = (
                    "Pembangunan dihentikan: %d masalah konten (lihat daftar 'Warta: konten tidak valid').",
                    (len(error.problems),),
                )
        return True


def print_problems(error: ValidationFailed) -> None:
    """One ``file:line: field: message`` per line on stderr, easy to read and to grep."""
    print(f"\nWarta: {error}\n", file=sys.stderr, flush=True)


def install_filter(pelican) -> None:
    logger = logging.getLogger("pelican")
    if not any(isinstance(f, _WartaErrorFilter) for f in logger.filters):
        logger.addFilter(_WartaErrorFilter())
