"""Stable identifiers for releases and sessions: what feed readers and open data key on.

An id must outlive every edit a reader would call "the same release": a new title, a
fixed typo, a changed slug (and so URL), a corrected time of day. So it is built only
from what an editor has no reason to touch after publishing, as a ``tag:`` URI (RFC 4151):

    tag:warta.example,2022-03-22:rilis/2022/03/vaksinasi-booster

- the authority: the site's host, fixed once (``WARTA_CONTENT["id_authority"]``) so that
  moving the site to a new domain does not change every id;
- the day of first publication (in WIB), so that a file deleted and later re-created
  at the same path is a new release;
- the source file's path under ``releases/`` without ``.md``, which names the release
  without depending on its title.

This is how a new entry's id is made. Once published, the record of what was published
(ledger.py) carries it: a later build gives the entry the same id whatever moved, the file
or the day in ``date`` included. The front-matter field ``id`` pins one by hand, for a
file that was moved and rewritten in one go, which the record cannot recognise.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import PurePosixPath
from urllib.parse import quote

from .fields import WIB

# Any absolute URI without white space: tag:, urn:, https: … (RFC 3986 scheme, then anything).
PINNED_ID = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")


def tag_id(authority: str, published: datetime, specific: str) -> str:
    """``tag:AUTHORITY,YYYY-MM-DD:SPECIFIC`` with the specific part percent-encoded where needed."""
    return f"tag:{authority},{published.astimezone(WIB):%Y-%m-%d}:{quote(specific, safe='/')}"


def release_id(authority: str, source: str, published: datetime) -> str:
    """The id of the release read from ``source`` (``releases/…/name.md``)."""
    path = PurePosixPath(source).relative_to("releases").with_suffix("")
    return tag_id(authority, published, f"rilis/{path.as_posix()}")


def session_id(authority: str, source: str, start: datetime) -> str:
    """The id of the session read from ``source`` (``sessions/<series>/name.md``)."""
    path = PurePosixPath(source).relative_to("sessions").with_suffix("")
    return tag_id(authority, start, f"sesi/{path.as_posix()}")
