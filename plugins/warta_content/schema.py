"""The front matter of releases, sessions and pages, and the entries of the four data files, declared once.

Each field says its name, kind, whether it is required, what it allows (choices, a data file's
slugs, a pattern, a length), its default and a help text in Indonesian. The readers take their field
sets and limits from here (reader.py, sessions_reader.py, vocabulary.py), the web editor's form is
generated from it (warta_cms), `invoke new` writes its front matter in its order (scaffold.py) and a
test holds the README's field tables to it (tests/test_schema_docs.py): a rule is written in one
place. What only a whole build can check (a slug unknown after a data change, two releases at one
address) stays with the build.

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
WEB_ADDRESS_PATTERN = r"https?://[^\s\"'<>\\]+"  # shown as a link: never javascript: or data:
CLOCK_PATTERN = r"\d{1,2}[:.]\d{2}"


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

    def required(self) -> frozenset[str]:
        """The fields a file (or a data file's entry) of this kind must have."""
        return frozenset(f.name for f in self.fields if f.required)


@dataclass(frozen=True)
class DataFile(Kind):
    """A data file under content/data/: a list of entries, each a mapping of ``fields``."""

    @property
    def file(self) -> str:
        """Its name under data/, e.g. agencies.yml."""
        return f"{self.name}.yml"


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
_ALIASES = Field("aliases", "list", "Alamat lama", "Jalur lama di situs ini yang dialihkan ke sini.", **_HIDDEN)
_REMOVED = Field("removed", "object", "Dihapus", "Bersama status: removed.", items=_NOTICE, **_HIDDEN)

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
        _ALIASES,
        Field("withdrawn", "object", "Dicabut", "Bersama status: withdrawn.", items=_NOTICE, **_HIDDEN),
        _REMOVED,
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
        _REMOVED,
        _BODY,
    ),
)

PAGE = Kind(
    "page",
    "pages",
    (
        _TITLE,
        Field(
            "slug",
            "text",
            "Nama alamat (slug)",
            "Bila kosong, dari nama berkasnya (kontak.md → /kontak/). Huruf kecil, angka dan tanda hubung.",
            max_len=_SLUG.max_len,
            pattern=SLUG_PATTERN,
            pattern_help=_SLUG.pattern_help,
        ),
        _SUMMARY,
        _STATUS,
        _ALIASES,
        Field("date", "text", "Tanggal", "Boleh ada, tetapi tidak dipakai di halaman tetap.", **_HIDDEN),
        _REMOVED,
        _BODY,
    ),
)

# The data files: each entry's fields. Their entries are edited by hand (the form has no data files).
_ENTRY_SLUG = Field(
    "slug",
    "text",
    "Slug",
    "Huruf kecil, angka dan tanda hubung; tidak boleh dipakai dua kali dalam satu berkas.",
    required=True,
    pattern=SLUG_PATTERN,
    pattern_help=_SLUG.pattern_help,
)
_ENTRY_NAME = Field("name", "text", "Nama", "Nama lengkap.", required=True)
_WEB = {"pattern": WEB_ADDRESS_PATTERN, "pattern_help": "alamat web lengkap yang diawali https://"}
_CLOCK = {"pattern": CLOCK_PATTERN, "pattern_help": 'jam berbentuk HH:MM, mis. "20:00"', "required": True}

GOVERNMENTS = DataFile(
    "governments",
    "data",
    (
        _ENTRY_SLUG,
        Field("name", "text", "Nama", "Nama lengkap, mis. Pemerintah Kota Bekasi.", required=True),
        Field("short", "text", "Nama singkat", "mis. Pemkot Bekasi.", required=True),
    ),
)
AGENCIES = DataFile(
    "agencies",
    "data",
    (
        _ENTRY_SLUG,
        _ENTRY_NAME,
        Field("short", "text", "Nama singkat", "mis. Dinkes.", required=True),
        Field("government", "slug", "Pemda", "Slug dari data/governments.yml.", True, vocabulary="governments"),
        Field("website", "text", "Situs web", **_WEB),
        Field("email", "text", "Surel"),
        Field("phone", "text", "Telepon"),
    ),
)
THEMES = DataFile("themes", "data", (_ENTRY_SLUG, _ENTRY_NAME, Field("description", "text", "Keterangan")))
SERIES = DataFile(
    "series",
    "data",
    (
        _ENTRY_SLUG,
        _ENTRY_NAME,
        Field("host", "slug", "Penyelenggara", "Slug instansi dari data/agencies.yml.", True, vocabulary="agencies"),
        Field("description", "text", "Keterangan", required=True),
        Field(
            "schedule",
            "object",
            "Jadwal",
            "Jadwal tetap mingguan: jam mulai dan selesai sesi yang tidak menuliskannya diambil dari sini.",
            items=(
                Field(
                    "weekday",
                    "text",
                    "Hari",
                    "Nama hari dalam bahasa Indonesia atau Inggris, mis. rabu atau wednesday.",
                    required=True,
                ),
                Field("start", "text", "Mulai", **_CLOCK),
                Field("end", "text", "Selesai", **_CLOCK),
            ),
        ),
        Field("platforms", "list", "Platform", "Daftar nama, mis. [zoom, youtube]."),
        Field("channel", "text", "Kanal", "Alamat kanal rekamannya.", **_WEB),
    ),
)
DATA_FILES = (GOVERNMENTS, AGENCIES, THEMES, SERIES)  # in the order they are read: an entry names one read before


def front_matter_names(kind: Kind) -> frozenset[str]:
    """The fields a file's front matter may hold (the body is not one of them)."""
    return frozenset(f.name for f in kind.fields if f.kind != "markdown")
