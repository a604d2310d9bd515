"""Reading session files: series, start and end times, the recording, chapters."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from .fields import DATE_HELP, Fields, parse_clock, parse_datetime, parse_offset, parse_youtube
from .ids import session_id
from .model import Chapter, Gone, Session, Speaker
from .schema import SESSION, front_matter_names

if TYPE_CHECKING:
    from .reader import Parsed

SESSION_FIELDS = front_matter_names(SESSION)  # declared in schema.py, as the web editor's form is
_DATE_ONLY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


class SessionReading:
    """The session half of ``reader.Builder``, kept apart so each file stays readable.

    It relies on the Builder's ``vocab``, ``problems`` and its shared helpers
    (``_open``, ``_common``, ``_image``, ``media``).
    """

    def session(self, parsed: Parsed) -> Session | Gone | None:
        """The session a file describes; None when it is a draft or lacks what a session page needs."""
        f = self._open(parsed, SESSION_FIELDS)
        if f is None:
            return None
        if f.fm.data.get("status") == "removed":
            return self.removed(f, parsed.source, "sesi")
        common = self._common(f, parsed)
        draft = common.pop("status") == "draft"
        series = self._series(f, parsed.source)
        date, end = self._session_times(f, series)
        youtube, chapters = self._recording(f, date, end)
        agencies = f.slugs("agencies", self.vocab.agencies, "agencies.yml", required=True)
        themes = f.slugs("themes", self.vocab.themes, "themes.yml", required=True)
        speakers = _speakers(f)
        zoom = _zoom(f)
        image, image_alt = self._image(f)
        topic = f.text("topic", max_len=SESSION["topic"].max_len)
        place = f.text("place", max_len=SESSION["place"].max_len)
        if draft or not (common["title"] and series and date and end and agencies and themes):
            return None
        session = Session(
            **common,
            slug=f"{date:%Y-%m-%d}",
            series=series,
            date=date,
            end=end,
            topic=topic,
            agencies=agencies,
            themes=themes,
            speakers=speakers,
            youtube=youtube,
            zoom=zoom,
            place=place,
            chapters=chapters,
            image=image,
            image_alt=image_alt,
        )
        self._place_session(session, parsed.source)
        return session

    def _place_session(self, session: Session, source: str) -> None:
        """Its id and its address: /sesi/<series>/<YYYY-MM-DD>/."""
        session.source_id = session_id(self.settings.id_authority, source, session.date)
        session.url = f"sesi/{session.series.slug}/{session.date:%Y-%m-%d}/"
        session.save_as = session.url + "index.html"

    def _recording(self, f: Fields, date, end) -> tuple[str, tuple[Chapter, ...]]:
        """The YouTube video and its chapters; chapters without a video are shown, with a warning."""
        youtube = self._youtube(f)
        chapters = self._chapters(f, date, end)
        if chapters and not youtube:
            f.warn("chapters", "belum ada kolom youtube, jadi bab tampil tanpa tautan ke videonya")
        return youtube, chapters

    def _series(self, f: Fields, source: str):
        """The series named in the file, which must also be the name of its folder."""
        name = f.text("series", required=True)
        series = self.vocab.series.get(name)
        folder = PurePosixPath(source).parent.name
        # A series data/series.yml could not vouch for is reported there, once, not by each of its sessions.
        if name and series is None and not self.vocab.series.excuses(name):
            hint = f"; maksudnya '{folder}'?" if folder in self.vocab.series else ""
            f.error(
                "series",
                f"'{name}' tidak ada di data/series.yml{hint} (slug yang ada: {', '.join(self.vocab.series)})",
            )
        elif series and series.slug != folder:
            f.error(
                "series",
                f"'{series.slug}' tidak sama dengan nama foldernya '{folder}'; "
                f"pindahkan berkas ke sessions/{series.slug}/",
            )
        return series

    def _session_times(self, f: Fields, series) -> tuple:
        """Start and end; a bare date takes the series' start time, ``end`` may be just ``HH:MM``."""
        date = f.when("date", required=True)
        if date and _DATE_ONLY.fullmatch(f.text("date")):
            if series and series.schedule:
                hour, minute = series.schedule.start
                date = datetime(date.year, date.month, date.day, hour, minute, tzinfo=date.tzinfo)
            elif series:
                f.error("date", f"tulis juga jam mulainya, mis. {date:%Y-%m-%d} 20:00 (seri ini tanpa jadwal tetap)")
        given = f.text("end")
        clock = parse_clock(given) if given else None
        if not given:
            end = date + _scheduled_length(series) if date else None
        elif clock:
            end = date.replace(hour=clock[0], minute=clock[1], second=0) if date else None
        else:
            end = parse_datetime(given)
            if end is None:
                f.error("end", f"'{given}' bukan jam atau tanggal yang sah (tulis HH:MM, mis. 21:00, atau {DATE_HELP})")
        if date and end and end <= date:
            f.error("end", "waktu selesai harus setelah waktu mulai (date)")
            end = None
        elif date and end and end - date > timedelta(hours=24):
            f.warn("end", "lebih dari 24 jam setelah waktu mulai (date); periksa tanggalnya")
        return date, end

    def _youtube(self, f: Fields) -> str:
        raw = f.text("youtube")
        video = parse_youtube(raw) if raw else ""
        if video is None:
            f.error(
                "youtube",
                f"'{raw}' bukan id atau tautan YouTube (id 11 karakter, "
                "atau tautan watch?v=, youtu.be/, /live/, /embed/, /shorts/)",
            )
        return video or ""

    def _chapters(self, f: Fields, date, end) -> tuple[Chapter, ...]:
        chapters, last = [], -1
        length = (end - date).total_seconds() if date and end else None
        for i, row in f.records("chapters", ("at", "title")):
            at = parse_offset(row["at"])
            if at is None:
                f.error("chapters", f"at '{row['at']}' harus berbentuk mm:ss atau h:mm:ss, mis. \"04:30\"", i)
            elif at <= last:
                f.error("chapters", f"at '{row['at']}' harus setelah bab sebelumnya", i)
            else:
                # Recordings start early and overrun their slot: a late chapter is shown, with a warning.
                if length is not None and at >= length and all(c.at < length for c in chapters):  # once
                    f.warn(
                        "chapters",
                        f"at '{row['at']}' lewat dari jadwal sesi (durasi {int(length // 60)} menit); bab tetap "
                        "ditampilkan. Periksa waktunya, atau isi kolom end bila sesi memang lebih lama",
                        i,
                    )
                chapters.append(Chapter(at, row["title"]))
                last = at
        return tuple(chapters)


def _speakers(f: Fields) -> tuple[Speaker, ...]:
    return tuple(Speaker(r["name"], r.get("role", "")) for _, r in f.records("speakers", ("name",), ("role",)))


def _zoom(f: Fields) -> str:
    """The meeting link, which must be a whole address."""
    zoom = f.text("zoom")
    if zoom and not zoom.startswith(("https://", "http://")):
        f.error("zoom", f"'{zoom}' harus tautan lengkap yang diawali https://")
    return zoom


def _scheduled_length(series) -> timedelta:
    """How long a session lasts when its file gives no end: the series' usual slot, else an hour."""
    if series and series.schedule:
        (h1, m1), (h2, m2) = series.schedule.start, series.schedule.end
        return timedelta(minutes=(h2 * 60 + m2) - (h1 * 60 + m1))
    return timedelta(hours=1)
