"""Turn one source file into a Release, Session or Page, reporting every problem."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import imagesize
from slugify import slugify

from .errors import Problems
from .fields import DATE_HELP, Fields, parse_datetime, parse_old_path
from .frontmatter import FrontMatter, FrontMatterError, decode, split
from .ids import PINNED_ID, release_id
from .images import size_images
from .model import (
    CLAIM_RATINGS,
    RELEASE_TYPES,
    Attachment,
    Change,
    Claim,
    Gone,
    MediaFile,
    Notice,
    Page,
    Release,
    ReleaseType,
    Vocabulary,
)
from .render import BodyError, BodyRenderer, plain_summary
from .schema import PAGE, RELEASE, SESSION_REF_PATTERN, SLUG_PATTERN, STATUSES, front_matter_names
from .sessions_reader import SessionReading
from .settings import ContentSettings

RELEASE_FIELDS = front_matter_names(RELEASE)  # declared in schema.py, as the web editor's form is
PAGE_FIELDS = front_matter_names(PAGE)  # declared in schema.py too
_NOTICE_HELP = "tulis {date: YYYY-MM-DD, reason: alasan singkat untuk pembaca}"
RELEASE_TYPE_OBJECTS = {slug: ReleaseType(slug, name) for slug, name in RELEASE_TYPES.items()}
_ALIAS_HELP = (
    "harus jalur lama di situs ini, diawali '/', tanpa ?, #, tanda kutip atau spasi (tulis %20), "
    "mis. /2021/08/judul-lama.html atau /lama/jalan/"
)


@dataclass
class Parsed:
    """A source file after the expensive, context-free step: YAML split and Markdown."""

    source: str
    front: FrontMatter | None
    body: str = ""
    auto_summary: str = ""
    unsafe: str = ""  # what the sanitiser removed from the body, for the warning
    error: tuple | None = None  # (line, message[, field]): caches from before the field hold two
    digest: str = ""  # of the body: the record of what was published knows a moved file by it (ledger.py)


def body_digest(body: str) -> str:
    """A short digest of a body, made once when the file is parsed (and cached with it)."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:20]


def parse(source: str, raw: bytes, renderer: BodyRenderer, summary_length: int) -> Parsed:
    """Split and render one file; depends only on its bytes (so it can be cached)."""
    try:
        front = split(decode(raw))
    except UnicodeDecodeError:
        return Parsed(source, None, error=(None, "berkas bukan teks UTF-8; simpan ulang sebagai UTF-8"))
    except FrontMatterError as exc:
        return Parsed(source, None, error=(exc.line, str(exc), exc.field))
    try:
        body, unsafe = renderer.render(front.body)
    except BodyError as exc:
        return Parsed(source, None, error=(front.body_line, str(exc)))
    # The Markdown is not needed again: kept, it would double what crosses from the parse workers,
    # what the cache writes and what the build holds.
    front.body = ""
    return Parsed(source, front, body, plain_summary(body, summary_length), unsafe, digest=body_digest(body))


