"""`realpolitik eval tempeval`: score time expressions on a TempEval-3 gold JSONL (Task A)."""
from __future__ import annotations

from pathlib import Path

import typer

from ..errors import RealpolitikError
from . import eval_app
from ._output import fail, write_metrics

_ROWS = ("n_docs", "n_gold", "n_system", "strict_p", "strict_r", "strict_f1", "relaxed_p", "relaxed_r",
         "relaxed_f1", "type_accuracy", "value_accuracy", "value_f1", "seconds")


@eval_app.command("tempeval")
def eval_tempeval(
    gold_jsonl: Path = typer.Argument(..., help="A TempEval gold JSONL, e.g. ../shared/gold/tempeval3-tbaq/tbaq_timebank.jsonl"),
    fmt: str = typer.Option("table", "--format", help="table | json"),
) -> None:
    """Find and normalise time expressions in the gold documents; print extraction P/R/F1 (strict and
    relaxed), type and value accuracy, and value F1 = relaxed F1 x value accuracy.

    Example: realpolitik eval tempeval ../shared/gold/tempeval3-tbaq/tbaq_aquaint.jsonl --format json
    """
    from ..evaluate.tempeval import score_tempeval

    try:
        if fmt not in ("table", "json"):
            raise RealpolitikError("E503", f"--format {fmt!r} is not offered here; use table or json")
        data = score_tempeval(gold_jsonl).to_dict()
    except RealpolitikError as exc:
        raise fail(exc)
    write_metrics(data, _ROWS, fmt, f"TempEval-3 Task A ({gold_jsonl.name})")
