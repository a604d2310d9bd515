"""Turn an old post's HTML into clean Markdown: block comments gone, shortcodes handled, media local.

What cannot be made right here is returned as a note for the report (an image without alt text,
a file that could not be fetched, a shortcode Warta does not know): never guessed, never dropped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Comment
from markdownify import MarkdownConverter

from .media import DOCUMENTS, IMAGES, Downloader
from .model import Attachment

MAX_HTML = 2_000_000  # characters: a body larger than this is reported, not converted
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ATTRS = re.compile(r'(\w+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|(\S+))')
_CAPTION = re.compile(r"\[(?:caption|wp_caption)([^\]]*)\](.*?)\[/(?:caption|wp_caption)\]", re.S)
_EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.S)
_GALLERY = re.compile(r"\[gallery([^\]]*)\]")
_MEDIA_SC = re.compile(r"\[(video|audio)([^\]]*)\](?:\s*\[/\1\])?")
_OTHER_SC = re.compile(r"\[(/?)([a-z][a-z0-9_-]*)((?:\s[^\]]*)?)\]")
_BARE_URL = re.compile(r"^\s*(https?://\S+)\s*$", re.M)
_BLOCK = re.compile(r"<(p|div|h[1-6]|ul|ol|table|blockquote|figure|pre)\b", re.I)
_DROP = ("script", "style", "noscript", "form", "input", "button", "select", "textarea", "object", "embed", "svg")
_UNSAFE_LINK = re.compile(r"^\s*(javascript|vbscript|data):", re.I)


@dataclass
class Converted:
    markdown: str
    notes: list[str] = field(default_factory=list)  # what an editor must look at
    missing_alt: list[str] = field(default_factory=list)  # media paths of images without alt text
    media: dict[str, str] = field(default_factory=dict)  # media path → the address it was fetched from


class _Markdown(MarkdownConverter):
    """markdownify, keeping image sources and alt text exactly as given (empty alt stays empty)."""

    def convert_img(self, el, text, parent_tags):
        alt = (el.attrs.get("alt") or "").replace("]", "\\]")
        return f"![{alt}]({el.attrs.get('src', '')})"


def convert(raw: str, attachments: dict[str, Attachment], media: Downloader, parent: str = "") -> Converted:
    """Markdown for a post body; ``parent``: the post's own WordPress id (for a [gallery] without ids)."""
    result = Converted("")
    if len(raw) > MAX_HTML:
        result.notes.append(f"isi terlalu besar ({len(raw):,} karakter); tidak diimpor, salin isinya sendiri")
        return result
    text = _COMMENT.sub("", raw)
    classic = not _BLOCK.search(text)  # written in the classic editor: blank lines are the paragraphs
    text = _shortcodes(text, attachments, parent, result)
    if classic:
        text = _paragraphs(text)
    soup = BeautifulSoup(text, "lxml")  # libxml2: several times faster than html.parser
    _clean(soup, result)
    _localise(soup, attachments, media, result)
    markdown = _Markdown(heading_style="ATX", bullets="-", escape_misc=False).convert_soup(soup)
    result.markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"
    return result


def _attrs(text: str) -> dict[str, str]:
    return {m[1].lower(): html.unescape(m[2] or m[3] or m[4] or "") for m in _ATTRS.finditer(text)}


def _shortcodes(text: str, attachments: dict[str, Attachment], parent: str, result: Converted) -> str:
    text = _CAPTION.sub(_caption, text)
    text = _EMBED.sub(lambda m: _link(m[1].strip()), text)
    text = _GALLERY.sub(lambda m: _gallery(_attrs(m[1]), attachments, parent, result), text)
    text = _MEDIA_SC.sub(lambda m: _link(next(iter(_attrs(m[2]).values()), "")), text)
    # oEmbed: a YouTube (or other) address alone on its line shows as a player in WordPress.
    text = _BARE_URL.sub(lambda m: _link(m[1]), text)

    def other(match: re.Match) -> str:
        if not match[1]:
            result.notes.append(f"shortcode [{match[2]}] tidak dikenal, dibiarkan sebagai teks; sunting isinya")
        return match[0]

    return _OTHER_SC.sub(other, text)


