"""Writes a small redirect page at every alias, and nginx-redirects.conf mapping each to its target."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from warta_content import WartaGenerator
from warta_content.archive import REDIRECT_MAP, alias_save_as


@dataclass(frozen=True)
class Redirect:
    """One old path and the entry that now lives elsewhere."""

    alias: str  # as the server sees it: leading slash, percent-escapes decoded
    save_as: str  # the file the redirect page is written to
    target: str  # the entry's URL, root-relative without leading slash
    title: str


class RedirectsWriter(WartaGenerator):
    """Aliases of published releases and pages only: a draft or an embargoed release redirects nowhere yet."""

    def generate_output(self, writer) -> None:
        redirects = self.redirects()
        written = set()
        for r in redirects:
            if r.save_as not in written:  # /lama/jalan and /lama/jalan/ are served by one file
                written.add(r.save_as)
                self.write_file(
                    r.save_as,
                    "redirect",
                    reuse=True,
                    target=r.target,
                    target_title=r.title,
                )
        self.write_file(REDIRECT_MAP, self.get_template(REDIRECT_MAP), rules=self.map_rules(redirects))

    def redirects(self) -> list[Redirect]:
        entries = [*self.archive.releases, *self.archive.pages]
        return [
            Redirect(alias, alias_save_as(alias), entry.url, entry.title)
            for entry in entries
            for alias in getattr(entry, "aliases", ())
        ]

    def map_rules(self, redirects: list[Redirect]) -> list[tuple[str, str]]:
        """(old path, new address) for the nginx map, with and without the trailing slash.

        nginx compares map keys without regard to case and refuses a key twice, so each is
        written once (warta_content has already refused aliases that differ only in case).
        """
        prefix = urlsplit(self.settings.get("SITEURL") or "").path.rstrip("/")
        url = self.env.globals["url"]
        rules: dict[str, tuple[str, str]] = {}
        for r in sorted(redirects, key=lambda r: r.alias):
            variants = [r.alias]
            if r.alias.endswith("/") and len(r.alias) > 1:
                variants.append(r.alias.rstrip("/"))
            elif r.save_as.endswith("/index.html") and not r.alias.endswith("/"):
                variants.append(r.alias + "/")
            for path in variants:
                rules.setdefault((prefix + path).lower(), (prefix + path, url(r.target)))
        return sorted(rules.values())
