"""Named schema migrations, applied in order and recorded in ``migrations(name, applied_at)``.

Never edit a migration that has shipped: add a new one at the end of ``MIGRATIONS``.
"""
from __future__ import annotations

MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)
"""

MIGRATIONS: list[tuple[str, str]] = [
    ("001_initial", """
CREATE TABLE articles (
    article_id VARCHAR PRIMARY KEY,
    url VARCHAR,
    source VARCHAR,
    title VARCHAR,
    published DATE,
    published_from VARCHAR,
    path VARCHAR,
    text VARCHAR,
    n_events INTEGER,
    ingested_at TIMESTAMP
);
CREATE TABLE mentions (
    article_id VARCHAR,
    start INTEGER,
    "end" INTEGER,
    text VARCHAR,
    name VARCHAR,
    country VARCHAR,
    org VARCHAR,
    sector VARCHAR,
    office VARCHAR,
    kind VARCHAR
);
CREATE TABLE events (
    event_id VARCHAR PRIMARY KEY,
    article_id VARCHAR,
    sentence_index INTEGER,
    span_start INTEGER,
    span_end INTEGER,
    evidence VARCHAR,
    event VARCHAR,
    mode VARCHAR,
    context VARCHAR[],
    quad VARCHAR,
    intensity DOUBLE,
    cameo_root VARCHAR,
    status VARCHAR,
    actor JSON,
    recipient JSON,
    actor_codes VARCHAR[],
    recipient_codes VARCHAR[],
    attributed_to JSON,
    attributed_code VARCHAR,
    date DATE,
    date_precision VARCHAR,
    date_text VARCHAR,
    historical BOOLEAN,
    location JSON,
    location_country VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    confidence DOUBLE,
    trigger VARCHAR,
    source VARCHAR,
    published DATE
);
CREATE TABLE errors (
    path VARCHAR,
    line INTEGER,
    code VARCHAR,
    message VARCHAR,
    "at" TIMESTAMP
);
"""),
    # an event's date is an interval: `date` its first day, `date_end` its last (NULL with a date: open, "from
    # the ninth century onward"). Rows stored before get the interval their date and precision stand for.
    ("002_event_date_end", """
ALTER TABLE events ADD COLUMN date_end DATE;
UPDATE events SET date_end = CASE date_precision
    WHEN 'day' THEN date
    WHEN 'month' THEN last_day(date)
    WHEN 'year' THEN make_date(year(date), 12, 31)
    WHEN 'decade' THEN make_date(year(date) - year(date) % 10 + 9, 12, 31)
    WHEN 'century' THEN make_date(year(date) - year(date) % 100 + 99, 12, 31)
    END
WHERE date IS NOT NULL;
"""),
    # ingest: inputs left out on purpose (articles not in English), listed with their language
    ("003_skipped", """
CREATE TABLE skipped (
    path VARCHAR,
    line BIGINT,
    article_id VARCHAR,
    reason VARCHAR,
    language VARCHAR,
    confidence DOUBLE,
    "at" TIMESTAMP
);
"""),
]
