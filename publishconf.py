"""Settings for publishing: the real site URL on top of pelicanconf.py."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *  # noqa: F403

SITEURL = SITE_PUBLIC_URL  # noqa: F405
