"""How one relationship behaves over time, counted over stories (not raw reports)."""
from __future__ import annotations

from typing import Any

import duckdb

from ..dedup.stories import is_symmetric
from ..errors import RealpolitikError
from .common import (COOPERATION, CONFLICT, PRECISIONS_FOR, QUADS, counted_statuses, period_index,
                     period_sql, require_stories, sql_list)


def _direction_totals() -> dict[str, Any]:
    return {"n_stories": 0, "n_reports": 0, "n_alleged": 0, **{q: 0 for q in QUADS}, "directed_cooperation": 0,
            "events": {}, "intensity_total": 0.0, "intensity_n": 0}


def _finish(t: dict[str, Any]) -> dict[str, Any]:
    n = t.pop("intensity_n")
    t["intensity_total"] = round(t["intensity_total"], 3)
    t["intensity_mean"] = round(t["intensity_total"] / n, 3) if n else None
    t["cooperation"] = sum(t[q] for q in COOPERATION)
    t["conflict"] = sum(t[q] for q in CONFLICT)
    # does the relationship cost anything? material over verbal cooperation
    t["material_verbal_coop_ratio"] = (round(t["MATERIAL_COOP"] / t["VERBAL_COOP"], 3)
                                       if t["VERBAL_COOP"] else None)
    t["events"] = dict(sorted(t["events"].items()))
    return t


def _asym(x: float, y: float) -> float | None:
    return round((x - y) / (abs(x) + abs(y)), 3) if (x or y) else None


def dyad(con: duckdb.DuckDBPyConnection, a: str, b: str, by: str = "month", include_alleged: bool = False,
         since: str | None = None, until: str | None = None, top: int = 5) -> dict[str, Any]:
    """Counts per quad class and event type, intensity, reciprocity and asymmetry for A->B and B->A.

    Only asserted stories count (alleged too, flagged, with ``include_alleged``); stories whose date is
    coarser than ``by`` (e.g. a year in a monthly view) are left out of the periods and counted apart.
    """
    a, b = a.upper(), b.upper()
    if a == b:
        raise RealpolitikError("E502", f"a dyad needs two different actors, got {a} twice")
    require_stories(con)
    period = period_sql(by, "date")
    statuses = counted_statuses(include_alleged)
    where = ["((actor = $a AND recipient = $b) OR (actor = $b AND recipient = $a))"]
    params: dict[str, Any] = {"a": a, "b": b}
    if since:
        where.append("date >= CAST($since AS DATE)")
        params["since"] = since
    if until:
        where.append("date <= CAST($until AS DATE)")
        params["until"] = until
    base = " AND ".join(where)
    rows = con.execute(f"""
        SELECT CASE WHEN actor = $a THEN 'A->B' ELSE 'B->A' END AS dir, {period} AS period, quad, event,
               count(*) AS n, sum(n_reports) AS reports, sum(intensity) AS itot, count(intensity) AS inum,
               count(*) FILTER (WHERE status = 'alleged') AS alleged
        FROM story_dyads
        WHERE {base} AND status IN ({sql_list(statuses)})
          AND date IS NOT NULL AND date_precision IN ({sql_list(PRECISIONS_FOR[by])})
        GROUP BY ALL ORDER BY period, dir, quad, event""", params).fetchall()
    periods: dict[tuple[str, str], dict[str, Any]] = {}
    totals = {"A->B": _direction_totals(), "B->A": _direction_totals()}
    for d, p, quad, event, n, reports, itot, inum, alleged in rows:
        for t in (periods.setdefault((p, d), _direction_totals()), totals[d]):
            t["n_stories"] += n
            t["n_reports"] += int(reports or 0)
            t["n_alleged"] += alleged
            if quad in QUADS:
                t[quad] += n
            if quad in COOPERATION and not is_symmetric(event):
                t["directed_cooperation"] += n
            t["events"][event] = t["events"].get(event, 0) + n
            t["intensity_total"] += float(itot or 0.0)
            t["intensity_n"] += inum
    period_rows = [{"period": p, "direction": d, **_finish(t)} for (p, d), t in sorted(periods.items())]
    totals = {d: _finish(t) for d, t in totals.items()}

    # left out of the periods, so a reader knows what the timeline does not show
    left_out = dict(con.execute(f"""
        SELECT CASE WHEN status NOT IN ({sql_list(statuses)}) THEN status
                    WHEN date IS NULL THEN 'undated' ELSE 'coarser_than_period' END AS why, count(DISTINCT story_id)
        FROM story_dyads WHERE {base}
          AND NOT (status IN ({sql_list(statuses)}) AND date IS NOT NULL
                   AND date_precision IN ({sql_list(PRECISIONS_FOR[by])}))
        GROUP BY ALL ORDER BY why""", params).fetchall())

    strongest = {}
    for d, (x, y) in (("A->B", (a, b)), ("B->A", (b, a))):
        strongest[d] = [dict(zip(("story_id", "event", "quad", "status", "date", "date_precision", "intensity",
                                  "n_reports", "n_sources", "evidence"), r)) for r in con.execute(f"""
            SELECT s.story_id, s.event, s.quad, s.status, CAST(s.date AS VARCHAR), s.date_precision, s.intensity,
                   s.n_reports, s.n_sources, s.evidence
            FROM story_dyads d JOIN stories s USING (story_id)
            WHERE d.actor = ? AND d.recipient = ? AND d.status IN ({sql_list(statuses)})
            ORDER BY abs(coalesce(s.intensity, 0)) DESC, s.n_sources DESC, s.date NULLS LAST, s.story_id
            LIMIT ?""", [x, y, top]).fetchall()]

    return {
        "dyad": [a, b], "by": by, "include_alleged": include_alleged,
        "periods": period_rows, "totals": totals,
        "reciprocity": reciprocity(period_rows),
        "asymmetry": {
            "cooperation": _asym(totals["A->B"]["cooperation"], totals["B->A"]["cooperation"]),
            "conflict": _asym(totals["A->B"]["conflict"], totals["B->A"]["conflict"]),
            "material_coop": _asym(totals["A->B"]["MATERIAL_COOP"], totals["B->A"]["MATERIAL_COOP"]),
        },
        "strongest": strongest,
        "not_counted": left_out,
    }


def reciprocity(period_rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Share of the periods in which one side cooperated that the other cooperated in the same or next period.

    Only directed cooperation counts (AID, SUPPORT, ...): a meeting or a treaty (symmetric types) is
    mutual by nature and would make every relationship look reciprocal.
    """
    coop: dict[str, set[int]] = {"A->B": set(), "B->A": set()}
    for r in period_rows:
        if r["directed_cooperation"]:
            coop[r["direction"]].add(period_index(r["period"]))
    out: dict[str, Any] = {}
    for d, other in (("A->B", "B->A"), ("B->A", "A->B")):
        mine = coop[d]
        returned = sum(1 for p in mine if p in coop[other] or p + 1 in coop[other])
        out[d] = {"cooperation_periods": len(mine), "returned": returned,
                  "share": round(returned / len(mine), 3) if mine else None}
    return out
