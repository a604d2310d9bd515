"""A seeded synthetic archive: 3 governments, 40 agencies, 12 themes, 10 session series, N releases.

``plan(releases, seed)`` decides everything (it touches no files); ``tools.formats`` writes the
plan as a Warta content folder and as the same articles for vanilla Pelican. One seed, one
archive, byte for byte.
"""

from __future__ import annotations

import random
import re
import string
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .lexicon import Prose
from .names import AGENCY_KINDS, FAMILY, GIVEN, GOVERNMENTS, IMAGES, ROLES, SERIES_NAMES, THEMES, TYPES

FIRST_DAY = datetime(2015, 1, 1)
LAST_DAY = datetime(2026, 11, 1)  # never after the build time, so no release is an embargo
SERIES_COUNT, SESSIONS_PER_SERIES = 10, 50
IMAGE_SHARE = 0.05


@dataclass
class Entry:
    """One source file: where it goes (same relative path in both corpora), front matter, body."""

    path: str
    meta: dict
    body: str


@dataclass
class Corpus:
    """Everything a synthetic archive holds, decided by ``plan``."""

    seed: int
    governments: list[dict]
    agencies: list[dict]
    themes: list[dict]
    series: list[dict]
    releases: list[Entry] = field(default_factory=list)
    sessions: list[Entry] = field(default_factory=list)
    pages: list[Entry] = field(default_factory=list)


def plan(releases: int, seed: int = 1, series: int = SERIES_COUNT, sessions: int = SESSIONS_PER_SERIES) -> Corpus:
    """The whole archive for ``seed``: vocabulary, ``releases`` releases, ``series`` × ``sessions`` sessions."""
    rng = random.Random(seed)
    governments, agencies, places = _governments_and_agencies()
    corpus = Corpus(
        seed, governments, agencies, [dict(zip(("slug", "name", "description"), t, strict=True)) for t in THEMES], []
    )
    names = [a["short"] for a in agencies] + [p for ps in places.values() for p in ps]
    prose = Prose(rng, names)
    corpus.series = _series(rng, agencies, series)
    corpus.sessions = [s for info in corpus.series for s in _sessions(rng, prose, info, corpus, sessions)]
    slugs: set[str] = set()
    corpus.releases = [_release(rng, prose, corpus, places, slugs, i) for i in range(releases)]
    corpus.pages = [_page(prose, slug, title) for slug, title in _PAGES]
    return corpus


_PAGES = (("tentang", "Tentang Arsip Ini"), ("kontak", "Kontak Redaksi"), ("kebijakan-privasi", "Kebijakan Privasi"))


def _governments_and_agencies() -> tuple[list[dict], list[dict], dict[str, list[str]]]:
    governments, agencies, places = [], [], {}
    for number, (slug, kind, place, towns) in enumerate(GOVERNMENTS):
        short = ("Pemkot " if kind == "Kota" else "Pemkab ") + place
        governments.append({"slug": slug, "name": f"Pemerintah {kind} {place}", "short": short})
        places[slug] = towns.split()
        kinds = AGENCY_KINDS if number == 0 else AGENCY_KINDS[:6] + AGENCY_KINDS[7:]  # 14 + 13 + 13 = 40
        for code, name, short_name in kinds:
            agencies.append(
                {
                    "slug": f"{code}-{slug}",
                    "name": f"{name} {kind} {place}",
                    "short": f"{short_name} {place}",
                    "government": slug,
                    "code": code.upper(),
                }
            )
    return governments, agencies, places


def _series(rng: random.Random, agencies: list[dict], count: int) -> list[dict]:
    hosts = [a for a in agencies if a["slug"].startswith(("humas-", "diskominfo-"))]
    out = []
    for i in range(count):
        host = hosts[i % len(hosts)]
        name = f"{SERIES_NAMES[i % len(SERIES_NAMES)]} {host['short'].split(' ', 1)[1]}"
        hour, minutes = rng.choice((9, 10, 13, 16, 19, 20)), rng.choice((60, 90))
        out.append(
            {
                "slug": _slugify(name),
                "name": name,
                "host": host["slug"],
                "description": rng.choice(("Sesi tanya jawab daring mingguan bersama warga.", "Dialog terbuka.")),
                "weekday": rng.randrange(5),
                "start": (hour, 0),
                "minutes": minutes,
                "first": _day(rng, datetime(2016, 1, 1), datetime(2025, 9, 1)),
            }
        )
    return out


def _sessions(rng: random.Random, prose: Prose, info: dict, corpus: Corpus, count: int) -> list[Entry]:
    first = info["first"] + timedelta(days=(info["weekday"] - info["first"].weekday()) % 7)
    out = []
    for week in range(count):
        start = first.replace(hour=info["start"][0], minute=0) + timedelta(weeks=week)
        topic = prose.phrase(3, 7)
        meta = {
            "title": f"{info['name']}: {topic}",
            "series": info["slug"],
            "date": f"{start:%Y-%m-%d %H:%M}",
            "topic": topic,
            "agencies": _agencies_for_session(rng, corpus, info["host"]),
            "themes": _themes(rng, corpus),
            "speakers": [{"name": _person(rng), "role": role} for role in ROLES[: rng.randint(1, 3)]],
        }
        if rng.random() < 0.9:
            meta["youtube"] = "".join(rng.choice(string.ascii_letters + string.digits + "-_") for _ in range(11))
            meta["chapters"] = _chapters(rng, prose, info["minutes"])
        if rng.random() < 0.5:
            meta["summary"] = prose.sentence()[:280]
        body = _body(rng, prose, rng.randint(200, 700), lead="")
        out.append(Entry(f"sessions/{info['slug']}/{start:%Y-%m-%d}.md", meta, body))
    return out


