"""CLI commands `code`, `ingest`, `events`, `summary`: exact outputs and exit codes.

Tests marked ``slow`` use the real pipeline; the others use ``fake_code_articles`` from conftest.py.
"""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from realpolitik.batch import ingest_paths
from realpolitik.cli import _register, app
from realpolitik.store import Store

DATA = Path(__file__).parent / "data" / "articles"
_register()


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture
def db(tmp_path, fake_pipeline):
    path = tmp_path / "q.duckdb"
    ingest_paths([DATA], db=path, published="2025-02-01", progress=False)
    return path


@pytest.mark.parametrize("command", ["code", "ingest", "events", "summary"])
def test_cli_every_command_has_an_example(command):
    res = run(command, "--help")
    assert res.exit_code == 0
    assert "Example:" in res.stdout and f"realpolitik {command}" in res.stdout
    assert "Exit codes" in res.stdout


def test_cli_ingest_summary_line_and_errors(tmp_path, fake_pipeline):
    src = tmp_path / "in"
    shutil.copytree(DATA, src)
    (src / "bad.jsonl").write_text('{"text": "Iran met Russia."}\n{oops\n')
    (src / "empty.txt").write_text("")
    db = tmp_path / "i.duckdb"
    res = run("ingest", src, "--db", db, "--published", "2025-02-01")
    assert res.exit_code == 1
    assert res.stderr.splitlines() == [
        f"{src / 'bad.jsonl'}:2: E107 line 2 is not valid JSON (Expecting property name enclosed in double quotes "
        "at column 2); each line must be one JSON object",
        f"{src / 'empty.txt'}: E103 the file is empty; remove it or add the article text",
    ]
    events = Store(db).query_events()
    line = res.stdout.strip()
    assert line.startswith(f"5 new articles, 0 already stored, 2 failed; {len(events)} events stored in {db} (")
    again = run("ingest", src, "--db", db)
    assert again.exit_code == 1
    assert again.stdout.startswith(f"0 new articles, 5 already stored, 2 failed; 0 events stored in {db} (")


def test_cli_ingest_all_good_exits_0(tmp_path, fake_pipeline):
    res = run("ingest", DATA / "treaty.txt", "--db", tmp_path / "g.duckdb")
    assert res.exit_code == 0 and res.stderr == ""


@pytest.mark.parametrize("args,code", [
    (["--published", "17/01/2025"], "E109"),
    (["--workers", "0"], None),  # typer refuses it: usage error
])
def test_cli_ingest_usage_errors_exit_2(tmp_path, fake_pipeline, args, code):
    res = run("ingest", DATA, "--db", tmp_path / "u.duckdb", *args)
    assert res.exit_code == 2
    if code:
        assert res.stderr.startswith(f"Error {code}: ")


def test_cli_events_jsonl_is_the_stored_json(db):
    res = run("events", "--db", db, "--format", "jsonl")
    assert res.exit_code == 0
    assert [json.loads(line) for line in res.stdout.splitlines()] == Store(db).query_events()
    assert len(res.stdout.splitlines()) > 0


@pytest.mark.parametrize("args", [
    ["--actor", "RUS"], ["--recipient", "IRN"], ["--dyad", "RUS", "IRN"], ["--dyad", "IRN", "RUS", "--both"],
    ["--event", "REQUEST"], ["--status", "asserted"], ["--since", "2024-01-01", "--until", "2024-12-31"],
    ["--limit", "1"],
])
def test_cli_events_filters_match_the_store(db, args):
    res = run("events", "--db", db, "--format", "jsonl", *args)
    assert res.exit_code == 0
    opts = {"actor": None, "recipient": None, "dyad": None, "both": "--both" in args, "event": None, "status": None,
            "since": None, "until": None, "limit": None}
    i = 0
    while i < len(args):
        name = args[i].lstrip("-")
        if name == "dyad":
            opts["dyad"] = (args[i + 1], args[i + 2])
            i += 3
        elif name == "both":
            i += 1
        else:
            opts[name] = int(args[i + 1]) if name == "limit" else args[i + 1]
            i += 2
    expected = Store(db).query_events(**opts)
    assert [json.loads(x) for x in res.stdout.splitlines()] == expected


def test_cli_events_csv(db):
    res = run("events", "--db", db, "--format", "csv", "--event", "AGREE")
    assert res.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    stored = Store(db).query_events(event="AGREE")
    assert len(rows) == len(stored) == 1
    assert list(rows[0])[:6] == ["event_id", "date", "actor_codes", "event", "recipient_codes", "status"]
    assert (rows[0]["actor_codes"], rows[0]["event"], rows[0]["recipient_codes"]) == ("RUS", "AGREE", "IRN")
    assert json.loads(rows[0]["actor"]) == stored[0]["actor"]
    assert rows[0]["evidence"] == stored[0]["evidence"]


def test_cli_events_csv_empty_has_header(db):
    res = run("events", "--db", db, "--format", "csv", "--actor", "XXX")
    assert res.exit_code == 0 and res.stdout.startswith("event_id,date,actor_codes,event,recipient_codes,status,")
    assert len(res.stdout.splitlines()) == 1


