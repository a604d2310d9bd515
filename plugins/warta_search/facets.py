"""The filter controls of /cari/: which values exist in this archive, with their display names.

Filter values are slugs (the URL carries them); the page shows names. Only values that at
least one indexed release or session carries are offered.
"""

from __future__ import annotations

from dataclasses import dataclass

from warta_content import nama_bulan

# Search results include sessions and static pages; the type filter offers them beside the release types.
SESSION_TYPE = ("sesi", "Sesi warga")
PAGE_TYPE = ("halaman", "Halaman")


@dataclass(frozen=True)
class Facet:
    """One fieldset of checkboxes: ``key`` is the Pagefind filter and the URL parameter."""

    key: str
    label: str
    options: list[tuple[str, str]]  # (slug, name)
    open: bool = False  # shown unfolded on first load


def facets(archive) -> list[Facet]:
    """Type, agency, theme, government (when more than one), year and series, in that order."""
    sessions = archive.sessions
    types = [(t.slug, t.name) for t in archive.types if archive.by_type.get(t.slug)]
    if sessions:
        types.append(SESSION_TYPE)
    if archive.pages:
        types.append(PAGE_TYPE)
    agencies = [
        (a.slug, a.name)
        for a in archive.vocab.agencies.values()
        if archive.by_agency.get(a.slug) or archive.sessions_by_agency.get(a.slug)
    ]
    themes = [
        (t.slug, t.name)
        for t in archive.vocab.themes.values()
        if archive.by_theme.get(t.slug) or archive.sessions_by_theme.get(t.slug)
    ]
    used_governments = {a.government.slug for r in [*archive.releases, *sessions] for a in r.agencies}
    governments = [(g.slug, g.name) for g in archive.vocab.governments.values() if g.slug in used_governments]
    years = sorted({r.date.year for r in [*archive.releases, *sessions]}, reverse=True)
    series = [(s.slug, s.name) for s in archive.vocab.series.values() if archive.sessions_by_series.get(s.slug)]
    found = [
        Facet("jenis", "Jenis", types, open=True),
        Facet("instansi", "Instansi", agencies),
        Facet("tema", "Tema", themes),
        Facet("pemda", "Pemerintah daerah", governments if len(archive.vocab.governments) > 1 else []),
        Facet("tahun", "Tahun", [(str(y), str(y)) for y in years]),
        Facet("seri", "Seri sesi", series),
    ]
    return [f for f in found if f.options]


def months(archive) -> list[tuple[str, str]]:
    """('2023-05', 'Mei 2023') for every month with a release or session, newest first."""
    found = {(e.date.year, e.date.month) for e in [*archive.releases, *archive.sessions]}
    return [(f"{y:04d}-{m:02d}", nama_bulan(m, y)) for y, m in sorted(found, reverse=True)]