def _caption(match: re.Match) -> str:
    inner = match[2]
    image = re.search(r"(<a\b[^>]*>\s*)?<img\b[^>]*>(\s*</a>)?", inner, re.S)
    caption = _attrs(match[1]).get("caption") or (inner[image.end() :] if image else inner)
    picture = image[0] if image else ""
    return f"<p>{picture}</p><p><em>{caption.strip()}</em></p>"


def _link(url: str) -> str:
    safe = html.escape(url, quote=True)
    return f'<p><a href="{safe}">{safe}</a></p>' if url.startswith(("http://", "https://")) else ""


def _gallery(attrs: dict, attachments: dict[str, Attachment], parent: str, result: Converted) -> str:
    ids = [i.strip() for i in attrs.get("ids", attrs.get("include", "")).split(",") if i.strip()]
    if not ids:
        ids = [a.wp_id for a in attachments.values() if parent and a.parent == parent]
    found = [attachments[i] for i in ids if i in attachments]
    for missing in (i for i in ids if i not in attachments):
        result.notes.append(f"[gallery]: lampiran #{missing} tidak ada di ekspor; gambar itu tidak ikut")
    return "".join(f'<p><img src="{html.escape(a.url)}" alt="{html.escape(a.alt)}"></p>' for a in found)


def _paragraphs(text: str) -> str:
    """WordPress's own rule for classic-editor posts: a blank line starts a paragraph, a newline breaks a line."""
    chunks = [c.strip() for c in re.split(r"\n\s*\n", text) if c.strip()]
    return "".join(c if _BLOCK.match(c) else f"<p>{c.replace(chr(10), '<br>')}</p>" for c in chunks)


def _clean(soup: BeautifulSoup, result: Converted) -> None:
    """Scripts, forms and frames go (a YouTube frame becomes a link); so do javascript: links. One walk."""
    removed = set()
    for tag in soup.find_all(True):  # a tag inside one already taken out is taken out of that one: harmless
        if tag.name == "iframe":
            src = tag.get("src", "")
            tag.replace_with(BeautifulSoup(_link(src), "html.parser") if "youtube" in src else "")
        elif tag.name in _DROP:
            removed.add(tag.name)
            tag.extract()
        elif tag.name == "a" and _UNSAFE_LINK.match(tag.get("href", "")):
            tag.unwrap()
            result.notes.append("tautan javascript:/data: dibuang (teksnya tetap)")
    if removed:
        result.notes.append(f"unsur HTML dibuang dari isi: {', '.join(sorted(removed))}")
    # Text that shows a tag (written &lt;b&gt; in the HTML) must stay text, not become HTML in the Markdown.
    for text in soup.find_all(string=True):
        if isinstance(text, Comment):
            text.extract()
        elif "<" in text:
            text.replace_with(text.replace("&", "&amp;").replace("<", "&lt;"))


def _localise(soup: BeautifulSoup, attachments: dict[str, Attachment], media: Downloader, result: Converted) -> None:
    """Images and linked documents fetched into media/; the alt text kept as written, or looked up."""
    alts = {a.url: a.alt for a in attachments.values() if a.alt}
    for img in soup.find_all("img"):
        src = img.get("src", "")
        alt = " ".join((img.get("alt") or alts.get(src) or alts.get(_full_size(src)) or "").split())
        fetched = media.get(src)
        if not fetched.rel:
            shown = f"[gambar: {alt or src}]"
            result.notes.append(
                f"gambar {src} tidak diimpor: {fetched.error}; di isinya kini tertulis {shown}: unggah gambarnya "
                "ke media/ lalu ganti tulisan itu dengan ![teks alt](/media/nama-berkas.jpg)"
            )
            img.replace_with(soup.new_string(shown))
            continue
        img.attrs = {"src": "/" + fetched.rel, "alt": alt}
        result.media[fetched.rel] = src
        if not alt:
            result.missing_alt.append(fetched.rel)
    for link in soup.find_all("a"):
        href = link.get("href", "")
        if PurePosixPath(urlsplit(href).path).suffix.lower() in DOCUMENTS | IMAGES:
            fetched = media.get(href)
            if fetched.rel:
                link["href"] = "/" + fetched.rel
                result.media[fetched.rel] = href
            else:
                result.notes.append(f"berkas {href} tidak diimpor: {fetched.error}; tautan ke situs lama dibiarkan")


def _full_size(src: str) -> str:
    """WordPress's resized copies (foto-300x200.jpg) carry the alt text of the original."""
    return re.sub(r"-\d+x\d+(\.\w+)$", r"\1", src)
