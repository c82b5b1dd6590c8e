"""Batch ingest: skip stored articles, isolate failures, record errors, resume.

Tests marked ``slow`` use the real pipeline (``realpolitik.pipeline.code_articles`` with the spaCy model) on
the four tiny articles of ``tests/data/articles``; the others use ``fake_code_articles`` from conftest.py.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from realpolitik.batch import code_chunk, ingest_paths
from realpolitik.errors import RealpolitikError
from realpolitik.records import Article
from realpolitik.store import Store

DATA = Path(__file__).parent / "data" / "articles"


@pytest.fixture
def corpus(tmp_path):
    """The four good articles plus bad files of every kind, in one folder."""
    root = tmp_path / "in"
    shutil.copytree(DATA, root)
    (root / "bad").mkdir()
    (root / "bad" / "blob.txt").write_bytes(b"\x00\x01binary")
    (root / "bad" / "empty.txt").write_bytes(b"")
    (root / "bad" / "latin.txt").write_bytes(b"Caf\xe9 talks.")
    (root / "bad" / "broken.html").write_text("<html><body><div></div>")
    (root / "bad" / "lines.jsonl").write_text("\n".join([
        json.dumps({"text": "Iran urged Turkey to close the border."}),
        "not json",
        json.dumps({"title": "no text"}),
    ]) + "\n")
    return root


def test_batch_stores_good_articles_and_records_each_bad_input(corpus, tmp_path, fake_pipeline):
    db = tmp_path / "b.duckdb"
    s = ingest_paths([corpus], db=db, progress=False)
    assert (s.new, s.already, s.failed) == (5, 0, 6)
    errs = sorted((Path(e.path).name, e.line, e.code) for e in s.errors)
    assert errs == [("blob.txt", None, "E102"), ("broken.html", None, "E106"), ("empty.txt", None, "E103"),
                    ("latin.txt", None, "E104"), ("lines.jsonl", 2, "E107"), ("lines.jsonl", 3, "E108")]
    with Store(db) as st:
        counts = st.counts()
        assert counts["articles"] == 5 and counts["errors"] == 6 and counts["events"] == s.events > 0
        stored = sorted((Path(r["path"]).name, r["line"], r["code"]) for r in st.errors())
        assert stored == errs


def test_batch_rerun_adds_nothing(corpus, tmp_path, fake_pipeline):
    db = tmp_path / "b.duckdb"
    first = ingest_paths([corpus], db=db, progress=False)
    again = ingest_paths([corpus], db=db, progress=False)
    assert (again.new, again.already, again.events) == (0, first.new, 0)
    with Store(db) as st:
        assert st.counts()["articles"] == first.new and st.counts()["events"] == first.events


def test_batch_skips_stored_articles_before_coding(tmp_path, monkeypatch, fake_pipeline):
    db = tmp_path / "b.duckdb"
    ingest_paths([DATA / "treaty.txt"], db=db, progress=False)
    seen = []

    def counting(articles, batch_size=16):
        articles = list(articles)
        seen.extend(a.path for a in articles)
        yield from fake_pipeline(articles, batch_size)

    import realpolitik.pipeline as pipeline
    monkeypatch.setattr(pipeline, "code_articles", counting)
    s = ingest_paths([DATA], db=db, progress=False)
    assert (s.new, s.already) == (3, 1)
    assert str(DATA / "treaty.txt") not in seen


def test_batch_duplicate_texts_in_one_run(tmp_path, fake_pipeline):
    (tmp_path / "a.txt").write_text("Russia met Iran in Tehran.")
    (tmp_path / "b.txt").write_text("Russia  met Iran in Tehran.\n")
    s = ingest_paths([tmp_path], db=tmp_path / "d.duckdb", progress=False)
    assert (s.new, s.already, s.failed) == (1, 1, 0)


@pytest.mark.parametrize("batch_size", [1, 3, 16])
def test_batch_one_failing_article_does_not_stop_the_batch(tmp_path, fake_pipeline, batch_size):
    for i, text in enumerate(["Russia met Iran.", "Iran EXPLODE met Turkey.", "Turkey urged Russia.",
                              "China urged Japan."]):
        (tmp_path / f"{i}.txt").write_text(text)
    s = ingest_paths([tmp_path], db=tmp_path / "d.duckdb", progress=False, batch_size=batch_size)
    assert (s.new, s.failed) == (3, 1)
    (err,) = s.errors
    assert err.code == "E130" and err.path == str(tmp_path / "1.txt") and "RuntimeError: boom" in err.message
    with Store(tmp_path / "d.duckdb") as st:
        assert st.errors()[0]["code"] == "E130"


def test_code_chunk_keeps_order_and_marks_failures(fake_pipeline):
    arts = [Article(text=t, path=f"{i}.txt") for i, t in enumerate(["Russia met Iran.", "EXPLODE", "Iran met Russia."])]
    out = code_chunk(arts)
    assert [getattr(o, "article", None) is a for o, a in zip(out, arts)] == [True, False, True]
    assert out[1].code == "E130" and out[1].path == "1.txt"


@pytest.mark.parametrize("kw,code", [({"published": "01/02/2025"}, "E109"), ({"workers": 0}, "E131")])
def test_batch_bad_arguments_fail_before_creating_the_db(tmp_path, kw, code):
    db = tmp_path / "x.duckdb"
    with pytest.raises(RealpolitikError) as exc:
        ingest_paths([DATA], db=db, progress=False, **kw)
    assert exc.value.code == code and not db.exists()


@pytest.mark.slow
def test_batch_real_pipeline_stores_what_it_codes(tmp_path, real_pipeline):
    arts = [a for a in __import__("realpolitik.ingest", fromlist=["x"]).read_paths([DATA], "2025-02-01")]
    direct = {c.article.article_id: sorted(e.to_dict()["event_id"] for e in c.events)
              for c in real_pipeline(arts, batch_size=4)}
    db = tmp_path / "r.duckdb"
    s = ingest_paths([DATA], db=db, published="2025-02-01", progress=False)
    assert (s.new, s.already, s.failed) == (4, 0, 0)
    with Store(db) as st:
        stored = {}
        for e in st.query_events():
            stored.setdefault(e["article_id"], []).append(e["event_id"])
        assert {k: sorted(v) for k, v in stored.items()} == {k: v for k, v in direct.items() if v}
        assert s.events == sum(len(v) for v in direct.values())


@pytest.mark.slow
def test_batch_two_workers_match_one(tmp_path, real_pipeline):
    one = ingest_paths([DATA], db=tmp_path / "one.duckdb", published="2025-02-01", progress=False)
    two = ingest_paths([DATA], db=tmp_path / "two.duckdb", published="2025-02-01", progress=False, workers=2,
                       batch_size=1)
    assert (two.new, two.failed, two.events) == (one.new, one.failed, one.events) == (4, 0, one.events)
    with Store(tmp_path / "one.duckdb") as a, Store(tmp_path / "two.duckdb") as b:
        assert a.query_events() == b.query_events()


def test_batch_article_the_store_refuses_is_recorded(tmp_path, monkeypatch, fake_pipeline):
    import realpolitik.store as st

    real_row = st._event_row

    def picky(ev, art):
        if "Turkey" in art.text:
            raise ValueError("unstorable")
        return real_row(ev, art)

    monkeypatch.setattr(st, "_event_row", picky)
    s = ingest_paths([DATA], db=tmp_path / "p.duckdb", progress=False)
    assert (s.new, s.failed) == (3, 1)
    (err,) = s.errors
    assert err.code == "E132" and err.path == str(DATA / "visit.html") and "ValueError: unstorable" in err.message
    with Store(tmp_path / "p.duckdb") as store:
        assert store.counts()["articles"] == 3


def test_batch_interrupted_keeps_what_is_stored_and_resumes(tmp_path, monkeypatch, fake_pipeline):
    import realpolitik.pipeline as pipeline

    calls = []

    def interrupted(articles, batch_size=16):
        for art in articles:
            calls.append(art.path)
            if len(calls) == 3:
                raise KeyboardInterrupt
            yield from fake_pipeline([art], batch_size)

    monkeypatch.setattr(pipeline, "code_articles", interrupted)
    db = tmp_path / "k.duckdb"
    s = ingest_paths([DATA], db=db, progress=False, batch_size=1)
    assert s.interrupted and (s.new, s.failed) == (2, 0)
    monkeypatch.setattr(pipeline, "code_articles", fake_pipeline)
    again = ingest_paths([DATA], db=db, progress=False, batch_size=1)
    assert not again.interrupted and (again.new, again.already) == (2, 2)


@pytest.mark.parametrize("line", [
    "[" * 100000 + "]" * 100000,                                  # nesting deeper than Python's recursion limit
    '{"text": "A number too long.", "n": ' + "9" * 5000 + "}",    # past Python's integer-digits limit
    '{"text": "Lone \\ud800 surrogate in the text."}',           # a string UTF-8 cannot encode
])
def test_odd_jsonl_line_is_reported_and_the_batch_goes_on(tmp_path, fake_pipeline, line):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Russia signed a deal with Iran.", encoding="utf-8")
    (folder / "b.jsonl").write_text(line + '\n{"text": "China signed a deal with Japan."}\n', encoding="utf-8")
    (folder / "c.txt").write_text("Turkey urged Russia to talk.", encoding="utf-8")
    db = tmp_path / "x.duckdb"
    summary = ingest_paths([folder], db=str(db), progress=False)
    assert summary.new == 3, [e.message for e in summary.errors]
    assert summary.failed == 1
    err = summary.errors[0]
    assert err.path.endswith("b.jsonl") and err.line == 1


def test_reingest_does_not_repeat_error_rows(tmp_path, fake_pipeline):
    import duckdb

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Russia signed a deal with Iran.", encoding="utf-8")
    (folder / "bad.jsonl").write_text("not json\n", encoding="utf-8")
    db = tmp_path / "x.duckdb"
    ingest_paths([folder], db=str(db), progress=False)
    ingest_paths([folder], db=str(db), progress=False)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM errors").fetchone()[0] == 1
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_unreadable_published_date_is_ignored_not_fatal(tmp_path, fake_pipeline):
    src = tmp_path / "a.jsonl"
    src.write_text('{"text": "A date past year 9999.", "published": "Mon, 17 Jan 99999999999999999999 10:00:00"}\n',
                   encoding="utf-8")
    summary = ingest_paths([src], db=str(tmp_path / "x.duckdb"), progress=False)
    assert summary.new == 1 and summary.failed == 0
