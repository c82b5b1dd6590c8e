"""The evaluation gate: PLOVER gold figures must not drop below the floors pinned here.

Floors are what we measured (docs/EVALUATION.md), rounded down; raise them when the coder improves, never lower
them to get green.
"""
from __future__ import annotations

import pytest

from shared_paths import shared_file

PLOVER_FLOORS = {"type_accuracy": 0.83, "f1": 0.418, "coverage": 0.715}


@pytest.fixture(scope="module")
def plover_score():
    from realpolitik.evaluate.plover import evaluate_plover

    return evaluate_plover(shared_file("gold/plover-gsr/PLOVER_GSR_CAMEO.json"))


@pytest.mark.slow
@pytest.mark.gold
@pytest.mark.parametrize("metric", sorted(PLOVER_FLOORS))
def test_plover_gold_floor(plover_score, metric):
    value = getattr(plover_score, metric)
    assert value >= PLOVER_FLOORS[metric], f"PLOVER gold {metric} = {value:.3f} < floor {PLOVER_FLOORS[metric]}"


@pytest.mark.slow
@pytest.mark.gold
def test_plover_gold_counts_every_sentence(plover_score):
    assert plover_score.sentences == 316 and plover_score.gold_events == 322


@pytest.mark.slow
@pytest.mark.gold
def test_eval_plover_cli_json_and_missing_file(tmp_path):
    import json

    from typer.testing import CliRunner

    from realpolitik.cli import _register, app

    _register()
    runner = CliRunner()
    gold = shared_file("gold/plover-gsr/PLOVER_GSR_CAMEO.json")
    res = runner.invoke(app, ["eval", "plover", str(gold), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert {"type_accuracy", "precision", "recall", "f1", "coverage"} <= set(data)
    assert data["f1"] >= PLOVER_FLOORS["f1"]
    missing = runner.invoke(app, ["eval", "plover", str(tmp_path / "nope.json")])
    assert missing.exit_code == 2 and "E301" in missing.output
