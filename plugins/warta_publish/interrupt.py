"""Ctrl+C stops a build with exit status 130, never 0.

Pelican's ``main()`` answers a KeyboardInterrupt with a warning and exit status 0, so
``invoke build && invoke publish`` (or any deploy script) would carry on after an interrupted
build. While a build runs, SIGINT raises SystemExit(130) instead, which Pelican does not catch;
the staging folder left behind is deleted by the next build and the published site is untouched.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

INTERRUPTED = 130  # 128 + SIGINT: what a shell reports for a program stopped by Ctrl+C
MESSAGE = b"\nWarta: pembangunan dihentikan (Ctrl+C); situs yang sudah ada tidak diubah.\n"


class _StopBuild:
    """SIGINT handler of the build's process; forked render workers inherit it and keep the default."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.stopping = False

    def __call__(self, signum, frame) -> None:
        if os.getpid() != self.pid:
            raise KeyboardInterrupt
        if self.stopping:  # one Ctrl+C often comes twice (from the terminal, and passed on by invoke build)
            return
        self.stopping = True
        os.write(2, MESSAGE)  # not print(): the signal may arrive in the middle of another write to stderr
        raise SystemExit(INTERRUPTED)


def _handler():
    """The current SIGINT handler, or None where none can be set (signals belong to the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.getsignal(signal.SIGINT)


def guard() -> None:
    """From here until ``finishing`` ends, Ctrl+C ends the process with status 130.

    Only Python's default handler is replaced: a handler set by whoever runs the build, or SIGINT
    ignored (a background job), is left as it is.
    """
    if _handler() is signal.default_int_handler:
        signal.signal(signal.SIGINT, _StopBuild())


@contextmanager
def finishing() -> Iterator[None]:
    """The renames that replace the published site run to their end (a Ctrl+C between two of them
    would leave no site); after them the build is done, and Ctrl+C raises KeyboardInterrupt again,
    as the preview expects between builds."""
    ours = isinstance(_handler(), _StopBuild)
    if ours:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        if ours:
            signal.signal(signal.SIGINT, signal.default_int_handler)
