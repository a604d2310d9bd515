"""Filters and globals every Warta template can use: Indonesian dates and site URLs."""

from __future__ import annotations

from datetime import datetime

from babel import Locale
from babel.dates import format_datetime

from .fields import Day

_ZONES = {7: "WIB", 8: "WITA", 9: "WIT"}


def zone_name(dt: datetime) -> str:
    hours = dt.utcoffset().total_seconds() / 3600
    return _ZONES.get(int(hours), f"UTC{hours:+g}") if hours.is_integer() else f"UTC{hours:+g}"


# The patterns Warta shows, written out from Babel's Indonesian day and month names: a date is shown
# on its release's page, in every listing and in other releases' "Baca juga", and Babel takes ~15 µs
# a call where these take ~1 µs. tests/test_render.py checks them against Babel for every day of a year.
_ID = Locale.parse("id")
_DAYS = [_ID.days["format"]["wide"][n] for n in range(7)]  # 0 = Senin, as datetime.weekday()
_MONTHS = [""] + [_ID.months["format"]["wide"][n] for n in range(1, 13)]
_PATTERNS = {
    "EEEE, d MMMM y, HH.mm": lambda t: f"{_DAYS[t.weekday()]}, {t.day} {_MONTHS[t.month]} {t.year}, {t:%H.%M}",
    "d MMMM y": lambda t: f"{t.day} {_MONTHS[t.month]} {t.year}",
    "EEEE, d MMMM y": lambda t: f"{_DAYS[t.weekday()]}, {t.day} {_MONTHS[t.month]} {t.year}",
    "HH.mm": lambda t: f"{t:%H.%M}",
}


def _fmt(dt: datetime, pattern: str) -> str:
    """``dt`` in its own zone, as Babel's ``format_datetime`` writes ``pattern`` in Indonesian."""
    written = _PATTERNS.get(pattern)
    return written(dt) if written is not None else format_datetime(dt, pattern, tzinfo=dt.tzinfo, locale="id")


def tanggal_lengkap(dt: datetime) -> str:
    """'Selasa, 22 Maret 2022, 10.00 WIB'; 'Selasa, 22 Maret 2022' for a date written without a time."""
    if isinstance(dt, Day):
        return hari_tanggal(dt)
    return f"{_fmt(dt, 'EEEE, d MMMM y, HH.mm')} {zone_name(dt)}"


def tanggal(dt: datetime) -> str:
    """'22 Maret 2022'."""
    return _fmt(dt, "d MMMM y")


def hari_tanggal(dt: datetime) -> str:
    """'Rabu, 23 Maret 2022'."""
    return _fmt(dt, "EEEE, d MMMM y")


def jam(dt: datetime) -> str:
    """'20.00'."""
    return _fmt(dt, "HH.mm")


def nama_bulan(month: int, year: int | None = None) -> str:
    """'Maret' or 'Maret 2022'."""
    name = format_datetime(datetime(year or 2000, month, 1), "MMMM", locale="id")
    return f"{name} {year}" if year else name


def angka(value: int) -> str:
    """Thousands with a dot, as Indonesians write them: '7.135'."""
    return f"{value:,}".replace(",", ".")


def detik(seconds: float) -> str:
    """Seconds to a tenth with a decimal comma, as every line of Warta's output writes them: '2,1'."""
    return f"{seconds:.1f}".replace(".", ",")


class Remembered:
    """``remembered(macro, *args)`` in a template: the macro's output for these arguments, made once.

    A release's card appears on every listing that holds it (its agencies', themes', type's, year's)
    and under "Baca juga": about eight times per release. The arguments count by identity (archive
    entries are not changed while a build renders) and are kept alive, so an id is never reused.
    Only for macros that read nothing but their arguments, globals and filters: not the page.
    """

    def __init__(self) -> None:
        self.made: dict[tuple, tuple] = {}

    def __call__(self, macro, *args):
        key = (macro.name, *map(id, args))
        found = self.made.get(key)
        if found is None:
            found = self.made[key] = (args, macro(*args))
        return found[1]


def abs_url_for(settings: dict):
    """``abs_url(path)``: the page's full public address (SITE_PUBLIC_URL, else SITEURL), as in
    canonical links, feeds and the sitemap; what the templates and the output check both use."""
    public = (settings.get("SITE_PUBLIC_URL") or settings.get("SITEURL", "")).rstrip("/")
    return lambda path="": f"{public}/{path}"


def install(env, settings: dict, remembered: Remembered | None = None) -> None:
    """Add Warta's filters and URL helpers to a generator's Jinja environment; ``remembered``, the
    build's one cache of macro output, shared by every generator (a release's card is the same on
    its listings, made by one, as under "Baca juga", made by another)."""
    siteurl = settings.get("SITEURL", "").rstrip("/")
    env.filters.update(
        tanggal_lengkap=tanggal_lengkap,
        tanggal=tanggal,
        hari_tanggal=hari_tanggal,
        jam=jam,
        angka=angka,
        zona=zone_name,
    )
    env.globals.update(
        nama_bulan=nama_bulan,
        remembered=remembered if remembered is not None else Remembered(),
        url=lambda path="": f"{siteurl}/{path}",
        abs_url=abs_url_for(settings),
    )
