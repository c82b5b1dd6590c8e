"""Plain text and Markdown files -> Article."""
from __future__ import annotations

import re

from ..errors import InputError
from ..records import Article
from .files import E_EMPTY, decode_text


_MD_HEADING = re.compile(r"^#{1,6}[ \t]+", re.M)


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
    return Article(text=text, title=title, published=published,
                   published_from="user" if published else "unknown", path=path)
