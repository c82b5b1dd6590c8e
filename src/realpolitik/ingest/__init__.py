"""Readers per format -> Article records; unreadable input becomes an InputError, never an exception.

Formats: ``.txt .text .md`` (plain text), ``.html .htm`` (trafilatura), ``.json`` (an object or a list of
objects), ``.jsonl`` (one object per line) and ``.warc .warc.gz .wet .wet.gz`` (web archives, ``warc.py``).
Text, HTML and JSON files over ``MAX_FILE_MB`` (20 MB) are refused; JSONL and WARC are streamed, so the limit
applies per line or per page.

Articles that are not in English are not yielded: they are skipped (``language.py``) and, with a
``ReadReport``, listed there with their language, as are the WARC records that hold no article.

Error codes (E100-E119): E100 no such path, E101 unknown file type, E102 binary file, E103 empty file,
E104 invalid UTF-8, E105 over the size limit, E106 no text in HTML, E107 invalid JSON, E108 a JSON record
that is not an object or lacks ``text``, E109 a bad ``--published`` value (raised: a usage error),
E110 unreadable file.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError, RealpolitikError
from ..records import Article
from .dates import normalise_published
from .files import (
    E_BAD_DATE, E_NOT_FOUND, E_UNKNOWN_TYPE, E_UNREADABLE, MAX_FILE_BYTES, MAX_FILE_MB, read_bytes, walk,
)
from .html import read_html
from .jsonl import read_json, read_jsonl
from .language import DEFAULT as DEFAULT_LANGUAGE, LanguageSettings, foreign_language
from .skips import NOT_ENGLISH, ReadReport, Skipped
from .text import read_text
from .warc import WARC_SUFFIXES, read_warc

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + (".json", ".jsonl") + WARC_SUFFIXES

__all__ = ["read_paths", "read_file", "normalise_published", "file_suffix", "SUFFIXES", "MAX_FILE_BYTES",
           "MAX_FILE_MB", "ReadReport", "Skipped", "LanguageSettings"]


def file_suffix(file: Path) -> str:
    """The file's type as its name ends, lower case: ``.txt``, ``.warc.gz`` (two parts for gzipped archives)."""
    suffixes = [s.lower() for s in file.suffixes[-2:]]
    if len(suffixes) == 2 and suffixes[1] == ".gz":
        return "".join(suffixes)
    return suffixes[-1] if suffixes else ""


def check_published(published: str | None) -> str | None:
    """The user's ``--published`` value as ISO date; a RealpolitikError (E109) when it is not a date."""
    if published is None or published == "":
        return None
    iso = normalise_published(published)
    if iso is None:
        raise RealpolitikError(E_BAD_DATE, f"--published {published!r} is not a date; use YYYY-MM-DD, "
                               "e.g. --published 2025-01-17")
    return iso


def read_file(file: Path, published: str | None = None, report: ReadReport | None = None
              ) -> Iterator[Article | InputError]:
    """Articles (or InputErrors) from one file, chosen by its extension (any language: see ``read_paths``)."""
    suffix = file_suffix(file)
    if suffix == ".jsonl":
        yield from read_jsonl(file, published)
        return
    if suffix in WARC_SUFFIXES:
        yield from read_warc(file, published, report)
        return
    if suffix not in SUFFIXES:
        yield InputError(E_UNKNOWN_TYPE, f"unknown file type {file.suffix or '(no extension)'!r}; realpolitik "
                         f"reads {', '.join(SUFFIXES)} (rename plain-text files to .txt)", str(file))
        return
    data = read_bytes(file)
    if isinstance(data, InputError):
        yield data
    elif suffix in HTML_SUFFIXES:
        yield read_html(data, str(file), published)
    elif suffix == ".json":
        yield from read_json(data, str(file), published)
    else:
        yield read_text(data, str(file), published, markdown=suffix == ".md")


def read_paths(paths: Iterable[str | Path] | str | Path, published: str | None = None,
               report: ReadReport | None = None, languages: LanguageSettings = DEFAULT_LANGUAGE
               ) -> Iterator[Article | InputError]:
    """Articles from files and folders (recursive, sorted); one InputError per unreadable file or JSONL line.

    ``published`` (YYYY-MM-DD) dates the articles that carry no date in their metadata. Files of an
    unknown type inside a folder are skipped with a logged warning; named explicitly, they are an InputError.
    Articles not in ``languages.keep`` (English) are not yielded: ``report`` lists them (``Skipped``) and
    counts the records skipped for other reasons (WARC requests, redirects, non-HTML pages).
    Raises RealpolitikError only for a bad ``published`` value, before reading anything.
    """
    iso = check_published(published)
    if isinstance(paths, (str, Path)):
        paths = [paths]
    report = report if report is not None else ReadReport()
    return language_filter(_read_all([Path(p) for p in paths], iso, report), report, languages)


def language_filter(items: Iterable[Article | InputError], report: ReadReport,
                    languages: LanguageSettings = DEFAULT_LANGUAGE) -> Iterator[Article | InputError]:
    """The items, less the articles surely not in ``languages.keep`` (each listed in ``report``)."""
    for item in items:
        if isinstance(item, Article):
            found = foreign_language(item.text, languages)
            if found:
                path, _, line = (item.path or "").rpartition(":")
                where = (path, int(line)) if line.isdigit() and path else (item.path or "", None)
                report.skip(Skipped(where[0], where[1], NOT_ENGLISH, item.article_id, found[0], round(found[1], 3)))
                log.info("%s: skipped, not English (%s, confidence %.2f)", item.path, found[0], found[1])
                continue
        yield item


def _guarded(file: Path, published: str | None, report: ReadReport) -> Iterator[Article | InputError]:
    """read_file, but an unexpected error ends only this file: what it gave before is kept, the batch goes on."""
    try:
        yield from read_file(file, published, report)
    except Exception as exc:  # noqa: BLE001
        log.debug("reading %s failed", file, exc_info=exc)
        yield InputError(E_UNREADABLE, f"reading stopped at an unexpected error ({type(exc).__name__}: "
                         f"{str(exc)[:120]}); the articles before it were kept; please report it with this file",
                         str(file))


def _read_all(paths: list[Path], published: str | None, report: ReadReport) -> Iterator[Article | InputError]:
    for path in paths:
        if path.is_dir():
            for file in walk(path):
                if file_suffix(file) not in SUFFIXES:
                    log.warning("%s: skipped, not a file type realpolitik reads (%s)", file, ", ".join(SUFFIXES))
                    continue
                yield from _guarded(file, published, report)
        elif path.exists():
            yield from _guarded(path, published, report)
        else:
            yield InputError(E_NOT_FOUND, "no such file or folder; check the path", str(path))
