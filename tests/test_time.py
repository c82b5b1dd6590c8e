"""Time: document dates, TIMEX3 recognition and normalisation, event dating, the TempEval gate."""
from __future__ import annotations

import datetime as dt

import pytest

from realpolitik.records import Article
from realpolitik.time import date_event, document_date, find_timexes, parse_value, periods
from realpolitik.time.timexes import duration_value, parse_number

from shared_paths import shared_file

DCT = dt.date(2025, 1, 17)  # a Friday


def _one(text: str, dct: dt.date | None = DCT):
    found = find_timexes(text, dct)
    assert len(found) == 1, found
    return found[0]


# --- recognition and normalisation ------------------------------------------------------------------


@pytest.mark.parametrize("text,span,type_,value", [
    ("The talks were held on June 8, 2024 in Vienna.", "June 8, 2024", "DATE", "2024-06-08"),
    ("The deal was signed on 3 March 2023.", "3 March 2023", "DATE", "2023-03-03"),
    ("The report is dated 2024-09-15.", "2024-09-15", "DATE", "2024-09-15"),
    ("Washington accused Tehran in September of arming Moscow.", "September", "DATE", "2024-09"),
    ("The ministers will meet again in March.", "March", "DATE", "2025-03"),
    ("The ministers met on Monday in Ankara.", "Monday", "DATE", "2025-01-13"),
    ("Last week, the envoy flew to Baku.", "Last week", "DATE", "2025-W02"),
    ("The ceasefire collapsed five months ago.", "five months ago", "DATE", "2024-08"),
    ("Prices rose this month.", "this month", "DATE", "2025-01"),
    ("Elections are due next year.", "next year", "DATE", "2026"),
    ("The president spoke yesterday.", "yesterday", "DATE", "2025-01-16"),
    ("The envoy arrives today.", "today", "DATE", "2025-01-17"),
    ("Both sides are currently negotiating.", "currently", "DATE", "PRESENT_REF"),
    ("The border is closed now.", "now", "DATE", "PRESENT_REF"),
    ("The two states have cooperated for three years.", "three years", "DURATION", "P3Y"),
    ("The sanctions lasted the past two months.", "the past two months", "DURATION", "P2M"),
    ("Inspectors visit the site every week.", "every week", "SET", "P1W"),
    ("Shipments resumed in the 1990s.", "the 1990s", "DATE", "199"),
    ("Raids began in the ninth century.", "the ninth century", "DATE", "08"),
    ("Profits fell in the third quarter.", "the third quarter", "DATE", "2024-Q3"),
    ("The militia grew during the Cold War.", "the Cold War", "DATE", "1947-03-12/1991-12-26"),
])
def test_find_timexes_normalises_against_dct(text, span, type_, value):
    tx = _one(text)
    assert (tx.text, tx.type, tx.value) == (span, type_, value)
    assert text[tx.start:tx.end] == span


@pytest.mark.parametrize("text,mod,value", [
    ("Persia lost the Caucasus in the early eighteenth century.", "START", "17"),
    ("The talks stalled in late November.", "END", "2024-11"),
    ("The envoy will return in mid-March.", "MID", "2025-03"),
])
def test_find_timexes_sets_mod(text, mod, value):
    tx = _one(text)
    assert (tx.mod, tx.value) == (mod, value)


@pytest.mark.parametrize("text", [
    "The Sun reported the story first.",
    "Iran may ship more drones.",
    "They signed a 20-year partnership.",
    "The commander, 52 years old, resigned.",
    "Jan Kavan signed the accession papers.",
    "The fund pays $2 million a year in fees.",
])
def test_find_timexes_ignores_false_dates(text):
    found = [t for t in find_timexes(text, DCT) if t.type in ("DATE", "TIME")]
    assert found == []


def test_find_timexes_hyphenated_duration_is_not_a_date():
    assert [(t.text, t.type, t.value) for t in find_timexes("They signed a 20-year treaty.", DCT)] == \
        [("20-year", "DURATION", "P20Y")]


def test_find_timexes_anchors_earlier_on_narrative_time():
    text = "Profit rose in the third quarter. A year earlier, the company lost money."
    values = [t.value for t in find_timexes(text, dt.date(1989, 10, 26))]
    assert values == ["1989-Q3", "1988-Q3"]


def test_find_timexes_without_dct_leaves_relative_dates_unknown():
    values = {t.text: t.value for t in find_timexes("He left yesterday, in September.", None)}
    assert values["yesterday"] == "PAST_REF"
    assert values["September"].startswith("XXXX")


