"""Write N synthetic events (and their stories) into a DuckDB file, in SQL, for benchmarks and demos.

Each synthetic story is told by 1 to 4 reports from different outlets; the story tables are then
built by the same aggregation SQL that ``realpolitik.dedup`` uses after clustering, so the
analytics read exactly what they read on real data.

    python scripts/gen_synthetic_events.py bench.duckdb --events 10000000
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import duckdb

# a fixed cast, enough for a dense network; synthetic data only
CODES = ["RUS", "IRN", "USA", "CHN", "TUR", "ISR", "SAU", "UKR", "SYR", "IRQ", "DEU", "FRA", "GBR", "IND", "PAK",
         "EGY", "QAT", "ARE", "AZE", "ARM", "KAZ", "BLR", "JPN", "KOR", "PRK", "NATO", "EU", "UN", "IAEA", "HEZBOLLAH"]
EVENTS = [("AGREE", "VERBAL_COOP", 4), ("CONSULT", "VERBAL_COOP", 1), ("SUPPORT", "VERBAL_COOP", 3),
          ("CONCEDE", "VERBAL_COOP", 5), ("COOPERATE", "MATERIAL_COOP", 6), ("AID", "MATERIAL_COOP", 7),
          ("RETREAT", "MATERIAL_COOP", 5), ("REQUEST", "VERBAL_CONFLICT", -1), ("ACCUSE", "VERBAL_CONFLICT", -3),
          ("REJECT", "VERBAL_CONFLICT", -4), ("THREATEN", "VERBAL_CONFLICT", -6), ("PROTEST", "MATERIAL_CONFLICT", -5),
          ("SANCTION", "MATERIAL_CONFLICT", -7), ("MOBILIZE", "MATERIAL_CONFLICT", -7),
          ("COERCE", "MATERIAL_CONFLICT", -8), ("ASSAULT", "MATERIAL_CONFLICT", -10)]
SOURCES = ["Reuters", "AP", "AFP", "BBC", "Al Jazeera", "TASS", "IRNA", "Xinhua", "DW", "Anadolu"]


def generate(path: Path, n_events: int, seed: int = 42, threads: int = 2, memory: str = "2GB") -> dict:
    t0 = time.perf_counter()
    con = duckdb.connect(str(path))
    # insertion order kept while the events are written, so that LIMIT keeps the same rows every run
    con.execute(f"SET threads = {threads}; SET memory_limit = '{memory}'; SET preserve_insertion_order = true")
    codes = "[" + ", ".join(f"'{c}'" for c in CODES) + "]"
    ev = "[" + ", ".join(f"'{e}'" for e, _, _ in EVENTS) + "]"
    quads = "[" + ", ".join(f"'{q}'" for _, q, _ in EVENTS) + "]"
    inten = "[" + ", ".join(str(float(i)) for _, _, i in EVENTS) + "]"
    srcs = "[" + ", ".join(f"'{s}'" for s in SOURCES) + "]"
    nc, ne, ns = len(CODES), len(EVENTS), len(SOURCES)
    # story k = reports [4k, 4k+size); report i belongs to story i // 4 and exists if i % 4 < size(k).
    # hash() is deterministic in DuckDB, so the file is the same for the same seed.
    con.execute(f"""
        CREATE OR REPLACE TABLE events AS
        WITH r AS (
            SELECT i, i // 4 AS k, hash(i // 4 + {seed}) AS h, hash(i + {seed} * 7919) AS hi
            FROM range({int(n_events * 4 / 2.5 * 1.02) + 100}) t(i)
        ), s AS (
            SELECT *, 1 + (h % 4)::INT AS size,
                   1 + ((h >> 4) % {nc})::INT AS ai,
                   1 + (((h >> 4) % {nc} + 1 + (h >> 12) % {nc - 1}) % {nc})::INT AS ri,
                   1 + ((h >> 20) % {ne})::INT AS ei,
                   (h >> 28) % 100 AS st
            FROM r
        )
        SELECT printf('e%015x', i) AS event_id, printf('a%015x', i // 2) AS article_id, (i % 2)::INT AS sentence_index,
               0 AS span_start, 60 AS span_end,
               'Synthetic report ' || k || ' of ' || ({codes})[ai] || ' and ' || ({codes})[ri] || '.' AS evidence,
               ({ev})[ei] AS event, NULL::VARCHAR AS mode, []::VARCHAR[] AS context, ({quads})[ei] AS quad,
               ({inten})[ei] AS intensity, NULL::VARCHAR AS cameo_root,
               CASE WHEN st < 88 THEN 'asserted' WHEN st < 93 THEN 'alleged' WHEN st < 96 THEN 'denied'
                    WHEN st < 98 THEN 'planned' ELSE 'hypothetical' END AS status,
               NULL::JSON AS actor, NULL::JSON AS recipient, [({codes})[ai]] AS actor_codes,
               [({codes})[ri]] AS recipient_codes, NULL::JSON AS attributed_to,
               CASE WHEN st >= 88 AND st < 93 THEN ({codes})[ri] END AS attributed_code,
               DATE '2000-01-01' + ((h >> 36) % 9131)::INT AS date,
               CASE WHEN (h >> 50) % 10 < 8 THEN 'day' ELSE 'month' END AS date_precision,
               NULL::VARCHAR AS date_text, false AS historical, NULL::JSON AS location,
               NULL::VARCHAR AS location_country,
               NULL::DOUBLE AS lat, NULL::DOUBLE AS lon, 0.8 AS confidence, lower(({ev})[ei]) AS trigger,
               ({srcs})[1 + ((hi % {ns})::INT)] AS source,
               DATE '2000-01-01' + ((h >> 36) % 9131)::INT + (hi % 3)::INT AS published
        FROM s WHERE i % 4 < size
        LIMIT {n_events}
    """)
    t1 = time.perf_counter()
    con.execute("SET preserve_insertion_order = false")
    from realpolitik.dedup.schema import ensure_schema
    from realpolitik.dedup.stories import _aggregate

    ensure_schema(con)
    for t in ("story_dyads", "stories", "story_reports"):
        con.execute(f"DELETE FROM {t}")
    # the clustering step is replaced by the known story of each report (k); aggregation is the real one
    con.execute("""
        INSERT INTO story_reports
        SELECT printf('s%015x', CAST('0x' || substr(event_id, 2) AS UBIGINT) // 4), event_id,
               event || '|' || status || '|' || actor_codes[1] || '>' || recipient_codes[1],
               date, CASE WHEN date_precision = 'day' THEN date ELSE last_day(date) END
        FROM events""")
    _aggregate(con, None)
    t2 = time.perf_counter()
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("events", "stories", "story_reports", "story_dyads")}
    con.close()
    return {"path": str(path), **counts, "events_seconds": round(t1 - t0, 1), "stories_seconds": round(t2 - t1, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db", type=Path)
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--force", action="store_true", help="overwrite an existing file")
    args = ap.parse_args(argv)
    if args.db.exists():
        if not args.force:
            print(f"{args.db} exists; pass --force to overwrite it", file=sys.stderr)
            return 2
        args.db.unlink()
        Path(str(args.db) + ".wal").unlink(missing_ok=True)
    print(generate(args.db, args.events, seed=args.seed, threads=args.threads))
    return 0


if __name__ == "__main__":
    sys.exit(main())
