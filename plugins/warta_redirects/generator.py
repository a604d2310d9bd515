"""Writes a small redirect page at every alias, and nginx-redirects.conf mapping each to its target."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from warta_content import (
    CHANGES,
    GONE_MAP,
    RECORD,
    REDIRECT_MAP,
    WartaGenerator,
    alias_save_as,
    as_json,
    changes_json,
    tanggal,
)


@dataclass(frozen=True)
class Redirect:
    """One old path and the entry that now lives elsewhere."""

    alias: str  # as the server sees it: leading slash, percent-escapes decoded
    save_as: str  # the file the redirect page is written to
    target: str  # the entry's URL, root-relative without leading slash
    title: str


class RedirectsWriter(WartaGenerator):
    """Aliases of published releases and pages only: a draft or an embargoed release redirects nowhere yet.

    Also every address an entry had in earlier publications (``moved_from``, from the record of what
    was published), the 410 notices of removed entries, and that record itself with what changed.
    """

    def generate_output(self, writer) -> None:
        self.write_record()
        self.write_gone()
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
        return [
            Redirect(alias, alias_save_as(alias), entry.url, entry.title)
            for entry in self.archive.entries
            for alias in (*getattr(entry, "aliases", ()), *entry.moved_from)
        ]

    def write_record(self) -> None:
        """The record of what is published now, for the next build; and what changed since the last.

        The record is keyed by the entries (whose own digests cover their ids and addresses) and the
        removed ones: when nothing changed, the published file is linked and never made again.
        """
        archive, ledger = self.archive, self.archive.ledger
        archive.changes = ledger.changes(archive.entries, archive.gone)
        built = archive.now
        self.output.render(CHANGES, lambda: changes_json(archive.changes, built), last=type(self).__name__)
        if self.settings.get("WARTA_PREVIEW") and ledger.source is not None:
            kept = ledger.source.text  # the preview publishes nothing (warta_content/preview.py)
            self.output.render(RECORD, lambda: kept, last=type(self).__name__)
            return
        self.write_text(
            RECORD,
            lambda: as_json(ledger.record(archive.entries, archive.gone)),
            entries=archive.entries,
            gone=[[i.id, i.url, i.old, i.removed, i.reason] for i in archive.gone],
            ids=[ledger.recorded_id(page) for page in archive.pages],
        )

    def write_gone(self) -> None:
        """At every address of a removed entry, the notice nginx serves with 410 (and a static host with 200)."""
        for item in self.archive.gone:
            removed, reason = item.removed, item.reason
            for address in filter(None, (item.url, *item.old)):
                self.write_page(
                    alias_save_as(f"/{address}"), "gone.html", removed=day(removed), reason=reason, description=reason
                )
        rules = gone_rules(self.archive.gone, urlsplit(self.settings.get("SITEURL") or "").path.rstrip("/"))
        self.write_file(GONE_MAP, self.get_template(GONE_MAP), rules=rules)

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


def gone_rules(gone, prefix: str) -> list[tuple[str, str]]:
    """(address, notice file) for nginx's map of removed addresses, with and without the trailing slash;
    nginx answers 410 there and shows the notice file (deploy/nginx-warta.conf)."""
    rules: dict[str, tuple[str, str]] = {}
    for item in gone:
        for address in filter(None, (item.url, *item.old)):
            path = f"{prefix}/{address}"
            notice = f"{prefix}/{alias_save_as('/' + address)}"
            for variant in {path, path.rstrip("/") or "/"}:
                rules.setdefault(variant.lower(), (variant, notice))
    return sorted(rules.values())


def day(iso: str) -> str:
    """'2026-12-01' as '1 Desember 2026'."""
    return tanggal(datetime.fromisoformat(iso)) if iso else ""
