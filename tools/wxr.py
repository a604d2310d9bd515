"""A synthetic WordPress export (WXR 1.2) of N posts, for measuring `invoke import` at archive scale.

    .venv/bin/python -m tools.wxr --posts 10000 --out /tmp/wxr-10000.xml

Posts are spread over eight years, in five categories and twenty tags, by three authors, with
Gutenberg block comments, [caption] and [embed] shortcodes and a link to a PDF; one post in fifty is
a draft and one in a hundred is in the trash. Image and PDF addresses point at an unreachable host:
the measurement runs with --no-media (no downloads), as the README says.
"""

from __future__ import annotations

import argparse
import random
from datetime import datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

CATEGORIES = [
    ("kesehatan", "Kesehatan"),
    ("infrastruktur", "Infrastruktur"),
    ("pengumuman", "Pengumuman"),
    ("literasi-digital", "Literasi Digital"),
    ("dinas-kesehatan", "Dinas Kesehatan"),
]
AUTHORS = ["humas", "dinkes", "pupr"]
WORDS = [
    "warga",
    "kota",
    "pelayanan",
    "dinas",
    "program",
    "kegiatan",
    "kecamatan",
    "kelurahan",
    "bantuan",
    "jalan",
    "sekolah",
    "puskesmas",
    "pemerintah",
    "daerah",
    "anggaran",
    "pembangunan",
    "masyarakat",
    "informasi",
    "digital",
    "kesehatan",
]
SITE = "http://lama.invalid"


def body(rng: random.Random, n: int) -> str:
    paragraphs = [" ".join(rng.choices(WORDS, k=rng.randint(30, 70))).capitalize() + "." for _ in range(4)]
    blocks = [f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->" for p in paragraphs]
    blocks.insert(
        1,
        f'[caption id="attachment_{n}" width="300"]<img src="{SITE}/wp-content/uploads/foto-{n}.jpg" '
        f'alt="Foto kegiatan {n}" /> Kegiatan warga[/caption]',
    )
    if n % 5 == 0:
        blocks.append("[embed]https://www.youtube.com/watch?v=dQw4w9WgXcQ[/embed]")
    blocks.append(f'<p>Unduh <a href="{SITE}/wp-content/uploads/surat-{n}.pdf">surat edaran</a>.</p>')
    return "\n\n".join(blocks)


def item(rng: random.Random, n: int, when: datetime) -> str:
    title = f"{' '.join(rng.choices(WORDS, k=6)).title()} {n}"
    slug = f"berita-{n}"
    status = "trash" if n % 100 == 0 else "draft" if n % 50 == 0 else "publish"
    categories = (
        "".join(
            f'<category domain="category" nicename="{key}"><![CDATA[{name}]]></category>'
            for key, name in rng.sample(CATEGORIES, 2)
        )
        + f'<category domain="post_tag" nicename="tag-{n % 20}"><![CDATA[Tag {n % 20}]]></category>'
    )
    gmt = when - timedelta(hours=7)
    return f"""
	<item>
		<title><![CDATA[{escape(title)}]]></title>
		<link>{SITE}/{when:%Y/%m/%d}/{slug}/</link>
		<dc:creator><![CDATA[{AUTHORS[n % 3]}]]></dc:creator>
		<guid isPermaLink="false">{SITE}/?p={n}</guid>
		<content:encoded><![CDATA[{body(rng, n)}]]></content:encoded>
		<excerpt:encoded><![CDATA[]]></excerpt:encoded>
		<wp:post_id>{n}</wp:post_id>
		<wp:post_date><![CDATA[{when:%Y-%m-%d %H:%M:%S}]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[{gmt:%Y-%m-%d %H:%M:%S}]]></wp:post_date_gmt>
		<wp:post_name><![CDATA[{slug}]]></wp:post_name>
		<wp:status><![CDATA[{status}]]></wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		{categories}
	</item>"""


def write(posts: int, out: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    start, span = datetime(2017, 1, 1, 8), timedelta(days=8 * 365)
    with out.open("w", encoding="utf-8") as f:
        f.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n'
            f"<channel>\n\t<title>Situs lama</title>\n\t<wp:wxr_version>1.2</wp:wxr_version>\n"
            f"\t<wp:base_site_url>{SITE}</wp:base_site_url>\n"
        )
        for n in range(1, posts + 1):
            when = start + span * (n / posts) + timedelta(minutes=rng.randint(0, 600))
            f.write(item(rng, n, when))
        f.write("\n</channel>\n</rss>\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    write(args.posts, args.out)


if __name__ == "__main__":
    main()
