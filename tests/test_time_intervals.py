"""Event dates as intervals: date .. date_end with a precision, the store migration, exports, labels."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from realpolitik.records import Article, Event
from realpolitik.time import date_label, interval_for, parse_value
from realpolitik.time.eventdate import _from_timex, is_open_ended
from realpolitik.time.timexes import find_timexes

DCT = dt.date(2025, 1, 17)


@pytest.mark.parametrize("text,start,end,precision", [
    ("The alliance dates from the Cold War.", "1947-03-12", "1991-12-26", "period"),
    ("Soviet troops stayed in Iran during World War II.", "1939-09-01", "1945-09-02", "period"),
    ("The border was drawn in the nineteenth century.", "1800-01-01", "1899-12-31", "century"),
    ("The pipeline was planned in the 1940s.", "1940-01-01", "1949-12-31", "decade"),
    ("The two navies met in September.", "2024-09-01", "2024-09-30", "month"),
    ("The treaty was signed in 2015.", "2015-01-01", "2015-12-31", "year"),
    ("The envoys met on June 8, 2024.", "2024-06-08", "2024-06-08", "day"),
])
def test_timex_gives_the_interval_it_names(text, start, end, precision):
    (tx,) = [t for t in find_timexes(text, DCT) if t.type == "DATE"]
    et = _from_timex(tx, DCT, text)
    assert (et.date, et.date_end, et.precision) == (start, end, precision)


@pytest.mark.parametrize("text,is_open", [
    ("From the ninth century onward, raiders crossed the sea.", True),
    ("From 2015 onwards the two navies exercised together.", True),
    ("The two armies have cooperated since 2015.", True),
    ("The two armies cooperated in 2015.", False),
])
def test_open_intervals(text, is_open):
    (tx,) = [t for t in find_timexes(text, DCT) if t.type == "DATE"]
    assert is_open_ended(text, tx) is is_open
    et = _from_timex(tx, DCT, text)
    assert et.date is not None and (et.date_end is None) is is_open


@pytest.mark.slow
@pytest.mark.parametrize("text,start,end", [
    ("From 2015 to 2018 the two navies exercised together.", "2015-01-01", "2018-12-31"),
    ("Between March and May 2024 the two navies exercised together.", "2024-03-01", "2024-05-31"),
    ("The two navies exercised together in 2015 and in 2018.", "2015-01-01", "2015-12-31"),
])
def test_a_range_dates_the_event_over_both_ends(text, start, end):
    from realpolitik.nlp import parse

    from realpolitik.time import date_event

    doc = next(iter(parse([text])))
    trig = next(t.i for t in doc if t.lemma_ == "exercise")
    et = date_event(doc, trig, find_timexes(text, DCT), DCT)
    assert (et.date, et.date_end) == (start, end)


@pytest.mark.parametrize("date,end,precision,label", [
    ("2015-01-01", "2018-12-31", "year", "2015–2018"),
    ("2024-03-01", "2024-05-31", "month", "2024-03–2024-05"),
    ("2024-09-15", "2024-09-15", "day", "2024-09-15"),
    ("2024-09-01", "2024-09-30", "month", "2024-09"),
    ("2025-01-06", "2025-01-12", "month", "2025-01-06–2025-01-12"),  # a week: its days
    ("2015-01-01", "2015-12-31", "year", "2015"),
    ("1940-01-01", "1949-12-31", "decade", "1940s"),
    ("1800-01-01", "1899-12-31", "century", "19th century"),
    ("0800-01-01", None, "century", "9th century onward"),
    ("1947-03-12", "1991-12-26", "period", "1947–1991"),
    (None, None, "unknown", "?"),
])
def test_date_label_shows_what_the_date_is(date, end, precision, label):
    assert date_label(date, end, precision) == label


@pytest.mark.parametrize("date,precision,end", [
    ("2024-02-01", "month", "2024-02-29"), ("2015-01-01", "year", "2015-12-31"),
    ("1943-01-01", "decade", "1949-12-31"), ("1700-01-01", "century", "1799-12-31"), ("2024-09-15", "day", "2024-09-15"),
])
def test_interval_for_precision(date, precision, end):
    assert interval_for(date, precision)[1].isoformat() == end


def test_named_period_value_is_a_period():
    assert parse_value("1939-09-01/1945-09-02")[2] == "period"


def _event(art, date, end, precision):
    return Event(article_id=art.article_id, sentence_index=0, span=(0, 10), evidence=art.text[:10], event="ASSAULT",
                 date=date, date_end=end, date_precision=precision, trigger="occupied", trigger_span=(0, 3))


class _Coded:
    def __init__(self, article, events):
        self.article, self.events, self.mentions = article, events, []


def test_store_keeps_date_end_and_exports_it(tmp_path):
    from typer.testing import CliRunner

    from realpolitik.cli import _register, app
    from realpolitik.store import Store

    db = tmp_path / "i.duckdb"
    art = Article(text="Soviet troops occupied northern Iran during World War II.", published="2025-01-17")
    with Store(db) as s:
        s.add_coded(_Coded(art, [_event(art, "1939-09-01", "1945-09-02", "period")]))
        (got,) = s.query_events()
    assert (got["date"], got["date_end"], got["date_precision"]) == ("1939-09-01", "1945-09-02", "period")
    _register()
    runner = CliRunner()
    res = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])
    assert json.loads(res.stdout.splitlines()[0])["date_end"] == "1945-09-02"
    res = runner.invoke(app, ["events", "--db", str(db), "--format", "csv"])
    (row,) = csv.DictReader(io.StringIO(res.stdout))
    assert (row["date"], row["date_end"], row["date_precision"]) == ("1939-09-01", "1945-09-02", "period")
    import pyarrow.parquet as pq

    out = tmp_path / "e.parquet"
    assert runner.invoke(app, ["events", "--db", str(db), "--format", "parquet", "-o", str(out)]).exit_code == 0
    table = pq.read_table(out).to_pylist()
    assert str(table[0]["date_end"]) == "1945-09-02"
    res = runner.invoke(app, ["events", "--db", str(db)])
    assert "1939–1945" in res.stdout


def test_migration_fills_date_end_of_old_rows(tmp_path):
    import duckdb

    from realpolitik.store import Store
    from realpolitik.store.migrations import MIGRATIONS, MIGRATIONS_TABLE

    db = str(tmp_path / "old.duckdb")
    con = duckdb.connect(db)  # a database written before date_end existed
    con.execute(MIGRATIONS_TABLE)
    con.execute(MIGRATIONS[0][1])
    con.execute("INSERT INTO migrations VALUES (?, now())", [MIGRATIONS[0][0]])
    rows = [("a", "2024-09-15", "day"), ("b", "2024-02-01", "month"), ("c", "2015-01-01", "year"),
            ("d", "1940-01-01", "decade"), ("e", "1800-01-01", "century"), ("f", None, "unknown")]
    for eid, date, precision in rows:
        con.execute("INSERT INTO events (event_id, date, date_precision) VALUES (?, ?, ?)", [eid, date, precision])
    con.close()
    with Store(db) as s:
        assert "002_event_date_end" in s.migrations()
        got = dict(s.con.execute("SELECT event_id, CAST(date_end AS VARCHAR) FROM events").fetchall())
    assert got == {"a": "2024-09-15", "b": "2024-02-29", "c": "2015-12-31", "d": "1949-12-31", "e": "1899-12-31",
                   "f": None}
