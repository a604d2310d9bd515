"""Writes the home page, each release, each static page and the 404 page."""

from __future__ import annotations

from dataclasses import dataclass

from warta_content import WartaGenerator, capability_settings, declared_kinds

from .structured import claim_review, news_article, website


@dataclass(frozen=True)
class PagesSettings:
    """``WARTA_PAGES`` in pelicanconf.py."""

    home_releases: int = 10
    home_sessions: int = 3


class PagesWriter(WartaGenerator):
    """Single-entry pages and the home page."""

    def generate_output(self, writer) -> None:
        config = capability_settings(self.settings, "WARTA_PAGES", PagesSettings)
        self.write_home(config)
        for release in self.archive.releases:
            self.write_release(release)
        for page in self.archive.pages:
            self.write_page(
                page.url, "page.html", crumbs=[(page.title, page.url)], reuse=True, page=page, description=page.summary
            )
        self.write_declared()
        self.write_page("404.html", "404.html", description="Halaman tidak ditemukan")

    def write_declared(self) -> None:
        """A page for each entry of a declared content kind, from the kind's template."""
        for kind in declared_kinds():
            trail = [(kind.title, kind.listing)] if kind.listing else []
            for entry in self.archive.declared.get(kind.name, []):
                self.write_page(
                    entry.url,
                    kind.template,
                    crumbs=[*trail, (entry.title, entry.url)],
                    reuse=True,
                    entry=entry,
                    kind=kind,
                    description=entry.summary,
                )

    def write_home(self, config: PagesSettings) -> None:
        archive = self.archive
        abs_url = self.env.globals["abs_url"]
        recorded = [s for s in archive.past_sessions() if s.youtube]
        # Only listings with something in them are offered: an empty one is a dead end.
        agencies = [a for a in archive.vocab.agencies.values() if _has_any(archive, a.slug, "agency")]
        groups = [(g, [a for a in agencies if a.government is g]) for g in archive.vocab.governments.values()]
        self.write_page(
            "",
            "home.html",
            latest=[r for r in archive.releases if not r.withdrawn][: config.home_releases],
            upcoming=archive.upcoming_sessions()[: config.home_sessions],
            recorded=recorded[: config.home_sessions],
            agency_groups=[(g, members) for g, members in groups if members],
            themes=[t for t in archive.vocab.themes.values() if _has_any(archive, t.slug, "theme")],
            description=self.settings.get("SITESUBTITLE", ""),
            jsonld=[website(abs_url, self.settings["SITENAME"])],
        )

    def write_release(self, release) -> None:
        abs_url = self.env.globals["abs_url"]
        ld = [news_article(release, abs_url, self.settings["SITENAME"])]
        if release.claim:
            ld.append(claim_review(release, abs_url))
        crumbs = [
            ("Berita", "berita/"),
            (str(release.date.year), f"arsip/{release.date.year}/"),
            (release.title, release.url),
        ]
        self.write_page(
            release.url,
            "release.html",
            crumbs=crumbs,
            reuse=True,
            release=release,
            description=release.summary,
            og_type="article",
            og_image=release.image,
            og_image_alt=release.image_alt,
            jsonld=ld,
        )


def _has_any(archive, slug: str, kind: str) -> bool:
    """Whether the agency's (or theme's) listing shows a release or a session."""
    return bool(getattr(archive, f"by_{kind}").get(slug) or getattr(archive, f"sessions_by_{kind}").get(slug))
