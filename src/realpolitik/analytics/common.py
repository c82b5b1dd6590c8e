"""Shared pieces of the analytics: which stories count, periods, quad classes."""
from __future__ import annotations

import duckdb

from ..dedup.schema import ensure_schema
from ..errors import RealpolitikError

COOPERATION = ("VERBAL_COOP", "MATERIAL_COOP")
CONFLICT = ("VERBAL_CONFLICT", "MATERIAL_CONFLICT")
QUADS = COOPERATION + CONFLICT
PERIODS = ("month", "quarter", "year")
# a story dated only to a year cannot be put in a month: precisions fine enough for each period
PRECISIONS_FOR = {
    "month": ("day", "month"),
    "quarter": ("day", "month"),
    "year": ("day", "month", "year"),
}


def counted_statuses(include_alleged: bool) -> tuple[str, ...]:
    """Only asserted stories happened; alleged ones are counted (and flagged) only on request."""
    return ("asserted", "alleged") if include_alleged else ("asserted",)


def period_sql(by: str, col: str = "date") -> str:
    if by not in PERIODS:
        raise RealpolitikError("E501", f"unknown period {by!r}; use one of {', '.join(PERIODS)}")
    if by == "month":
        return f"strftime({col}, '%Y-%m')"
    if by == "quarter":
        return f"(CAST(year({col}) AS VARCHAR) || '-Q' || CAST(quarter({col}) AS VARCHAR))"
    return f"CAST(year({col}) AS VARCHAR)"


def period_index(label: str) -> int:
    """An integer that grows by one from a period to the next one (for 'next period' reciprocity)."""
    if "-Q" in label:
        y, q = label.split("-Q")
        return int(y) * 4 + int(q) - 1
    if "-" in label:
        y, m = label.split("-")
        return int(y) * 12 + int(m) - 1
    return int(label)


def sql_list(values) -> str:
    return ", ".join("'" + str(v).replace("'", "''") + "'" for v in values)


def require_stories(con: duckdb.DuckDBPyConnection) -> None:
    """Make sure the story tables exist; build them once if the database has events but no stories.

    Reads only when the stories are there, so a read-only connection works.
    """
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if {"stories", "story_dyads", "story_reports"} <= tables:
        if con.execute("SELECT count(*) FROM (SELECT 1 FROM stories LIMIT 1)").fetchone()[0]:
            return
    has_events = "events" in tables and con.execute("SELECT count(*) FROM (SELECT 1 FROM events LIMIT 1)").fetchone()[0]
    ensure_schema(con)
    if has_events:
        from ..dedup import rebuild_stories

        rebuild_stories(con)
