"""The HTML report, the analysis commands and the ECB+ scorer."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from realpolitik.cli import _register, app

CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI") == "true"

runner = CliRunner()
_register()


@pytest.fixture
def small_db(events_db, event_row):
    r = event_row
    rows = [
        r("r1", "a1", "CONSULT", ["RUS"], ["IRN"], "Putin held talks with Raisi in Tehran on Tuesday.",
          date="2022-07-19", source="Reuters", published="2022-07-19"),
        r("r2", "a2", "CONSULT", ["RUS"], ["IRN"], "In Tehran on Tuesday, Putin held talks with Raisi.",
          date="2022-07-19", source="AP", published="2022-07-20"),
        r("r3", "a3", "AID", ["RUS"], ["IRN"], "Russia delivered Su-35 fighter jets to Iran.", date="2023-01-10",
          source="AP", published="2023-01-11", intensity=7.0),
        r("r4", "a4", "AID", ["IRN"], ["RUS"], "Iran will ship hundreds of drones to Russia <soon>, the US says.",
          status="alleged", attributed="USA", source="CNN", published="2022-07-12"),
        r("r5", "a5", "AID", ["IRN"], ["RUS"], "Tehran denied supplying drones to Russia.", status="denied",
          attributed="IRN", source="IRNA", published="2022-07-14"),
        r("r6", "a6", "SANCTION", ["USA"], ["IRN"], "Washington sanctioned Iranian drone makers.",
          date="2022-11-15", source="Reuters", published="2022-11-15", intensity=-7.0),
        r("r7", "a7", "ASSAULT", ["RUS"], ["UKR"], "Russian missiles struck Kyiv on Monday.", date="2022-10-10",
          source="BBC", published="2022-10-10", intensity=-10.0),
        r("r8", "a8", "AID", ["USA"], ["UKR"], "The US sent air defence systems to Ukraine.", date="2022-12-21",
          source="DW", published="2022-12-21", intensity=7.0),
        r("r9", "a9", "THREATEN", ["IRN"], ["USA"], "Iran warned the US against new sanctions.", date="2022-11-16",
          source="IRNA", published="2022-11-16", intensity=-4.0),
    ]
    path, con = events_db(rows)
    con.close()
    return path


def test_report_html_content(small_db, tmp_path):
    out = tmp_path / "report.html"
    res = runner.invoke(app, ["report", "--db", str(small_db), "-o", str(out)])
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    assert text.count("<svg") >= 2  # at least one timeline and the network
    # nothing to fetch: no external scripts, styles, images or fonts
    assert not re.search(r"""(src|href)=["']?(https?:)?//|url\(["']?(https?:)?//|@import""", text)
    assert "<script src" not in text and "<link" not in text
    assert "<h3>IRN – RUS</h3>" in text  # the busiest relationship gets a timeline
    assert "&lt;soon&gt;" in text  # evidence is escaped
    assert re.search(r"<details><summary>IRN AID RUS</summary>.*denied supplying drones", text, re.S)
    # refuses to overwrite, then does with --force
    assert runner.invoke(app, ["report", "--db", str(small_db), "-o", str(out)]).exit_code == 2
    assert runner.invoke(app, ["report", "--db", str(small_db), "-o", str(out), "--force"]).exit_code == 0


def test_report_opens_in_chromium(small_db, tmp_path):
    if not Path(CHROMIUM).exists():
        if IN_CI:
            pytest.fail("chromium is not installed (apt-get install -y chromium)")
        pytest.skip("chromium is not installed")
    out = tmp_path / "report.html"
    assert runner.invoke(app, ["report", "--db", str(small_db), "-o", str(out)]).exit_code == 0
    # a line that throws at load time proves that console errors are caught
    bad = tmp_path / "bad.html"
    bad.write_text(out.read_text().replace("</body>", "<script>undefinedFunction();</script></body>"))
    results = {}
    for name, page in (("good", out), ("bad", bad)):
        profile = tmp_path / f"profile-{name}"
        proc = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=3000",
             "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=120)
        shutil.rmtree(profile, ignore_errors=True)
        errors = [ln for ln in proc.stderr.splitlines() if "CONSOLE" in ln and ("Uncaught" in ln or "Error" in ln)]
        results[name] = (proc.returncode, proc.stdout, errors)
    code, dom, errors = results["good"]
    assert code == 0
    assert dom.count("<svg") >= 2 and "id=\"stories\"" in dom
    assert errors == []
    assert results["bad"][2], "the console-error check did not see a deliberate error"


def test_cli_dyad_json_and_table(small_db, tmp_path):
    res = runner.invoke(app, ["dyad", "RUS", "IRN", "--db", str(small_db), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["totals"]["A->B"]["n_stories"] == 2 and data["totals"]["A->B"]["n_reports"] == 3
    plot = tmp_path / "d.png"
    res = runner.invoke(app, ["dyad", "RUS", "IRN", "--db", str(small_db), "--by", "year", "--plot", str(plot)])
    assert res.exit_code == 0 and plot.stat().st_size > 1000
    assert "2022" in res.output and "strongest RUS→IRN" in res.output


@pytest.mark.parametrize("args", [
    ["dyad", "RUS", "RUS"],
    ["dyad", "RUS", "IRN", "--by", "week"],
    ["dyad", "RUS", "IRN", "--plot", "x.gif"],
    ["network", "--format", "csv"],
])
def test_cli_usage_errors_exit_2(small_db, args):
    res = runner.invoke(app, args + ["--db", str(small_db)])
    assert res.exit_code == 2
    assert "Error E" in res.output


def test_cli_missing_db_says_what_to_do(tmp_path):
    res = runner.invoke(app, ["network", "--db", str(tmp_path / "none.duckdb")])
    assert res.exit_code == 2 and "E503" in res.output and "realpolitik ingest" in res.output


def test_cli_network_claims_stories(small_db):
    net = json.loads(runner.invoke(app, ["network", "--db", str(small_db), "--format", "json"]).output)
    assert {"a": "IRN", "b": "USA"} .items() <= next(e for e in net["undirected"] if e["a"] == "IRN"
                                                     and e["b"] == "USA").items()
    cl = json.loads(runner.invoke(app, ["claims", "--db", str(small_db), "--dyad", "IRN", "RUS",
                                        "--format", "json"]).output)
    assert len(cl) == 1 and cl[0]["disputed"] and cl[0]["claim"]["attributed_codes"] == ["USA"]
    res = runner.invoke(app, ["stories", "--db", str(small_db), "--format", "jsonl"])
    lines = [json.loads(x) for x in res.output.splitlines()]
    assert len(lines) == 8 and sorted(len(x["event_ids"]) for x in lines)[-1] == 2


@pytest.mark.parametrize("command", ["dyad", "network", "claims", "stories", "report"])
def test_cli_help_has_example(command):
    res = runner.invoke(app, [command, "--help"])
    assert res.exit_code == 0 and "Example:" in res.output




def test_ecbplus_scorers_on_hand_made_clusters():
    from realpolitik.evaluate.ecbplus import bcubed, pairwise

    gold = ["x", "x", "y", "y"]
    assert bcubed(["a", "a", "b", "b"], gold)["f1"] == 1.0
    one = bcubed(["a", "a", "a", "a"], gold)
    assert one["recall"] == 1.0 and one["precision"] == 0.5
    assert pairwise(["a", "b", "c", "d"], gold) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


@pytest.mark.gold
def test_ecbplus_floor():
    from shared_paths import shared_file

    from realpolitik.evaluate.ecbplus import evaluate_ecbplus

    res = evaluate_ecbplus(shared_file("gold/ecbplus-dev/ecbplus_docs.jsonl"), scope="global")
    assert res["scores"]["bcubed"]["f1"] >= 0.80  # measured 0.821; a floor, not a target


def test_cli_eval_ecbplus_on_hand_made_docs(tmp_path):
    docs = tmp_path / "docs.jsonl"
    texts = [
        (1, "1_a", "Rebels shelled the northern city of Aleppo overnight, killing twelve civilians in markets."),
        (1, "1_a", "Overnight shelling of Aleppo markets by rebels killed twelve civilians, medics said."),
        (2, "2_a", "The central bank raised interest rates by half a point to fight stubborn inflation."),
        (2, "2_a", "Stubborn inflation pushed the central bank to raise interest rates by half a point."),
    ]
    docs.write_text("".join(json.dumps({"doc": f"d{i}", "topic": t, "subtopic": s, "text": x}) + "\n"
                            for i, (t, s, x) in enumerate(texts)), encoding="utf-8")
    res = runner.invoke(app, ["eval", "ecbplus", str(docs), "--format", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["n_clusters"] == 2 and out["scores"]["bcubed"]["f1"] == 1.0
    missing = runner.invoke(app, ["eval", "ecbplus", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 2 and "E507" in missing.output
