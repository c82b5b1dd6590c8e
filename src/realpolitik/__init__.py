"""realpolitik: news articles in, sourced and dated PLOVER events out."""
from __future__ import annotations

__version__ = "0.1.0"

from .records import Actor, Article, Event  # noqa: E402


def code_text(text: str, published: str | None = None, **article_fields):
    """Code one article's text into events (nothing is stored)."""
    from .pipeline import code_article

    return code_article(Article(text=text, published=published,
                                published_from="user" if published else "unknown", **article_fields)).events


def ingest(paths, db: str = "realpolitik.duckdb", published: str | None = None, workers: int = 1, **kw):
    """Read, code and store articles; returns the ingest summary."""
    from .pipeline import ingest_paths

    return ingest_paths(paths, db=db, published=published, workers=workers, **kw)


__all__ = ["Actor", "Article", "Event", "code_text", "ingest", "__version__"]