def test_cli_events_parquet_needs_o_and_force(db, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "e.parquet"
    res = run("events", "--db", db, "--format", "parquet")
    assert res.exit_code == 2 and "E141" in res.stderr
    assert run("events", "--db", db, "--format", "parquet", "-o", out).exit_code == 0
    table = pq.read_table(out)
    assert table.num_rows == len(Store(db).query_events())
    assert {"event_id", "actor_codes", "evidence", "date"} <= set(table.column_names)
    res = run("events", "--db", db, "--format", "parquet", "-o", out)
    assert res.exit_code == 2
    assert res.stderr == f"Error E140: {out}: the output file exists; pass --force to overwrite it\n"
    assert run("events", "--db", db, "--format", "parquet", "-o", out, "--force").exit_code == 0


def test_cli_events_table(db):
    res = run("events", "--db", db, "--event", "AGREE")
    assert res.exit_code == 0
    header = res.stdout.splitlines()[1]
    assert [h.strip() for h in header.strip("┃").split("┃")] == ["date", "actor", "event", "recipient", "status",
                                                                 "evidence"]
    assert "RUS GOV" in res.stdout and "AGREE" in res.stdout and "Russia and Iran signed" in res.stdout


@pytest.mark.parametrize("args,code", [
    (["--db", "missing.duckdb"], "E122"),
    (["--event", "HUG"], "E123"),
    (["--format", "xml"], "E142"),
])
def test_cli_events_errors_exit_2(db, args, code, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    base = [] if "--db" in args else ["--db", db]
    res = run("events", *base, *args)
    assert res.exit_code == 2 and res.stderr.startswith(f"Error {code}: ")


def test_cli_summary(db):
    res = run("summary", "--db", db)
    assert res.exit_code == 0
    assert f"{db}: 4 articles" in res.stdout
    for title in ("Events per type", "Most active dyads", "Examples"):
        assert title in res.stdout
    assert "AGREE" in res.stdout and "RUS" in res.stdout


def test_cli_code_jsonl_stores_nothing(tmp_path, fake_pipeline, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = run("code", DATA / "treaty.txt", "--published", "2025-02-01", "--format", "jsonl")
    assert res.exit_code == 0
    events = [json.loads(x) for x in res.stdout.splitlines()]
    assert [e["event"] for e in events] == ["AGREE", "CONSULT"]
    assert all(e["published"] == "2025-02-01" and e["date"] == "2025-02-01" for e in events)
    assert list(tmp_path.iterdir()) == []


def test_cli_code_partial_failure_exits_1(tmp_path, fake_pipeline):
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00")
    (tmp_path / "boom.txt").write_text("EXPLODE")
    res = run("code", DATA / "treaty.txt", tmp_path / "bad.txt", tmp_path / "boom.txt", "--format", "json")
    assert res.exit_code == 1
    assert len(json.loads(res.stdout)) == 2
    err = res.stderr.splitlines()
    assert len(err) == 2 and err[0].startswith(f"{tmp_path / 'bad.txt'}: E10")
    assert err[1].startswith(f"{tmp_path / 'boom.txt'}: E130 coding failed (RuntimeError: boom)")


def test_cli_code_refuses_csv(tmp_path, fake_pipeline):
    res = run("code", DATA / "treaty.txt", "--format", "csv")
    assert res.exit_code == 2 and "E142" in res.stderr


@pytest.mark.slow
def test_cli_code_real_pipeline(real_pipeline):
    res = run("code", DATA, "--published", "2025-02-01", "--format", "jsonl")
    assert res.exit_code == 0, res.stderr
    events = [json.loads(x) for x in res.stdout.splitlines()]
    assert all(e["evidence"] and e["event_id"] for e in events)


def test_cli_ingest_interrupted_exits_130(tmp_path, monkeypatch, fake_pipeline):
    import realpolitik.pipeline as pipeline

    def interrupted(articles, batch_size=16):
        raise KeyboardInterrupt
        yield  # pragma: no cover

    monkeypatch.setattr(pipeline, "code_articles", interrupted)
    res = run("ingest", DATA, "--db", tmp_path / "k.duckdb")
    assert res.exit_code == 130 and "run the same command again to resume" in res.stderr


@pytest.mark.slow
def test_code_with_user_actor_table(tmp_path):
    """A person no table of ours knows is resolved from the user's --actors table, on the article's date."""
    table = tmp_path / "mine.tsv"
    table.write_text("# name\taliases\tcountry\toffice\tsector\tstart\tend\n"
                     "Zorana Velikova\tVelikova\tBGR\tforeign minister\tGOV\t2023-01-01\t\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Zorana Velikova met Greek officials in Athens on Monday.\n", encoding="utf-8")
    _register()
    runner = CliRunner()
    plain = runner.invoke(app, ["code", str(article), "--published", "2024-05-06", "--format", "jsonl"])
    from realpolitik.actors import clear_user_rows

    try:
        mine = runner.invoke(app, ["code", str(article), "--published", "2024-05-06", "--format", "jsonl",
                                   "--actors", str(table)])
    finally:
        clear_user_rows()  # the table is process-wide; leave the other tests our own tables
    assert plain.exit_code == 0 and mine.exit_code == 0, mine.output
    events = [json.loads(line) for line in mine.stdout.splitlines() if line.strip()]
    consult = [e for e in events if e["event"] == "CONSULT"]
    assert consult and consult[0]["actor"][0]["country"] == "BGR"
    assert consult[0]["actor"][0]["sector"] == "GOV"
    assert not [e for e in (json.loads(x) for x in plain.stdout.splitlines() if x.strip())
                if e["event"] == "CONSULT" and e["actor"][0].get("country") == "BGR"]
