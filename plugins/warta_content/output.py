"""What every page-writing Warta generator shares: the archive, pagination, JSON-LD."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import partial

from markupsafe import Markup
from pelican.generators import Generator


@dataclass(frozen=True)
class Pagination:
    """One page of a listing; page 1 lives at ``base``, page N at ``base/hal/N/``."""

    base: str
    number: int
    count: int
    items: list
    total: int
    per_page: int

    @staticmethod
    def url_of(base: str, number: int) -> str:
        return base if number == 1 else f"{base}hal/{number}/"

    @property
    def url(self) -> str:
        return self.url_of(self.base, self.number)

    @property
    def prev_url(self) -> str | None:
        return self.url_of(self.base, self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url_of(self.base, self.number + 1) if self.number < self.count else None

    @property
    def first_index(self) -> int:
        return (self.number - 1) * self.per_page + 1

    def window(self, around: int = 2) -> list[int | None]:
        """Page numbers for the bar: first, last and a few around this one; None is a gap."""
        keep = {1, self.count, *range(self.number - around, self.number + around + 1)}
        numbers = sorted(n for n in keep if 1 <= n <= self.count)
        out: list[int | None] = []
        for n in numbers:
            if out and n - out[-1] > 1:
                out.append(None)
            out.append(n)
        return out


def paginate(base: str, items: list, per_page: int) -> list[Pagination]:
    """Split ``items`` into pages; an empty listing still gets its first page."""
    count = max(1, math.ceil(len(items) / per_page))
    return [
        Pagination(base, n, count, items[(n - 1) * per_page : n * per_page], len(items), per_page)
        for n in range(1, count + 1)
    ]


def jsonld(data) -> Markup:
    """JSON for a ``<script type="application/ld+json">``, safe against ``</script>``.

    Markup, so that autoescape leaves it as it is: no ``<``, ``>`` or ``&`` can remain to escape.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def breadcrumb_jsonld(crumbs: list[tuple[str, str]], abs_url) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": abs_url(url)}
            for i, (name, url) in enumerate(crumbs, 1)
        ],
    }


class WartaGenerator(Generator):
    """Base for generators that write pages from the archive through Pelican's writer."""

    pelican = None  # this build's Pelican object, when the class was made by ``bind_build``

    @classmethod
    def bind_build(cls, pelican) -> type:
        """A subclass that knows this build's Pelican object, for capabilities that finish at ``finalized``.

        Pelican hands ``finalized`` only the Pelican object, so findings made while writing are left there.
        """
        return type(cls.__name__, (cls,), {"pelican": pelican})

    @property
    def archive(self):
        return self.context["archive"]

    def generate_context(self) -> None:
        """Page writers add nothing to the context."""

    def write_page(self, url: str, template: str, crumbs=(), reuse: bool = False, **kwargs) -> None:
        """Write ``url/index.html``; ``crumbs`` are (name, url) pairs after Beranda.

        ``reuse``: the page shows only what it is handed (no archive-wide counts or lists), so
        it may be linked from the published site when its inputs have not changed.
        """
        trail = [("Beranda", ""), *crumbs]
        abs_url = self.env.globals["abs_url"]
        ld = [*kwargs.pop("jsonld", []), breadcrumb_jsonld(trail, abs_url)] if crumbs else kwargs.pop("jsonld", [])
        path = url + "index.html" if not url.endswith((".html", ".xml", ".txt")) else url
        self.write_file(
            path, template, reuse=reuse, page_url=url, breadcrumbs=trail if crumbs else [], jsonld=ld, **kwargs
        )

    def write_paginated(self, base: str, template: str, items: list, per_page: int, crumbs=(), **kwargs) -> None:
        for page in paginate(base, items, per_page):
            trail = list(crumbs)
            if page.number > 1:
                trail.append((f"Halaman {page.number}", page.url))
            self.write_page(page.url, template, crumbs=trail, pagination=page, **kwargs)

    @property
    def output(self):
        """This build's OutputRecord (output_record.py): every file written, and the published site's."""
        return self.context["warta_output"]

    def write_file(self, path: str, template, reuse: bool = False, **kwargs) -> None:
        """Render ``template`` (a name, or a Template) with the context and ``kwargs`` into ``path``.

        With ``reuse``, the published file is linked instead when the inputs are unchanged.
        """
        name = template if isinstance(template, str) else template.name
        linked, key = self.output.reused_or_key(name, path, kwargs) if reuse else (False, None)
        if not linked:
            self.render_file(path, template, key, **kwargs)

    def write_text(self, path: str, make, **inputs) -> None:
        """Write the text ``make()`` returns, made from ``inputs`` (and what the build-wide digest
        covers) alone; when they are unchanged the published file is linked and ``make`` never runs.

        The text is made after the pages are written (OutputRecord.render's ``last``), so feeds and
        data files do not hold up the pages search is waiting for; all of this writer's texts by
        one worker, as they may share what they make.
        """
        linked, key = self.output.reused_or_key("", path, inputs)
        if not linked:
            self.output.render(path, make, key, last=type(self).__name__)

    def render_file(self, path: str, template, key=None, **kwargs) -> None:
        """Render and write; every output file goes through here and the OutputRecord, which keeps
        its digest and refuses a second write of one path. ``key``: see OutputRecord.render."""
        if isinstance(template, str):
            template = self.get_template(template.removesuffix(".html"))
        self.output.render(path, partial(_render, template, self.context, kwargs), key)


def _render(template, context: dict, values: dict) -> str:
    return template.render({**context, **values})
