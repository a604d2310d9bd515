"""Give images in a body their size and lazy loading, so pages do not jump while they load."""

from __future__ import annotations

import html
import re
from pathlib import Path

import imagesize
from markupsafe import Markup

_IMG = re.compile(r"<img\b([^>]*)>")
_SRC = re.compile(r'\ssrc="([^"]*)"')


def size_images(body: str, content: Path) -> str:
    """Add ``loading="lazy"`` to every body image, and width/height to those under ``media/``."""
    if "<img" not in body:
        return body
    sized = _IMG.sub(lambda m: f"<img{_attributes(m[1], content)}>", body)
    return Markup(sized) if isinstance(body, Markup) else sized  # keep sanitised HTML marked safe


def _attributes(attrs: str, content: Path) -> str:
    if " loading=" not in attrs:
        attrs += ' loading="lazy"'
    src = _SRC.search(attrs)
    if src is None or " width=" in attrs or " height=" in attrs:
        return attrs
    path = html.unescape(src[1]).split("?", 1)[0].split("#", 1)[0].lstrip("/")
    if not path.startswith("media/") or ".." in path:
        return attrs
    width, height = imagesize.get(content / path) if (content / path).is_file() else (-1, -1)
    return attrs + (f' width="{width}" height="{height}"' if width > 0 and height > 0 else "")
