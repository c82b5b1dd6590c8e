"""One self-contained HTML report: timelines of the main dyads, the network, disputed claims, stories.

Charts are inline SVG and the only script is a few lines inline, so the file opens offline anywhere.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import duckdb

from ..analytics import claims as claims_of, dyad as dyad_of, network as network_of
from ..analytics.common import COOPERATION, counted_statuses, require_stories, sql_list
from ..errors import RealpolitikError
from . import charts

CSS = """
:root { --coop: %(MATERIAL_COOP)s; --coop-light: %(VERBAL_COOP)s; --conf: %(MATERIAL_CONFLICT)s;
        --conf-light: %(VERBAL_CONFLICT)s; --ink: #222; --muted: #666; --rule: #ddd; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); margin: 0 auto;
       max-width: 1100px; padding: 1.5rem; }
h1 { margin-bottom: .2rem; } h2 { border-bottom: 2px solid var(--rule); padding-bottom: .2rem; margin-top: 2.2rem; }
.muted { color: var(--muted); } .chart svg { max-width: 100%%; height: auto; }
table { border-collapse: collapse; width: 100%%; margin: .6rem 0 1rem; font-size: 14px; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { background: #f6f6f6; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.coop { color: var(--coop); font-weight: 600; } .conf { color: var(--conf); font-weight: 600; }
.tag { display: inline-block; padding: 0 .4rem; border-radius: .6rem; font-size: 12px; color: #fff; }
.tag.VERBAL_COOP { background: var(--coop-light); color: #123; } .tag.MATERIAL_COOP { background: var(--coop); }
.tag.VERBAL_CONFLICT { background: var(--conf-light); color: #321; } .tag.MATERIAL_CONFLICT { background: var(--conf); }
details > summary { cursor: pointer; } details[open] > summary { font-weight: 600; }
blockquote { margin: .3rem 0 .3rem 1rem; padding-left: .6rem; border-left: 3px solid var(--rule); }
.side { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.side > div { background: #fafafa; padding: .5rem .7rem; border-radius: .3rem; }
.side .claim { border-left: 4px solid var(--conf-light); } .side .denial { border-left: 4px solid var(--muted); }
#filter { width: 20rem; padding: .3rem; }
""" % charts.COLOURS

SCRIPT = """
(function () {
  var box = document.getElementById('filter');
  if (box) {
    box.addEventListener('input', function () {
      var q = box.value.toLowerCase();
      document.querySelectorAll('#stories tbody tr').forEach(function (tr) {
        tr.style.display = tr.textContent.toLowerCase().indexOf(q) >= 0 ? '' : 'none';
      });
    });
  }
  document.querySelectorAll('button[data-toggle]').forEach(function (btn) {
    btn.addEventListener('click', function () {
      var open = btn.getAttribute('data-open') !== '1';
      document.querySelectorAll(btn.getAttribute('data-toggle') + ' details').forEach(function (d) { d.open = open; });
      btn.setAttribute('data-open', open ? '1' : '0');
      btn.textContent = open ? 'collapse all evidence' : 'open all evidence';
    });
  });
})();
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _choose_period(con: duckdb.DuckDBPyConnection) -> str:
    lo, hi = con.execute("SELECT min(date), max(date) FROM stories WHERE status = 'asserted' "
                         "AND date_precision IN ('day', 'month')").fetchone()
    if lo is None:
        return "year"
    years = (hi - lo).days / 365.25
    return "month" if years <= 3 else "quarter" if years <= 12 else "year"


def main_dyads(con: duckdb.DuckDBPyConnection, n: int = 4) -> list[tuple[str, str]]:
    """The undirected dyads with the most counted stories."""
    rows = con.execute(f"""
        SELECT least(actor, recipient) AS a, greatest(actor, recipient) AS b, count(DISTINCT story_id) AS n
        FROM story_dyads WHERE status IN ({sql_list(counted_statuses(False))})
        GROUP BY ALL ORDER BY n DESC, a, b LIMIT ?""", [n]).fetchall()
    return [(a, b) for a, b, _ in rows]


def _evidence_rows(con: duckdb.DuckDBPyConnection, story_ids: list[str]) -> dict[str, list[tuple]]:
    if not story_ids:
        return {}
    out: dict[str, list[tuple]] = {}
    for sid, source, published, ev, status, who in con.execute("""
            SELECT sr.story_id, e.source, CAST(e.published AS VARCHAR), e.evidence, e.status, e.attributed_code
            FROM story_reports sr JOIN events e USING (event_id)
            WHERE sr.story_id IN (SELECT unnest(?::VARCHAR[]))
            ORDER BY sr.story_id, e.published NULLS LAST, e.event_id""", [story_ids]).fetchall():
        out.setdefault(sid, []).append((source, published, ev, status, who))
    return out


def _evidence_html(reports: list[tuple]) -> str:
    return "".join(
        f"<blockquote>{_e(ev)}<br><span class='muted'>{_e(src or 'unknown outlet')}, {_e(pub or 'undated')}"
        + (f", according to {_e(who)}" if who else "") + "</span></blockquote>"
        for src, pub, ev, _status, who in reports)


def _dyad_section(con: duckdb.DuckDBPyConnection, a: str, b: str, by: str) -> str:
    res = dyad_of(con, a, b, by=by)
    svg = charts.to_svg(charts.dyad_timeline(res))
    rows = []
    for d, (x, y) in (("A->B", (a, b)), ("B->A", (b, a))):
        t = res["totals"][d]
        rec = res["reciprocity"][d]
        ratio = t["material_verbal_coop_ratio"]
        rows.append(
            f"<tr><td>{_e(x)} → {_e(y)}</td><td class='num'>{t['n_stories']}</td>"
            f"<td class='num coop'>{t['cooperation']}</td><td class='num'>{t['MATERIAL_COOP']}</td>"
            f"<td class='num'>{'' if ratio is None else ratio}</td><td class='num conf'>{t['conflict']}</td>"
            f"<td class='num'>{'' if t['intensity_mean'] is None else t['intensity_mean']}</td>"
            f"<td class='num'>{rec['returned']}/{rec['cooperation_periods']}</td></tr>")
    left = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in res["not_counted"].items())
    return (f"<h3>{_e(a)} – {_e(b)}</h3><div class='chart'>{svg}</div>"
            "<table><thead><tr><th>direction</th><th>stories</th><th>cooperation</th><th>of which material</th>"
            "<th>material/verbal</th><th>conflict</th><th>mean intensity</th>"
            f"<th>cooperation returned (same/next {by})</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
            + (f"<p class='muted'>Not in the chart: {_e(left)}.</p>" if left else ""))


def _claims_section(con: duckdb.DuckDBPyConnection, limit: int = 50) -> str:
    items = claims_of(con)
    if not items:
        return "<p class='muted'>No alleged or denied events in this database.</p>"
    out = ["<table id='claims'><thead><tr><th>claim</th><th>claimed by</th><th>denied by</th><th>first reported</th>"
           "</tr></thead><tbody>"]
    for item in items[:limit]:
        c = item["claim"]
        ds = item["denials"]
        head = c or ds[0]
        what = (f"{'+'.join(head['actor_codes'] or ['?'])} {head['event']} "
                f"{'+'.join(head['recipient_codes'] or [])}")
        claimants = ", ".join(c["claimed_by"]) or "unattributed" if c else "(claim not in the database)"
        deniers = ", ".join(sorted({x for d in ds for x in (d["actor_codes"] or [])})) or "not denied"
        claim_ev = "".join(
            f"<blockquote>{_e(r['evidence'])}<br><span class='muted'>{_e(r['source'] or 'unknown outlet')}, "
            f"{_e(r['published'] or 'undated')}</span></blockquote>" for r in (c["reports"] if c else []))
        denial_ev = "".join(
            f"<blockquote>{_e(r['evidence'])}<br><span class='muted'>{_e(r['source'] or 'unknown outlet')}, "
            f"{_e(r['published'] or 'undated')}</span></blockquote>" for d in ds for r in d["reports"])
        out.append(
            f"<tr><td><details><summary>{_e(what)}</summary><div class='side'>"
            f"<div class='claim'><b>claim</b>{claim_ev or '<p class=muted>none stored</p>'}</div>"
            f"<div class='denial'><b>denial</b>{denial_ev or '<p class=muted>none found</p>'}</div></div>"
            f"</details></td><td>{_e(claimants)}</td><td>{_e(deniers)}</td><td>{_e(head['first_reported'])}</td></tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _stories_section(con: duckdb.DuckDBPyConnection, limit: int = 200) -> str:
    rows = con.execute(f"""
        SELECT story_id, CAST(date AS VARCHAR), date_precision, actor_codes, event, recipient_codes, quad, status,
               intensity, n_reports, n_sources, evidence
        FROM stories WHERE status IN ({sql_list(counted_statuses(True))})
        ORDER BY n_sources DESC, abs(coalesce(intensity, 0)) DESC, date DESC NULLS LAST, story_id LIMIT ?""",
                       [limit]).fetchall()
    ev = _evidence_rows(con, [r[0] for r in rows])
    body = []
    for sid, date, prec, actors, event, recips, quad, status, inten, n_rep, n_src, evidence in rows:
        flag = "" if status == "asserted" else f" <span class='muted'>({_e(status)})</span>"
        body.append(
            f"<tr><td>{_e(date or 'undated')}<br><span class='muted'>{_e(prec)}</span></td>"
            f"<td>{_e('+'.join(actors or []))}</td><td><span class='tag {_e(quad)}'>{_e(event)}</span>{flag}</td>"
            f"<td>{_e('+'.join(recips or []))}</td><td class='num'>{n_rep}</td><td class='num'>{n_src}</td>"
            f"<td><details><summary>{_e(evidence)}</summary>{_evidence_html(ev.get(sid, []))}</details></td></tr>")
    return ("<p><input id='filter' type='search' placeholder='filter stories (actor, event, words)'> "
            "<button data-toggle='#stories'>open all evidence</button></p>"
            "<table id='stories'><thead><tr><th>date</th><th>actor</th><th>event</th><th>recipient</th>"
            "<th>reports</th><th>outlets</th><th>evidence (click for every report)</th></tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def _network_section(con: duckdb.DuckDBPyConnection) -> str:
    net = network_of(con)
    svg = charts.to_svg(charts.network_figure(net))
    blocs = "".join(f"<li>bloc {i + 1}: {_e(', '.join(b))}</li>" for i, b in enumerate(net["blocs"]) if len(b) > 1)
    rows = "".join(
        f"<tr><td>{_e(e['a'])} – {_e(e['b'])}</td><td class='num'>{e['n_stories']}</td>"
        f"<td class='num coop'>{e['cooperation']}</td><td class='num conf'>{e['conflict']}</td>"
        f"<td class='num {'coop' if e['weight'] > 0 else 'conf' if e['weight'] < 0 else ''}'>{e['weight']:+d}</td></tr>"
        for e in net["undirected"][:25])
    return (f"<div class='chart'>{svg}</div>"
            + (f"<p>Blocs (communities of the cooperation-leaning graph):</p><ul>{blocs}</ul>" if blocs else "")
            + "<table><thead><tr><th>dyad (both directions)</th><th>stories</th><th>cooperation</th>"
            f"<th>conflict</th><th>net</th></tr></thead><tbody>{rows}</tbody></table>")


def build_report(con: duckdb.DuckDBPyConnection, title: str = "realpolitik report", n_dyads: int = 4) -> str:
    """The report's HTML text."""
    require_stories(con)
    n_events, n_stories, n_sources = con.execute(
        "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM stories), "
        "(SELECT count(DISTINCT source) FROM events)").fetchone()
    if not n_stories:
        raise RealpolitikError("E504", "the database holds no events yet; run `realpolitik ingest` first")
    by = _choose_period(con)
    dyads = main_dyads(con, n_dyads)
    parts = [
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{_e(title)}</title>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'><style>{CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1><p class='muted'>{n_events} reports, {n_stories} stories, {n_sources} outlets. "
        "Counts are of stories (one real-world event however often reported); only asserted events count as "
        "happened. <span class='coop'>Blue = cooperation</span>, <span class='conf'>orange-red = conflict</span>; "
        "light = verbal, dark = material.</p>",
        "<nav><a href='#timelines'>Timelines</a> · <a href='#network'>Network</a> · "
        "<a href='#claims-h'>Claims</a> · "
        "<a href='#stories-h'>Stories</a></nav>",
        f"<h2 id='timelines'>Main relationships by {by}</h2>",
        "".join(_dyad_section(con, a, b, by) for a, b in dyads) or "<p class='muted'>No dyads.</p>",
        "<h2 id='network'>Network</h2>", _network_section(con),
        "<h2 id='claims-h'>Disputed claims</h2><p class='muted'>What one side says happened, next to the accused "
        "side's denial. Alleged events are not counted in the timelines.</p>", _claims_section(con),
        "<h2 id='stories-h'>Stories</h2>", _stories_section(con),
        "<p class='muted'>Generated by realpolitik.</p>",
        f"<script>{SCRIPT}</script></body></html>",
    ]
    return "".join(parts)


def write_report(con: duckdb.DuckDBPyConnection, output: Path | str, force: bool = False, **kw) -> Path:
    """Write the report to ``output`` (refuses to overwrite without ``force``)."""
    output = Path(output)
    if output.exists() and not force:
        raise RealpolitikError("E505", "the report file exists; pass --force to overwrite it", str(output))
    text = build_report(con, **kw)
    output.write_text(text, encoding="utf-8")
    return output
