"""Reports (rows of ``events``) -> stories (one real-world event each).

Two reports are one story when they fall in the same block (compatible event type, same
status, same actor and recipient code sets; a reciprocal pair's order ignored for symmetric
types), their dates are compatible given each precision, and their evidence is similar (or they
come from the same article). Stories are the connected components of that pairwise relation, so
the result does not depend on the order reports arrive in: ``update_stories`` after each ingest
gives the same stories and the same ids as ``rebuild_stories``.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable, Sequence

import duckdb
import yaml

from .schema import ensure_schema
from .settings import DEFAULT, DedupSettings
from .text import UnionFind, jaccard, token_set

log = logging.getLogger(__name__)

PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "decade": 3, "century": 4, "unknown": 5}


@lru_cache(maxsize=1)
def _event_table() -> tuple[dict[str, str], frozenset[str]]:
    with resources.files("realpolitik").joinpath("data/dedup/compatible_events.yaml").open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    group_of = {t: name for name, types in (data.get("groups") or {}).items() for t in types}
    return group_of, frozenset(data.get("symmetric") or ())


def event_group(event: str) -> str:
    """The merge group of an event type (itself unless listed as compatible with others)."""
    return _event_table()[0].get(event, event)


def is_symmetric(event: str) -> bool:
    return event in _event_table()[1]


def block_key(event: str, status: str, actor_codes: Sequence[str], recipient_codes: Sequence[str]) -> str:
    """Reports can only be one story when their block keys are equal."""
    actors = sorted(set(actor_codes or ()))
    recips = sorted(set(recipient_codes or ()))
    if is_symmetric(event):
        parties = "=" + ",".join(sorted(set(actors) | set(recips)))
    else:
        parties = ",".join(actors) + ">" + ",".join(recips)
    return f"{event_group(event)}|{status or 'asserted'}|{parties}"


def date_interval(date: dt.date | str | None, precision: str | None) -> tuple[dt.date, dt.date] | None:
    """The calendar interval a (date, precision) pair stands for; None when undated."""
    if date is None or precision in (None, "unknown"):
        return None
    if isinstance(date, str):
        date = dt.date.fromisoformat(date[:10])
    if precision == "day":
        return date, date
    if precision == "month":
        return date.replace(day=1), date.replace(day=calendar.monthrange(date.year, date.month)[1])
    if precision == "year":
        return dt.date(date.year, 1, 1), dt.date(date.year, 12, 31)
    span = 10 if precision == "decade" else 100
    start = date.year - date.year % span
    return dt.date(max(start, 1), 1, 1), dt.date(min(start + span - 1, 9999), 12, 31)


def story_id_for(event_ids: Iterable[str]) -> str:
    """A story's id: derived from its smallest report id, so it is the same however it was built."""
    return hashlib.sha1(("story:" + min(event_ids)).encode("utf-8")).hexdigest()[:16]


@dataclass
class Report:
    event_id: str
    article_id: str
    event: str
    status: str
    precision: str
    published: dt.date | None
    interval: tuple[dt.date, dt.date] | None
    tokens: frozenset[str]
    key: str = ""
    story_id: str | None = None  # set for reports already in a story

    @classmethod
    def from_row(cls, row: tuple) -> "Report":
        (event_id, article_id, event, status, actors, recips, date, precision, published, trigger, evidence) = row[:11]
        story_id = row[11] if len(row) > 11 else None
        precision = precision or "unknown"
        return cls(
            event_id=event_id, article_id=article_id, event=event, status=status or "asserted",
            precision=precision, published=published, interval=date_interval(date, precision),
            tokens=token_set(trigger, evidence),
            key=block_key(event, status, actors or (), recips or ()), story_id=story_id,
        )


def reports_match(a: Report, b: Report, settings: DedupSettings = DEFAULT) -> bool:
    """The pairwise relation whose connected components are the stories (same block assumed)."""
    same_article = a.article_id == b.article_id
    if a.interval and b.interval:
        coarse = {a.precision, b.precision} & {"decade", "century"}
        if coarse and a.precision != b.precision:
            return False  # "in the 2010s" is a period, not the day an act happened
        tol = settings.day_tolerance if a.precision == b.precision == "day" else 0
        slack = dt.timedelta(days=tol)
        if a.interval[0] > b.interval[1] + slack or b.interval[0] > a.interval[1] + slack:
            return False
    elif not same_article:
        if a.published is None or b.published is None:
            return False
        if abs((a.published - b.published).days) > settings.undated_publish_window_days:
            return False
    if same_article:
        return True  # one article telling the same act (type, dyad, date) twice
    sim = jaccard(a.tokens, b.tokens)
    if a.precision == b.precision == "day" and a.interval and b.interval:
        return sim >= settings.min_similarity_same_day
    return sim >= settings.min_similarity


