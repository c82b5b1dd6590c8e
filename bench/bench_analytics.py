"""Benchmark: dyad and network analytics (over stories) vs a plain grouped count over the events table.

    python bench/bench_analytics.py --db /tmp/bench_events.duckdb --events 10000000

Generates the synthetic database first when it is missing (scripts/gen_synthetic_events.py).
Acceptance: each analytics call takes at most 3x the plain `GROUP BY actor, recipient` count.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

PLAIN = ("SELECT actor_codes[1] AS actor, recipient_codes[1] AS recipient, count(*) AS n "
         "FROM events GROUP BY ALL")
PLAIN_UNNEST = ("SELECT a, r, count(*) FROM (SELECT unnest(actor_codes) AS a, recipient_codes FROM events) x, "
                "(SELECT unnest(x.recipient_codes) AS r) y GROUP BY ALL")


def timed(fn, repeat: int) -> float:
    fn()  # warm-up: file pages in the buffer cache, as for every later query of a session
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=Path("/tmp/bench_events.duckdb"))
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)
    gen = None
    if not args.db.exists():
        from gen_synthetic_events import generate

        gen = generate(args.db, args.events, threads=args.threads)
        print("generated", gen, flush=True)
    from realpolitik.analytics import dyad, network

    con = duckdb.connect(str(args.db), read_only=True)
    con.execute(f"SET threads = {args.threads}")
    n_events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    n_stories = con.execute("SELECT count(*) FROM stories").fetchone()[0]
    res = {
        "events": n_events, "stories": n_stories, "threads": args.threads, "generation": gen,
        "plain_group_by_s": timed(lambda: con.execute(PLAIN).fetchall(), args.repeat),
        "plain_group_by_unnest_s": timed(lambda: con.execute(PLAIN_UNNEST).fetchall(), args.repeat),
        "dyad_month_s": timed(lambda: dyad(con, "RUS", "IRN", by="month"), args.repeat),
        "dyad_year_alleged_s": timed(lambda: dyad(con, "USA", "CHN", by="year", include_alleged=True), args.repeat),
        "network_s": timed(lambda: network(con), args.repeat),
        "network_since_s": timed(lambda: network(con, since="2015-01-01"), args.repeat),
    }
    base = res["plain_group_by_s"]
    res["ratios_vs_plain"] = {k[:-2]: round(v / base, 2) for k, v in res.items()
                              if k.endswith("_s") and k.startswith(("dyad", "network"))}
    res["pass"] = all(r <= 3.0 for r in res["ratios_vs_plain"].values())
    for k, v in list(res.items()):
        if k.endswith("_s"):
            res[k] = round(v, 4)
    print(json.dumps(res, indent=2))
    return 0 if res["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
