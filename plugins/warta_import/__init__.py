"""Import an existing newsroom (WordPress export, RSS/Atom feed, saved pages): ``invoke import``.

At build time this capability only writes nginx-query-redirects.conf, the 301s for the old
addresses with a query (``/?p=123``) that the importer recorded (see queries.py).
"""

from pelican import signals

from .queries import QueryRedirects


def _generators(pelican):
    return QueryRedirects


def register():
    # A generator of its own, writing through the output record like every other file of the site.
    signals.get_generators.connect(_generators)