def _link_block(reports: list[Report], uf: UnionFind, settings: DedupSettings, only_new: bool) -> None:
    """Union matching pairs within one block; with ``only_new`` skip pairs of two old reports."""
    def wanted(a: Report, b: Report) -> bool:
        return not only_new or a.story_id is None or b.story_id is None

    dated = sorted((r for r in reports if r.interval), key=lambda r: (r.interval[0], r.event_id))
    los = [r.interval[0] for r in dated]
    slack = dt.timedelta(days=settings.day_tolerance)
    for i, a in enumerate(dated):
        # only reports starting before a's end (+ tolerance) can overlap it
        hi = bisect.bisect_right(los, a.interval[1] + slack, lo=i + 1)
        for b in dated[i + 1:hi]:
            if wanted(a, b) and uf.find(a.event_id) != uf.find(b.event_id) and reports_match(a, b, settings):
                uf.union(a.event_id, b.event_id)
    undated = [r for r in reports if not r.interval]
    if not undated:
        return
    by_article: dict[str, list[Report]] = {}
    for r in reports:
        by_article.setdefault(r.article_id, []).append(r)
    published = sorted((r for r in reports if r.published), key=lambda r: (r.published, r.event_id))
    pub_keys = [r.published for r in published]
    window = dt.timedelta(days=settings.undated_publish_window_days)
    for a in undated:
        partners = list(by_article[a.article_id])
        if a.published:
            lo = bisect.bisect_left(pub_keys, a.published - window)
            hi = bisect.bisect_right(pub_keys, a.published + window)
            partners += published[lo:hi]
        for b in partners:
            if b is a or not wanted(a, b) or uf.find(a.event_id) == uf.find(b.event_id):
                continue
            if reports_match(a, b, settings):
                uf.union(a.event_id, b.event_id)


_REPORT_COLS = ("e.event_id, e.article_id, e.event, e.status, e.actor_codes, e.recipient_codes, e.date, "
                "e.date_precision, e.published, e.trigger, e.evidence")


def _write_components(con: duckdb.DuckDBPyConnection, components: list[list[Report]],
                      old_story_ids: set[str]) -> set[str]:
    """Replace ``old_story_ids`` by the given components; returns the new story ids."""
    rows = []
    for members in components:
        sid = story_id_for(r.event_id for r in members)
        for r in members:
            lo, hi = r.interval if r.interval else (None, None)
            rows.append((sid, r.event_id, r.key, lo, hi))
    new_ids = {r[0] for r in rows}
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE _story_touch(story_id VARCHAR)")
        touched = sorted(old_story_ids | new_ids)
        if touched:
            con.execute("INSERT INTO _story_touch SELECT unnest(?::VARCHAR[])", [touched])
        con.execute("DELETE FROM story_reports WHERE story_id IN (SELECT story_id FROM _story_touch)")
        con.execute("DELETE FROM stories WHERE story_id IN (SELECT story_id FROM _story_touch)")
        con.execute("DELETE FROM story_dyads WHERE story_id IN (SELECT story_id FROM _story_touch)")
        if rows:
            import pyarrow as pa

            tbl = pa.table({
                "story_id": [r[0] for r in rows], "event_id": [r[1] for r in rows],
                "block_key": [r[2] for r in rows],
                "date_lo": pa.array([r[3] for r in rows], pa.date32()),
                "date_hi": pa.array([r[4] for r in rows], pa.date32()),
            })
            con.register("_new_story_reports", tbl)
            con.execute("INSERT INTO story_reports SELECT story_id, event_id, block_key, date_lo, date_hi "
                        "FROM _new_story_reports")
            con.unregister("_new_story_reports")
        _aggregate(con, "SELECT story_id FROM _story_touch")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return new_ids


def _symmetric_list_sql() -> str:
    return ", ".join(f"'{t}'" for t in sorted(_event_table()[1])) or "''"