def test_find_timexes_periods_can_be_left_out_for_timeml():
    text = "Britain occupied the south of Iran during World War II."
    assert [t.text for t in find_timexes(text, DCT)] == ["World War II"]
    assert find_timexes(text, DCT, periods=False) == []


@pytest.mark.parametrize("words,number", [("twenty four", 24), ("a", 1), ("2 1/2", 2.5), ("several", None)])
def test_parse_number(words, number):
    assert parse_number(words) == number


@pytest.mark.parametrize("num,unit,value", [(3, "years", "P3Y"), (None, "weeks", "PXW"), (2, "hour", "PT2H"),
                                            (3, "quarter", "P9M"), (2, "decades", "P20Y")])
def test_duration_value(num, unit, value):
    assert duration_value(num, unit) == value


@pytest.mark.parametrize("value,start,gran", [
    ("2024-09", dt.date(2024, 9, 1), "month"), ("2024-W37", dt.date(2024, 9, 9), "week"),
    ("199", dt.date(1990, 1, 1), "decade"), ("17", dt.date(1700, 1, 1), "century"),
    ("1989-Q3", dt.date(1989, 7, 1), "quarter"), ("PRESENT_REF", None, None),
])
def test_parse_value(value, start, gran):
    got = parse_value(value)
    assert (got[0], got[2]) == (start, gran) if start else got is None


def test_periods_table_is_well_formed():
    table = periods()
    assert len(table) >= 10
    assert all(p.start < p.end for p in table)
    assert any(p.label == "World War II" and p.start == dt.date(1939, 9, 1) for p in table)


# --- document date ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text,expected", [
    ("A headline\nAynaz Anni Cyrus | Dec 22, 2025\nLast week, Israel indicted a spy.", "2025-12-22"),
    ("Published: 17 January 2025\nRussia and Iran signed a treaty.", "2025-01-17"),
    ("By Staff\n2025-01-17\nRussia and Iran signed a treaty.", "2025-01-17"),
    ("Updated 2025\nMOSCOW, Jan. 17 (Reuters) - Russia and Iran signed a treaty.", "2025-01-17"),
])
def test_document_date_from_byline(text, expected):
    assert document_date(Article(text=text)) == (expected, "byline")


@pytest.mark.parametrize("text", [
    "MOSCOW, Jan. 17 (Reuters) - Russia and Iran signed a treaty.",  # no year anywhere: never guessed
    "Russia and Iran signed a treaty on Jan. 5, 2024 in Moscow, and in a long sentence of the story body the "
    "two presidents then praised the new strategic partnership at length.",
])
def test_document_date_never_invents(text):
    assert document_date(Article(text=text)) == (None, "unknown")


def test_document_date_keeps_metadata():
    art = Article(text="Published: 17 January 2025\nx", published="2022-07-19", published_from="metadata")
    assert document_date(art) == ("2022-07-19", "metadata")


def test_document_date_seed_byline():
    text = shared_file("seeds/004_f2a4c0568c364f0a.txt").read_text(encoding="utf-8")
    assert document_date(Article(text=text)) == ("2025-12-22", "byline")


# --- event dates (need the parser) ------------------------------------------------------------------


def _date(nlp, text, trigger, dct):
    dct = dt.date.fromisoformat(dct)
    doc = nlp(text)
    i = next(t.i for t in doc if t.text == trigger)
    return date_event(doc, i, find_timexes(doc.text, dct), dct)


@pytest.mark.slow
@pytest.mark.parametrize("text,trigger,dct,date,precisions,historical", [
    ("British and Soviet troops invaded Iran during World War II to secure a supply route.", "invaded",
     "2022-07-19", "1939-09-01", ("period",), True),
    ("The US accused Iran in September of supplying ballistic missiles to Russia.", "accused", "2025-01-17",
     "2024-09-01", ("month",), False),
    ("Putin arrives in Iran today for talks with Erdogan.", "arrives", "2022-07-19", "2022-07-19", ("day",), False),
    ("Russia invaded Ukraine five months ago.", "invaded", "2022-07-19", "2022-02-01", ("month",), False),
    ("In the early eighteenth century, Peter the Great seized the chance to expand southward.", "seized",
     "2025-12-22", "1700-01-01", ("century",), True),
    ("Tehran and Moscow signed a cooperation treaty in 2015.", "signed", "2025-01-17", "2015-01-01", ("year",), True),
])
def test_date_event(nlp, text, trigger, dct, date, precisions, historical):
    et = _date(nlp, text, trigger, dct)
    assert et.date == date
    assert et.precision in precisions
    assert et.historical is historical


