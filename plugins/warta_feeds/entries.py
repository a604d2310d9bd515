"""Feed entries for releases and sessions, each built once and shared by every feed listing it."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import lxml.html
from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseEntryExtension
from warta_content import WIB, ByObject, Release, Session


def youtube_watch(video: str, at: int = 0) -> str:
    """The plain YouTube page of a recording, optionally from ``at`` seconds in."""
    return f"https://www.youtube.com/watch?v={video}" + (f"&t={at}s" if at else "")


def session_updated(session: Session):
    """When a session's entry last changed, from its content alone: its end once it has a recording.

    Sessions keep no change log, and when the recording was added is not in the content. Its end is
    the earliest a recording can exist, is later than the start (the entry's ``published``), and stays
    the same in every later build, so adding ``youtube`` moves ``updated`` once, and only then; the
    entry's id never changes. A build is no clock: "now" would change every entry at every build.
    """
    return session.end if session.youtube else session.date


def absolute_links(fragment: str, base: str) -> str:
    """Resolve every href/src in an HTML fragment against ``base``, the page the fragment is shown on.

    Feed readers show content away from the site, where a root-relative image or link
    would point at the reader's own host. A fragment whose every address is absolute comes back
    as it is, without a parse: most of the archive's releases link nowhere but through the feed
    templates, which write absolute addresses already.
    """
    if not _RELATIVE.search(fragment):
        return fragment
    wrapper = lxml.html.fragment_fromstring(fragment, create_parent="div")
    wrapper.make_links_absolute(base, resolve_base_href=False)
    html = lxml.html.tostring(wrapper, encoding="unicode", method="html")
    return html.removeprefix("<div>").removesuffix("</div>")


# An address that is not absolute (no scheme: root-relative, relative, #fragment or //host), in
# the only attributes a feed fragment can hold one in: nh3 keeps no other URL attribute in bodies
# and writes every attribute in double quotes, as the feed templates do.
_RELATIVE = re.compile(r'\s(?:href|src)="(?![A-Za-z][A-Za-z0-9+.-]*:)')


class AtomLinkAttributes(BaseEntryExtension):
    """Puts rel, type, title and length back on an Atom entry's links.

    feedgen 1.0.0 writes only ``href`` for entry links (lkiesow/python-feedgen#135), which
    turns the enclosure into a second alternate link. Drop this once feedgen writes them.
    """

    def __init__(self):
        self.links: list[dict] = []

    def extend_atom(self, entry):
        for element, link in zip(entry.findall("link"), self.links, strict=True):
            for name in ("rel", "type", "hreflang", "title", "length"):
                if link.get(name):
                    element.set(name, link[name])
        return entry


class SharedEntry(FeedEntry):
    """A FeedEntry that builds its Atom ``<entry>`` and RSS ``<item>`` once, for every feed listing it.

    feedgen builds both anew for each feed, and a recent release is in six or more (the site's, its
    agencies', themes', type's, government's). lxml moves an element into the tree it is appended
    to; each feed is written out in full before the next one takes the element, so every feed
    writes the same element the same way.
    """

    def __init__(self) -> None:
        super().__init__()
        self._built: dict[str, object] = {}

    def atom_entry(self, extensions: bool = True):
        return self._once(super().atom_entry, extensions)

    def rss_entry(self, extensions: bool = True):
        return self._once(super().rss_entry, extensions)

    def _once(self, build, extensions: bool):
        key = (build.__name__, extensions)
        if key not in self._built:
            self._built[key] = build(extensions)
        return self._built[key]


class EntryMaker:
    """Builds the FeedEntry of a release or session; ``render(template, **kw)`` gives its HTML content."""

    def __init__(self, render: Callable[..., str], abs_url: Callable[[str], str]):
        self.render, self.abs_url = render, abs_url
        self._made: ByObject[FeedEntry] = ByObject()

    def entry(self, item: Release | Session) -> FeedEntry:
        """The item's entry; the same object for every feed that lists it."""
        made = self._made.get(item)
        if made is None:
            made = self._session(item) if isinstance(item, Session) else self._release(item)
            made.warta_links.links = made.link()
            self._made.put(item, made)
        return made

    def _common(self, item: Release | Session) -> tuple[FeedEntry, str]:
        entry = SharedEntry()
        entry.register_extension("warta_links", AtomLinkAttributes, atom=True, rss=False)
        entry.id(item.source_id)
        # A withdrawn release stays in feeds (readers have it), marked where a reader looks first.
        entry.title(f"[Dicabut] {item.title}" if getattr(item, "withdrawn", None) else item.title)
        page = self.abs_url(item.url)
        entry.link(href=page, rel="alternate", type="text/html")
        entry.author([self._person(a) for a in item.agencies])
        entry.category(
            [{"term": a.slug, "label": a.name, "scheme": self.abs_url("instansi/")} for a in item.agencies]
            + [{"term": t.slug, "label": t.name, "scheme": self.abs_url("tema/")} for t in item.themes]
        )
        # Plain text, and RSS readers show <description> as HTML: escape it, and say so to Atom.
        entry.summary(html.escape(item.summary, quote=False), type="html")
        return entry, page

    def _person(self, agency) -> dict:
        person = {"name": agency.name, "uri": self.abs_url(agency.url)}
        if agency.email:
            person["email"] = agency.email
        return person

    def _release(self, release: Release) -> FeedEntry:
        entry, page = self._common(release)
        entry.published(release.date.astimezone(WIB))
        entry.updated(release.modified.astimezone(WIB))  # the change log's time, else the publication's
        entry.content(absolute_links(self.render("feed_release.html", release=release), page), type="html")
        if release.image:
            image = release.image
            entry.enclosure(self.abs_url(image.url), image.size, image.mime)
        return entry

    def _session(self, session: Session) -> FeedEntry:
        entry, page = self._common(session)
        entry.published(session.date.astimezone(WIB))
        entry.updated(session_updated(session).astimezone(WIB))
        if session.youtube:
            entry.link(href=youtube_watch(session.youtube), rel="related", type="text/html", title="Rekaman")
        html = self.render("feed_session.html", session=session, watch=youtube_watch)
        entry.content(absolute_links(html, page), type="html")
        return entry