def _aggregate(con: duckdb.DuckDBPyConnection, story_filter_sql: str | None) -> None:
    """(Re)compute ``stories`` and ``story_dyads`` rows for the stories selected by the SQL given (None: all)."""
    cond = f"WHERE sr.story_id IN ({story_filter_sql})" if story_filter_sql else ""
    cond_s = f"WHERE story_id IN ({story_filter_sql})" if story_filter_sql else ""
    ranks = " ".join(f"WHEN '{p}' THEN {r}" for p, r in PRECISION_RANK.items())
    con.execute(f"""
        INSERT INTO stories
        WITH r AS (
            SELECT sr.story_id, sr.block_key, sr.date_lo, sr.date_hi, e.*,
                   row_number() OVER (PARTITION BY sr.story_id ORDER BY
                       CASE coalesce(e.date_precision, 'unknown') {ranks} ELSE 5 END,
                       e.published NULLS LAST, e.event_id) AS rn
            FROM story_reports sr JOIN events e USING (event_id)
            {cond}
        ), agg AS (
            SELECT story_id, count(*) AS n_reports,
                   count(DISTINCT coalesce(source, 'article:' || article_id)) AS n_sources,
                   count(DISTINCT article_id) AS n_articles,
                   min(published) AS first_reported, max(published) AS last_reported,
                   min(date_lo) AS date_lo, max(date_hi) AS date_hi,
                   list_sort(list_distinct(list(attributed_code) FILTER (WHERE attributed_code IS NOT NULL)))
                       AS attributed_codes
            FROM r GROUP BY story_id
        )
        SELECT r.story_id, r.block_key, r.event, r.quad, r.intensity,
               list_sort(list_distinct(coalesce(r.actor_codes, []))),
               list_sort(list_distinct(coalesce(r.recipient_codes, []))),
               r.event IN ({_symmetric_list_sql()}),
               CASE WHEN coalesce(r.date_precision, 'unknown') = 'unknown' THEN NULL ELSE r.date END,
               coalesce(r.date_precision, 'unknown'), agg.date_lo, agg.date_hi, r.status,
               agg.attributed_codes, agg.n_reports, agg.n_sources, agg.n_articles,
               agg.first_reported, agg.last_reported, r.evidence, r.event_id
        FROM r JOIN agg USING (story_id) WHERE r.rn = 1
    """)
    # directed pairs actor x recipient; a symmetric story counts in both directions, and a reciprocal
    # pair given only as actors ("Russia and Iran agreed") becomes both directed pairs
    con.execute(f"""
        INSERT INTO story_dyads
        WITH s AS (SELECT * FROM stories {cond_s}),
        pairs AS (
            SELECT story_id, a AS actor, r AS recipient
            FROM (SELECT story_id, unnest(actor_codes) AS a, recipient_codes FROM s) x,
                 (SELECT unnest(x.recipient_codes) AS r) y
            UNION
            SELECT story_id, r, a
            FROM (SELECT story_id, unnest(actor_codes) AS a, recipient_codes FROM s WHERE is_symmetric) x,
                 (SELECT unnest(x.recipient_codes) AS r) y
            UNION
            SELECT story_id, a1, a2
            FROM (SELECT story_id, unnest(actor_codes) AS a1, actor_codes FROM s
                  WHERE is_symmetric AND len(recipient_codes) = 0) x,
                 (SELECT unnest(x.actor_codes) AS a2) y
        )
        SELECT p.story_id, p.actor, p.recipient, s.event, s.quad, s.intensity, s.status, s.date,
               s.date_precision, s.n_reports, s.n_sources
        FROM pairs p JOIN s USING (story_id)
        WHERE p.actor <> p.recipient
    """)


def rebuild_stories(con: duckdb.DuckDBPyConnection, settings: DedupSettings = DEFAULT) -> int:
    """Recompute all stories from all reports; returns the number of stories."""
    ensure_schema(con)
    rows = con.execute(f"SELECT {_REPORT_COLS} FROM events e ORDER BY e.event_id").fetchall()
    reports = [Report.from_row(r) for r in rows]
    components = _cluster(reports, settings, only_new=False)
    con.execute("BEGIN TRANSACTION")
    con.execute("DELETE FROM story_reports")
    con.execute("DELETE FROM stories")
    con.execute("DELETE FROM story_dyads")
    con.execute("COMMIT")
    _write_components(con, components, set())
    log.info("rebuilt %d stories from %d reports", len(components), len(reports))
    return len(components)


