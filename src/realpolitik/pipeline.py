"""code_article(article) -> events: nlp -> actors -> events -> time. The one per-article function that the CLI,
the evaluation and a Spark job all call."""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from . import actors as actors_stage
from . import events as events_stage
from . import time as time_stage
from .nlp import MAX_CHARS, parse
from .records import Actor, Article, Event, EventTime

log = logging.getLogger(__name__)


@dataclass
class CodedArticle:
    article: Article
    events: list[Event] = field(default_factory=list)
    mentions: list[Actor] = field(default_factory=list)


def _as_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _finish(article: Article, doc) -> CodedArticle:
    """Everything after parsing: actors, events, dates, locations."""
    published, published_from = time_stage.document_date(article)
    if published != article.published:
        article.published, article.published_from = published, published_from
    dct = _as_date(article.published)
    mentions = actors_stage.find_mentions(doc, dct)
    locations = actors_stage.find_locations(doc, mentions)
    places = [Actor(text=loc.text, name=loc.text, country=loc.country, start=s, end=e, kind="place")
              for s, e, loc in locations if loc.country]
    events = events_stage.code_doc(doc, mentions, article, places)
    if events:
        timexes = time_stage.find_timexes(doc.text, dct)
        for ev in events:
            trig_i = getattr(ev, "_trigger_i", None)
            et = time_stage.date_event(doc, trig_i, timexes, dct)
            if et.text is None and et.date and _sentence_is_historical(ev, timexes, dct):
                # the sentence is set in the past ("... during World War II") but this event has no time of its
                # own: leave it undated rather than put a historical event at the article's date
                et = EventTime()
            ev.date, ev.date_end, ev.date_precision = et.date, et.date_end, et.precision
            ev.date_text, ev.historical = et.text, et.historical
            ev.location = _location_for(ev, locations)
            if hasattr(ev, "_trigger_i"):
                del ev._trigger_i
            ev.event_id = ev.compute_id()
    return CodedArticle(article=article, events=events, mentions=mentions)


def _sentence_is_historical(ev: Event, timexes, dct: dt.date | None) -> bool:
    """The event's sentence names a time that ended more than a year before the article's date."""
    if dct is None:
        return False
    s0, s1 = ev.span
    for tx in timexes:
        if s0 <= tx.start and tx.end <= s1 and tx.type == "DATE":
            interval = time_stage.parse_value(tx.value or "")
            if interval is not None and (dct - interval[1]).days > 365:
                return True
    return False


def _location_for(ev: Event, locations):
    """The place named in the event's own sentence, nearest the trigger."""
    best = None
    best_dist = None
    s0, s1 = ev.span
    t0 = ev.trigger_span[0] if ev.trigger_span else s0
    for start, end, loc in locations:
        if s0 <= start and end <= s1:
            d = abs(start - t0)
            if best_dist is None or d < best_dist:
                best, best_dist = loc, d
    return best


def _text_for_parse(article: Article) -> str:
    if len(article.text) > MAX_CHARS:
        log.warning("article %s is %d characters; coding its first %d", article.article_id, len(article.text),
                    MAX_CHARS)
        return article.text[:MAX_CHARS]
    return article.text


def code_article(article: Article) -> CodedArticle:
    """Parse and code one article."""
    return next(code_articles([article], batch_size=1))


def code_articles(articles: Iterable[Article], batch_size: int = 16) -> Iterator[CodedArticle]:
    """Parse articles in batches and code each; yields in input order."""
    articles = iter(articles)
    while True:
        batch = [a for _, a in zip(range(batch_size), articles)]
        if not batch:
            return
        for article, doc in zip(batch, parse([_text_for_parse(a) for a in batch], batch_size=batch_size)):
            yield _finish(article, doc)


def ingest_paths(paths, db: str = "realpolitik.duckdb", published: str | None = None, workers: int = 1, **kw):
    from .batch import ingest_paths as _ingest

    return _ingest(paths, db=db, published=published, workers=workers, **kw)
