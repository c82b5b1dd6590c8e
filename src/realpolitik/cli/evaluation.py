"""`realpolitik eval plover`: score the event coder on the PLOVER gold standard records."""
from __future__ import annotations

from pathlib import Path

import typer

from ..errors import RealpolitikError
from . import eval_app
from ._output import fail, write_metrics


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

    try:
        if fmt not in ("table", "json"):
            raise RealpolitikError("E302", f"--format {fmt!r} is not offered here; use table or json")
        if not gold_json.is_file():
            raise RealpolitikError("E301", "gold file not found; pass the path of PLOVER_GSR_CAMEO.json",
                                   path=str(gold_json))
    except RealpolitikError as exc:
        raise fail(exc)
    data = evaluate_plover(gold_json).to_dict(with_misses=misses)
    write_metrics(data, ("sentences", "gold_events", "predicted_events", "coverage", "type_accuracy", "precision",
                         "recall", "f1"), fmt, f"PLOVER gold ({gold_json.name})")
    if misses and fmt == "table":
        for m in data["misses"]:
            typer.echo(f"- {m['text']}\n    gold {m['gold']}\n    ours {m['predicted']}")