def _cluster(reports: list[Report], settings: DedupSettings, only_new: bool) -> list[list[Report]]:
    uf = UnionFind()
    blocks: dict[str, list[Report]] = {}
    for r in reports:
        uf.add(r.event_id)
        blocks.setdefault(r.key, []).append(r)
    # reports already in one story stay together
    first_of_story: dict[str, str] = {}
    for r in reports:
        if r.story_id:
            if r.story_id in first_of_story:
                uf.union(first_of_story[r.story_id], r.event_id)
            else:
                first_of_story[r.story_id] = r.event_id
    for block in blocks.values():
        _link_block(block, uf, settings, only_new)
    by_id = {r.event_id: r for r in reports}
    return [[by_id[e] for e in sorted(members)] for members in uf.groups().values()]


def update_stories(con: duckdb.DuckDBPyConnection, article_ids: Iterable[str],
                   settings: DedupSettings = DEFAULT) -> dict[str, int]:
    """Assign the not-yet-assigned reports of ``article_ids`` to stories, merging stories they join.

    Only candidate stories (same block key, overlapping date window or publication window) are read.
    """
    ensure_schema(con)
    ids = sorted(set(article_ids))
    if not ids:
        return {"new_reports": 0, "stories_touched": 0}
    con.execute("CREATE OR REPLACE TEMP TABLE _upd_articles(article_id VARCHAR)")
    con.execute("INSERT INTO _upd_articles SELECT unnest(?::VARCHAR[])", [ids])
    rows = con.execute(f"""
        SELECT {_REPORT_COLS} FROM events e
        WHERE e.article_id IN (SELECT article_id FROM _upd_articles)
          AND e.event_id NOT IN (SELECT event_id FROM story_reports)
        ORDER BY e.event_id""").fetchall()
    new = [Report.from_row(r) for r in rows]
    if not new:
        return {"new_reports": 0, "stories_touched": 0}
    import pyarrow as pa

    keys = pa.table({
        "block_key": [r.key for r in new],
        "lo": pa.array([r.interval[0] if r.interval else None for r in new], pa.date32()),
        "hi": pa.array([r.interval[1] if r.interval else None for r in new], pa.date32()),
        "published": pa.array([r.published for r in new], pa.date32()),
    })
    con.register("_upd_keys", keys)
    tol, win = settings.day_tolerance, settings.undated_publish_window_days
    candidates = con.execute(f"""
        SELECT DISTINCT s.story_id FROM stories s JOIN _upd_keys k ON s.block_key = k.block_key
        WHERE (k.lo IS NOT NULL AND s.date_lo IS NOT NULL
               AND s.date_lo <= k.hi + INTERVAL {tol} DAY AND s.date_hi >= k.lo - INTERVAL {tol} DAY)
           OR (k.published IS NOT NULL AND s.first_reported IS NOT NULL
               AND s.first_reported <= k.published + INTERVAL {win} DAY
               AND s.last_reported >= k.published - INTERVAL {win} DAY)
    """).fetchall()
    con.unregister("_upd_keys")
    cand_ids = sorted(r[0] for r in candidates)
    old: list[Report] = []
    if cand_ids:
        rows = con.execute(f"""
            SELECT {_REPORT_COLS}, sr.story_id FROM story_reports sr JOIN events e USING (event_id)
            WHERE sr.story_id IN (SELECT unnest(?::VARCHAR[]))""", [cand_ids]).fetchall()
        old = [Report.from_row(r) for r in rows]
    components = _cluster(new + old, settings, only_new=True)
    changed = [c for c in components if any(r.story_id is None for r in c)]
    old_ids = {r.story_id for c in changed for r in c if r.story_id}
    _write_components(con, changed, old_ids)
    return {"new_reports": len(new), "stories_touched": len(changed), "candidate_stories": len(cand_ids)}


def sync_stories(con: duckdb.DuckDBPyConnection, settings: DedupSettings = DEFAULT) -> dict[str, int]:
    """Assign every report not yet in a story (e.g. ingested by a version without dedup)."""
    ensure_schema(con)
    arts = [r[0] for r in con.execute("""
        SELECT DISTINCT e.article_id FROM events e ANTI JOIN story_reports sr USING (event_id)""").fetchall()]
    if not arts:
        return {"new_reports": 0, "stories_touched": 0}
    n_stories = con.execute("SELECT count(*) FROM stories").fetchone()[0]
    if not n_stories:
        return {"stories": rebuild_stories(con, settings)}
    return update_stories(con, arts, settings)
