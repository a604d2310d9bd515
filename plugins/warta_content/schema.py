"""The front matter of releases and sessions, declared once.

Each field says its name, kind, whether it is required, what it allows (choices, a data file's
slugs, a pattern, a length), its default and a help text in Indonesian. The readers take their field
sets and limits from here (reader.py, sessions_reader.py) and the web editor's form is generated
from it (warta_cms): a rule is written in one place. What only a whole build can check (a slug
unknown after a data change, two releases at one address) stays with the build.

Kinds: ``text``, ``markdown`` (the body), ``datetime`` (``YYYY-MM-DD HH:MM``, WIB), ``choice``
(one of ``choices``), ``slugs`` (a list of slugs from ``vocabulary``), ``slug`` (one slug from
``vocabulary``), ``media`` (a file under media/), ``list`` (of text), ``records`` (a list of
mappings of ``items``), ``object`` (one mapping of ``items``).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from .model import CLAIM_RATINGS, RELEASE_TYPES

STATUSES = {
    "published": "terbit (bawaan)",
    "draft": "belum terbit",
    "withdrawn": "dicabut: halaman tetap ada dengan tanda Dicabut",
    "removed": "dihapus: alamatnya menjawab 410",
}
SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
CHAPTER_AT_PATTERN = r"(?:\d+:)?\d{1,2}:\d{2}"
SESSION_REF_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*/\d{4}-\d{2}-\d{2}"
LINK_PATTERN = r"https?://\S+"
YOUTUBE_PATTERN = r"[A-Za-z0-9_-]{11}|(?:https?://)?(?:www\.|m\.)?(?:youtube\.com|youtube-nocookie\.com|youtu\.be)/\S+"


@dataclass(frozen=True)
class Field:
    """One front-matter field: what it is, what it allows, and how the form explains it."""

    name: str
    kind: str
    label: str
    help: str = ""
    required: bool = False
    choices: MappingProxyType | None = None  # value → label in Indonesian
    vocabulary: str = ""  # the data file whose slugs it takes, e.g. "agencies"
    max_len: int | None = None
    pattern: str = ""  # the whole value must match (re.fullmatch)
    pattern_help: str = ""
    default: object = None
    items: tuple[Field, ...] = ()  # for records and object
    editor: bool = True  # shown in the web editor's form (the rest are for rare, careful edits by hand)
    setting: str = ""  # the limit is a setting of WARTA_CONTENT instead (summary_length)


@dataclass(frozen=True)
class Kind:
    """A content kind: its folder under content/ and its fields, in the order a form shows them."""

    name: str
    folder: str
    fields: tuple[Field, ...]

    def names(self) -> frozenset[str]:
        """Every field a file of this kind may have."""
        return frozenset(f.name for f in self.fields)

    def __getitem__(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


def _choices(mapping: dict) -> MappingProxyType:
    return MappingProxyType(dict(mapping))


_DATE_HELP = "Tanggal dan jam dalam WIB."
_NOTICE = (
    Field("date", "datetime", "Tanggal", required=True),
    Field("reason", "text", "Alasan", "Alasan singkat untuk pembaca.", required=True),
)
_TITLE = Field("title", "text", "Judul", "Judul yang tampil di halaman dan umpan.", required=True, max_len=200)
_AGENCIES = Field(
    "agencies", "slugs", "Instansi", "Satu atau lebih instansi dari data/agencies.yml.", True, vocabulary="agencies"
)
_THEMES = Field("themes", "slugs", "Tema", "Satu atau lebih tema dari data/themes.yml.", True, vocabulary="themes")
_SUMMARY = Field(
    "summary",
    "text",
    "Ringkasan",
    "Teks biasa; bila kosong, diambil dari paragraf pertama isi.",
    setting="summary_length",
)
_IMAGE = Field("image", "media", "Foto utama", "Foto dari folder media/.")
_IMAGE_ALT = Field(
    "image_alt",
    "text",
    "Teks alternatif foto",
    "Wajib bila ada foto: tuliskan apa yang tampak di foto, untuk pembaca layar.",
    max_len=300,
)
_STATUS = Field(
    "status",
    "choice",
    "Status",
    "Draf tidak ikut terbit.",
    choices=_choices({k: v for k, v in STATUSES.items() if k in ("published", "draft")}),
    default="published",
)
_SLUG = Field(
    "slug",
    "text",
    "Nama alamat (slug)",
    "Bila kosong, dibuat dari judul. Huruf kecil, angka dan tanda hubung.",
    max_len=200,
    pattern=SLUG_PATTERN,
    pattern_help="hanya huruf kecil, angka dan tanda hubung, mis. vaksinasi-booster",
)
_BODY = Field("body", "markdown", "Isi", "Isi dalam Markdown.")
_HIDDEN = {"editor": False}

RELEASE = Kind(
    "release",
    "releases",
    (
        _TITLE,
        Field("date", "datetime", "Tanggal terbit", _DATE_HELP + " Tanggal di masa depan menjadi embargo.", True),
        Field("type", "choice", "Jenis", required=True, choices=_choices(RELEASE_TYPES), default="siaran-pers"),
        _AGENCIES,
        _THEMES,
        _SUMMARY,
        Field("number", "text", "Nomor rilis", "Nomor resmi, mis. 045/HUMAS/III/2022.", max_len=100),
        Field("location", "text", "Tempat", "Kota tempat berita, mis. Cikarang.", max_len=100),
        _IMAGE,
        _IMAGE_ALT,
        Field("image_credit", "text", "Kredit foto", max_len=200),
        Field(
            "attachments",
            "records",
            "Lampiran",
            "Berkas dari folder media/, mis. PDF yang ditandatangani.",
            items=(Field("file", "media", "Berkas", required=True), Field("title", "text", "Judul", required=True)),
        ),
        Field(
            "session",
            "text",
            "Sesi terkait",
            "seri/YYYY-MM-DD dari sesi yang dibahas rilis ini.",
            pattern=SESSION_REF_PATTERN,
            pattern_help="berbentuk seri/YYYY-MM-DD, mis. mas-tri-sapa-warga/2022-03-23",
        ),
        Field("updated", "datetime", "Diperbarui", "Waktu pembaruan terakhir (WIB)."),
        Field(
            "changes",
            "records",
            "Catatan perubahan",
            "Riwayat perubahan yang tampil untuk pembaca.",
            items=(
                Field("date", "datetime", "Tanggal", required=True),
                Field("note", "text", "Catatan", required=True),
            ),
        ),
        Field(
            "claim",
            "object",
            "Klaim yang diluruskan",
            "Hanya untuk jenis Klarifikasi.",
            items=(
                Field("text", "text", "Klaim", required=True),
                Field("source", "text", "Sumber klaim", required=True),
                Field("rating", "choice", "Penilaian", required=True, choices=_choices(CLAIM_RATINGS)),
            ),
        ),
        _SLUG,
        _STATUS,
        Field("aliases", "list", "Alamat lama", "Jalur lama di situs ini yang dialihkan ke sini.", **_HIDDEN),
        Field("withdrawn", "object", "Dicabut", "Bersama status: withdrawn.", items=_NOTICE, **_HIDDEN),
        Field("removed", "object", "Dihapus", "Bersama status: removed.", items=_NOTICE, **_HIDDEN),
        Field("id", "text", "Id lama", "Hanya untuk menjaga id rilis yang dipindah.", max_len=300, **_HIDDEN),
        _BODY,
    ),
)

SESSION = Kind(
    "session",
    "sessions",
    (
        _TITLE,
        Field("series", "slug", "Seri", "Seri dari data/series.yml.", True, vocabulary="series"),
        Field("date", "datetime", "Mulai", _DATE_HELP, True),
        Field("end", "text", "Selesai", "Jam selesai HH:MM (WIB); bila kosong, dari jadwal seri."),
        Field("topic", "text", "Topik", max_len=200),
        _AGENCIES,
        _THEMES,
        Field(
            "speakers",
            "records",
            "Narasumber",
            items=(Field("name", "text", "Nama", required=True), Field("role", "text", "Peran")),
        ),
        Field(
            "youtube",
            "text",
            "Rekaman YouTube",
            "Id video 11 karakter atau tautan YouTube; kosong bila belum direkam.",
            pattern=YOUTUBE_PATTERN,
            pattern_help="id video 11 karakter atau tautan YouTube (watch?v=, youtu.be/, /live/, /embed/, /shorts/)",
        ),
        Field(
            "zoom",
            "text",
            "Tautan Zoom",
            "Tampil sampai sesi selesai.",
            pattern=LINK_PATTERN,
            pattern_help="tautan lengkap yang diawali https://",
        ),
        Field(
            "chapters",
            "records",
            "Bab rekaman",
            "Waktu dalam rekaman dan judul bab, berurutan.",
            items=(
                Field(
                    "at",
                    "text",
                    "Waktu",
                    "mm:ss atau h:mm:ss",
                    required=True,
                    pattern=CHAPTER_AT_PATTERN,
                    pattern_help="berbentuk mm:ss atau h:mm:ss, mis. 04:30",
                ),
                Field("title", "text", "Judul bab", required=True),
            ),
        ),
        Field("place", "text", "Tempat", max_len=200),
        _IMAGE,
        _IMAGE_ALT,
        _SUMMARY,
        _STATUS,
        Field("slug", "text", "Slug", "Tidak dipakai: alamat sesi dibuat dari tanggalnya.", **_HIDDEN),
        Field("removed", "object", "Dihapus", "Bersama status: removed.", items=_NOTICE, **_HIDDEN),
        _BODY,
    ),
)


def front_matter_names(kind: Kind) -> frozenset[str]:
    """The fields a file's front matter may hold (the body is not one of them)."""
    return frozenset(f.name for f in kind.fields if f.kind != "markdown")
