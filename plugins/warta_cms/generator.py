"""Writes /admin/: the editor's page, its config.yml, Decap CMS as pinned in package-lock.json, and
Warta's additions (warta-cms.js). Nothing is written unless WARTA_CMS turns the editor on."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml
from warta_content import ConfigurationError, WartaGenerator, read_content_settings

from .config import cms_config
from .settings import read_settings

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "node_modules/decap-cms/dist/decap-cms.js"
MANUAL = "window.CMS_MANUAL_INIT = true;\n"
ADDITIONS = Path(__file__).resolve().parent / "static/warta-cms.js"


class CmsWriter(WartaGenerator):
    """The web editor, when it is on."""

    def generate_output(self, writer) -> None:
        settings = read_settings(self.settings)
        if not settings.enabled:
            return
        if not BUNDLE.is_file():
            raise ConfigurationError(
                f"WARTA_CMS: {BUNDLE.relative_to(ROOT)} tidak ada; jalankan 'npm ci' di {ROOT} (atau 'make test')"
            )
        summary_length = read_content_settings(self.settings).summary_length
        config = cms_config(self.archive.vocab, settings, summary_length)
        text = "# Dibuat oleh Warta (plugins/warta_cms) dari skema konten; jangan disunting.\n" + yaml.safe_dump(
            config, allow_unicode=True, sort_keys=False, width=1000
        )
        bundle = BUNDLE.read_bytes()
        additions = ADDITIONS.read_text(encoding="utf-8")
        self.write_text("admin/config.yml", lambda: text, config=text)
        self.write_text("admin/decap-cms.js", bundle.decode, bundle=hashlib.sha256(bundle).hexdigest())
        self.write_text("admin/warta-cms.js", lambda: additions, additions=additions)
        # Decap starts itself as it loads unless told not to: warta-cms.js starts it after its additions.
        self.write_text("admin/manual.js", lambda: MANUAL, manual=MANUAL)
        sessions = " ".join(c["name"] for c in config["collections"][1:])
        self.write_file("admin/index.html", "admin.html", sessions=sessions)
