"""Turn one source file into a Release, Session or Page, reporting every problem."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path, PurePosixPath

import imagesize
from slugify import slugify

from .errors import Problems
from .fields import DATE_HELP, Fields, parse_clock, parse_datetime, parse_offset, parse_old_path, parse_youtube
from .frontmatter import FrontMatter, FrontMatterError, decode, split
from .ids import PINNED_ID, release_id, session_id
from .images import size_images
from .model import (
    CLAIM_RATINGS,
    RELEASE_TYPES,
    Attachment,
    Change,
    Chapter,
    Claim,
    MediaFile,
    Page,
    Release,
    ReleaseType,
    Session,
    Speaker,
    Vocabulary,
)
from .render import BodyError, BodyRenderer, plain_summary
from .settings import ContentSettings

logger = logging.getLogger(__name__)

RELEASE_FIELDS = {
    "title",
    "date",
    "type",
    "agencies",
    "themes",
    "summary",
    "slug",
    "number",
    "location",
    "session",
    "image",
    "image_alt",
    "image_credit",
    "attachments",
    "updated",
    "changes",
    "claim",
    "aliases",
    "status",
    "id",
}
SESSION_FIELDS = {
    "title",
    "series",
    "date",
    "end",
    "topic",
    "agencies",
    "themes",
    "speakers",
    "youtube",
    "zoom",
    "chapters",
    "summary",
    "status",
    "slug",
    "image",
    "image_alt",
    "place",
}
PAGE_FIELDS = {"title", "slug", "summary", "status", "aliases", "date"}
RELEASE_TYPE_OBJECTS = {slug: ReleaseType(slug, name) for slug, name in RELEASE_TYPES.items()}
_ALIAS_HELP = (
    "harus jalur lama di situs ini, diawali '/', tanpa ?, #, tanda kutip atau spasi (tulis %20), "
    "mis. /2021/08/judul-lama.html atau /lama/jalan/"
)
_DATE_ONLY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


@dataclass
class Parsed:
    """A source file after the expensive, context-free step: YAML split and Markdown."""

    source: str
    front: FrontMatter | None
    body: str = ""
    auto_summary: str = ""
    unsafe: str = ""  # what the sanitiser removed from the body, for the warning
    error: tuple[int | None, str] | None = None


def parse(source: str, raw: bytes, renderer: BodyRenderer, summary_length: int) -> Parsed:
    """Split and render one file; depends only on its bytes (so it can be cached)."""
    try:
        front = split(decode(raw))
    except UnicodeDecodeError:
        return Parsed(source, None, error=(None, "berkas bukan teks UTF-8; simpan ulang sebagai UTF-8"))
    except FrontMatterError as exc:
        return Parsed(source, None, error=(exc.line, str(exc)))
    try:
        body, unsafe = renderer.render(front.body)
    except BodyError as exc:
        return Parsed(source, None, error=(front.body_line, str(exc)))
    return Parsed(source, front, body, plain_summary(body, summary_length), unsafe)


class Builder:
    """Resolves parsed files against the vocabulary and media folder."""

    def __init__(self, content: Path, vocab: Vocabulary, settings: ContentSettings, problems: Problems):
        self.content, self.vocab, self.settings, self.problems = content, vocab, settings, problems

    def _open(self, parsed: Parsed, allowed: set[str]) -> Fields | None:
        if parsed.error:
            line, message = parsed.error
            self.problems.add(parsed.source, line, "front matter", message)
            return None
        if parsed.unsafe:
            logger.warning(
                "%s: isi: HTML yang tidak diizinkan dibuang dari isi: %s (isi hanya boleh Markdown dan HTML "
                "sederhana; video lewat kolom youtube pada sesi, gambar dari folder media/)",
                parsed.source,
                parsed.unsafe,
            )
        fields = Fields(parsed.source, parsed.front, self.problems)
        fields.check_known(allowed, logger)
        return fields

    def _common(self, f: Fields, parsed: Parsed) -> dict:
        title = f.text("title", required=True, max_len=200)
        summary = f.text("summary", max_len=self.settings.summary_length) or parsed.auto_summary
        status = f.choice("status", {"draft": 1, "published": 1})
        return {
            "source": parsed.source,
            "title": title,
            "summary": summary,
            "body": size_images(parsed.body, self.content),
            "draft": status == "draft",
        }

    def _slug(self, f: Fields, fallback: str) -> str:
        given = f.text("slug", max_len=200)  # a file name may not be longer than 255 bytes
        if given:
            if slugify(given) != given:
                f.error("slug", f"'{given}' harus huruf kecil, angka dan tanda hubung, mis. '{slugify(given)}'")
            return given
        return slugify(fallback, max_length=self.settings.slug_length, word_boundary=True) or "tanpa-judul"

    def media(self, f: Fields, key: str, value: str, index: int | None = None) -> MediaFile | None:
        rel = PurePosixPath(value.strip().lstrip("/").removeprefix("media/"))
        path = self.content / "media" / rel
        if ".." in rel.parts or not path.is_file():
            f.error(
                key,
                f"berkas 'media/{rel}' tidak ditemukan (tulis jalur di dalam folder media/, mis. foto/2022/acara.jpg)",
                index,
            )
            return None
        width, height = imagesize.get(path)
        size = path.stat().st_size
        return MediaFile(f"media/{rel}", size, width if width > 0 else None, height if height > 0 else None)

    def release(self, parsed: Parsed) -> Release | None:
        f = self._open(parsed, RELEASE_FIELDS)
        if f is None:
            return None
        common = self._common(f, parsed)
        date = f.when("date", required=True)
        kind = f.choice("type", RELEASE_TYPES, required=True)
        agencies = f.slugs("agencies", self.vocab.agencies, "agencies.yml", required=True)
        themes = f.slugs("themes", self.vocab.themes, "themes.yml", required=True)
        image, image_alt = self._image(f)
        attachments = tuple(
            Attachment(m, r["title"])
            for i, r in f.records("attachments", ("file", "title"))
            if (m := self.media(f, "attachments", r["file"], i))
        )
        changes = self._changes(f)
        updated = f.when("updated") or (max(c.date for c in changes) if changes else None)
        if updated and date and updated < date:
            f.error("updated", "tidak boleh lebih awal dari date")
        claim = self._claim(f, kind)
        session_ref = f.text("session")
        if session_ref and not _session_ref_ok(session_ref):
            f.error("session", f"'{session_ref}' harus berbentuk seri/YYYY-MM-DD, mis. mas-tri-sapa-warga/2022-03-23")
        if not (common["title"] and date and kind and agencies and themes):
            return None
        slug = self._slug(f, common["title"])
        release = Release(
            **common,
            slug=slug,
            date=date,
            type=RELEASE_TYPE_OBJECTS[kind],
            agencies=agencies,
            themes=themes,
            number=f.text("number", max_len=100),
            location=f.text("location", max_len=100),
            session_ref=session_ref,
            image=image,
            image_alt=image_alt,
            image_credit=f.text("image_credit", max_len=200),
            attachments=attachments,
            updated=updated,
            changes=changes,
            claim=claim,
            aliases=self._aliases(f),
            source_id=self._pinned_id(f) or release_id(self.settings.id_authority, parsed.source, date),
        )
        release.url = f"berita/{date:%Y/%m}/{slug}/"
        release.save_as = release.url + "index.html"
        return release

    def _changes(self, f: Fields) -> tuple[Change, ...]:
        changes = []
        for i, row in f.records("changes", ("date", "note")):
            when = parse_datetime(row["date"])
            if when is None:
                f.error("changes", f"date '{row['date']}' bukan tanggal yang sah ({DATE_HELP})", i)
            else:
                changes.append(Change(when, row["note"]))
        return tuple(sorted(changes, key=lambda c: c.date))

    def _claim(self, f: Fields, kind: str) -> Claim | None:
        raw = f.fm.data.get("claim")
        if raw in (None, "", {}):
            return None
        if kind != "klarifikasi":
            f.error("claim", "hanya untuk type: klarifikasi")
            return None
        if not isinstance(raw, dict) or not all(
            isinstance(raw.get(k), str) and raw[k].strip() for k in ("text", "source", "rating")
        ):
            f.error("claim", "harus berisi text, source dan rating")
            return None
        if raw["rating"] not in CLAIM_RATINGS:
            f.error("claim", f"rating '{raw['rating']}' tidak dikenal (pilihan: {', '.join(CLAIM_RATINGS)})")
            return None
        return Claim(" ".join(raw["text"].split()), " ".join(raw["source"].split()), raw["rating"])

    def _pinned_id(self, f: Fields) -> str:
        """``id``: only to keep a moved or renamed release's old id (see ids.py)."""
        value = f.text("id", max_len=300)
        if value and not PINNED_ID.fullmatch(value):
            f.error(
                "id",
                f"'{value}' harus id lama rilis ini, disalin persis dari umpan atau /data/, mis. "
                "tag:warta.example,2022-03-22:rilis/2022/03/judul-lama",
            )
            return ""
        return value

    def _aliases(self, f: Fields) -> tuple[str, ...]:
        aliases = []
        for i, item in enumerate(f.items("aliases")):
            path = parse_old_path(item)
            if path is None:
                f.error("aliases", f"'{item}' {_ALIAS_HELP}", i)
            else:
                aliases.append(path)
        return tuple(aliases)

    def session(self, parsed: Parsed) -> Session | None:
        f = self._open(parsed, SESSION_FIELDS)
        if f is None:
            return None
        common = self._common(f, parsed)
        draft = common.pop("draft")
        series = self._series(f, parsed.source)
        date, end = self._session_times(f, series)
        youtube = self._youtube(f)
        chapters = self._chapters(f, date, end)
        if chapters and not youtube:
            logger.warning(
                "%s:%s: chapters: belum ada kolom youtube, jadi bab tampil tanpa tautan ke videonya",
                parsed.source,
                f.fm.line("chapters"),
            )
        agencies = f.slugs("agencies", self.vocab.agencies, "agencies.yml", required=True)
        themes = f.slugs("themes", self.vocab.themes, "themes.yml", required=True)
        speakers = tuple(Speaker(r["name"], r.get("role", "")) for _, r in f.records("speakers", ("name",), ("role",)))
        zoom = f.text("zoom")
        if zoom and not zoom.startswith(("https://", "http://")):
            f.error("zoom", f"'{zoom}' harus tautan lengkap yang diawali https://")
        image, image_alt = self._image(f)
        topic, place = f.text("topic", max_len=200), f.text("place", max_len=200)
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
        session.source_id = session_id(self.settings.id_authority, parsed.source, date)
        session.url = f"sesi/{series.slug}/{date:%Y-%m-%d}/"
        session.save_as = session.url + "index.html"
        return session

    def _series(self, f: Fields, source: str):
        """The series named in the file, which must also be the name of its folder."""
        name = f.text("series", required=True)
        series = self.vocab.series.get(name)
        folder = PurePosixPath(source).parent.name
        if name and series is None:
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
                date = date.replace(hour=series.schedule.start[0], minute=series.schedule.start[1])
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
            f.error("end", "lebih dari 24 jam setelah waktu mulai (date); periksa tanggalnya")
            end = None
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

    def _image(self, f: Fields) -> tuple[MediaFile | None, str]:
        """A lead image under media/ and its alt text, which is required with it."""
        image = self.media(f, "image", f.text("image")) if f.has("image") else None
        image_alt = f.text("image_alt", max_len=300)
        if f.has("image") and not image_alt:
            f.error("image_alt", "wajib diisi bila ada image: tuliskan apa yang tampak di foto, untuk pembaca layar")
        return image, image_alt

    def _chapters(self, f: Fields, date, end) -> tuple[Chapter, ...]:
        chapters, last = [], -1
        length = (end - date).total_seconds() if date and end else None
        for i, row in f.records("chapters", ("at", "title")):
            at = parse_offset(row["at"])
            if at is None:
                f.error("chapters", f"at '{row['at']}' harus berbentuk mm:ss atau h:mm:ss, mis. \"04:30\"", i)
            elif at <= last:
                f.error("chapters", f"at '{row['at']}' harus setelah bab sebelumnya", i)
            elif length is not None and at >= length:
                f.error(
                    "chapters",
                    f"at '{row['at']}' melewati akhir sesi (durasi {int(length // 60)} menit); "
                    "periksa waktunya, atau isi kolom end bila sesi berlangsung lebih lama",
                    i,
                )
            else:
                chapters.append(Chapter(at, row["title"]))
                last = at
        return tuple(chapters)

    def page(self, parsed: Parsed) -> Page | None:
        f = self._open(parsed, PAGE_FIELDS)
        if f is None:
            return None
        common = self._common(f, parsed)
        draft = common.pop("draft")
        if not common["title"] or draft:
            return None
        slug = self._slug(f, PurePosixPath(parsed.source).stem)
        page = Page(**common, slug=slug)
        page.url = f"{slug}/"
        page.save_as = page.url + "index.html"
        page.aliases = self._aliases(f)  # type: ignore[attr-defined]
        return page


def _session_ref_ok(ref: str) -> bool:
    series, _, day = ref.partition("/")
    return bool(series) and len(day) == 10 and parse_datetime(day) is not None


def _scheduled_length(series) -> timedelta:
    """How long a session lasts when its file gives no end: the series' usual slot, else an hour."""
    if series and series.schedule:
        (h1, m1), (h2, m2) = series.schedule.start, series.schedule.end
        return timedelta(minutes=(h2 * 60 + m2) - (h1 * 60 + m1))
    return timedelta(hours=1)
