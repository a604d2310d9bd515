"""One listing's RSS 2.0 and Atom 1.0 documents, built with feedgen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

from .catalogue import Feed


def feed_updated(entries: list[FeedEntry], fallback: datetime) -> datetime:
    """The newest item's time, so that an unchanged archive gives byte-identical feeds.

    An empty feed takes ``fallback`` (a time fixed by the archive, never the clock).
    """
    return max((e.updated() for e in entries), default=fallback)


def feed_documents(
    feed: Feed, entries: list[FeedEntry], updated: datetime, abs_url: Callable[[str], str], sitename: str
) -> tuple[str, str]:
    """(RSS, Atom) as text; ``entries`` newest first."""
    gen = FeedGenerator()
    gen.title(feed.title)
    gen.description(feed.description or feed.title)
    gen.id(abs_url(feed.atom))
    gen.language("id")
    gen.author({"name": sitename, "uri": abs_url("")})
    gen.updated(updated)  # also RSS lastBuildDate
    gen.pubDate(max((e.published() for e in entries), default=updated))
    for entry in entries:
        gen.add_entry(entry, order="append")
    page = {"href": abs_url(feed.base), "rel": "alternate", "type": "text/html"}
    # feedgen takes the RSS <link> from the last link given and the RSS atom:link from rel="self".
    gen.link([{"href": abs_url(feed.atom), "rel": "self", "type": "application/atom+xml"}, page], replace=True)
    atom = gen.atom_str(pretty=True).decode("utf-8")
    gen.link([{"href": abs_url(feed.rss), "rel": "self", "type": "application/rss+xml"}, page], replace=True)
    rss = gen.rss_str(pretty=True).decode("utf-8")
    return rss, atom
