"""JSON (one object or a list of objects) and JSONL (one object per line) -> Article.

Fields: ``text`` (required), ``title``, ``url``, ``source``, ``published`` (or ``date`` when there is no
``published``); others are ignored.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Iterator

from ..errors import InputError
from ..records import Article
from .dates import normalise_published
from .files import (
    E_BAD_JSON, E_BAD_RECORD, E_EMPTY, E_UNREADABLE, MAX_FILE_BYTES, SNIFF_BYTES,
    binary_error, decode_text, too_big,
)

log = logging.getLogger(__name__)

FIELDS = ("text", "title", "url", "source", "published")


def record_to_article(obj: Any, path: str, line: int | None, where: str, published: str | None,
                      item_path: str) -> Article | InputError:
    """One JSON value -> Article; ``where`` names the record in messages ("line 3", "item 2")."""
    try:
        return _record_to_article(obj, path, line, where, published, item_path)
    except Exception as exc:  # noqa: BLE001 - one odd record (a lone surrogate, a date past year 9999) never stops a batch
        return InputError(E_BAD_RECORD, f"{where} could not be read ({type(exc).__name__}: {str(exc)[:120]}); "
                          "check its text and published fields", path, line)


def _record_to_article(obj: Any, path: str, line: int | None, where: str, published: str | None,
                       item_path: str) -> Article | InputError:
    if not isinstance(obj, dict):
        return InputError(E_BAD_RECORD, f"{where} is a JSON {type(obj).__name__}, not an object; "
                          'write one object per article, e.g. {"text": "...", "published": "2025-01-17"}',
                          path, line)
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        keys = ", ".join(sorted(map(str, obj))[:8]) or "none"
        problem = "has no 'text' field" if text is None else "has an empty or non-string 'text'"
        return InputError(E_BAD_RECORD, f"{where} {problem} (keys: {keys}); each article needs its text "
                          "as a string in 'text'", path, line)
    # `date` is what many news dumps (NGEC, GDELT exports) call the publication date
    raw_date = obj.get("published") if obj.get("published") is not None else obj.get("date")
    meta_date = normalise_published(raw_date)
    if raw_date and meta_date is None:
        # the article is still worth coding; the date is just unusable
        log.warning("%s: %s: published=%r is not a date (use YYYY-MM-DD); ignored", path, where, raw_date)

    def opt(key: str) -> str | None:
        value = obj.get(key)
        return str(value).strip() or None if value is not None else None

    return Article(
        text=text, title=opt("title"), url=opt("url"), source=opt("source"),
        published=meta_date or published,
        published_from="metadata" if meta_date else ("user" if published else "unknown"),
        path=item_path,
    )


def read_json(data: bytes, path: str, published: str | None = None) -> Iterator[Article | InputError]:
    text = decode_text(data, path)
    if isinstance(text, InputError):
        yield text
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputError(E_BAD_JSON, f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
                         "fix the file or write one article per line as JSONL", path, exc.lineno)
        return
    except (ValueError, RecursionError) as exc:  # nesting too deep, a number too long for Python
        yield InputError(E_BAD_JSON, f"JSON that cannot be read ({type(exc).__name__}: {str(exc)[:120]}); "
                         "fix the file or write one article per line as JSONL", path)
        return
    if isinstance(value, list):
        if not value:
            yield InputError(E_EMPTY, "the JSON list is empty; add article objects", path)
        for i, obj in enumerate(value, 1):
            yield record_to_article(obj, path, None, f"item {i} of the list", published, f"{path}[{i}]")
    else:
        yield record_to_article(value, path, None, "the JSON value", published, path)


def _lines(fh) -> Iterator[tuple[int, bytes | int]]:
    """(line number, bytes) per line; (line number, size) for a line over the size limit, which is skipped."""
    lineno = 0
    while True:
        raw = fh.readline(MAX_FILE_BYTES + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) > MAX_FILE_BYTES and not raw.endswith(b"\n"):
            size = len(raw)
            while raw and not raw.endswith(b"\n"):  # skip the rest of the overlong line
                raw = fh.readline(1024 * 1024)
                size += len(raw)
            yield lineno, size
            continue
        yield lineno, raw


def read_jsonl(file: Path, published: str | None = None) -> Iterator[Article | InputError]:
    """Stream a JSONL file; a bad line gives an InputError for that line and the others are kept."""
    path = str(file)
    try:
        fh = file.open("rb")
    except OSError as exc:
        yield InputError(E_UNREADABLE, f"cannot read the file ({exc.strerror or exc}); check its permissions", path)
        return
    with fh:
        err = binary_error(fh.read(SNIFF_BYTES), path)
        if err:
            yield err
            return
        fh.seek(0)
        n_records = 0
        for lineno, raw in _lines(fh):
            if isinstance(raw, int):
                yield too_big(path, raw, what=f"line {lineno}", line=lineno)
                n_records += 1
                continue
            if not raw.strip():
                continue
            n_records += 1
            line_text = decode_text(raw, path, lineno)
            if isinstance(line_text, InputError):
                yield line_text
                continue
            try:
                obj = json.loads(line_text)
            except json.JSONDecodeError as exc:
                yield InputError(E_BAD_JSON, f"line {lineno} is not valid JSON ({exc.msg} at column {exc.colno}); "
                                 "each line must be one JSON object", path, lineno)
                continue
            except (ValueError, RecursionError) as exc:  # nesting too deep, a number too long for Python
                yield InputError(E_BAD_JSON, f"line {lineno} is JSON that cannot be read ({type(exc).__name__}: "
                                 f"{str(exc)[:120]}); each line must be one JSON article object", path, lineno)
                continue
            yield record_to_article(obj, path, lineno, f"line {lineno}", published, f"{path}:{lineno}")
        if n_records == 0:
            yield InputError(E_EMPTY, "the file is empty; remove it or add one JSON article per line", path)
