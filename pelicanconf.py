"""Warta's Pelican settings for building and previewing the site.

Build any content folder laid out as SPEC.md describes with
``pelican PATH -s pelicanconf.py -o OUT`` from the repository root.
"""

import sys
from pathlib import Path

from jinja2 import select_autoescape

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
    "warta_sessions",  # /sesi/: series and session pages, click-to-play recordings, .ics calendars
    "warta_feeds",  # RSS and Atom beside every listing, /umpan/ and OPML, autodiscovery links
    "warta_opendata",  # /data/: berita.json and berita.csv, the open-data export (UU 14/2008)
    "warta_search",  # /cari/ and the Pagefind index of every release, session and page (runs before publish swaps)
    "warta_cms",  # /admin/: the web editor (Decap CMS), only when WARTA_CMS turns it on
    "warta_redirects",  # aliases: a redirect page at every old address, and nginx-redirects.conf for 301s
    "warta_import",  # nginx-query-redirects.conf: 301s for imported old addresses with a query (/?p=123)
    "warta_sitemap",  # sitemap.xml and robots.txt
    "warta_manifest",  # checks every entry has one page, in the sitemap, listings, open data and search index
    "warta_publish",  # last: builds into OUT.staging and swaps it in only when all of the above succeeded
]

WARTA_CONTENT = {
    "summary_length": 300,
    "related_count": 4,
    "id_authority": "warta.example",  # host in release ids (tag: URIs); set once at launch, never change
}
WARTA_PAGES = {
    "home_releases": 10,
    "home_sessions": 3,
}
WARTA_LISTINGS = {
    "per_page": 20,
    "listing_sessions": 5,
}
WARTA_FEEDS = {
    "items": 50,  # newest items in each feed
}
WARTA_SEARCH = {
    "per_page": 10,  # results on /cari/ at first and per "Muat lebih banyak"
    # The index is built in shards of whole years (README, "Search"); defaults chosen by measurement:
    # "shard_min_pages": 2000,  # join consecutive years until a shard holds this many pages
    # "shard_max_pages": 2500,  # split a bigger year by month; also caps the pages Pagefind holds at once
    # "binary": "/path/to/pagefind",  # default: the Pagefind pinned in requirements.txt
}
WARTA_OPENDATA = {
    # The terms /data/ states; a real archive sets its own (sample data here).
    "licence": "CC BY 4.0",
    "licence_url": "https://creativecommons.org/licenses/by/4.0/deed.id",
}
# The web editor at /admin/ (README, "Menulis lewat peramban"): off in the public build until the office
# connects its repository; `invoke serve --cms` turns it on locally, on the working copy.
WARTA_CMS = {
    "enabled": False,
    # "backend": "github",  # or "gitlab", "gitea"
    # "repo": "humas-kota/warta",
    # "branch": "main",
    # "base_url": "https://oauth.example.go.id",  # GitHub: the office's OAuth gateway
    # "app_id": "…",  # GitLab, Gitea: the OAuth application's id (PKCE, no secret)
}
WARTA_SESSIONS = {
    "per_page": 20,  # sessions per page of a series
    "index_upcoming": 10,  # next sessions across all series on /sesi/
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
# Pelican's Jinja does not escape by default: every value from content (titles, names, alt
# text) must be escaped in HTML and XML; sanitised bodies and JSON-LD arrive as Markup.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
    # Every build (and each preview rebuild) makes new environments: templates need no
    # re-checking on disk for each of the 15,000 pages a build renders.
    "auto_reload": False,
    "autoescape": select_autoescape(enabled_extensions=("html", "xml"), default_for_string=True),
}
READERS = {"rst": None, "html": None, "htm": None}  # warta_content reads content/ itself
