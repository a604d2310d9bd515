"""Content kinds a capability declares: read, checked, addressed, recorded and written by the core.

Releases, sessions and pages have builders of their own (reader.py, sessions_reader.py), because
they carry rules no field list can say: an embargo, a session's end from its series' schedule, a
claim only on a clarification. Any other kind (an agenda of events, a list of regional
regulations) is declared instead, with a schema and an address::

    register_kind(ContentKind(
        schema.Kind("agenda", "agenda", (...fields...)),
        label="agenda", title="Agenda", url="agenda/{date:%Y}/{slug}/",
        template="agenda.html", listing="agenda/", listing_template="agenda_list.html",
    ))

From the declaration alone: the folder under content/ is read with every other source (parsed on
every core, cached); each field is checked as the schema says, with the messages a release's fields
get; the entry's model is a dataclass made from the schema (``model``), so no field is mapped by
hand; its address is checked against every other; the record of what was published keeps it, so a
renamed file redirects and a deleted one must be declared removed; warta_pages writes its page,
warta_listings its listing, and the sitemap, the output check and search take it as they take any
entry. Its page is reused while nothing it shows changes (incremental.py keys any entry).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, make_dataclass
from typing import TYPE_CHECKING

from .model import Entry, Gone
from .schema import Field, Kind, front_matter_names

if TYPE_CHECKING:
    from .fields import Fields
    from .reader import Builder, Parsed

# What a field of each kind holds once read, and when it is left empty.
_EMPTY = {"text": "", "choice": "", "slugs": (), "list": (), "records": ()}
# Fields every entry has (model.Entry) or that only steer reading: not made again on the model.
_READ_APART = {"status", "removed", "body", "slug"}
_READABLE = {"text", "markdown", "datetime", "choice", "slugs", "slug", "media", "list", "records"}


@dataclass(frozen=True)
class ContentKind:
    """A declared content kind: its schema (folder and fields) and where its pages go."""

    schema: Kind
    label: str  # one entry, in Indonesian, for messages and the record of what was published ("agenda")
    title: str  # the listing's heading and the breadcrumb ("Agenda Kegiatan")
    url: str  # str.format with the entry's fields, e.g. "agenda/{date:%Y}/{slug}/"
    template: str  # an entry's page
    listing: str = ""  # the listing's address ("agenda/"), paginated at hal/N/; none when empty
    listing_template: str = ""
    per_page: int = 20
    model: type = field(init=False, compare=False)

    def __post_init__(self) -> None:
        unreadable = [f"{f.name} ({f.kind})" for f in self.schema.fields if f.kind not in _READABLE]
        if unreadable:
            raise ValueError(f"content kind {self.name}: no reader for {', '.join(unreadable)}")
        object.__setattr__(self, "model", _model(self.schema))

    @property
    def name(self) -> str:
        return self.schema.name

    @property
    def folder(self) -> str:
        return self.schema.folder

    @property
    def section(self) -> str:
        """The top folder of its addresses: no static page may take it."""
        return self.url.split("/", 1)[0]

    def ordered(self, entries: list) -> list:
        """Newest first when every entry of the kind has a date (a required field), else by address."""
        if "date" in self.schema.names() and self.schema["date"].required:
            return sorted(entries, key=lambda e: (-e.date.timestamp(), e.url))
        return sorted(entries, key=lambda e: e.url)


_declared: dict[str, ContentKind] = {}


def register_kind(kind: ContentKind) -> None:
    """Add ``kind`` to every build of this process (a capability's ``register()``); a second
    registration under the same name replaces the first (the preview reloads plugins)."""
    from .folder import KINDS, OTHER_FOLDERS  # folder.py lists declared kinds' folders: imported here, not above

    taken = {*KINDS, *OTHER_FOLDERS, *(k.folder for k in _declared.values() if k.name != kind.name)}
    if kind.folder in taken:
        raise ValueError(f"content kind {kind.name}: folder {kind.folder}/ is taken")
    _declared[kind.name] = kind


def declared_kinds() -> tuple[ContentKind, ...]:
    """Every declared kind, in the order they were registered."""
    return tuple(_declared.values())


def kind_of(entry: Entry) -> ContentKind | None:
    """The declared kind ``entry`` belongs to, if it is one."""
    return next((k for k in _declared.values() if type(entry) is k.model), None)


def _model(schema: Kind) -> type:
    """A dataclass for the kind's entries, one attribute per field of the schema, beside Entry's own."""
    own = {f.name for f in fields(Entry)}
    made = [
        (f.name, object, field(default=_EMPTY.get(f.kind)))
        for f in schema.fields
        if f.name not in own and f.name not in _READ_APART
    ]
    name = "".join(part.title() for part in re.split(r"[^a-zA-Z0-9]+", schema.name))
    return make_dataclass(name, made, bases=(Entry,), eq=False, repr=False)


def read_declared(builder: Builder, kind: ContentKind, parsed: Parsed) -> Entry | Gone | None:
    """One file of a declared kind as its model; None when it has a problem (reported) or is a draft."""
    # Any entry may become a removal notice, whether or not its kind declares those two fields.
    f = builder._open(parsed, {*front_matter_names(kind.schema), "status", "removed"})
    if f is None:
        return None
    if f.fm.data.get("status") == "removed":
        return builder.removed(f, parsed.source, kind.label)
    names = kind.schema.names()
    common = builder._common(f, parsed, kind.schema["title"].max_len if "title" in names else None)
    draft = common.pop("status") == "draft"
    if "body" in names and kind.schema["body"].required and not parsed.body.strip() and not draft:
        builder.problems.add(
            parsed.source,
            parsed.front.body_line,
            "isi",
            "kosong: tulis isinya di bawah baris '---' penutup front matter (atau beri status: draft selama "
            "belum siap terbit)",
        )
    values = {
        spec.name: _value(builder, f, spec)
        for spec in kind.schema.fields
        if spec.name not in _READ_APART and spec.name not in common
    }
    slug = builder._slug(f, common["title"])
    given = {**common, **values}
    if draft or any(spec.required and not given.get(spec.name) for spec in kind.schema.fields):
        return None
    entry = kind.model(**common, slug=slug, **values)
    try:
        entry.url = kind.url.format_map({name: getattr(entry, name) for name in _names(entry)})
    except (AttributeError, KeyError, ValueError) as error:
        raise ValueError(f"content kind {kind.name}: url {kind.url!r} cannot be made ({error})") from None
    entry.save_as = entry.url + "index.html"
    return entry


def _names(entry: Entry) -> list[str]:
    return [f.name for f in fields(entry)]


def _value(builder: Builder, f: Fields, spec: Field):
    """One field, read and checked as its schema says."""
    kind, name, required = spec.kind, spec.name, spec.required
    if kind == "datetime":
        return f.when(name, required)
    if kind == "choice":
        return f.choice(name, dict(spec.choices or {}), required) or (spec.default or "")
    if kind in ("slugs", "slug"):
        vocabulary = getattr(builder.vocab, spec.vocabulary)
        found = f.slugs(name, vocabulary, f"{spec.vocabulary}.yml", required)
        return found if kind == "slugs" else (found[0] if found else None)
    if kind == "media":
        return builder.media(f, name, f.text(name)) if f.has(name) else None
    if kind == "list":
        return tuple(str(item) for item in f.items(name, required))
    if kind == "records":
        keys = tuple(i.name for i in spec.items if i.required)
        optional = tuple(i.name for i in spec.items if not i.required)
        return tuple(row for _, row in f.records(name, keys, optional))
    return _text(f, spec)


def _text(f: Fields, spec: Field) -> str:
    value = f.text(spec.name, spec.required, spec.max_len)
    if value and spec.pattern and not re.fullmatch(spec.pattern, value):
        f.error(spec.name, f"'{value}' harus {spec.pattern_help or 'sesuai bentuk yang diminta kolom ini'}")
    return value
