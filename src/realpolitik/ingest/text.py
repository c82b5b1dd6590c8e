"""Plain text and Markdown files -> Article."""
from __future__ import annotations

import re

from ..errors import InputError
from ..records import Article
from .files import E_EMPTY, decode_text


_MD_HEADING = re.compile(r"^#{1,6}[ \t]+", re.M)
# The outlet in a wire dateline ("ISTANBUL, July 22, 2022 (Bosporus Daily) -") or a byline ("By Caspian Ledger staff").
_DATELINE_SOURCE = re.compile(r"^[A-Z][A-Z .'-]+,[^()\n]{0,40}\(([A-Z][^()\n]{1,48})\)\s*[-\u2013\u2014]")
_BYLINE_SOURCE = re.compile(r"^By\s+(?:the\s+)?([A-Z][\w.&' -]{1,48}?)\s+(?:staff|correspondents?|reporters?|newsroom)\b")
_HEADLINE_MAX = 160


def header_fields(text: str) -> tuple[str | None, str | None]:
    """(title, source) from the first lines of a plain-text article: a short first line without a full stop is
    its headline; the outlet comes from a wire dateline or a "By <outlet> staff" byline. Nothing is guessed."""
    lines = [ln.strip() for ln in text.strip().split("\n")[:4] if ln.strip()]
    if not lines:
        return None, None
    title = lines[0] if len(lines) > 1 and len(lines[0]) <= _HEADLINE_MAX and not lines[0].endswith(".") else None
    source = None
    for ln in lines[:3]:
        m = _DATELINE_SOURCE.match(ln) or _BYLINE_SOURCE.match(ln)
        if m and m.group(1).strip().lower() not in ("staff", "staff writer", "our correspondent"):
            source = m.group(1).strip()
            break
    return title, source


def read_text(data: bytes, path: str, published: str | None = None, markdown: bool = False) -> Article | InputError:
    text = decode_text(data, path)
    if isinstance(text, InputError):
        return text
    if not text.strip():
        return InputError(E_EMPTY, "the file holds only white space; remove it or add the article text", path)
    title = None
    if markdown:
        first = text.lstrip().split("\n", 1)[0].strip()
        if first.startswith("# "):
            title = first[2:].strip() or None
        # heading marks are layout, not words: "# Iran" would reach the parser as a token "#"
        text = _MD_HEADING.sub("", text)
    head_title, source = header_fields(text)
    return Article(text=text, title=title or head_title, source=source, published=published,
                   published_from="user" if published else "unknown", path=path)
