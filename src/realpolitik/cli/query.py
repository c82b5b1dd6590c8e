"""`realpolitik events` (query stored events) and `realpolitik summary` (the demo overview)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Tuple

import typer

from ..errors import RealpolitikError
from . import app
from ._output import EXIT_CODES_HELP, FORMATS, actor_label, check_output, console, fail, write_events

DB_HELP = "The DuckDB file written by `realpolitik ingest`."


@app.command("events", epilog=EXIT_CODES_HELP)
def events_command(
    db: Path = typer.Option(Path("realpolitik.duckdb"), "--db", help=DB_HELP),
    actor: Optional[str] = typer.Option(None, "--actor", help="Actor code (ISO3 country or org, e.g. RUS, NATO)."),
    recipient: Optional[str] = typer.Option(None, "--recipient", help="Recipient code."),
    dyad: Optional[Tuple[str, str]] = typer.Option(None, "--dyad", metavar="A B", help="Events from A to B."),
    both: bool = typer.Option(False, "--both", help="With --dyad: both directions, A to B and B to A."),
    event: Optional[str] = typer.Option(None, "--event", help="PLOVER event type, e.g. AGREE, ACCUSE."),
    status: Optional[str] = typer.Option(None, "--status", help="asserted, planned, hypothetical, negated, denied "
                                         "or alleged."),
    since: Optional[str] = typer.Option(None, "--since", help="Events dated on or after this day (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Events dated on or before this day (YYYY-MM-DD)."),
    limit: Optional[int] = typer.Option(None, "--limit", min=0, help="At most this many events."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, jsonl, json, csv or parquet (needs -o)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    force: bool = typer.Option(False, "--force", help="Overwrite the --output file if it exists."),
) -> None:
    """List stored events, ordered by event date, filtered by actor, dyad, type, status and date.

    Example:

        realpolitik events --db news.duckdb --dyad RUS IRN --both --since 2022-01-01 --format csv -o rus-irn.csv
    """
    from ..store import Store

    try:
        check_output(fmt, output, force, allowed=FORMATS)
        with Store(db, must_exist=True) as store:
            rows = store.query_events(actor=actor, recipient=recipient, dyad=dyad, both=both, event=event,
                                      status=status, since=since, until=until, limit=limit)
    except RealpolitikError as exc:
        raise fail(exc)
    write_events(rows, fmt, output)


@app.command("summary", epilog=EXIT_CODES_HELP)
def summary_command(
    db: Path = typer.Option(Path("realpolitik.duckdb"), "--db", help=DB_HELP),
    top: int = typer.Option(10, "--top", min=1, help="How many dyads to show."),
) -> None:
    """Show what a database holds: events per type, the most active dyads, a few events with evidence.

    Example:

        realpolitik summary --db news.duckdb
    """
    from rich.table import Table

    from ..store import Store
    from ._output import EVENT_TABLE

    try:
        with Store(db, must_exist=True) as store:
            data = store.summary(top=top)
    except RealpolitikError as exc:
        raise fail(exc)
    out = console()
    c = data["counts"]
    out.print(f"[bold]{db}[/]: {c['articles']} articles, {c['events']} events, "
              f"{c['mentions']} actor mentions, {c['errors']} input errors")
    types = Table(title="Events per type", header_style="bold")
    for name, opts in (("event", {}), ("quad", {}), ("events", {"justify": "right"}),
                       ("asserted", {"justify": "right"})):
        types.add_column(name, **opts)
    for r in data["events_by_type"]:
        types.add_row(r["event"], r["quad"] or "", str(r["n"]), str(r["asserted"]))
    out.print(types)
    dyads = Table(title="Most active dyads (actor -> recipient)", header_style="bold")
    for name, opts in (("actor", {}), ("recipient", {}), ("events", {"justify": "right"}), ("types", {})):
        dyads.add_column(name, **opts)
    for r in data["top_dyads"]:
        dyads.add_row(r["actor"], r["recipient"], str(r["n"]), r["events"] or "")
    out.print(dyads)
    ex = Table(title="Examples (most confident asserted event of each type)", header_style="bold")
    for header, _, opts in EVENT_TABLE:
        ex.add_column(header, **opts)
    for d in data["examples"]:
        ex.add_row(*(fn(d) for _, fn, _ in EVENT_TABLE))
    out.print(ex)


__all__ = ["events_command", "summary_command", "actor_label"]
