"""When it happened (not when it was published): document date, time expressions, event dates."""
from __future__ import annotations

from .docdate import document_date
from .eventdate import date_event
from .intervals import date_label, interval_for
from .timexes import find_timexes, parse_value, periods

__all__ = ["document_date", "find_timexes", "date_event", "parse_value", "periods", "date_label", "interval_for"]
