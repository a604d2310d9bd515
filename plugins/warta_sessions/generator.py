"""Writes /sesi/, each series (paginated), each session page and the .ics calendars."""

from __future__ import annotations

from warta_content import WartaGenerator

from .calendar import Events, calendar_ics
from .present import platform_names, schedule_words, status, watch_url, when_words
from .settings import SessionsSettings, read_settings
from .structured import series_jsonld, session_jsonld

INDEX = "sesi/"


class SessionsWriter(WartaGenerator):
    """Every page and calendar under /sesi/, from the archive's series and sessions."""

    def generate_output(self, writer) -> None:
        config = read_settings(self.settings)
        now = self.archive.now
        self.events = Events(now, self.env.globals["abs_url"])
        # Only this generator's templates use these; each Pelican generator has its own Jinja environment.
        self.env.globals.update(
            session_status=lambda session: status(session, now),
            schedule_words=schedule_words,
            platform_names=platform_names,
            when_words=when_words,
            watch_url=watch_url,
        )
        for series in self.archive.vocab.series.values():
            sessions = self.archive.sessions_by_series.get(series.slug, [])
            self.write_series(series, sessions, config)
            for i, session in enumerate(sessions):
                previous = sessions[i - 1] if i else None
                following = sessions[i + 1] if i + 1 < len(sessions) else None
                self.write_session(session, previous, following, config)
        self.write_index(config)
        site = self.settings["SITENAME"]
        self.write_calendar(
            f"{INDEX}jadwal.ics",
            f"Sesi Warga — {site}",
            f"Semua sesi warga di {site}",
            self.archive.sessions,
            config,
        )

    def write_index(self, config: SessionsSettings) -> None:
        """/sesi/: every series, then the next sessions across all of them and the latest recordings."""
        archive = self.archive
        recorded = [s for s in archive.past_sessions() if s.youtube]
        rows = [(series, archive.sessions_by_series.get(series.slug, [])) for series in archive.vocab.series.values()]
        self.write_page(
            INDEX,
            "sessions.html",
            crumbs=[("Sesi Warga", INDEX)],
            series_rows=rows,
            upcoming=archive.upcoming_sessions()[: config.index_upcoming],
            recorded=recorded[: config.index_recorded],
            description="Sesi daring mingguan pemerintah daerah bersama warga: jadwal, rekaman dan catatannya.",
        )

    def write_series(self, series, sessions: list, config: SessionsSettings) -> None:
        """Upcoming sessions first (soonest first), then past ones newest first; page N at hal/N/."""
        now = self.archive.now
        upcoming = [s for s in sessions if s.end > now]
        past = [s for s in reversed(sessions) if s.end <= now]
        self.write_paginated(
            series.url,
            "series.html",
            upcoming + past,
            config.per_page,
            crumbs=[("Sesi Warga", INDEX), (series.name, series.url)],
            reuse=True,
            series=series,
            session_total=len(sessions),
            description=series.description,
            jsonld=[series_jsonld(series, self.env.globals["abs_url"])],
        )
        self.write_calendar(f"{series.url}jadwal.ics", series.name, series.description, sessions, config)

    def write_session(self, session, previous, following, config: SessionsSettings) -> None:
        """One session page and its own one-event calendar, sesi.ics."""
        abs_url = self.env.globals["abs_url"]
        series = session.series
        self.write_page(
            session.url,
            "session.html",
            crumbs=[("Sesi Warga", INDEX), (series.name, series.url), (session.title, session.url)],
            reuse=True,
            session=session,
            status=status(session, self.archive.now),
            previous=previous,
            following=following,
            description=session.summary,
            og_image=session.image,
            og_image_alt=session.image_alt,
            jsonld=[session_jsonld(session, self.archive.now, abs_url)],
        )
        self.write_calendar(f"{session.url}sesi.ics", session.title, series.name, [session], config)

    def write_calendar(self, path: str, name: str, description: str, sessions, config) -> None:
        """One .ics file, linked from the published site when its sessions (and their phases) are unchanged."""

        def text() -> str:
            return calendar_ics(name, description, sessions, self.events, config.calendar_refresh_hours)

        self.write_text(path, text, name=name, description=description, sessions=sessions, config=config)
