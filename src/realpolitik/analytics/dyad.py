"""How one relationship behaves over time, counted over stories (not raw reports)."""
from __future__ import annotations

import warnings
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
    # one scan of the big table; everything after reads this dyad's few rows
    with warnings.catch_warnings():
        # the copy it warns about is of this dyad's few rows only
        warnings.simplefilter("ignore", UserWarning)
        rel = con.execute(f"""
            SELECT story_id, actor, recipient, event, quad, intensity, status, date, date_precision, n_reports,
                   n_sources
            FROM story_dyads WHERE {base}""", params).to_arrow_table()
    view = f"_dyad_{abs(hash((a, b, by, since, until))) % 10**9}"
    con.register(view, rel)
    try:
        counted = (f"status IN ({sql_list(statuses)}) AND date IS NOT NULL "
                   f"AND date_precision IN ({sql_list(PRECISIONS_FOR[by])})")
        rows = con.execute(f"""
            SELECT CASE WHEN actor = $a THEN 'A->B' ELSE 'B->A' END AS dir, {period} AS period, quad, event,
                   count(*) AS n, sum(n_reports) AS reports, sum(intensity) AS itot, count(intensity) AS inum,
                   count(*) FILTER (WHERE status = 'alleged') AS alleged
            FROM {view} WHERE {counted}
            GROUP BY ALL ORDER BY period, dir, quad, event""", {"a": a}).fetchall()
        # left out of the periods, so a reader knows what the timeline does not show
        left_out = dict(con.execute(f"""
            SELECT CASE WHEN status NOT IN ({sql_list(statuses)}) THEN status
                        WHEN date IS NULL THEN 'undated' ELSE 'coarser_than_period' END AS why,
                   count(DISTINCT story_id)
            FROM {view} WHERE NOT ({counted}) GROUP BY ALL ORDER BY why""").fetchall())
        top_ids = con.execute(f"""
            SELECT CASE WHEN actor = $a THEN 'A->B' ELSE 'B->A' END AS dir, story_id FROM {view}
            WHERE status IN ({sql_list(statuses)})
            QUALIFY row_number() OVER (PARTITION BY actor ORDER BY abs(coalesce(intensity, 0)) DESC,
                                       n_sources DESC, date NULLS LAST, story_id) <= $top
            ORDER BY dir""", {"a": a, "top": top}).fetchall()
    finally:
        con.unregister(view)

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

    cols = ("story_id", "event", "quad", "status", "date", "date_precision", "intensity", "n_reports", "n_sources",
            "evidence")
    details = {}
    if top_ids:
        details = {r[0]: dict(zip(cols, r)) for r in con.execute(f"""
            SELECT story_id, event, quad, status, CAST(date AS VARCHAR), date_precision, intensity, n_reports,
                   n_sources, evidence
            FROM stories WHERE story_id IN ({sql_list(sid for _, sid in top_ids)})""").fetchall()}

    def rank(s: dict[str, Any]):
        return (-abs(s["intensity"] or 0), -(s["n_sources"] or 0), s["date"] or "9999", s["story_id"])

    strongest = {d: sorted((details[sid] for dd, sid in top_ids if dd == d and sid in details), key=rank)
                 for d in ("A->B", "B->A")}

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
