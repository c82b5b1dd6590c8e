"""Actor tables: generated gazetteer is current, tables load, offices resolve by date (no trained model)."""
from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

from realpolitik.actors import import_phoenix, load_user_actors, person_status
from realpolitik.actors.tables import DATA_DIR, case_mode, clear_user_rows, get_tables, normalise_office
from realpolitik.errors import RealpolitikError

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _no_user_rows():
    yield
    clear_user_rows()


def test_gazetteer_generated_table_is_current():
    spec = importlib.util.spec_from_file_location("build_gazetteer", REPO / "scripts" / "build_gazetteer.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert (DATA_DIR / "countries.tsv").read_text(encoding="utf-8") == mod.render(mod.build_rows())


@pytest.mark.parametrize("iso3", ["IRN", "RUS", "USA", "GBR", "UKR", "PRK", "PSE", "VAT", "XKX", "TWN", "SSD"])
def test_gazetteer_covers_states(iso3):
    assert iso3 in get_tables().countries


@pytest.mark.parametrize("phrase,kind,code,sector", [
    (("Iranian",), "demonym", "IRN", None),
    (("u.s.",), "country", "USA", None),
    (("persia",), "country", "IRN", None),
    (("soviet", "union"), "country", "SUN", None),
    (("kremlin",), "metonym", "RUS", "GOV"),
    (("pentagon",), "metonym", "USA", "MIL"),
    (("pyongyang",), "capital", "PRK", "GOV"),
    (("fsb",), "organ", "RUS", "SPY"),
    (("shin", "bet"), "organ", "ISR", "SPY"),
    (("irgc",), "organ", "IRN", "MIL"),
    (("hezbollah",), "group", "HEZBOLLAH", "REB"),
    (("iaea",), "org", "IAEA", "IGO"),
])
def test_gazetteer_lexicon_entries(phrase, kind, code, sector):
    key = tuple(w.lower() for w in phrase)
    entries = [e for _, _, e in get_tables().lexicon[key] if e.kind == kind]
    assert entries, f"{phrase} has no {kind} entry"
    assert (entries[0].country or entries[0].org) == code
    assert entries[0].sector == sector


@pytest.mark.parametrize("alias,mode", [("US", "exact"), ("Turkey", "cap"), ("the Alliance", "cap"),
                                        ("soldiers", "any")])
def test_gazetteer_case_mode(alias, mode):
    assert case_mode(alias) == mode


@pytest.mark.parametrize("name,day,code,sector,office", [
    ("Ebrahim Raisi", "2022-07-19", "IRN", "GOV", "president"),
    ("Ebrahim Raisi", "2024-06-01", "IRN", "ELI", None),
    ("Masoud Pezeshkian", "2025-01-17", "IRN", "GOV", "president"),
    ("Donald Trump", "2019-05-01", "USA", "GOV", "president"),
    ("Donald Trump", "2021-06-01", "USA", "ELI", None),
    ("Donald Trump", "2025-01-17", "USA", "OPP", "presidential candidate / president-elect"),
    ("Donald Trump", "2025-01-20", "USA", "GOV", "president"),
    ("Joe Biden", "2025-01-19", "USA", "GOV", "president"),
    ("Bashar al-Assad", "2024-12-07", "SYR", "GOV", "president"),
    ("Bashar al-Assad", "2024-12-08", "SYR", "ELI", None),
    ("Vladimir Putin", "2010-01-01", "RUS", "GOV", "prime minister"),
    ("Mark Rutte", "2025-03-01", "NATO", "IGO", "secretary general"),
])
def test_gazetteer_person_status_by_date(name, day, code, sector, office):
    status = person_status(name, dt.date.fromisoformat(day))
    assert (status.code, status.sector, status.office) == (code, sector, office)


def test_gazetteer_person_status_undated_is_latest_office():
    assert person_status("Donald Trump", None).sector == "GOV"
    assert person_status("Nobody Atall", None) is None


@pytest.mark.parametrize("office,norm", [("secretary of state", "foreign minister"), ("chancellor", "prime minister"),
                                         ("acting president", "president"),
                                         ("foreign ministry spokesperson", "spokesperson")])
def test_gazetteer_normalise_office(office, norm):
    assert normalise_office(office) == norm


def test_gazetteer_user_table(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("# my people\nname\taliases\tcountry\toffice\tsector\tstart\tend\n"
                    "Zorana Testova\tTestova\tSRB\tmayor of Novi Sad\tGOV\t2020-01-01\t2023-01-01\n", encoding="utf-8")
    rows = load_user_actors(path)
    assert len(rows) == 1
    assert person_status("Zorana Testova", dt.date(2021, 5, 1)).sector == "GOV"
    assert person_status("Zorana Testova", dt.date(2024, 5, 1)).sector == "ELI"
    assert ("testova",) in get_tables().lexicon


@pytest.mark.parametrize("content,line", [("Only Name\n", 1), ("A\tB\tRUS\tpresident\tGOV\t2020-13-01\t\n", 1)])
def test_gazetteer_user_table_errors(tmp_path, content, line):
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RealpolitikError) as err:
        load_user_actors(path)
    assert err.value.line == line and err.value.code.startswith("E20")


def test_gazetteer_import_phoenix(tmp_path):
    path = tmp_path / "agents.txt"
    path.write_text(
        "# a Phoenix dictionary\n"
        "IVAN_TESTOVICH_PETROV_ [RUSELI 520101-991230]\n"
        "+PETROV_TESTOVICH_\n"
        "[RUSGOV 991231-080507]\n"
        "[RUSMIL >120508]\n", encoding="utf-8")
    rows = import_phoenix(path)
    assert [(r.name, r.code, r.sector, r.start, r.end) for r in rows] == [
        ("Ivan Testovich Petrov", "RUS", "ELI", dt.date(1952, 1, 1), dt.date(1999, 12, 30)),
        ("Ivan Testovich Petrov", "RUS", "GOV", dt.date(1999, 12, 31), dt.date(2008, 5, 7)),
        ("Ivan Testovich Petrov", "RUS", "MIL", dt.date(2012, 5, 8), None),
    ]
    assert rows[0].aliases == ("Petrov Testovich",)
    assert person_status("Ivan Testovich Petrov", dt.date(2005, 1, 1)).sector == "GOV"
    assert person_status("Ivan Testovich Petrov", dt.date(2015, 1, 1)).sector == "MIL"


def test_gazetteer_offices_table_dates_are_ordered():
    for name, rows in get_tables().offices.items():
        for r in rows:
            assert r.start is not None, name
            assert r.end is None or r.end > r.start, name
            assert r.code in get_tables().countries or r.code in get_tables().orgs, (name, r.code)


@pytest.fixture(scope="module")
def blank_nlp():
    """The rule-based tokenizer and sentencizer only: the lookup and chaining work without a trained model."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.mark.parametrize("text,day,expected", [
    ("Iranian President Ebrahim Raisi met Russian President Vladimir Putin.", "2022-07-19",
     [("Iranian President Ebrahim Raisi", "IRN", "GOV", "person"),
      ("Russian President Vladimir Putin", "RUS", "GOV", "person")]),
    ("Kremlin spokesman Dmitry Peskov spoke to the IAEA.", "2024-03-01",
     [("Kremlin spokesman Dmitry Peskov", "RUS", "GOV", "person"), ("IAEA", "IAEA", "IGO", "org")]),
    ("Former President Donald Trump said the Pentagon erred.", "2022-01-05",
     [("Former President Donald Trump", "USA", "ELI", "person"), ("the Pentagon", "USA", "MIL", "metonym")]),
])
def test_gazetteer_mentions_without_model(blank_nlp, text, day, expected):
    from realpolitik.actors import find_mentions

    ms = find_mentions(blank_nlp(text), dt.date.fromisoformat(day))
    assert [(m.text, m.code, m.sector, m.kind) for m in ms] == expected
