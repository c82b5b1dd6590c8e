"""Reading one file's bytes safely: size limit, binary and empty files, text decoding."""
from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from ..errors import InputError

# A news article is a few kB; a 20 MB text/HTML/JSON file is a dump, not an article, and parsing it whole
# would hold a laptop's memory hostage. JSONL is streamed line by line, so the limit applies to each line.
MAX_FILE_MB = 20
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024
# how much of the start of a file is sniffed for binary content
SNIFF_BYTES = 8192

E_NOT_FOUND = "E100"
E_UNKNOWN_TYPE = "E101"
E_BINARY = "E102"
E_EMPTY = "E103"
E_ENCODING = "E104"
E_TOO_BIG = "E105"
E_NO_TEXT = "E106"
E_BAD_JSON = "E107"
E_BAD_RECORD = "E108"
E_BAD_DATE = "E109"
E_UNREADABLE = "E110"

_MAGIC = (
    (b"%PDF-", "a PDF"), (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"), (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"), (b"WARC/", "a WARC file"),
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def too_big(path: str, size: int, what: str = "file", line: int | None = None) -> InputError:
    mb = size / (1024 * 1024)
    fix = "split it into one article per file or convert it to JSONL (one article per line)"
    return InputError(E_TOO_BIG, f"{what} is {mb:.0f} MB, over the {MAX_FILE_MB} MB limit; {fix}", path, line)


def read_bytes(path: Path) -> bytes | InputError:
    """The file's bytes, or an InputError when it is too big, unreadable or empty."""
    where = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return too_big(where, size)
        data = path.read_bytes()
    except OSError as exc:
        return InputError(E_UNREADABLE, f"cannot read the file ({exc.strerror or exc}); check its permissions", where)
    if not data.strip():
        return InputError(E_EMPTY, "the file is empty; remove it or add the article text", where)
    return data


def binary_error(data: bytes, path: str, line: int | None = None) -> InputError | None:
    """An InputError when ``data`` looks like a binary file (known magic number or NUL bytes)."""
    head = data[:SNIFF_BYTES]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return InputError(E_BINARY, f"this is {kind}, not text; extract the article text first "
                              "(save it as .txt, .html or JSONL)", path, line)
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return InputError(E_BINARY, "this is a binary file, not text; extract the article text first "
                          "(save it as .txt, .html or JSONL)", path, line)
    return None


def decode_text(data: bytes, path: str, line: int | None = None, encoding: str | None = None) -> str | InputError:
    """Decode strictly (UTF-8 unless a BOM or ``encoding`` says otherwise).

    Undecodable bytes are reported, not replaced: a wrong byte in a name would silently change an actor.
    """
    err = binary_error(data, path, line)
    if err:
        return err
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    encoding = encoding or "utf-8"
    try:
        text = data.decode(encoding)
        if "\x00" in text:  # UTF-16 (with a BOM) that decodes to NULs is binary data too
            return InputError(E_BINARY, "this is a binary file, not text; extract the article text first "
                              "(save it as .txt, .html or JSONL)", path, line)
        return text
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex().upper()
        at_line = data.count(b"\n", 0, exc.start) + 1
        loc = f"byte offset {exc.start}, line {at_line}" if line is None else f"byte offset {exc.start} of the line"
        name = "UTF-8" if encoding.startswith("utf-8") else encoding
        return InputError(
            E_ENCODING,
            f"the text is not valid {name} (byte 0x{bad} at {loc}); re-save the file as UTF-8 "
            "(for example `iconv -f WINDOWS-1252 -t UTF-8 in.txt > out.txt`)",
            path, line,
        )


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first kilobytes, if Python knows it."""
    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m[1].decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def walk(path: Path):
    """Files under a folder, recursively, sorted by path so that runs are deterministic; hidden entries skipped."""
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name
