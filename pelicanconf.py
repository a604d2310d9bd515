"""Warta's Pelican settings for building and previewing the site.

Build any content folder laid out as SPEC.md describes with
``pelican PATH -s pelicanconf.py -o OUT`` from the repository root.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # so that PLUGINS below import as plain packages

SITENAME = "Warta"
SITESUBTITLE = "Arsip berita dan siaran pers pemerintah daerah"
SITEURL = ""  # links stay root-relative while previewing; publishconf.py sets the real one
SITE_PUBLIC_URL = "https://warta.example"  # for canonical URLs, Open Graph, feeds and sitemap
SITE_NOTICE = "Contoh arsip — data demonstrasi"  # shown in every footer; empty for a real archive
PATH = "content"
TIMEZONE = "Asia/Jakarta"
DEFAULT_LANG = "id"
THEME = str(ROOT / "theme")
CACHE_PATH = str(ROOT / ".cache")

PLUGIN_PATHS = [str(ROOT / "plugins")]
PLUGINS = [
    "warta_content",  # reads and checks content/, first: everything else uses its archive
    "warta_pages",  # home, release pages, static pages, 404
    "warta_listings",  # agencies, themes, types, governments, date archive
    "warta_sitemap",  # sitemap.xml and robots.txt
    "warta_publish",  # last: builds into OUT.staging and swaps it in only when all of the above succeeded
]

WARTA_CONTENT = {
    "summary_length": 300,
    "related_count": 4,
}
WARTA_LISTINGS = {
    "per_page": 20,
    "home_releases": 10,
}

# Warta reads content/ itself (warta_content); Pelican's own article and page
# readers, listings and feeds are switched off so nothing is written twice.
ARTICLE_PATHS = []
PAGE_PATHS = []
STATIC_PATHS = ["media"]
DIRECT_TEMPLATES = []
PAGINATED_TEMPLATES = {}
ARTICLE_SAVE_AS = ""
PAGE_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
TAG_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAGS_SAVE_AS = ""
INDEX_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
FEED_ATOM = None
FEED_RSS = None
CATEGORY_FEED_ATOM = None
TAG_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
DELETE_OUTPUT_DIRECTORY = False
LOAD_CONTENT_CACHE = False
RELATIVE_URLS = False
TEMPLATE_EXTENSIONS = [".html", ""]  # so that sitemap.xml and robots.txt are templates too
READERS = {"rst": None, "html": None, "htm": None}  # warta_content reads content/ itself
