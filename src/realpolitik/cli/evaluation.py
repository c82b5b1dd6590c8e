"""`realpolitik eval plover`: score the event coder on the PLOVER gold standard records."""
from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ..errors import RealpolitikError
from . import eval_app


@eval_app.command("plover")
def eval_plover(
    gold_json: Path = typer.Argument(..., help="PLOVER_GSR_CAMEO.json from ../shared/gold/plover-gsr/"),
    fmt: str = typer.Option("table", "--format", help="table | json"),
    misses: bool = typer.Option(False, "--misses", help="Also list the sentences whose gold events were missed."),
) -> None:
    """Code the PLOVER gold sentences and print type accuracy, event-level P/R/F1 and coverage.

    Example: realpolitik eval plover ../shared/gold/plover-gsr/PLOVER_GSR_CAMEO.json --format table
    """
    from ..evaluate.plover import evaluate_plover

    if not gold_json.is_file():
        raise RealpolitikError("E301", "gold file not found; pass the path of PLOVER_GSR_CAMEO.json",
                               path=str(gold_json))
    result = evaluate_plover(gold_json)
    data = result.to_dict(with_misses=misses)
    if fmt == "json":
        typer.echo(json.dumps(data, indent=2))
        return
    table = Table(title=f"PLOVER gold ({gold_json.name})")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key in ("sentences", "gold_events", "predicted_events", "coverage", "type_accuracy", "precision",
                "recall", "f1"):
        table.add_row(key, str(data[key]))
    Console().print(table)
    if misses:
        for m in data["misses"]:
            typer.echo(f"- {m['text']}\n    gold {m['gold']}\n    ours {m['predicted']}")
