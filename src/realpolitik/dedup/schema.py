"""The dedup tables, created by named migrations recorded in ``migrations(name, applied_at)``."""
from __future__ import annotations

import duckdb

MIGRATIONS_DDL = "CREATE TABLE IF NOT EXISTS migrations(name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)"

# (name, statements): applied once each, in order; never edit a released one, add a new one
MIGRATIONS: list[tuple[str, list[str]]] = [
    ("dedup_001_stories", [
        """CREATE TABLE IF NOT EXISTS stories(
            story_id VARCHAR, block_key VARCHAR, event VARCHAR, quad VARCHAR, intensity DOUBLE,
            actor_codes VARCHAR[], recipient_codes VARCHAR[], is_symmetric BOOLEAN,
            date DATE, date_precision VARCHAR, date_lo DATE, date_hi DATE, status VARCHAR,
            attributed_codes VARCHAR[], n_reports INTEGER, n_sources INTEGER, n_articles INTEGER,
            first_reported DATE, last_reported DATE, evidence VARCHAR, representative_event_id VARCHAR)""",
        # one row per report; block_key and the report's date interval let candidate stories be found in SQL
        """CREATE TABLE IF NOT EXISTS story_reports(
            story_id VARCHAR, event_id VARCHAR, block_key VARCHAR, date_lo DATE, date_hi DATE)""",
        # materialised per-story dyads: what the analytics count, so they never re-join reports
        """CREATE TABLE IF NOT EXISTS story_dyads(
            story_id VARCHAR, actor VARCHAR, recipient VARCHAR, event VARCHAR, quad VARCHAR,
            intensity DOUBLE, status VARCHAR, date DATE, date_precision VARCHAR,
            n_reports INTEGER, n_sources INTEGER)""",
    ]),
]


def ensure_schema(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the dedup migrations not yet recorded; returns the names applied now."""
    con.execute(MIGRATIONS_DDL)
    done = {r[0] for r in con.execute("SELECT name FROM migrations").fetchall()}
    applied = []
    for name, statements in MIGRATIONS:
        if name in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            for sql in statements:
                con.execute(sql)
            con.execute("INSERT INTO migrations(name, applied_at) VALUES (?, now())", [name])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied
