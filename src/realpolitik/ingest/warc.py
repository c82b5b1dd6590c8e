"""WARC and WET files (Common Crawl's CC-NEWS layout) -> Article, streamed record by record with warcio.

A WARC ``response`` record holds an HTTP response; a 200 response with an HTML page becomes an article (main
text and metadata by trafilatura, as for an ``.html`` file). A WET ``conversion`` record holds a page's plain
text. Everything else (requests, metadata, redirects, 404s, PDFs, images, pages without an article text) is
counted as skipped, never an error. The file is read one record at a time, so memory does not grow with its
size, and there is no file size limit (only each page's HTML is bounded, by ``MAX_FILE_MB``).

``Article.path`` is ``FILE:OFFSET`` and an error's ``line`` is the record's byte offset in the file (what
``warcio index FILE`` prints and ``dd skip=OFFSET`` seeks to). Dates: the page's own metadata date wins, then
the response's ``Last-Modified`` header, then the record's ``WARC-Date`` (the crawl time; CC-NEWS fetches news
within hours of publication).

Error codes: E150 a damaged WARC file (reading stops there; the records before it are kept), E151 a record
whose page could not be read (bad encoding, extractor failure; the next records are read).
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..records import Article
from .dates import normalise_published
from .files import E_UNREADABLE, MAX_FILE_BYTES, declared_charset
from .html import read_html
from .skips import ReadReport
from .text import header_fields

log = logging.getLogger(__name__)

E_WARC_DAMAGED = "E150"
E_WARC_RECORD = "E151"

WARC_SUFFIXES = (".warc", ".warc.gz", ".wet", ".wet.gz")

# skip reasons, as the summary line shows them
NOT_A_PAGE = "WARC records without a page (requests, metadata)"
NOT_200 = "WARC responses not HTTP 200"
NOT_HTML = "WARC responses not HTML"
NO_TEXT = "WARC pages without article text"
TOO_BIG = f"WARC pages over {MAX_FILE_BYTES // (1024 * 1024)} MB"

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MAX_LINE = 2**31 - 1  # the errors table's line is a 32-bit INTEGER; a larger offset is given in the message only


def _line(offset: int) -> int | None:
    return offset if offset <= _MAX_LINE else None


def _charset(content_type: str) -> str | None:
    import codecs

    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            try:
                return codecs.lookup(value.strip().strip("\"'")).name
            except LookupError:
                return None
    return None


def _date_from_headers(record) -> tuple[str | None, str | None]:
    """(Last-Modified, WARC-Date) as ISO dates; a Last-Modified after the crawl is ignored (a clock error)."""
    warc_date = normalise_published(record.rec_headers.get_header("WARC-Date"))
    modified = None
    if record.http_headers is not None:
        modified = normalise_published(record.http_headers.get_header("Last-Modified"))
    if modified and warc_date and modified > warc_date:
        modified = None
    return modified, warc_date


def _read_payload(record) -> bytes | None:
    data = record.content_stream().read(MAX_FILE_BYTES + 1)
    return None if len(data) > MAX_FILE_BYTES else data


def _html_article(record, path: str, offset: int, published: str | None, report: ReadReport
                  ) -> Article | InputError | None:
    http = record.http_headers
    if http is None:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        status = http.get_statuscode()
        if status != "200":
            report.count(NOT_200)
            return None
        content_type = http.get_header("Content-Type") or ""
    data = None
    if not content_type:  # no header: look at the page itself
        data = _read_payload(record)
        if data is None:
            report.count(TOO_BIG)
            return None
        head = data[:1024].lstrip().lower()
        content_type = "text/html" if head.startswith((b"<!doctype html", b"<html")) else "unknown"
    if content_type.split(";")[0].strip().lower() not in _HTML_TYPES:
        report.count(NOT_HTML)
        return None
    if data is None:
        data = _read_payload(record)
        if data is None:
            report.count(TOO_BIG)
            return None
    where = f"{path}:{offset}"
    modified, warc_date = _date_from_headers(record)
    encoding = _charset(content_type) or declared_charset(data)
    art = read_html(data, where, None, encoding=encoding)
    if isinstance(art, InputError):
        if art.code == "E106":
            report.count(NO_TEXT)
            return None
        return InputError(art.code, f"record at byte offset {offset}: {art.message}", path, _line(offset))
    art.url = record.rec_headers.get_header("WARC-Target-URI") or art.url
    if art.published_from != "metadata":
        header_date = modified or warc_date
        if header_date:
            art.published, art.published_from = header_date, "metadata"
        elif published:
            art.published, art.published_from = published, "user"
    art.path = where
    return art


def _text_article(record, path: str, offset: int, published: str | None, report: ReadReport
                  ) -> Article | InputError | None:
    data = _read_payload(record)
    if data is None:
        report.count(TOO_BIG)
        return None
    text = data.decode("utf-8", errors="strict") if data else ""
    if not text.strip():
        report.count(NO_TEXT)
        return None
    title, source = header_fields(text)
    _, warc_date = _date_from_headers(record)
    return Article(text=text, title=title, source=source, url=record.rec_headers.get_header("WARC-Target-URI"),
                   published=warc_date or published,
                   published_from="metadata" if warc_date else ("user" if published else "unknown"),
                   path=f"{path}:{offset}")


def read_warc(file: Path, published: str | None = None, report: ReadReport | None = None
              ) -> Iterator[Article | InputError]:
    """Stream a WARC/WET file (plain or gzipped per record); one Article per HTML page or text record."""
    from warcio.archiveiterator import ArchiveIterator

    report = report if report is not None else ReadReport()
    path = str(file)
    try:
        fh = file.open("rb")
    except OSError as exc:
        yield InputError(E_UNREADABLE, f"cannot read the file ({exc.strerror or exc}); check its permissions", path)
        return
    with fh:
        records = ArchiveIterator(fh)
        offset, n_records = 0, 0
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except Exception as exc:  # noqa: BLE001 - ArchiveLoadFailed, EOFError, zlib.error (a cut gzip member)
                yield _damaged(path, records, offset, n_records, exc)
                return
            offset = records.offset
            if getattr(record, "format", "warc") != "warc":  # warcio would read any text line as an ARC header
                yield InputError(E_WARC_DAMAGED, f"byte offset {offset} holds no WARC record (it does not start "
                                 "with WARC/1.0 or WARC/1.1); is this a WARC or WET file?", path, _line(offset))
                return
            n_records += 1
            try:
                item = _record_article(record, path, offset, published, report)
            except UnicodeDecodeError as exc:
                item = InputError(E_WARC_RECORD, f"record at byte offset {offset}: its text is not valid UTF-8 "
                                  f"(byte offset {exc.start} of the record); the record was skipped",
                                  path, _line(offset))
            except Exception as exc:  # noqa: BLE001 - one odd page never stops the file
                log.debug("record at %s:%d failed", path, offset, exc_info=exc)
                item = InputError(E_WARC_RECORD, f"record at byte offset {offset} could not be read "
                                  f"({type(exc).__name__}: {str(exc)[:120]}); the record was skipped",
                                  path, _line(offset))
            if item is not None:
                yield item
        if n_records == 0:
            yield InputError(E_WARC_DAMAGED, "no WARC records in this file; is it a WARC or WET file?", path)
        elif _unread_tail(fh, records.offset):  # a cut gzip member ends the iteration without an error
            yield _damaged(path, records, records.offset, n_records, EOFError("the file ends inside a record"))


def _unread_tail(fh, end: int) -> bool:
    """Bytes other than white space after the last whole record."""
    import os

    if end >= os.fstat(fh.fileno()).st_size:
        return False
    fh.seek(end)
    return bool(fh.read(4096).strip())


def _damaged(path: str, records, offset: int, n_records: int, exc: Exception) -> InputError:
    at = getattr(records, "offset", offset)
    kept = f"the {n_records} records before it were read" if n_records else "nothing could be read"
    return InputError(E_WARC_DAMAGED, f"the WARC file is damaged after byte offset {at} ({type(exc).__name__}: "
                      f"{str(exc)[:120]}); {kept}; re-download or re-compress the file", path, _line(at))


def _record_article(record, path: str, offset: int, published: str | None, report: ReadReport
                    ) -> Article | InputError | None:
    kind = record.rec_type
    if kind in ("response", "resource"):
        return _html_article(record, path, offset, published, report)
    if kind == "conversion":  # WET: the page's text
        return _text_article(record, path, offset, published, report)
    report.count(NOT_A_PAGE)
    return None
