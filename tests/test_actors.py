"""Actor mentions, resolution by date, coreference, locations, the CLI and the NGEC gate (trained model)."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from realpolitik.actors import find_locations, find_mentions, resolve_main, resolve_phrase
from shared_paths import shared_file

pytestmark = pytest.mark.slow

D = dt.date.fromisoformat


def _one(text, day=None, context=""):
    return resolve_main(text, day, context)


@pytest.mark.parametrize("text,day,code,sector,kind", [
    ("Iranian President Masoud Pezeshkian", "2025-03-01", "IRN", "GOV", "person"),
    ("Kremlin spokesman Dmitry Peskov", "2024-02-01", "RUS", "GOV", "person"),
    ("Iranian soldiers", None, "IRN", "MIL", "role"),
    ("a Russian delegation", None, "RUS", "GOV", "organ"),
    ("Israel's internal security service", None, "ISR", "SPY", "organ"),
    ("the U.S. military chief", None, "USA", "MIL", "role"),
    ("rebel fighters", None, "UNK", "REB", "role"),
    ("protesters in Tehran", None, "IRN", "OPP", "role"),
    ("police", None, "UNK", "COP", "role"),
    ("cyber criminals", None, "UNK", "CRM", "role"),
    ("Egyptian Foreign Minister Amr Testawy", None, "EGY", "GOV", "person"),
    ("the Pentagon", None, "USA", "MIL", "metonym"),
    ("Hamas fighters", None, "HAMAS", "REB", "role"),
    ("NATO troops", None, "NATO", "MIL", "role"),
    ("a former State Department official", None, "USA", "ELI", "organ"),
    ("Burma", None, "MMR", None, "country"),
    ("the Soviet Union", None, "SUN", None, "country"),
    ("Labour leader Jeremy Testwood", None, "GBR", "PTY", "person"),
    ("an Apple spokesman", None, "USA", "BUS", "role"),
    ("fighters of the Syrian Democratic Forces", None, "SDF", "REB", "role"),
    ("unknown gunmen", None, "UNK", "UAF", "role"),
    ("Abkhazia", None, "GEO", "PRE", "country"),
    ("Reuters", None, "GBR", "JRN", "org"),
    ("an Indian paramedic", None, "IND", "MED", "role"),
    ("Russian state-owned media", None, "RUS", "GOV", "organ"),
    ("the Kachin Independence Army", None, "KIA", "REB", "group"),
    ("a LinkedIn spokeswoman", None, "USA", "BUS", "role"),
])
def test_actors_resolve_phrase(text, day, code, sector, kind):
    actor = _one(text, D(day) if day else None)
    assert (actor.code, actor.sector, actor.kind) == (code, sector, kind)


@pytest.mark.parametrize("text,day,sector,office", [
    ("Ebrahim Raisi", "2022-07-19", "GOV", "president"),
    ("Ebrahim Raisi", "2024-09-01", "ELI", None),
    ("Donald Trump", "2025-01-17", "OPP", "presidential candidate / president-elect"),
    ("Donald Trump", "2025-02-01", "GOV", "president"),
    ("Donald Trump", "2021-03-01", "ELI", None),
    ("Bashar al-Assad", "2025-01-17", "ELI", None),
])
def test_actors_person_by_article_date(text, day, sector, office):
    actor = _one(text, D(day))
    assert actor.kind == "person" and (actor.sector, actor.office) == (sector, office)


@pytest.mark.parametrize("text,day,name", [
    ("the Iranian foreign minister", "2023-01-10", "Hossein Amirabdollahian"),
    ("the Iranian foreign minister", "2025-01-10", "Abbas Araghchi"),
    ("the US secretary of state", "2019-06-01", "Mike Pompeo"),
])
def test_actors_title_resolves_to_holder(text, day, name):
    assert _one(text, D(day)).name == name


def test_actors_context_fills_country():
    assert _one("the defence minister", None, "Colombian").code == "COL"


def _mentions(nlp, text, day):
    doc = nlp(text)
    return doc, find_mentions(doc, D(day))


def test_actors_mentions_do_not_overlap_and_longest_wins(nlp):
    doc, ms = _mentions(nlp, "Iranian President Masoud Pezeshkian met Kremlin spokesman Dmitry Peskov.", "2025-01-17")
    assert [m.text for m in ms] == ["Iranian President Masoud Pezeshkian", "Kremlin spokesman Dmitry Peskov"]
    for a, b in zip(ms, ms[1:]):
        assert a.end <= b.start
    assert all(doc.text[m.start:m.end] == m.text for m in ms)


@pytest.mark.parametrize("text, first, second", [
    ("Amnesty International said police detained forty students.", "Amnesty International", "police"),
    ("A rights group said soldiers fired on the crowd.", "rights group", "soldiers"),
])
def test_actors_a_clause_verb_ends_the_phrase(nlp, text, first, second):
    """The speaker and the actor of what it reports are two mentions, not one "Amnesty said police"."""
    _, ms = _mentions(nlp, text, "2024-01-01")
    texts = [m.text for m in ms]
    assert texts[:2] == [first, second]


def test_actors_surname_title_and_pronoun_coreference(nlp):
    text = ("Russian President Vladimir Putin arrived on Tuesday. The Russian leader said he wanted more trade. "
            "Later Putin thanked Iran for its support.")
    _, ms = _mentions(nlp, text, "2022-07-19")
    by_text = {m.text: m for m in ms}
    assert by_text["Russian leader"].name == "Vladimir Putin"
    he = next(m for m in ms if m.text == "he")
    assert (he.kind, he.name, he.code) == ("pronoun", "Vladimir Putin", "RUS")
    its = next(m for m in ms if m.text == "its")
    assert its.code == "IRN"
    assert by_text["Putin"].sector == "GOV"


def test_actors_unknown_person_surname_follows_full_name(nlp):
    text = "Ukrainian Defence Minister Ivan Testenko met reporters. Testenko said the army was ready."
    _, ms = _mentions(nlp, text, "2023-05-01")
    later = [m for m in ms if m.text == "Testenko"]
    assert later and later[0].code == "UKR" and later[0].sector == "GOV"


@pytest.mark.parametrize("text,place", [
    ("Putin arrived in Tehran on Tuesday.", "Tehran"),
    ("The ministers met in Ankara.", "Ankara"),
])
def test_actors_capital_as_place_is_a_location(nlp, text, place):
    doc = nlp(text)
    ms = find_mentions(doc, None)
    assert place not in [m.text for m in ms]
    locs = find_locations(doc, ms)
    hit = [loc for s, e, loc in locs if doc.text[s:e] == place]
    assert hit and hit[0].lat is not None and hit[0].country


@pytest.mark.parametrize("text,place,code", [
    ("Tehran said it would ship drones to Moscow.", "Tehran", "IRN"),
    ("Pyongyang rejected the offer.", "Pyongyang", "PRK"),
    ("Kyiv accused Moscow of shelling.", "Kyiv", "UKR"),
])
def test_actors_capital_as_subject_is_its_government(nlp, text, place, code):
    _, ms = _mentions(nlp, text, "2024-01-01")
    m = next(m for m in ms if m.text == place)
    assert (m.code, m.sector) == (code, "GOV")


SEED_DATES = {"000": "2022-07-19", "001": "2025-01-17", "004": "2025-12-22"}


@pytest.fixture(scope="module")
def seed_mentions(nlp):
    out = {}
    for key, day in SEED_DATES.items():
        path = next(shared_file("seeds").glob(f"{key}_*.txt"))
        doc = nlp(path.read_text(encoding="utf-8"))
        out[key] = find_mentions(doc, D(day))
    return out


@pytest.mark.parametrize("key,name,sector,office", [
    ("000", "Ebrahim Raisi", "GOV", "president"),
    ("000", "Vladimir Putin", "GOV", "president"),
    ("001", "Masoud Pezeshkian", "GOV", "president"),
    ("001", "Donald Trump", "OPP", "presidential candidate / president-elect"),
    ("004", "Vladimir Putin", "GOV", "president"),
])
def test_actors_seed_leaders_hold_office_on_article_date(seed_mentions, key, name, sector, office):
    people = [m for m in seed_mentions[key] if m.name == name and m.kind == "person"]
    assert people
    assert all((m.sector, m.office) == (sector, office) for m in people)


@pytest.mark.parametrize("key,text,code", [
    ("000", "Tehran", "IRN"), ("000", "The Kremlin", "RUS"), ("001", "Kyiv", "UKR"), ("001", "Moscow", "RUS"),
    ("001", "Pyongyang", "PRK"),
])
def test_actors_seed_metonyms_are_governments(seed_mentions, key, text, code):
    hits = [m for m in seed_mentions[key] if m.text == text]
    assert hits and all((m.code, m.sector) == (code, "GOV") for m in hits)


def test_actors_seed_people_are_not_places_or_orgs(seed_mentions):
    for ms in seed_mentions.values():
        for m in ms:
            if m.kind == "person" and m.code != "UNK":
                assert m.name and m.name[0].isupper()
            if m.kind in ("country", "capital", "metonym"):
                assert m.name not in {"Vladimir Putin", "Donald Trump", "Ebrahim Raisi", "Masoud Pezeshkian"}
        people = {m.text for m in ms if m.kind == "person"}
        assert not people & {"Kyiv", "Tehran", "Moscow", "Kremlin", "Pyongyang", "Iran", "Russia"}


def test_eval_actors_floors():
    from realpolitik.evaluate.actors import evaluate_actors

    score = evaluate_actors(shared_file("gold/actors-ngec/actor_resolution_expectations.jsonl"),
                            today=dt.date(2026, 11, 23))
    # measured 0.933 / 0.777 once the rows and aliases written for single gold cases were removed and undated
    # cases are dated today (issue 11); the earlier floors 0.94 / 0.84 rested on those rows (docs/ACTORS.md)
    assert score.country_accuracy >= 0.92
    assert score.sector_accuracy >= 0.76


def _cli():
    from realpolitik.cli import _register, app

    _register()
    return app


def test_actors_cli_resolve_json():
    res = CliRunner().invoke(_cli(), ["resolve", "Iranian President Ebrahim Raisi", "--date", "2022-07-19",
                                      "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert [(r["country"], r["sector"], r["office"], r["kind"]) for r in rows] == [("IRN", "GOV", "president", "person")]


def test_actors_cli_resolve_bad_date():
    res = CliRunner().invoke(_cli(), ["resolve", "Putin", "--date", "July 2022"])
    assert res.exit_code == 2 and "E209" in res.output


def test_actors_cli_eval_actors_json():
    gold = shared_file("gold/actors-ngec/actor_resolution_expectations.jsonl")
    res = CliRunner().invoke(_cli(), ["eval", "actors", str(gold), "--format", "json", "--today", "2026-11-23"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["country_accuracy"] >= 0.92 and "misses" not in data


@pytest.mark.parametrize("command", [["resolve", "--help"], ["eval", "actors", "--help"]])
def test_actors_cli_help_has_example(command):
    res = CliRunner().invoke(_cli(), command)
    assert res.exit_code == 0 and "Example:" in res.output


def test_actors_cli_resolve_with_user_table(tmp_path):
    from realpolitik.actors import clear_user_rows

    table = tmp_path / "mine.tsv"
    table.write_text("Petra Testlund\tTestlund\tSWE\tforeign minister\tGOV\t2030-01-01\t\n", encoding="utf-8")
    try:
        res = CliRunner().invoke(_cli(), ["resolve", "Testlund", "--date", "2031-02-01", "--actors", str(table),
                                          "--format", "jsonl"])
    finally:
        clear_user_rows()
    assert res.exit_code == 0, res.output
    row = json.loads(res.stdout.splitlines()[0])
    assert (row["name"], row["country"], row["sector"]) == ("Petra Testlund", "SWE", "GOV")


@pytest.mark.parametrize("text", ["It has been hinted that Russia will help.", "It is likely that Iran will refuse."])
def test_actors_expletive_it_is_not_a_mention(nlp, text):
    doc = nlp("Moscow spoke first. " + text)
    assert not [m for m in find_mentions(doc, None) if m.text.lower() == "it"]