class Builder(SessionReading):
    """Resolves parsed files against the vocabulary and media folder."""

    def __init__(self, content: Path, vocab: Vocabulary, settings: ContentSettings, problems: Problems):
        self.content, self.vocab, self.settings, self.problems = content, vocab, settings, problems
        # The line of each front-matter field, by source: for what the archive checks after building.
        self.lines: dict[str, dict] = {}

    def line(self, source: str, key: str, index: int | None = None) -> int | None:
        """The line of ``key`` (or of its item ``index``) in ``source``, for checks made across files."""
        lines = self.lines.get(source, {})
        if index is not None and (key, index) in lines:
            return lines[(key, index)]
        return lines.get(key)

    def _open(self, parsed: Parsed, allowed: set[str]) -> Fields | None:
        if parsed.error:
            line, message, *field = parsed.error
            self.problems.add(parsed.source, line, next(filter(None, field), "front matter"), message)
            return None
        if parsed.unsafe:
            self.problems.warn(
                parsed.source,
                parsed.front.body_line,
                "isi",
                f"HTML yang tidak diizinkan dibuang dari isi: {parsed.unsafe} (isi hanya boleh Markdown dan HTML "
                "sederhana; video lewat kolom youtube pada sesi, gambar dari folder media/)",
            )
        fields = Fields(parsed.source, parsed.front, self.problems)
        fields.check_known(allowed)
        self.lines[parsed.source] = parsed.front.lines
        return fields

    def _common(self, f: Fields, parsed: Parsed, title_len: int | None = RELEASE["title"].max_len) -> dict:
        title = f.text("title", required=True, max_len=title_len)
        summary = f.text("summary", max_len=self.settings.summary_length) or parsed.auto_summary
        status = f.choice("status", STATUSES)
        if status == "withdrawn" and not parsed.source.startswith("releases/"):
            f.error("status", "withdrawn hanya untuk rilis; berkas jenis lain bisa dihapus dengan status: removed")
        return {
            "source": parsed.source,
            "title": title,
            "summary": summary,
            "body": size_images(parsed.body, self.content),
            "digest": parsed.digest,
            "status": status or "published",
        }

    def _slug(self, f: Fields, fallback: str) -> str:
        given = f.text("slug", max_len=RELEASE["slug"].max_len)  # a file name may not be longer than 255 bytes
        if given:
            if not re.fullmatch(SLUG_PATTERN, given):
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

    def removed(self, f: Fields, source: str, kind: str) -> Gone | None:
        """A file left as a removal notice (``status: removed``): nothing else of it is read."""
        notice = self.notice(f, "removed", required=True)
        return Gone(source, kind, notice) if notice else None

    def notice(self, f: Fields, key: str, required: bool = False) -> Notice | None:
        """``withdrawn:`` or ``removed:``: ``{date, reason}``, the date no later than this build."""
        raw = f.fm.data.get(key)
        if raw in (None, "", {}):
            if required:
                f.error(key, f"wajib diisi bila status: {key}; {_NOTICE_HELP}", near="status")
            return None
        if not isinstance(raw, dict) or not all(
            isinstance(raw.get(k), str) and raw[k].strip() for k in ("date", "reason")
        ):
            f.error(key, f"harus berisi date dan reason; {_NOTICE_HELP}")
            return None
        when = parse_datetime(raw["date"])
        if when is None:
            f.error(key, f"date '{raw['date']}' bukan tanggal yang sah ({DATE_HELP})")
            return None
        if when > self.settings.now:
            f.warn(key, f"tanggal '{raw['date']}' belum tiba; tulis tanggal ketika {key} itu berlaku")
        return Notice(when, " ".join(raw["reason"].split()))

    def release(self, parsed: Parsed) -> Release | Gone | None:
        """The release a file describes; None when it lacks what a release page needs."""
        f = self._open(parsed, RELEASE_FIELDS)
        if f is None:
            return None
        if f.fm.data.get("status") == "removed":
            return self.removed(f, parsed.source, "rilis")
        common = self._common(f, parsed)
        date = f.when("date", required=True)
        self._require_body(parsed, common["status"] == "draft")
        kind = f.choice("type", RELEASE_TYPES, required=True)
        agencies = f.slugs("agencies", self.vocab.agencies, "agencies.yml", required=True)
        themes = f.slugs("themes", self.vocab.themes, "themes.yml", required=True)
        image, image_alt = self._image(f)
        attachments = self._attachments(f)
        changes = self._changes(f)
        updated = self._updated(f, date, changes)
        claim = self._claim(f, kind)
        session = self._session_ref(f)
        if not (common["title"] and date and kind and agencies and themes):
            return None
        release = Release(
            **common,
            slug=self._slug(f, common["title"]),
            date=date,
            type=RELEASE_TYPE_OBJECTS[kind],
            agencies=agencies,
            themes=themes,
            session=session,
            image=image,
            image_alt=image_alt,
            attachments=attachments,
            updated=updated,
            changes=changes,
            claim=claim,
        )
        self._finish(f, release)
        return release

    def _finish(self, f: Fields, release: Release) -> None:
        """Reads the fields checked only in a release that has everything it needs (a title, date, type,
        agencies and themes), and gives it its address."""
        release.number = f.text("number", max_len=RELEASE["number"].max_len)
        release.location = f.text("location", max_len=RELEASE["location"].max_len)
        release.image_credit = f.text("image_credit", max_len=RELEASE["image_credit"].max_len)
        release.aliases = self._aliases(f)
        release.withdrawn = self._withdrawal(f)
        release.source_id = self._pinned_id(f) or release_id(self.settings.id_authority, release.source, release.date)
        release.url = f"berita/{release.date:%Y/%m}/{release.slug}/"
        release.save_as = release.url + "index.html"

    def _require_body(self, parsed: Parsed, draft: bool) -> None:
        """A release to be published must have a body."""
        if not parsed.body.strip() and not draft:
            self.problems.add(
                parsed.source,
                parsed.front.body_line,
                "isi",
                "kosong: tulis isi rilis di bawah baris '---' penutup front matter (atau beri status: draft "
                "selama belum siap terbit)",
            )

    def _attachments(self, f: Fields) -> tuple[Attachment, ...]:
        """Files under media/, each with a title; one that is missing is reported and left out."""
        return tuple(
            Attachment(m, r["title"])
            for i, r in f.records("attachments", ("file", "title"))
            if (m := self.media(f, "attachments", r["file"], i))
        )

    def _updated(self, f: Fields, date, changes: tuple[Change, ...]):
        """``updated``, else the date of the last change; never before the release's own date."""
        updated = f.when("updated") or (max(c.date for c in changes) if changes else None)
        if updated and date and updated < date:
            f.error("updated", "tidak boleh lebih awal dari date")
        return updated

    def _session_ref(self, f: Fields) -> str:
        """``session``: the session a release reports on, as series/YYYY-MM-DD."""
        ref = f.text("session")
        if ref and not _session_ref_ok(ref):
            f.error("session", f"'{ref}' harus berbentuk seri/YYYY-MM-DD, mis. mas-tri-sapa-warga/2022-03-23")
        return ref

    def _withdrawal(self, f: Fields) -> Notice | None:
        withdrawn = f.fm.data.get("status") == "withdrawn"
        notice = self.notice(f, "withdrawn", required=withdrawn)
        if notice and not withdrawn:
            f.error("withdrawn", "hanya berlaku bersama status: withdrawn; tambahkan baris itu, atau hapus kolom ini")
        return notice if withdrawn else None

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
        value = f.text("id", max_len=RELEASE["id"].max_len)
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

    def _image(self, f: Fields) -> tuple[MediaFile | None, str]:
        """A lead image under media/ and its alt text, which is required with it."""
        image = self.media(f, "image", f.text("image")) if f.has("image") else None
        image_alt = f.text("image_alt", max_len=RELEASE["image_alt"].max_len)
        if f.has("image") and not image_alt:
            f.error(
                "image_alt",
                "wajib diisi bila ada image: tuliskan apa yang tampak di foto, untuk pembaca layar",
                near="image",
            )
        return image, image_alt

    def page(self, parsed: Parsed) -> Page | Gone | None:
        f = self._open(parsed, PAGE_FIELDS)
        if f is None:
            return None
        if f.fm.data.get("status") == "removed":
            return self.removed(f, parsed.source, "halaman")
        common = self._common(f, parsed)
        draft = common.pop("status") == "draft"
        if not common["title"] or draft:
            return None
        slug = self._slug(f, PurePosixPath(parsed.source).stem)
        page = Page(**common, slug=slug, aliases=self._aliases(f))
        page.url = f"{slug}/"
        page.save_as = page.url + "index.html"
        return page


def _session_ref_ok(ref: str) -> bool:
    return re.fullmatch(SESSION_REF_PATTERN, ref) is not None and parse_datetime(ref[-10:]) is not None
