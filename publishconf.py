"""Settings for publishing: the real site URL on top of pelicanconf.py."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *  # noqa: F403

SITEURL = SITE_PUBLIC_URL  # noqa: F405

# Where `invoke publish` deploys: a local folder or user@host:/path reachable by SSH.
# The target gets releases/<timestamp>/ folders and a `current` symlink for nginx.
PUBLISH_TARGET = ""
PUBLISH_KEEP = 5  # release folders kept on the target for `invoke rollback --published`
