"""Language identification in ingest: articles not in English are listed as skipped, never coded."""
from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from typer.testing import CliRunner

from realpolitik.ingest import ReadReport, read_paths
from realpolitik.ingest.language import LanguageSettings, detect_language, foreign_language
from realpolitik.records import Article
from shared_paths import shared_file

# our own wording, two or three sentences of news in each language
FOREIGN = {
    "de": "Die Bundesregierung hat am Montag neue Sanktionen gegen Russland beschlossen. Der Außenminister "
          "sagte in Berlin, die Maßnahmen würden mit den europäischen Partnern abgestimmt und sollten noch in "
          "dieser Woche in Kraft treten.",
    "fr": "Le président français a reçu mardi son homologue ukrainien à l'Élysée. Les deux dirigeants ont "
          "signé un accord de coopération militaire et ont appelé la Russie à retirer ses troupes du territoire "
          "ukrainien sans délai.",
    "es": "El gobierno de España anunció el lunes nuevas sanciones contra Venezuela. La ministra de Asuntos "
          "Exteriores explicó en Madrid que las medidas afectan a diez funcionarios acusados de reprimir las "
          "protestas de la oposición.",
}
ENGLISH = [
    "Russia and Iran sign treaty",
    "Putin meets Erdogan in Sochi",
    "Kim Jong Un visits Vladivostok",
    "Araghchi in Moscow",
    "NATO summit opens in Vilnius as Zelensky presses for a membership date",
    "Germany's foreign minister met her French counterpart in Paris on Tuesday. The two governments agreed to "
    "send more air defence systems to Ukraine before the winter, officials in Berlin said.",
    # a dateline list, the kind of noisy page that comes out as another language at low confidence
    "(local sources) -- (Sao Tome and Principe) -- (Sri Lanka) -- (Turkmenistan) -- (Sudan) -- (Syria) -- "
    "(Tongan Islands) -- (Tunisia) -- (Uganda) -- (Ukraine) -- (United Arab Emirates) -- (Uruguay)",
]


@pytest.mark.parametrize("lang,text", sorted(FOREIGN.items()))
def test_language_foreign_article_is_found_with_its_language(lang, text):
    found = foreign_language(text)
    assert found is not None and found[0] == lang and found[1] >= 0.9


@pytest.mark.parametrize("text", ENGLISH)
def test_language_short_or_noisy_english_is_never_skipped(text):
    assert foreign_language(text) is None


@pytest.mark.parametrize("settings", [LanguageSettings(enabled=False), LanguageSettings(keep=("en", "de"))])
def test_language_settings_turn_the_check_off_or_keep_more(settings):
    assert foreign_language(FOREIGN["de"], settings) is None
    assert foreign_language(FOREIGN["fr"], LanguageSettings(keep=("en", "de"))) is not None


@pytest.mark.parametrize("corpus", ["corpora/guardian_sample_249.csv.zip"])
def test_language_no_real_english_article_is_skipped(corpus):
    with zipfile.ZipFile(shared_file(corpus)) as z:
        rows = list(csv.DictReader(io.TextIOWrapper(z.open(z.namelist()[0]), encoding="utf-8")))
    assert len(rows) > 200
    skipped = [(r["text"][:60], foreign_language(r["text"])) for r in rows if foreign_language(r["text"])]
    assert skipped == []
    assert detect_language(rows[0]["text"])[0] == "en"


def _mixed_jsonl(tmp_path):
    lines = [{"text": ENGLISH[5], "published": "2024-03-01"}, {"text": FOREIGN["de"], "published": "2024-03-01"},
             {"text": "Russia accused Turkey. Iran met China.", "published": "2024-03-02"},
             {"text": FOREIGN["fr"]}, {"text": FOREIGN["es"]}, {"text": ENGLISH[0]}]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    return path


def test_language_read_paths_lists_what_it_skips(tmp_path):
    path = _mixed_jsonl(tmp_path)
    report = ReadReport()
    arts = list(read_paths([path], report=report))
    assert all(isinstance(a, Article) for a in arts) and len(arts) == 3
    assert [(s.path, s.line, s.language) for s in report.listed] == [
        (str(path), 2, "de"), (str(path), 4, "fr"), (str(path), 5, "es")]
    assert report.describe() == "3 not English (de 1, es 1, fr 1)"


def test_language_ingest_stores_skips_and_codes_none(tmp_path, fake_pipeline):
    from realpolitik.batch import ingest_paths
    from realpolitik.store import Store

    path, db = _mixed_jsonl(tmp_path), tmp_path / "n.duckdb"
    s = ingest_paths([path], db=db, progress=False)
    assert (s.new, s.failed, s.skipped) == (3, 0, 3)
    assert "skipped 3 not English (de 1, es 1, fr 1)" in s.line()
    again = ingest_paths([path], db=db, progress=False)
    assert (again.new, again.already, again.skipped) == (0, 3, 3)
    with Store(db) as st:
        rows = st.skipped()
        texts = [r[0] for r in st.con.execute("SELECT text FROM articles").fetchall()]
    assert [(r["line"], r["language"], r["reason"]) for r in rows] == [(2, "de", "not English"),
                                                                      (4, "fr", "not English"),
                                                                      (5, "es", "not English")]
    assert all(r["confidence"] >= 0.9 and r["article_id"] for r in rows)
    assert not any(t.startswith(tuple(v[:20] for v in FOREIGN.values())) for t in texts)


def test_language_cli_lists_skips_and_exits_ok(tmp_path, fake_pipeline):
    from realpolitik.cli import _register, app

    _register()
    path = _mixed_jsonl(tmp_path)
    res = CliRunner().invoke(app, ["ingest", str(path), "--db", str(tmp_path / "c.duckdb"), "--no-progress"])
    assert res.exit_code == 0, res.output
    assert f"{path}:2: skipped, not English (de, confidence " in res.output
    assert "3 new articles" in res.output and "skipped 3 not English (de 1, es 1, fr 1)" in res.output
    res = CliRunner().invoke(app, ["code", str(path), "--format", "jsonl"])
    assert res.exit_code == 0 and f"{path}:4: skipped, not English (fr, confidence " in res.output
