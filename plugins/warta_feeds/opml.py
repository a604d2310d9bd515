"""OPML 2.0 bundles: subscribe a newsroom's reader to many feeds in one import."""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from .catalogue import Feed


def opml_document(title: str, folders: list[tuple[str, list[Feed]]], abs_url: Callable[[str], str]) -> str:
    """An OPML file with one folder (outline) per group; each feed is listed by its RSS address.

    RSS rather than Atom because every reader and newsroom tool takes it; one address per
    listing so that an import does not subscribe to everything twice.
    """
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    body = etree.SubElement(root, "body")
    for name, feeds in folders:
        if not feeds:
            continue
        folder = etree.SubElement(body, "outline", text=name, title=name)
        for feed in feeds:
            etree.SubElement(
                folder,
                "outline",
                type="rss",
                text=feed.title,
                title=feed.title,
                xmlUrl=abs_url(feed.rss),
                htmlUrl=abs_url(feed.base),
                language="id",
            )
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8").decode("utf-8")
