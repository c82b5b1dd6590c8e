"""Actors: who is who on the day of the story.

``find_mentions(doc, published)`` finds every actor mention in a parsed document;
``resolve_phrase(text, date)`` resolves a short phrase; ``find_locations(doc, mentions)`` gives the
places that are not actors.  The tables live in ``realpolitik/data/actors`` (see docs/ACTORS.md).
"""
from __future__ import annotations

import datetime as dt

from ..records import Actor
from .locations import find_locations, locate
from .mentions import find_mentions
from .offices import import_phoenix, load_user_actors, person_status
from .tables import clear_user_rows, get_tables

def load_actor_tables(paths) -> int:
    """Add the user's actor tables: an offices.tsv-format table (.tsv) or a PETRARCH/Phoenix dictionary (any other
    file); returns the number of rows added. Later tables win over earlier ones and over ours."""
    from pathlib import Path

    n = 0
    for path in paths or ():
        path = Path(path)
        n += len(load_user_actors(path) if path.suffix.lower() == ".tsv" else import_phoenix(path))
    return n


__all__ = ["load_actor_tables", "find_mentions", "resolve_phrase", "find_locations", "locate", "load_user_actors", "import_phoenix",
           "person_status", "main_actor", "resolve_main", "clear_user_rows", "get_tables"]


def _as_date(date) -> dt.date | None:
    if date is None or isinstance(date, dt.date):
        return date
    return dt.date.fromisoformat(str(date)[:10])


def resolve_phrase(text: str, date: dt.date | str | None = None, context: str = "") -> list[Actor]:
    """The actors in a short phrase ("Iranian Foreign Minister Hossein Amirabdollahian").

    ``context`` is a nationality or country word the surrounding text gave ("Colombian"); it fills
    the country of actors that have none.  A phrase that is only a place (a city) resolves to the
    place's country with kind "place".
    """
    return _resolve(text, date, context)[0]


def resolve_main(text: str, date: dt.date | str | None = None, context: str = "") -> Actor | None:
    """The one actor a phrase is about: the mention holding the phrase's syntactic head, else the longest."""
    actors, doc = _resolve(text, date, context)
    if doc is not None:
        root = next(iter(doc.sents)).root
        for actor in actors:
            if actor.start <= root.idx < actor.end:
                return actor
    return main_actor(actors)


def _resolve(text: str, date, context: str):
    from ..nlp import get_nlp

    day = _as_date(date)
    text = (text or "").strip()
    if not text:
        return [], None
    doc = get_nlp()(text)
    actors = find_mentions(doc, day)
    if not actors:
        for start, end, loc in find_locations(doc, []):
            if loc.country:
                actors.append(Actor(text=doc.text[start:end], name=loc.text, country=loc.country,
                                    start=start, end=end, kind="place"))
    if context.strip():
        ctx = [a for a in resolve_phrase(context, day) if a.country or a.org]
        if ctx:
            for actor in actors:
                if not actor.country and not actor.org and actor.kind != "pronoun":
                    actor.country, actor.org = ctx[0].country, ctx[0].org
    return actors, doc


def main_actor(actors: list[Actor]) -> Actor | None:
    """The actor a phrase is about: the longest mention, the first on a tie."""
    if not actors:
        return None
    return max(actors, key=lambda a: ((a.end or 0) - (a.start or 0), -(a.start or 0)))