def _chapters(rng: random.Random, prose: Prose, minutes: int) -> list[dict]:
    marks = sorted(rng.sample(range(1, minutes - 1), rng.randint(2, 5)))
    return [{"at": "00:00", "title": "Pembukaan"}] + [{"at": f"{m:02d}:00", "title": prose.phrase()} for m in marks]


def _agencies_for_session(rng: random.Random, corpus: Corpus, host: str) -> list[str]:
    if rng.random() < 0.5:
        return [host]
    gov = next(a["government"] for a in corpus.agencies if a["slug"] == host)
    other = rng.choice([a["slug"] for a in corpus.agencies if a["government"] == gov and a["slug"] != host])
    return [host, other]


def _release(rng, prose: Prose, corpus: Corpus, places, slugs: set[str], index: int) -> Entry:
    kind = rng.choices(list(TYPES), weights=list(TYPES.values()))[0]
    agency = rng.choice(corpus.agencies)
    agencies = [agency["slug"]]
    if rng.random() < 0.3:
        agencies.append(rng.choice([a["slug"] for a in corpus.agencies if a["government"] == agency["government"]]))
    agencies = list(dict.fromkeys(agencies))
    date = _day(rng, FIRST_DAY, LAST_DAY).replace(hour=rng.randint(7, 17), minute=rng.choice((0, 15, 30, 45)))
    session = rng.choice(corpus.sessions) if corpus.sessions and rng.random() < 0.02 else None
    if session:  # a release about a session comes out the day after it
        date = datetime.strptime(session.meta["date"][:10], "%Y-%m-%d").replace(hour=10) + timedelta(days=1)
    title = prose.title()
    if kind == "klarifikasi":
        title = "Klarifikasi: " + title
    slug = _unique(_slugify(title), slugs)
    location = rng.choice(places[agency["government"]])
    meta = {
        "title": title,
        "date": f"{date:%Y-%m-%d %H:%M}",
        "type": kind,
        "agencies": agencies,
        "themes": _themes(rng, corpus),
        "slug": slug,
        "location": location,
    }
    if session:
        meta["session"] = f"{session.meta['series']}/{session.meta['date'][:10]}"
    if kind == "siaran-pers":
        meta["number"] = f"{index % 1000:03d}/{agency['code']}/{_ROMAN[date.month - 1]}/{date.year}"
    if rng.random() < 0.7:
        meta["summary"] = _summary(prose)
    if rng.random() < IMAGE_SHARE:
        meta["image"] = rng.choice(IMAGES)
        meta["image_alt"] = prose.phrase(4, 9) + "."
        meta["image_credit"] = agency["short"]
    if kind == "klarifikasi" and rng.random() < 0.6:
        meta["claim"] = {
            "text": prose.sentence(),
            "source": "Pesan berantai",
            "rating": rng.choice(("salah", "menyesatkan")),
        }
    target = int(rng.triangular(300, 1350, 650))  # a paragraph may overshoot: stays ≤ 1,500
    body = _body(rng, prose, target, lead=f"{location.upper()} — ")
    return Entry(f"releases/{date:%Y/%m}/{slug}.md", meta, body)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"


_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def _themes(rng: random.Random, corpus: Corpus) -> list[str]:
    return [t["slug"] for t in rng.sample(corpus.themes, rng.choice((1, 1, 2, 2, 3)))]


def _summary(prose: Prose) -> str:
    text = prose.sentence(prose.rng.randint(15, 35))
    return text if len(text) <= 300 else text[:299].rsplit(" ", 1)[0] + "."


def _body(rng: random.Random, prose: Prose, target: int, lead: str) -> str:
    """Paragraphs of 40–120 words with an occasional ``##`` heading and list, about ``target`` words."""
    blocks, count = [], 0
    while count < target:
        text, words = prose.paragraph(rng.randint(40, 120))
        blocks.append((lead if not blocks else "") + text)
        count += words
        roll = rng.random()
        if roll < 0.12 and count < target:
            blocks.append("## " + prose.phrase())
        elif roll < 0.18 and count < target:
            items = [prose.phrase(3, 9) for _ in range(rng.randint(3, 6))]
            blocks.append("\n".join(f"- {item};" for item in items))
            count += sum(len(i.split()) for i in items)
    return "\n\n".join(blocks) + "\n"


def _page(prose: Prose, slug: str, title: str) -> Entry:
    body = "\n\n".join(prose.paragraph(60)[0] for _ in range(3)) + "\n"
    return Entry(f"pages/{slug}.md", {"title": title, "slug": slug}, body)


def _day(rng: random.Random, low: datetime, high: datetime) -> datetime:
    return low + timedelta(days=rng.randrange((high - low).days))


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _slugify(text: str, limit: int = 60) -> str:
    slug = _NOT_SLUG.sub("-", text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


def _unique(slug: str, taken: set[str]) -> str:
    """Vanilla Pelican saves every article at ``{slug}.html``, so slugs are unique archive-wide."""
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    taken.add(candidate)
    return candidate