@pytest.mark.slow
def test_date_event_takes_the_governing_expression_not_the_first(nlp):
    text = "Russia and Iran signed a treaty in 2015, and on Monday the two presidents met in Tehran."
    assert _date(nlp, text, "signed", "2022-07-19").date == "2015-01-01"
    met = _date(nlp, text, "met", "2022-07-19")
    assert (met.date, met.text) == ("2022-07-18", "Monday")


@pytest.mark.slow
def test_date_event_news_sentence_without_timex_takes_dct(nlp):
    et = _date(nlp, "Iran denied supplying missiles to Russia.", "denied", "2025-01-17")
    assert (et.date, et.precision, et.text) == ("2025-01-17", "day", None)


@pytest.mark.slow
def test_date_event_plan_without_time_is_unknown(nlp):
    et = _date(nlp, "Iran will ship drones to Russia, officials said.", "ship", "2022-07-19")
    assert (et.date, et.precision) == (None, "unknown")


@pytest.mark.slow
def test_date_event_history_carries_through_the_paragraph(nlp):
    text = ("In the early eighteenth century, Peter the Great seized the chance to expand southward. "
            "Russian forces advanced into northern Iran and occupied Gilan.")
    et = _date(nlp, text, "advanced", "2025-12-22")
    assert (et.date, et.historical) == ("1700-01-01", True)


@pytest.mark.slow
def test_date_event_without_dct_is_not_dated_today(nlp):
    doc = nlp("Iran denied supplying missiles to Russia.")
    et = date_event(doc, 1, find_timexes(doc.text, None), None)
    assert et.date is None and et.precision == "unknown"


# --- TempEval-3 gate ----------------------------------------------------------------------------------


@pytest.mark.gold
@pytest.mark.parametrize("name,floor", [("tbaq_timebank.jsonl", 0.80), ("tbaq_aquaint.jsonl", 0.78)])
def test_tempeval_value_f1_gate(name, floor):
    from realpolitik.evaluate.tempeval import score_tempeval

    score = score_tempeval(shared_file(f"gold/tempeval3-tbaq/{name}")).metrics()
    assert score["value_f1"] >= floor
    assert score["relaxed_f1"] >= 0.90


def test_eval_tempeval_command_scores_a_gold_file(tmp_path):
    import json

    from typer.testing import CliRunner

    from realpolitik.cli import app
    from realpolitik.cli import timecmd  # noqa: F401 - registers the command

    text = "The envoy left on Monday and stayed for three days."
    gold = {"doc_id": "d1", "dct": "2025-01-17", "text": text, "timexes": [
        {"start": text.index("Monday"), "end": text.index("Monday") + 6, "text": "Monday", "type": "DATE",
         "value": "2025-01-13"},
        {"start": text.index("three"), "end": text.index("three") + 10, "text": "three days", "type": "DURATION",
         "value": "P3D"}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "tempeval", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["n_gold"], data["strict_f1"], data["value_f1"]) == (2, 1.0, 1.0)
    missing = CliRunner().invoke(app, ["eval", "tempeval", str(tmp_path / "none.jsonl")])
    assert missing.exit_code == 2 and "E501" in missing.output


@pytest.mark.parametrize("text", [
    "In the early eighteenth century, Russian forces advanced. Two days before that, talks had failed.",
    "The ministers met at 5 p.m. on Saturday, April 25, and will meet again in the near term.",
    "For decades the two sides quarrelled; at the moment neither expects a deal this spring or next year.",
    "Britain occupied Iran during World War II and the two fell out again in the Soviet era and the Cold War.",
])
def test_find_timexes_windows_change_nothing(text, monkeypatch):
    import realpolitik.time.timexes as T

    dct = dt.date(2024, 5, 1)
    windowed = [(x.start, x.end, x.value) for x in T.find_timexes(text, dct)]
    monkeypatch.setattr(T, "_windows", lambda t, *hint: [(0, len(t))])
    assert windowed == [(x.start, x.end, x.value) for x in T.find_timexes(text, dct)]
    assert windowed


def test_every_named_period_has_a_hint_word():
    """find_timexes looks for named periods only near PERIOD_HINT words: a new row needs one in its name."""
    from importlib import resources

    from realpolitik.time.timexes import PERIOD_HINT

    rows = resources.files("realpolitik").joinpath("data", "time", "periods.tsv").read_text(encoding="utf-8")
    labels = [line.split("\t")[3] for line in rows.splitlines()
              if line.strip() and not line.startswith("#") and not line.startswith("pattern\t")]
    assert labels
    missing = [label for label in labels if not PERIOD_HINT.search(label)]
    assert not missing, f"add a word of these period names to PERIOD_HINT: {missing}"
