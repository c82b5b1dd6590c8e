"""HTML pages -> Article: main text and metadata via trafilatura."""
from __future__ import annotations

import logging

from ..errors import InputError
from ..records import Article
from .dates import normalise_published
from .files import E_NO_TEXT, declared_charset, decode_text

log = logging.getLogger(__name__)

# Only real metadata dates (meta tags, JSON-LD, <time>, URL): the extensive search would also
# read footers ("© 2024") and sidebars, which date an article wrongly.
DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(data: bytes, path: str, published: str | None = None, encoding: str | None = None
              ) -> Article | InputError:
    """``encoding`` (an HTTP header's charset) wins over the page's own declaration."""
    html = decode_text(data, path, encoding=encoding or declared_charset(data))
    if isinstance(html, InputError):
        return html
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params=DATE_PARAMS,
        )
    except Exception as exc:  # trafilatura/lxml raise many types on malformed markup
        log.debug("trafilatura failed on %s: %r", path, exc)
        doc = None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        return InputError(E_NO_TEXT, "no article text found in this HTML page (broken markup, or a page "
                          "without a main text); save the article as .txt or check the file", path)
    meta_date = normalise_published(doc.date)
    return Article(
        text=text,
        url=doc.url or None,
        source=doc.sitename or None,
        title=doc.title or None,
        published=meta_date or published,
        published_from="metadata" if meta_date else ("user" if published else "unknown"),
        path=path,
    )
