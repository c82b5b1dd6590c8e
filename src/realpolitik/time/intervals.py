"""Event dates as intervals: ``date`` (first day), ``date_end`` (last day, None = open) and a precision.

``interval_for`` gives the interval a (date, precision) pair stands for (what the store's migration fills in
for rows written before ``date_end`` existed); ``date_label`` shows an interval as what it is: ``2024-09-15``,
``2024-09``, ``2015``, ``1940s``, ``19th century``, ``1947–1991``, ``9th century onward``.
"""
from __future__ import annotations

import calendar
import datetime as dt

UNKNOWN_LABEL = "?"


def _date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def interval_for(date, precision: str | None) -> tuple[dt.date, dt.date] | None:
    """The calendar interval that ``date`` at ``precision`` stands for (None when undated or a period, whose
    span is not in its start)."""
    d = _date(date)
    if d is None or precision in (None, "unknown", "period"):
        return None
    if precision == "day":
        return d, d
    if precision == "month":
        return d, d.replace(day=calendar.monthrange(d.year, d.month)[1])
    if precision == "year":
        return d, dt.date(d.year, 12, 31)
    span = 10 if precision == "decade" else 100
    return d, dt.date(min(d.year - d.year % span + span - 1, 9999), 12, 31)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _grain_label(d: dt.date, precision: str) -> str:
    if precision == "day":
        return d.isoformat()
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if precision == "year":
        return f"{d.year:04d}"
    if precision == "decade":
        return f"{d.year - d.year % 10}s"
    if precision == "century":
        return f"{_ordinal(d.year // 100 + 1)} century"
    return str(d.year)


def date_label(date, date_end, precision: str | None) -> str:
    """How an event's date reads for a person: as precise as it is, never more."""
    start, end = _date(date), _date(date_end)
    precision = precision or "unknown"
    if start is None or precision == "unknown":
        return UNKNOWN_LABEL
    if end is None:
        return f"{_grain_label(start, precision)} onward"
    if precision == "period":
        return f"{start.year}–{end.year}" if end.year != start.year else f"{start.year}"
    natural = interval_for(start, precision)
    if natural is not None and natural[1] == end:
        return _grain_label(start, precision)
    if end == start:
        return start.isoformat()
    if natural is not None and natural[0] == start and precision != "day":
        last = _date(f"{end.year:04d}-{end.month:02d}-01") if precision == "month" else dt.date(end.year, 1, 1)
        whole = interval_for(last, precision)
        if whole is not None and whole[1] == end and _grain_label(last, precision) != _grain_label(start, precision):
            return f"{_grain_label(start, precision)}–{_grain_label(last, precision)}"  # "2015–2018"
    # a week, a season, a quarter: the exact days
    return f"{start.isoformat()}–{end.isoformat()}"
