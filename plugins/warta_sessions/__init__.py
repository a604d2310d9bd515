"""Session pages: every series and session of the live online sessions, their calendars and recordings."""

from pelican import signals

from .generator import SessionsWriter


def _generators(pelican):
    return SessionsWriter


def register():
    # One generator writes /sesi/, each series, each session and the .ics calendars from the archive.
    signals.get_generators.connect(_generators)
