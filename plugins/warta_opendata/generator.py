"""Writes /data/berita.json, /data/berita.csv and the /data/ page that documents them."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from warta_content import WIB, ConfigurationError, WartaGenerator, capability_settings

from .records import FIELDS, LIST_SEPARATOR, record, to_csv, to_json

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenDataSettings:
    """``WARTA_OPENDATA`` in pelicanconf.py: the terms the export is published under."""

    licence: str = "CC BY 4.0"
    licence_url: str = "https://creativecommons.org/licenses/by/4.0/deed.id"


def read_settings(settings: dict) -> OpenDataSettings:
    """Check ``WARTA_OPENDATA`` once: unknown keys warn; the terms must be non-empty text."""
    config = capability_settings(settings, "WARTA_OPENDATA", OpenDataSettings)
    for key in ("licence", "licence_url"):
        if not getattr(config, key).strip():
            raise ConfigurationError(f"WARTA_OPENDATA: {key} harus teks yang tidak kosong")
    return config


class OpenDataWriter(WartaGenerator):
    """The export of every published release (drafts and embargoes never reach the archive's list)."""

    def generate_output(self, writer) -> None:
        config = read_settings(self.settings)
        abs_url = self.env.globals["abs_url"]
        releases = self.archive.releases
        about = self.about(config, abs_url)
        records: list[dict] = []

        def rows() -> list[dict]:
            if not records:  # made once, and only when a file has to be written
                records.extend(record(r, abs_url) for r in releases)
            return records

        # Every row is made from one release's own data: the files are linked when none changed.
        self.write_text("data/berita.json", lambda: to_json(rows(), about), releases=releases, about=about)
        self.write_text("data/berita.csv", lambda: to_csv(rows()), releases=releases)
        self.write_page(
            "data/",
            "opendata.html",
            crumbs=[("Data terbuka", "data/")],
            config=config,
            about=about,
            fields=FIELDS,
            separator=LIST_SEPARATOR,
            example=record(releases[0], abs_url) if releases else None,
            newest=max((r.modified for r in self.archive.releases), default=None),
            description="Metadata semua rilis yang terbit, dalam JSON dan CSV, beserta penjelasan setiap kolomnya.",
            jsonld=[self.dataset(config, about, abs_url)],
        )

    def about(self, config: OpenDataSettings, abs_url) -> dict:
        """What the JSON says about itself before its records."""
        newest = max((r.modified for r in self.archive.releases), default=None)
        return {
            "title": f"{self.settings['SITENAME']} — metadata rilis",
            "description": "Satu baris per rilis yang terbit: id, alamat, judul, jenis, tanggal, instansi, tema, "
            "pemerintah daerah, nomor, ringkasan, tempat, foto, lampiran, sesi terkait dan riwayat perubahan. "
            "Penjelasan kolom: " + abs_url("data/"),
            "notice": self.settings.get("SITE_NOTICE", ""),
            "licence": {"name": config.licence, "url": config.licence_url},
            "updated": newest.astimezone(WIB).isoformat() if newest else None,
        }

    def dataset(self, config: OpenDataSettings, about: dict, abs_url) -> dict:
        """schema.org Dataset, so that dataset search engines find the export."""
        return {
            "@context": "https://schema.org",
            "@type": "Dataset",
            "name": about["title"],
            "description": about["description"],
            "url": abs_url("data/"),
            "inLanguage": "id",
            "license": config.licence_url,
            "isAccessibleForFree": True,
            **({"dateModified": about["updated"]} if about["updated"] else {}),
            "distribution": [
                {
                    "@type": "DataDownload",
                    "encodingFormat": "application/json",
                    "contentUrl": abs_url("data/berita.json"),
                },
                {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": abs_url("data/berita.csv")},
            ],
        }
