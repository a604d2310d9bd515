"""The web editor's config.yml, made from the content schema (warta_content/schema.py) and the data files.

Nothing here declares a field: each form field is a schema field turned into a Decap widget, so a
rule changed in the schema changes the reader and the form alike.
"""

from __future__ import annotations

import re

from warta_content import schema

from .settings import CmsSettings

DATE_FORMAT = "YYYY-MM-DD HH:mm"  # what Warta reads as WIB (fields.parse_datetime)
MEDIA_PUBLIC = "/media"  # the reader takes "/media/foto.jpg" as media/foto.jpg


# The list an editor opens shows the newest first: what they work on is this week's, not 2015's.
_NEWEST_FIRST = [{"field": "date", "default_sort": "desc"}, "title"]


def cms_config(vocab, settings: CmsSettings, summary_length: int) -> dict:
    """The whole config: backend, media folder, and one collection of releases and one per series."""
    root = "" if settings.local_backend else settings.content_path.strip("/") + "/"
    choices = {
        "agencies": [(a.slug, a.name) for a in vocab.agencies.values()],
        "themes": [(t.slug, t.name) for t in vocab.themes.values()],
    }
    widgets = _Widgets(choices, summary_length)
    media = f"/{root}media"
    collections = [
        {
            **_collection("rilis", "Rilis", root + schema.RELEASE.folder, media, "{{year}}/{{month}}/{{slug}}"),
            "description": "Siaran pers, berita, klarifikasi dan pengumuman.",
            "sortable_fields": _NEWEST_FIRST,
            "summary": "{{title}} ({{date}})",
            "fields": widgets.fields(schema.RELEASE),
        }
    ]
    for series in vocab.series.values():
        fields = widgets.fields(schema.SESSION, fixed={"series": series.slug})
        collections.append(
            {
                **_collection(
                    f"sesi-{series.slug}", f"Sesi: {series.name}", f"{root}{schema.SESSION.folder}/{series.slug}", media
                ),
                "path": "{{year}}-{{month}}-{{day}}",
                "description": f"Sesi seri {series.name}; berkas disimpan sebagai sessions/{series.slug}/TANGGAL.md.",
                "sortable_fields": _NEWEST_FIRST,
                "summary": "{{title}} ({{date}})",
                "fields": fields,
            }
        )
    return {
        "locale": "id",
        "backend": _backend(settings),
        "publish_mode": "simple",
        "media_folder": root + "media",
        "public_folder": MEDIA_PUBLIC,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }


def api_origins(settings: CmsSettings) -> list[str]:
    """Where the editor's page may send requests: the local backend, or the office's Git service."""
    if settings.local_backend:
        given = [settings.local_backend]
    else:
        default = {"github": "https://api.github.com", "gitlab": "https://gitlab.com", "gitea": ""}[settings.backend]
        given = [default, settings.base_url, settings.api_root]
    return sorted({"/".join(url.split("/")[:3]) for url in given if url})


def _collection(name: str, label: str, folder: str, media: str, path: str = "") -> dict:
    found = {"name": name, "label": label, "label_singular": label.split(":")[0], "folder": folder}
    # Uploads go to media/ ("/" is the repository's root): Decap puts them beside the entry otherwise.
    found.update({"media_folder": media, "public_folder": MEDIA_PUBLIC})
    found.update({"create": True, "extension": "md", "format": "frontmatter"})
    if path:
        found["path"] = path
    return found


def _backend(settings: CmsSettings) -> dict:
    """The local backend while previewing; else the office's GitHub, GitLab or Gitea."""
    if settings.local_backend:
        return {"name": "proxy", "proxy_url": settings.local_backend, "branch": settings.branch}
    backend = {"name": settings.backend, "repo": settings.repo, "branch": settings.branch}
    if settings.backend != "github":
        backend.update({"auth_type": "pkce", "app_id": settings.app_id})
    for key in ("base_url", "api_root"):
        if getattr(settings, key):
            backend[key] = getattr(settings, key)
    return backend


class _Widgets:
    """Schema fields as Decap widgets."""

    def __init__(self, choices: dict, summary_length: int) -> None:
        self.choices, self.summary_length = choices, summary_length

    def fields(self, kind: schema.Kind, fixed: dict | None = None) -> list[dict]:
        fixed = fixed or {}
        out = []
        for field in kind.fields:
            if field.name in fixed:
                out.append({"name": field.name, "label": field.label, "widget": "hidden", "default": fixed[field.name]})
            elif field.editor:
                out.append(self.widget(field))
        return out

    def widget(self, field: schema.Field) -> dict:
        found = {"name": field.name, "label": field.label, "required": field.required}
        if field.help:
            found["hint"] = field.help
        if field.default is not None:
            found["default"] = field.default
        found.update(getattr(self, "_" + field.kind)(field))
        return found

    def _text(self, field: schema.Field) -> dict:
        limit = self.summary_length if field.setting == "summary_length" else field.max_len
        found = {"widget": "text" if field.setting == "summary_length" else "string"}
        pattern = _pattern(field.pattern, field.pattern_help, limit)
        if pattern:
            found["pattern"] = pattern
        if field.name == "image_alt":
            found["widget"] = "warta-alt"  # required when image is set (warta-cms.js)
        return found

    def _markdown(self, field: schema.Field) -> dict:
        # No code blocks: press releases have none, and fenced code reads oddly in feeds.
        return {"widget": "markdown", "editor_components": ["image"], "modes": ["rich_text", "raw"]}

    def _datetime(self, field: schema.Field) -> dict:
        found = {"widget": "datetime", "format": DATE_FORMAT, "date_format": "DD-MM-YYYY", "time_format": "HH:mm"}
        found["picker_utc"] = False
        return found

    def _choice(self, field: schema.Field) -> dict:
        return {"widget": "select", "options": [{"label": v, "value": k} for k, v in field.choices.items()]}

    def _slugs(self, field: schema.Field) -> dict:
        options = [{"label": name, "value": slug} for slug, name in self.choices[field.vocabulary]]
        return {"widget": "select", "multiple": True, "min": 1 if field.required else 0, "options": options}

    def _media(self, field: schema.Field) -> dict:
        return {"widget": "image" if field.name == "image" else "file", "choose_url": False}

    def _records(self, field: schema.Field) -> dict:
        items = [self.widget(item) for item in field.items]
        return {"widget": "list", "fields": items, "summary": "{{fields." + field.items[0].name + "}}"}

    def _object(self, field: schema.Field) -> dict:
        items = [self.widget(item) for item in field.items]
        if not field.required:
            # Decap checks an optional object's own required fields even when it is left empty (and then
            # refuses to save): in the form they are optional; a half-filled one is refused by the build.
            items = [{**item, "required": False} for item in items]
        return {"widget": "object", "collapsed": True, "fields": items}

    def _list(self, field: schema.Field) -> dict:
        return {"widget": "list"}


def _pattern(pattern: str, help_text: str, limit: int | None) -> list[str] | None:
    """A Decap pattern, [regex, message], for a pattern and a length; both when the field has both."""
    if not pattern and not limit:
        return None
    if not pattern:
        return [f"^[\\s\\S]{{0,{limit}}}$", f"Harus paling banyak {limit} karakter."]
    length = f"(?=[\\s\\S]{{0,{limit}}}$)" if limit else ""
    body = f"(?:{pattern})"
    messages = [help_text] + ([f"paling banyak {limit} karakter"] if limit else [])
    regex = f"^{length}{body}$"
    re.compile(regex)  # a pattern the schema declares must also be one Python takes
    return [regex, "Harus " + "; ".join(messages) + "."]
