"""`realpolitik dyad | network | claims | stories | report` and `realpolitik eval ecbplus`."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional, Tuple

import typer

from ..errors import RealpolitikError
from . import app, eval_app
from ._output import EXIT_CODES_HELP, check_output, console, fail, write_records

DB_HELP = "The DuckDB file written by `realpolitik ingest`."
DEFAULT_DB = Path("realpolitik.duckdb")


def _connect(db: Path):
    """Open the database and bring its stories up to date with its events."""
    import duckdb

    from ..dedup import sync_stories

    if not db.exists():
        raise RealpolitikError("E503", "no database here; run `realpolitik ingest ARTICLES --db FILE` first "
                               "or pass --db", str(db))
    con = duckdb.connect(str(db))
    has_events = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'events'").fetchone()[0]
    if not has_events:
        con.close()
        raise RealpolitikError("E504", "the database holds no events table; run `realpolitik ingest` first", str(db))
    sync_stories(con)
    return con


def _check_plot(plot: Optional[Path], force: bool) -> None:
    if plot is None:
        return
    if plot.suffix.lower() not in (".png", ".svg"):
        raise RealpolitikError("E506", "--plot writes .png or .svg; give a file name with one of those suffixes",
                               str(plot))
    if plot.exists() and not force:
        raise RealpolitikError("E140", "the plot file exists; pass --force to overwrite it", str(plot))


def _json_out(obj: Any, output: Optional[Path]) -> None:
    text = json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


def _num(v: Any) -> str:
    return "" if v is None else f"{v:g}" if isinstance(v, float) else str(v)


@app.command("dyad", epilog=EXIT_CODES_HELP)
def dyad_command(
    a: str = typer.Argument(..., help="First actor code (ISO3 country or org), e.g. RUS."),
    b: str = typer.Argument(..., help="Second actor code, e.g. IRN."),
    db: Path = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    by: str = typer.Option("month", "--by", help="Period: month, quarter or year."),
    since: Optional[str] = typer.Option(None, "--since", help="Stories dated on or after this day (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Stories dated on or before this day (YYYY-MM-DD)."),
    alleged: bool = typer.Option(False, "--alleged", help="Count alleged stories too (flagged as n_alleged)."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    plot: Optional[Path] = typer.Option(None, "--plot", help="Also draw the timeline to this .png or .svg file."),
    force: bool = typer.Option(False, "--force", help="Overwrite --output / --plot files."),
) -> None:
    """How a relationship behaves, both directions, per period: stories per quad class and event type,
    intensity, material/verbal cooperation, reciprocity, asymmetry and the strongest events.

    Counts are of stories (deduplicated), asserted only unless --alleged.

    Example:

        realpolitik dyad RUS IRN --db news.duckdb --by quarter --plot rus-irn.png
    """
    from ..analytics import dyad

    try:
        check_output(fmt, output, force, allowed=("table", "json"))
        _check_plot(plot, force)
        con = _connect(db)
        res = dyad(con, a, b, by=by, include_alleged=alleged, since=since, until=until)
        con.close()
    except RealpolitikError as exc:
        raise fail(exc)
    if plot is not None:
        from ..report import charts

        charts.save(charts.dyad_timeline(res), plot)
    if fmt == "json":
        _json_out(res, output)
        return
    x, y = res["dyad"]
    arrow = {"A->B": f"{x}→{y}", "B->A": f"{y}→{x}"}
    cols = [("period", lambda r: r["period"], {"no_wrap": True}),
            ("direction", lambda r: arrow[r["direction"]], {"no_wrap": True}),
            ("stories", lambda r: str(r["n_stories"]), {"justify": "right"}),
            ("verbal coop", lambda r: str(r["VERBAL_COOP"]), {"justify": "right", "style": "blue"}),
            ("material coop", lambda r: str(r["MATERIAL_COOP"]), {"justify": "right", "style": "bold blue"}),
            ("verbal conflict", lambda r: str(r["VERBAL_CONFLICT"]), {"justify": "right", "style": "dark_orange"}),
            ("material conflict", lambda r: str(r["MATERIAL_CONFLICT"]), {"justify": "right", "style": "bold red"}),
            ("mean intensity", lambda r: _num(r["intensity_mean"]), {"justify": "right"}),
            ("events", lambda r: " ".join(f"{k}:{v}" for k, v in r["events"].items()), {})]
    rows = res["periods"] + [{"period": "total", "direction": d, **t} for d, t in res["totals"].items()]
    write_records(rows, "table", output, table=cols, title=f"{x} – {y} by {res['by']} (stories)")
    lines = []
    for d in ("A->B", "B->A"):
        t, r = res["totals"][d], res["reciprocity"][d]
        lines.append(f"{arrow[d]}: material/verbal cooperation {_num(t['material_verbal_coop_ratio']) or '-'}; "
                     f"cooperation returned in same/next {res['by']}: {r['returned']}/{r['cooperation_periods']}")
    asym = res["asymmetry"]
    lines.append(f"asymmetry ({x} minus {y}, -1..1): cooperation {_num(asym['cooperation']) or '-'}, "
                 f"conflict {_num(asym['conflict']) or '-'}")
    if res["not_counted"]:
        lines.append("not counted: " + ", ".join(f"{v} {k}" for k, v in res["not_counted"].items()))
    for d in ("A->B", "B->A"):
        for s in res["strongest"][d][:3]:
            lines.append(f"strongest {arrow[d]}: {s['date'] or 'undated'} {s['event']} ({_num(s['intensity'])}, "
                         f"{s['n_sources']} outlets): {' '.join((s['evidence'] or '').split())}")
    text = "\n".join(lines) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        with output.open("a", encoding="utf-8") as fh:
            fh.write(text)


@app.command("network", epilog=EXIT_CODES_HELP)
def network_command(
    db: Path = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    since: Optional[str] = typer.Option(None, "--since", help="Stories dated on or after this day (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Stories dated on or before this day (YYYY-MM-DD)."),
    min_stories: int = typer.Option(1, "--min-stories", min=1, help="Leave out directed dyads with fewer stories."),
    top: int = typer.Option(30, "--top", min=1, help="Table format: how many dyads to list."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    plot: Optional[Path] = typer.Option(None, "--plot", help="Also draw the network to this .png or .svg file."),
    force: bool = typer.Option(False, "--force", help="Overwrite --output / --plot files."),
) -> None:
    """Every dyad's cooperation and conflict (stories, both directions) and the blocs of the signed network.

    Example:

        realpolitik network --db news.duckdb --since 2022-01-01 --plot network.svg
    """
    from ..analytics import network

    try:
        check_output(fmt, output, force, allowed=("table", "json"))
        _check_plot(plot, force)
        con = _connect(db)
        res = network(con, since=since, until=until, min_stories=min_stories)
        con.close()
    except RealpolitikError as exc:
        raise fail(exc)
    if plot is not None:
        from ..report import charts

        charts.save(charts.network_figure(res), plot)
    if fmt == "json":
        _json_out(res, output)
        return
    cols = [("dyad", lambda e: f"{e['a']} – {e['b']}", {"no_wrap": True}),
            ("stories", lambda e: str(e["n_stories"]), {"justify": "right"}),
            ("cooperation", lambda e: str(e["cooperation"]), {"justify": "right", "style": "blue"}),
            ("conflict", lambda e: str(e["conflict"]), {"justify": "right", "style": "red"}),
            ("net", lambda e: f"{e['weight']:+d}", {"justify": "right"})]
    write_records(res["undirected"][:top], "table", output, table=cols, title="dyads (stories, both directions)")
    text = "".join(f"bloc {i + 1}: {' '.join(b)}\n" for i, b in enumerate(res["blocs"]) if len(b) > 1)
    if output is None:
        typer.echo(text, nl=False)
    else:
        with output.open("a", encoding="utf-8") as fh:
            fh.write(text)


@app.command("claims", epilog=EXIT_CODES_HELP)
def claims_command(
    db: Path = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    dyad: Optional[Tuple[str, str]] = typer.Option(None, "--dyad", metavar="A B",
                                                   help="Only claims involving A and B."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    force: bool = typer.Option(False, "--force", help="Overwrite the --output file."),
) -> None:
    """Disputed claims: alleged events with who claims them, next to the accused side's denials.

    Example:

        realpolitik claims --db news.duckdb --dyad IRN RUS --format json
    """
    from ..analytics import claims

    try:
        check_output(fmt, output, force, allowed=("table", "json"))
        con = _connect(db)
        items = claims(con, dyad=tuple(dyad) if dyad else None)
        con.close()
    except RealpolitikError as exc:
        raise fail(exc)
    if fmt == "json":
        _json_out(items, output)
        return

    def what(i):
        s = i["claim"] or i["denials"][0]
        return f"{'+'.join(s['actor_codes'] or ['?'])} {s['event']} {'+'.join(s['recipient_codes'] or [])}"

    def first(reports):
        return " ".join(str(reports[0]["evidence"] or "").split()) if reports else ""

    cols = [("claim", what, {"no_wrap": True}),
            ("claimed by", lambda i: ", ".join(i["claim"]["claimed_by"]) if i["claim"] else "?", {}),
            ("claim evidence", lambda i: first(i["claim"]["reports"]) if i["claim"] else "", {"overflow": "fold"}),
            ("denied by", lambda i: ", ".join(sorted({c for d in i["denials"] for c in d["actor_codes"] or []}))
             or "-", {}),
            ("denial evidence", lambda i: first(i["denials"][0]["reports"]) if i["denials"] else "",
             {"overflow": "fold"})]
    write_records(items, "table", output, table=cols, title="disputed claims")


@app.command("stories", epilog=EXIT_CODES_HELP)
def stories_command(
    db: Path = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    rebuild: bool = typer.Option(False, "--rebuild", help="Recompute every story from all reports first."),
    limit: Optional[int] = typer.Option(None, "--limit", min=0, help="At most this many stories."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or jsonl."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    force: bool = typer.Option(False, "--force", help="Overwrite the --output file."),
) -> None:
    """List stories: one real-world event each, with how many reports and outlets told it.

    Example:

        realpolitik stories --db news.duckdb --format jsonl -o stories.jsonl
    """
    from ..dedup import rebuild_stories

    try:
        check_output(fmt, output, force, allowed=("table", "jsonl"))
        con = _connect(db)
        if rebuild:
            rebuild_stories(con)
        sql = ("SELECT s.story_id, CAST(s.date AS VARCHAR) AS date, s.date_precision, s.actor_codes, s.event, "
               "s.recipient_codes, s.quad, s.intensity, s.status, s.attributed_codes, s.n_reports, s.n_sources, "
               "CAST(s.first_reported AS VARCHAR) AS first_reported, CAST(s.last_reported AS VARCHAR) AS "
               "last_reported, s.evidence, (SELECT list(event_id ORDER BY event_id) FROM story_reports r "
               "WHERE r.story_id = s.story_id) AS event_ids FROM stories s "
               "ORDER BY s.date NULLS LAST, s.story_id" + (f" LIMIT {int(limit)}" if limit is not None else ""))
        cur = con.execute(sql)
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r)) for r in cur.fetchall()]
        con.close()
    except RealpolitikError as exc:
        raise fail(exc)
    cols = [("date", lambda r: r["date"] or "undated", {"no_wrap": True}),
            ("actor", lambda r: "+".join(r["actor_codes"] or []), {}),
            ("event", lambda r: r["event"], {"no_wrap": True}),
            ("recipient", lambda r: "+".join(r["recipient_codes"] or []), {}),
            ("status", lambda r: r["status"], {}),
            ("reports", lambda r: str(r["n_reports"]), {"justify": "right"}),
            ("outlets", lambda r: str(r["n_sources"]), {"justify": "right"}),
            ("evidence", lambda r: " ".join((r["evidence"] or "").split()), {"overflow": "fold"})]
    write_records(rows, fmt, output, table=cols, title="stories")


@app.command("report", epilog=EXIT_CODES_HELP)
def report_command(
    db: Path = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    output: Path = typer.Option(Path("report.html"), "--output", "-o", help="The HTML file to write."),
    title: str = typer.Option("realpolitik report", "--title", help="The report's title."),
    dyads: int = typer.Option(4, "--dyads", min=1, help="How many main relationships get a timeline."),
    force: bool = typer.Option(False, "--force", help="Overwrite the output file if it exists."),
) -> None:
    """Write one self-contained HTML report (no network needed to open it): timelines of the main
    relationships, the network, disputed claims, and stories whose rows open their evidence sentences.

    Example:

        realpolitik report --db news.duckdb -o report.html --force
    """
    from ..report import write_report

    try:
        if output.exists() and not force:
            raise RealpolitikError("E140", "the output file exists; pass --force to overwrite it", str(output))
        con = _connect(db)
        write_report(con, output, force=True, title=title, n_dyads=dyads)
        con.close()
    except RealpolitikError as exc:
        raise fail(exc)
    console().print(f"wrote {output}")


@eval_app.command("ecbplus", epilog=EXIT_CODES_HELP)
def eval_ecbplus_command(
    docs: Path = typer.Argument(..., help="ecbplus_docs.jsonl (one document per line with topic and subtopic)."),
    mentions: Optional[Path] = typer.Option(None, "--mentions", help="ecbplus_mentions.jsonl: also score "
                                            "event-mention coreference (CoNLL F1)."),
    measure: str = typer.Option("jaccard", "--similarity", help="jaccard (the story merger's own rule and "
                                "threshold) or tfidf (cosine)."),
    threshold: Optional[float] = typer.Option(None, "--threshold", help="Similarity threshold (default: the "
                                              "pinned one for the measure)."),
    scope: str = typer.Option("global", "--scope", help="global (honest: all documents at once) or topic "
                              "(within each gold topic, easier)."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """Score the story-merging text similarity on ECB+: cluster documents, compare with the gold subtopics
    (B-cubed and pairwise P/R/F1).

    Example:

        realpolitik eval ecbplus ../shared/gold/ecbplus-dev/ecbplus_docs.jsonl --format table
    """
    from ..evaluate.ecbplus import evaluate_ecbplus

    try:
        check_output(fmt, None, False, allowed=("table", "json"))
        res = evaluate_ecbplus(docs, mentions_path=mentions, threshold=threshold, scope=scope, measure=measure)
    except RealpolitikError as exc:
        raise fail(exc)
    if fmt == "json":
        _json_out(res, None)
        return
    rows = [{"metric": k, **{m: f"{s[m]:.3f}" if m in s else "" for m in ("precision", "recall", "f1")}}
            for k, s in res["scores"].items()]
    write_records(rows, "table", None, columns=["metric", "precision", "recall", "f1"],
                  title=f"ECB+ {res['n_docs']} documents ({res['n_gold_clusters']} subtopics), {res['scope']} "
                  f"clustering: {res['measure']} >= {res['threshold']}, {res['n_clusters']} clusters")
