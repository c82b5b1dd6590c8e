"""Publication dates from metadata, normalised to ISO ``YYYY-MM-DD``."""
from __future__ import annotations

import datetime as dt
import email.utils
import re

_ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s_])")


def normalise_published(value: object) -> str | None:
    """``2025-01-17``, ``2025-01-17T10:00:00+03:00``, ``20250117`` or an RFC 2822 date -> ``2025-01-17``.

    The date is kept as written (no conversion to UTC): a publication date is the outlet's local day.
    Returns None when the value is empty or not a date we can read without guessing.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    m = _ISO_PREFIX.match(text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    try:
        return dt.datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    try:  # RSS feeds and e-mail style headers: "Mon, 17 Jan 2025 10:00:00 GMT"
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return parsed.date().isoformat() if parsed else None
