"""`realpolitik resolve` and `realpolitik eval actors`: thin commands over realpolitik.actors."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

import typer

from ..errors import RealpolitikError
from . import app, eval_app
from ._output import check_output, fail, write_metrics, write_records

ACTOR_COLUMNS = ("text", "name", "country", "org", "sector", "office", "kind", "start", "end")


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise RealpolitikError("E209", f"--date {value!r} is not a date; write it as YYYY-MM-DD") from None


@app.command("resolve")
def resolve_command(
    text: str = typer.Argument(..., help="A phrase or sentence naming actors."),
    date: Optional[str] = typer.Option(None, "--date", help="The article's date (YYYY-MM-DD): who held which office."),
    context: str = typer.Option("", "--context", help="A nationality or country the surrounding text gave."),
    actors_table: Optional[Path] = typer.Option(None, "--actors", help="Your own office table (offices.tsv format)."),
    fmt: str = typer.Option("table", "--format", help="table | json | jsonl"),
) -> None:
    """Resolve the actors in TEXT to country, organisation, sector and office on a date.

    Example: realpolitik resolve "Iranian Foreign Minister Hossein Amirabdollahian" --date 2023-05-01
    """
    from ..actors import load_user_actors, resolve_phrase

    try:
        check_output(fmt, None, False, allowed=("table", "json", "jsonl"))
        day = _parse_date(date)
        if actors_table is not None:
            load_user_actors(actors_table)
        actors = resolve_phrase(text, day, context)
    except RealpolitikError as err:
        raise fail(err)
    write_records([a.to_dict() for a in actors], fmt, columns=ACTOR_COLUMNS, title=f"actors in {text!r}")


@eval_app.command("actors")
def eval_actors_command(
    gold_jsonl: Path = typer.Argument(..., help="actor_resolution_expectations.jsonl from ../shared/gold/actors-ngec/"),
    fmt: str = typer.Option("table", "--format", help="table | json"),
    today: Optional[str] = typer.Option(None, "--today", help="The date rows marked 'today' mean (default: now)."),
    misses: bool = typer.Option(False, "--misses", help="Also list the rows we got wrong."),
) -> None:
    """Score actor resolution: country and sector accuracy on the NGEC expectations.

    Example: realpolitik eval actors ../shared/gold/actors-ngec/actor_resolution_expectations.jsonl --format table
    """
    from ..evaluate.actors import evaluate_actors

    try:
        if fmt not in ("table", "json"):
            raise RealpolitikError("E142", f"--format {fmt!r} is not offered here; use table or json")
        score = evaluate_actors(gold_jsonl, today=_parse_date(today))
    except RealpolitikError as err:
        raise fail(err)
    data = score.to_dict(with_misses=misses)
    write_metrics(data, ("rows", "country_total", "country_correct", "country_accuracy", "sector_total",
                         "sector_correct", "sector_accuracy"), fmt, f"NGEC actor resolution ({gold_jsonl.name})")
    if misses and fmt == "table":
        for m in data["misses"]:
            typer.echo(f"- {m['args']}: " + ", ".join(f"{k} gold {v[0]!r} ours {v[1]!r}"
                                                       for k, v in m.items() if k in ("country", "sector")))
