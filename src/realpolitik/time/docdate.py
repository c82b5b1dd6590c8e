"""The document date: the article's own date, else a byline or dateline near the top of the text."""
from __future__ import annotations

import datetime as dt
import re

from ..records import Article
from . import lexicon as L

_MON = r"(?P<mon>" + "|".join(sorted((m.capitalize() for m in L.MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# full dates as bylines write them: "Dec 22, 2025", "17 January 2025", "2025-01-17"
_FULL_DATES = [
    re.compile(rf"\b{_MON} {_DAY},? {_YEAR}\b", re.I),
    re.compile(rf"\b{_DAY} {_MON},? {_YEAR}\b", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b"),
]
# a news dateline: "MOSCOW, Jan. 17 (Reuters) -" (no year: it takes the year of a byline line, never a guess)
_DATELINE = re.compile(rf"^[A-Z][A-Z .'-]+,\s+{_MON} {_DAY}\b", re.M)
# a line that is a byline or a publication stamp rather than a sentence of the story
_BYLINE_HINT = re.compile(r"\||\b(?:published|posted|updated|date|by)\b|^\W*(?:[A-Z][a-z]{2,8}\.? \d|\d{4}-\d\d-\d\d)",
                          re.I)
MAX_LINES = 15
MAX_BYLINE_CHARS = 120


def _month(m: re.Match) -> int:
    if m.groupdict().get("mnum"):
        return int(m["mnum"])
    return L.MONTHS[m["mon"].lower().rstrip(".")]


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def byline_date(text: str, max_lines: int = MAX_LINES) -> dt.date | None:
    """A full date in a byline-like line among the first ``max_lines`` lines of ``text``, else None."""
    lines = [ln for ln in text.split("\n") if ln.strip()][:max_lines]
    years_seen: list[int] = []
    for line in lines:
        short = len(line) <= MAX_BYLINE_CHARS
        if short or _BYLINE_HINT.search(line[:40]):
            for rx in _FULL_DATES:
                m = rx.search(line)
                if m:
                    d = _valid(int(m["year"]), _month(m), int(m["day"]))
                    if d:
                        return d
        if short:
            years_seen += [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", line)]
    for line in lines:
        m = _DATELINE.search(line)
        if m and years_seen:
            d = _valid(max(years_seen), _month(m), int(m["day"]))
            if d:
                return d
    return None


def document_date(article: Article) -> tuple[str | None, str]:
    """``(ISO date, published_from)``: the article's own date; else a byline/dateline date; else (None, "unknown")."""
    if article.published:
        return article.published[:10], article.published_from if article.published_from != "unknown" else "metadata"
    d = byline_date(article.text or "")
    if d:
        return d.isoformat(), "byline"
    return None, "unknown"
